"""The table drawn with pygame: delegations round the table, trust lines, and the escalation ladder.

Trust is never colour alone: each line's width and dash say the band (high, some, low) and its number is
written on it. The ladder names every rung and marks tension with a pointer and its value.
"""

from __future__ import annotations

import math
from typing import Any

import pygame

from game.ui import palette
from game.ui.describe import controller_label, percent
from game.ui.painter import Painter, dashed_line

Point = tuple[float, float]


def seat_positions(rect: pygame.Rect, count: int) -> list[Point]:
    """Places round an ellipse, the first at the top, clockwise."""
    cx, cy = rect.center
    rx, ry = rect.width * (0.36 if count <= 5 else 0.38), rect.height * (0.34 if count <= 5 else 0.37)
    return [
        (cx + rx * math.sin(2 * math.pi * k / count), cy - ry * math.cos(2 * math.pi * k / count)) for k in range(count)
    ]


def _scaler(scale: float):  # noqa: ANN202 - a length function
    """Lengths written for scale 1, in pixels at ``scale``."""
    return lambda value: max(1, round(value * scale))


def _stroke_line(surface: pygame.Surface, start: Point, end: Point, trust: float, scale: float) -> None:
    stroke = palette.trust_stroke(trust)
    width = max(1, round(stroke.width * scale))
    if stroke.dashed:
        dashed_line(surface, stroke.colour, start, end, width, max(4, round(10 * scale)))
    else:
        pygame.draw.line(surface, stroke.colour, start, end, width)


def _tag(surface: pygame.Surface, painter: Painter, text: str, at: Point, size: int, scale: float) -> None:
    """A number on a small dark plate so it reads over any line."""
    rendered = painter.render(text, size, palette.INK, True)
    plate = rendered.get_rect(center=(round(at[0]), round(at[1]))).inflate(round(8 * scale), round(2 * scale))
    pygame.draw.rect(surface, palette.BACKGROUND, plate, border_radius=round(4 * scale))
    pygame.draw.rect(surface, palette.GRID, plate, 1, border_radius=round(4 * scale))
    painter.text(surface, text, at, size, palette.INK, True, anchor="center")


