"""Tension and trust over a game, drawn with pygame onto cached surfaces; only the step marker moves per frame.

Lines are told apart by a label at their end (name and value), not by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pygame

from game.ui import palette
from game.ui.describe import possessive
from game.ui.painter import Painter

DASHES = (0, 8, 4, 14, 2, 10, 6)  # per line: 0 is solid; otherwise the dash length at scale 1


class Chart:
    """A chart over steps 0..n; ``surface`` is drawn once, ``x_of(step)`` places the marker."""

    def __init__(self, rect: pygame.Rect, steps: int, painter: Painter, scale: float, title: str) -> None:
        self.rect = rect
        self.steps = max(1, steps)
        self.painter = painter
        self.scale = scale
        self.surface = pygame.Surface(rect.size)
        self.title = title
        px = self.px
        self.plot = pygame.Rect(px(44), px(30), rect.width - px(44) - px(160), rect.height - px(30) - px(24))

    def px(self, v: float) -> int:
        return max(1, round(v * self.scale))

    def x_of(self, step: float) -> int:
        return self.plot.x + round(self.plot.width * step / self.steps)

    def y_of(self, value: float, low: float, high: float) -> int:
        return self.plot.bottom - round(self.plot.height * (value - low) / (high - low))

    def frame(self, low: float, high: float, ticks: Sequence[float], fmt: str, rounds: list[tuple[int, int]]) -> None:
        s, px = self.surface, self.px
        s.fill(palette.BOARD)
        self.painter.text(s, self.title, (px(8), px(4)), px(14), palette.INK, True)
        for t in ticks:
            y = self.y_of(t, low, high)
            pygame.draw.line(s, palette.GRID, (self.plot.x, y), (self.plot.right, y))
            self.painter.text(s, fmt.format(t), (self.plot.x - px(4), y), px(11), palette.MUTED, anchor="midright")
        last = -(10**9)
        for step, round_ in rounds:  # a tick where each round begins
            x = self.x_of(step)
            pygame.draw.line(s, palette.GRID, (x, self.plot.bottom), (x, self.plot.bottom + px(4)))
            if x - last > px(22):
                self.painter.text(s, f"R{round_}", (x, self.plot.bottom + px(5)), px(11), palette.MUTED,
                                  anchor="midtop")  # fmt: skip
                last = x
        pygame.draw.rect(s, palette.GRID, self.plot, 1)

    def series(self, values: Sequence[float], low: float, high: float, colour: tuple[int, int, int], width: int,
               dash: int = 0) -> None:  # fmt: skip
        if not values:
            return
        n = len(values)
        stride = max(1, n // max(1, self.plot.width))  # at most about one point per pixel
        points = [(self.x_of(k), self.y_of(values[k], low, high)) for k in range(0, n, stride)]
        points.append((self.x_of(n - 1), self.y_of(values[-1], low, high)))
        if dash:
            for a, b in zip(points, points[1:], strict=False):
                if (a[0] // self.px(dash)) % 2 == 0:
                    pygame.draw.line(self.surface, colour, a, b, width)
        elif len(points) > 1:
            pygame.draw.lines(self.surface, colour, False, points, width)

    def end_label(self, text: str, value: float, low: float, high: float, colour: tuple[int, int, int],
                  taken: list[int]) -> None:  # fmt: skip
        """A label right of the plot at the line's last value, nudged so labels do not overlap."""
        y = self.y_of(value, low, high)
        step = self.px(14)
        while any(abs(y - t) < step for t in taken):
            y += step
        taken.append(y)
        pygame.draw.line(self.surface, colour, (self.plot.right + self.px(4), y), (self.plot.right + self.px(14), y),
                         self.px(3))  # fmt: skip
        self.painter.text(self.surface, text, (self.plot.right + self.px(18), y), self.px(11), palette.INK,
                          anchor="midleft", max_width=self.px(140))  # fmt: skip

    def blit(self, target: pygame.Surface, step: int, label: str) -> None:
        target.blit(self.surface, self.rect)
        x = self.rect.x + self.x_of(step)
        top, bottom = self.rect.y + self.plot.y, self.rect.y + self.plot.bottom
        pygame.draw.line(target, palette.INK, (x, top), (x, bottom), self.px(2))
        # The step's label sits inside the plot, on whichever side of the marker has room.
        rendered = self.painter.render(label, self.px(11), palette.INK, True)
        right = x + self.px(4) + rendered.get_width() < self.rect.x + self.plot.right
        plate = rendered.get_rect(**{"topleft" if right else "topright": (x + (self.px(4) if right else -self.px(4)),
                                                                          top + self.px(2))})  # fmt: skip
        pygame.draw.rect(target, palette.BACKGROUND, plate.inflate(self.px(4), 0))
        self.painter.text(target, label, plate.topleft, self.px(11), palette.INK, True)


