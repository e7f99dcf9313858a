"""Text and shapes drawn straight with pygame (the board, the ladder, the charts), with a record of the text drawn.

The record is what the tests read to check what a player could see on a frame, for example that no private
briefing is on the hand-over screen.
"""

from __future__ import annotations

import math

import pygame

from game.ui.assets import font_path

Colour = tuple[int, int, int]


class Painter:
    """Fonts and rendered strings cached by size and colour; ``drawn`` lists the strings of the current frame."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._surfaces: dict[tuple[str, int, bool, Colour], pygame.Surface] = {}
        self.drawn: list[str] = []

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (max(6, size), bold)
        font = self._fonts.get(key)
        if font is None:
            font = self._fonts[key] = pygame.font.Font(str(font_path("Bold" if bold else "Regular")), key[0])
        return font

    def render(self, text: str, size: int, colour: Colour, bold: bool = False) -> pygame.Surface:
        key = (text, size, bold, colour)
        surface = self._surfaces.get(key)
        if surface is None:
            if len(self._surfaces) > 4000:  # a long game renders many numbers once; keep the cache bounded
                self._surfaces.clear()
            surface = self._surfaces[key] = self.font(size, bold).render(text, True, colour)
        return surface

    def text(
        self,
        target: pygame.Surface,
        text: str,
        pos: tuple[float, float],
        size: int,
        colour: Colour,
        bold: bool = False,
        anchor: str = "topleft",
        max_width: int | None = None,
    ) -> pygame.Rect:
        """Draw ``text`` with its ``anchor`` (a pygame.Rect attribute) at ``pos``, shortened with … to fit."""
        if max_width is not None:
            text = self.fit(text, size, max_width, bold)
        surface = self.render(text, size, colour, bold)
        rect = surface.get_rect(**{anchor: (round(pos[0]), round(pos[1]))})
        target.blit(surface, rect)
        self.drawn.append(text)
        return rect

    def fit(self, text: str, size: int, width: int, bold: bool = False) -> str:
        font = self.font(size, bold)
        if font.size(text)[0] <= width:
            return text
        while text and font.size(text + "…")[0] > width:
            text = text[:-1]
        return text + "…"

    def begin_frame(self) -> None:
        self.drawn.clear()


def dashed_line(
    surface: pygame.Surface, colour: Colour, start: tuple[float, float], end: tuple[float, float], width: int, dash: int
) -> None:
    """A dashed line: dashes and gaps of ``dash`` pixels."""
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    if length < 1:
        return
    dx, dy = (x1 - x0) / length, (y1 - y0) / length
    pos = 0.0
    while pos < length:
        stop = min(pos + dash, length)
        pygame.draw.line(surface, colour, (x0 + dx * pos, y0 + dy * pos), (x0 + dx * stop, y0 + dy * stop), width)
        pos += dash * 2