def _beside(start: Point, end: Point, half: tuple[float, float], gap: float) -> Point:
    """The point on the line from ``start`` to ``end`` just past the edge of the card centred on ``start``."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    edge = min(half[0] / abs(ux) if ux else math.inf, half[1] / abs(uy) if uy else math.inf)
    if edge + gap < length / 2 - gap:
        return start[0] + ux * (edge + gap), start[1] + uy * (edge + gap)
    # Too short for two tags in a row: both sit at the middle, each on its own side of the line.
    return start[0] + ux * length / 2 - uy * gap * 0.6, start[1] + uy * length / 2 + ux * gap * 0.6


def name_rows(painter: Painter, name: str, width: int, size: int, smallest: int) -> tuple[list[str], int]:
    """``name`` in one line if it fits, else in two (at a smaller size if need be); ends with … only if even two
    lines of the smallest size are too short. Returns the rows and their (bold) size."""
    if painter.font(size, True).size(name)[0] <= width:
        return [name], size
    words = name.split()
    for s in range(size, smallest - 1, -1):
        font = painter.font(s, True)
        for k in range(len(words) - 1, 0, -1):  # the longest first line that fits, the rest on the second
            first, second = " ".join(words[:k]), " ".join(words[k:])
            if font.size(first)[0] <= width:
                if font.size(second)[0] <= width:
                    return [first, second], s
                break
    if len(words) < 2:
        return [painter.fit(name, smallest, width, True)], smallest
    return [
        painter.fit(words[0], smallest, width, True),
        painter.fit(" ".join(words[1:]), smallest, width, True),
    ], smallest


def draw_table(
    surface: pygame.Surface, rect: pygame.Rect, view: dict[str, Any], painter: Painter, scale: float
) -> dict[str, pygame.Rect]:
    """Draw the delegations and trust as ``view['seat']`` sees it; returns each actor's card rectangle."""
    px = _scaler(scale)
    pygame.draw.rect(surface, palette.BOARD, rect, border_radius=px(10))
    table = rect.inflate(-rect.width * 0.42, -rect.height * 0.46)
    pygame.draw.ellipse(surface, (32, 48, 66), table)
    pygame.draw.ellipse(surface, palette.GRID, table, px(2))
    actors = view["actors"]
    seat = view["seat"]
    ids = [a["id"] for a in actors]
    spots = seat_positions(rect, len(actors))
    where = dict(zip(ids, spots, strict=True))
    small = px(14)
    # Cards narrow as the table fills up so neighbours do not overlap.
    card_w = min(px(200), rect.width // 3, int(rect.width * 0.68 * math.sin(math.pi / max(3, len(actors)))))
    # A long name takes two lines (smaller if need be) rather than being cut: whole names, … only as a last resort.
    names = {a["id"]: name_rows(painter, a["name"], card_w - px(16), px(15), px(12)) for a in actors}
    name_line = max(size for _, size in names.values()) + px(3)
    extra = max(0, max(len(rows) for rows, _ in names.values()) * name_line - px(24))
    card_h = px(78) + extra
    if seat in where:
        me = next(a for a in actors if a["id"] == seat)
        for other, value in me.get("trust", {}).items():
            _stroke_line(surface, where[seat], where[other], value, scale)
        for other, value in me.get("trust", {}).items():
            (x0, y0), (x1, y1) = where[seat], where[other]
            _tag(surface, painter, percent(value), (x0 + (x1 - x0) * 0.58, y0 + (y1 - y0) * 0.58), small, scale)
    elif "trust" in view:  # the facilitator and the debrief: both directions of every pair
        matrix = view["trust"]
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                (x0, y0), (x1, y1) = where[a], where[b]
                mid = ((x0 + x1) / 2, (y0 + y1) / 2)
                _stroke_line(surface, where[a], mid, matrix[a][b], scale)
                _stroke_line(surface, mid, where[b], matrix[b][a], scale)
        half = (card_w / 2, card_h / 2)  # tags go just outside the cards
        # With many delegations, numbers for every pair would bury the board: only the pairs of the one to move.
        focus = view["to_move"] if len(ids) > 5 else None
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if focus is not None and focus not in (a, b):
                    continue
                _tag(surface, painter, percent(matrix[a][b]), _beside(where[a], where[b], half, px(22)), px(12), scale)
                _tag(surface, painter, percent(matrix[b][a]), _beside(where[b], where[a], half, px(22)), px(12), scale)

    cards: dict[str, pygame.Rect] = {}
    controllers = view.get("seats", {})
    for a, (x, y) in zip(actors, spots, strict=True):
        card = pygame.Rect(0, 0, card_w, card_h)
        card.center = (round(x), round(y))
        card.clamp_ip(rect.inflate(-px(8), -px(8)))
        colour = palette.hex_colour(a["colour"])
        pygame.draw.rect(surface, colour, card, border_radius=px(8))
        ink = palette.readable_on(colour)
        is_me, to_move = a["id"] == seat, a["id"] == view["to_move"]
        if to_move:
            pygame.draw.rect(surface, palette.ORANGE, card.inflate(px(10), px(10)), px(4), border_radius=px(11))
        if is_me:
            pygame.draw.rect(surface, palette.INK, card.inflate(px(4), px(4)), px(3), border_radius=px(9))
        rows, size = names[a["id"]]
        for k, row in enumerate(rows):
            painter.text(surface, row, (card.x + px(8), card.y + px(5) + k * name_line), size, ink, True,
                         max_width=card_w - px(16))  # fmt: skip
        detail = f"posture {a['posture']}/5"
        if "capital" in a:
            detail += f" · capital {a['capital']:g}"
        controller = controllers.get(a["id"])
        if controller:
            painter.text(surface, controller_label(controller), (card.x + px(8), card.y + px(29) + extra), px(13), ink,
                         max_width=card_w - px(16))  # fmt: skip
        painter.text(surface, detail, (card.x + px(8), card.y + px(51) + extra), px(13), ink, max_width=card_w - px(16))
        badge = "YOU" if is_me else ("TO MOVE" if to_move else "")
        if is_me and to_move:
            badge = "YOU · TO MOVE"
        if badge:
            rendered = painter.render(badge, px(13), palette.ORANGE if to_move else palette.INK, True)
            plate = rendered.get_rect(midtop=(card.centerx, card.bottom + px(6))).inflate(px(10), px(2))
            pygame.draw.rect(surface, palette.BACKGROUND, plate, border_radius=px(4))
            painter.text(surface, badge, plate.center, px(13), palette.ORANGE if to_move else palette.INK, True,
                         anchor="center")  # fmt: skip
        cards[a["id"]] = card
    if seat in where or "trust" in view:  # the public view shows no trust: no key for lines that are not there
        _legend(surface, rect, painter, scale, seat in where, many=len(ids) > 5)
    return cards


def _legend(
    surface: pygame.Surface, rect: pygame.Rect, painter: Painter, scale: float, one_seat: bool, many: bool = False
) -> None:
    px = _scaler(scale)
    x, y = rect.x + px(12), rect.bottom - px(26)
    title = "Your trust in them:" if one_seat else "Trust (number nearer the one who trusts):"
    if many and not one_seat:
        title = "Trust (numbers for the one to move):"
    if painter.font(px(13)).size(title)[0] + px(330) < rect.width:  # the keys matter more than the title
        x = painter.text(surface, title, (x, y), px(13), palette.MUTED).right + px(10)
    for value, word in ((0.8, "high 65%+"), (0.5, "some"), (0.2, "low <35%")):
        _stroke_line(surface, (x, y + px(9)), (x + px(36), y + px(9)), value, scale)
        x = painter.text(surface, word, (x + px(42), y), px(13), palette.MUTED).right + px(16)


def draw_ladder(
    surface: pygame.Surface, rect: pygame.Rect, rungs: list[dict[str, Any]], tension: float, painter: Painter,
    scale: float,
) -> None:  # fmt: skip
    """The escalation ladder bottom to top, each rung's height its share of 0-100, tension marked by a pointer."""
    px = _scaler(scale)
    pygame.draw.rect(surface, palette.BOARD, rect, border_radius=px(10))
    painter.text(surface, "Tension", (rect.centerx, rect.y + px(8)), px(15), palette.INK, True, anchor="midtop")
    painter.text(surface, f"{tension:.1f} / 100", (rect.centerx, rect.y + px(30)), px(15), palette.INK, True,
                 anchor="midtop")  # fmt: skip
    bar = pygame.Rect(rect.x + px(10), rect.y + px(60), rect.width - px(20), rect.height - px(70))
    current = max((k for k, r in enumerate(rungs) if tension >= r["at"]), default=0)

    def y_of(value: float) -> int:
        return round(bar.bottom - bar.height * max(0.0, min(100.0, value)) / 100)

    for k, rung in enumerate(rungs):
        top = rungs[k + 1]["at"] if k + 1 < len(rungs) else 100.0
        box = pygame.Rect(bar.x, y_of(top), bar.width - px(16), y_of(rung["at"]) - y_of(top))
        shade = palette.rung_shade(k, len(rungs))
        pygame.draw.rect(surface, shade, box)
        pygame.draw.rect(surface, palette.INK if k == current else palette.GRID, box, px(3) if k == current else 1)
        ink = palette.readable_on(shade)
        name = rung["name"]
        size = px(14) if box.height >= px(20) else px(11)
        if painter.font(size, k == current).size(name)[0] > box.width - px(8):
            size = px(12)
        painter.text(surface, name, (box.x + px(6), box.centery), size, ink, k == current, anchor="midleft",
                     max_width=box.width - px(8))  # fmt: skip
    y = y_of(tension)
    tip = (bar.right - px(14), y)
    pygame.draw.polygon(surface, palette.INK, [tip, (bar.right, y - px(8)), (bar.right, y + px(8))])
    pygame.draw.line(surface, palette.INK, (bar.right - px(40), y), tip, px(3))