def tension_chart(rect: pygame.Rect, samples: Sequence[Any], rungs: Sequence[Any], painter: Painter,
                  scale: float) -> Chart:  # fmt: skip
    chart = Chart(rect, len(samples) - 1, painter, scale, "Tension (rungs shaded, names at right)")
    chart.frame(0, 100, (0, 25, 50, 75, 100), "{:.0f}", _round_starts(samples))
    s = chart.surface
    for k, rung in enumerate(rungs):
        top = rungs[k + 1].at if k + 1 < len(rungs) else 100.0
        band = pygame.Rect(chart.plot.x + 1, chart.y_of(top, 0, 100), chart.plot.width - 2,
                           chart.y_of(rung.at, 0, 100) - chart.y_of(top, 0, 100))  # fmt: skip
        shade = palette.rung_shade(k, len(rungs))
        tinted = pygame.Surface(band.size, pygame.SRCALPHA)
        tinted.fill((*shade, 70))
        s.blit(tinted, band)
        painter.text(s, rung.name, (chart.plot.right + chart.px(6), band.centery), chart.px(11), palette.MUTED,
                     anchor="midleft", max_width=chart.px(140))  # fmt: skip
    chart.series([x.tension for x in samples], 0, 100, palette.ORANGE, chart.px(3))
    return chart


def trust_chart(rect: pygame.Rect, samples: Sequence[Any], actors: Sequence[Any], seat: str | None,
                painter: Painter, scale: float) -> Chart:  # fmt: skip
    """A seat's trust in each other actor over time, or (no seat) the trust each actor holds from the others."""
    ids = [a.id for a in actors]
    if seat in ids:
        me = ids.index(seat)
        title = f"{possessive(actors[me].name)} trust in each delegation"
        lines = [(a, [x.trust[me][j] for x in samples]) for j, a in enumerate(actors) if j != me]
    else:
        title = "Trust each delegation holds (mean of the others' trust in it)"
        n = len(ids)
        lines = [(a, [sum(x.trust[i][j] for i in range(n) if i != j) / (n - 1) for x in samples])
                 for j, a in enumerate(actors)]  # fmt: skip
    chart = Chart(rect, len(samples) - 1, painter, scale, title)
    chart.frame(0, 1, (0, 0.25, 0.5, 0.75, 1), "{:.0%}", _round_starts(samples))
    taken: list[int] = []
    for k, (actor, values) in enumerate(lines):
        colour = palette.hex_colour(actor.colour)
        chart.series(values, 0, 1, colour, chart.px(2), DASHES[k % len(DASHES)])
    for actor, values in sorted(lines, key=lambda item: -item[1][-1]):
        chart.end_label(f"{values[-1]:.0%} {actor.name}", values[-1], 0, 1, palette.hex_colour(actor.colour), taken)
    return chart


def _round_starts(samples: Sequence[Any]) -> list[tuple[int, int]]:
    out, seen = [], set()
    for k, x in enumerate(samples):
        if x.round not in seen:
            seen.add(x.round)
            out.append((k, x.round))
    return out
