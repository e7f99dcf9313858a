"""Long, often-changing content (the log, the agreement cards): laid out once, drawn with the cached painter (only
what is in view) into an image beside a pygame_gui scroll bar.

pygame_gui's text box lays out its whole text again on every change (a few milliseconds a line), which stalls a
frame each time the log grows during AI play; drawing the visible rows from cached line images costs a
fraction of a millisecond.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.ui import palette
from game.ui.painter import Painter

if TYPE_CHECKING:
    from game.ui.screens.base import Screen

# Line styles: (font size at scale 1, bold, colour, indent at scale 1)
STYLES = {
    "": (15, False, palette.INK, 0),
    "heading": (15, True, palette.INK, 0),
    "why": (14, False, palette.MUTED, 18),
}
MAX_LINES = 1500  # far more than a game's log; a guard for memory only

# A piece of the picture: its top, its height, and how to draw it at a given top.
Piece = tuple[int, int, Callable[[pygame.Surface, int], None]]


class Wrapper:
    """Wraps text to a width, caching each line's rows (the log is wrapped again on every change)."""

    def __init__(self, painter: Painter) -> None:
        self.painter = painter
        self._cache: dict[tuple[str, int, bool, int], list[str]] = {}

    def rows(self, text: str, size: int, bold: bool, width: int) -> list[str]:
        key = (text, size, bold, width)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if len(self._cache) > 20000:
            self._cache.clear()
        font = self.painter.font(size, bold)
        rows, current = [], ""
        for word in text.split(" "):
            attempt = f"{current} {word}" if current else word
            if font.size(attempt)[0] <= width or not current:
                current = attempt
            else:
                rows.append(current)
                current = word
        rows.append(current)
        self._cache[key] = rows
        return rows


class ScrollPicture:
    """A tall picture in ``rect``, scrolled with a pygame_gui scroll bar (and the mouse wheel over it).

    Subclasses lay out pieces in ``layout``; only the pieces in view are drawn, again when the bar moves.
    """

    def __init__(self, screen: Screen, rect: pygame.Rect, bottom: bool = False) -> None:
        app = screen.app
        self.painter = app.painter
        self.px = app.px
        wrapper = getattr(app, "wrapper", None)
        if wrapper is None:
            wrapper = app.wrapper = Wrapper(app.painter)
        self.wrapper: Wrapper = wrapper
        self.bottom = bottom
        self.manager = screen.manager
        self.container = pygame_gui.elements.UIPanel(rect, manager=screen.manager, object_id="#text_panel")
        inner = self.container.get_container().get_rect()
        self.view = pygame.Rect(0, 0, inner.width - self.px(20), inner.height)
        self.pieces, self.total, texts = self.layout(self.view.width)
        self.image = pygame_gui.elements.UIImage(self.view, self._surface(0), screen.manager,
                                                 image_is_alpha_premultiplied=True, container=self.container)  # fmt: skip
        self.image.parley_text = "\n".join(texts)  # what tests read as drawn
        self.bar: pygame_gui.elements.UIVerticalScrollBar | None = None
        self.offset = 0
        if self.total > self.view.height:
            self._add_bar()
            if bottom:
                self.bar.set_scroll_from_start_percentage(1.0)  # type: ignore[union-attr]
            self.scrolled(force=True)

    def _add_bar(self) -> None:
        inner = self.container.get_container().get_rect()
        width = inner.width - self.view.width
        self.bar = pygame_gui.elements.UIVerticalScrollBar(
            pygame.Rect(inner.width - width, 0, width, inner.height), self.view.height / self.total, self.manager,
            container=self.container,
        )  # fmt: skip
        self.bar.set_container_to_check_hover_for_mousewheel_events(self.container.get_container())

    def relayout(self, laid_out: bool = False) -> None:
        """Lay the content out again in the same panel (new lines in a log): much cheaper than a new panel, whose
        widgets pygame_gui builds from the theme. A panel scrolled to its end stays at the end. ``laid_out``: the
        pieces are already up to date (lines were added at the end)."""
        bar = self.bar
        at_end = bar is None or bar.start_percentage + bar.visible_percentage >= 0.999
        if laid_out:
            texts = self.texts()
        else:
            self.pieces, self.total, texts = self.layout(self.view.width)
        self.image.parley_text = "\n".join(texts)
        if self.total <= self.view.height:
            if bar is not None:
                bar.kill()
                self.bar = None
            self.offset = 0
            self.image.set_image(self._surface(0), image_is_alpha_premultiplied=True)
            return
        if bar is None:
            self._add_bar()
        else:
            bar.set_visible_percentage(self.view.height / self.total)
        if self.bottom and at_end:
            self.bar.set_scroll_from_start_percentage(1.0)  # type: ignore[union-attr]
        self.scrolled(force=True)

    def layout(self, width: int) -> tuple[list[Piece], int, list[str]]:
        """The pieces (top, height, draw), the total height, and the texts shown."""
        raise NotImplementedError

    def texts(self) -> list[str]:
        """The texts shown (what tests read as drawn)."""
        raise NotImplementedError

    @property
    def ui_manager(self) -> pygame_gui.UIManager:
        return self.container.ui_manager

    def alive(self) -> bool:
        return self.container.alive()

    def kill(self) -> None:
        self.container.kill()

    def _surface(self, offset: int) -> pygame.Surface:
        # Already in the GUI's pixel format and opaque (so "premultiplied"): pygame_gui only copies it.
        surface = pygame.Surface(self.view.size, pygame.SRCALPHA)
        surface.fill((*palette.PANEL, 255))
        bottom = offset + self.view.height
        for top, height, draw in self.pieces:
            if top + height < offset:
                continue
            if top > bottom:
                break
            draw(surface, top - offset)
        return surface

    def scrolled(self, force: bool = False) -> None:
        """Draw what is in view again if the scroll bar moved (call once a frame)."""
        if self.bar is None or not (force or self.bar.check_has_moved_recently()):
            return
        offset = round(self.bar.start_percentage * self.total)
        if offset != self.offset or force:
            self.offset = offset
            self.image.set_image(self._surface(offset), image_is_alpha_premultiplied=True)

    def _text(self, text: str, size: int, colour: tuple[int, int, int], bold: bool, x: int) -> Callable:
        # Rendered when drawn, so only the rows in view are (the painter keeps what it rendered).
        render = self.painter.render
        return lambda surface, y: surface.blit(render(text, size, colour, bold), (x, y))


class TextPanel(ScrollPicture):
    """Lines of (text, style), wrapped; scrolled to the end by default (a log)."""

    def __init__(self, screen: Screen, rect: pygame.Rect, lines: Sequence[tuple[str, str]], bottom: bool = True):
        self.lines = list(lines)[-MAX_LINES:]
        self._end = 0  # where the next line would go
        super().__init__(screen, rect, bottom)

    def set_lines(self, lines: Sequence[tuple[str, str]]) -> None:
        """Show these lines instead, laid out in place; lines added at the end of a log are laid out alone."""
        lines = list(lines)[-MAX_LINES:]
        old = len(self.lines)
        if lines == self.lines:
            return
        if len(lines) > old and lines[:old] == self.lines:
            self.lines = lines
            self._end = self._lay(lines[old:], self._end, self.pieces, self.view.width)
            self.total = self._end + self.px(8)
            self.relayout(laid_out=True)
            return
        self.lines = lines
        self.relayout()

    def layout(self, width: int) -> tuple[list[Piece], int, list[str]]:
        pieces: list[Piece] = []
        self._end = self._lay(self.lines, self.px(8), pieces, width)
        return pieces, self._end + self.px(8), [text for text, _ in self.lines]

    def texts(self) -> list[str]:
        return [text for text, _ in self.lines]

    def _lay(self, lines: Sequence[tuple[str, str]], y: int, pieces: list[Piece], width: int) -> int:
        """Add the pieces of ``lines`` from ``y``; returns where the next line would go."""
        px, pad = self.px, self.px(8)
        styles = {}
        for style, (size, bold, colour, indent) in STYLES.items():
            size = px(size)
            styles[style] = (size, bold, colour, px(indent), self.painter.font(size, bold).get_linesize())
        for text, style in lines:
            size, bold, colour, indent, height = styles.get(style, styles[""])
            if style == "heading" and pieces:
                y += px(8)
            for row in self.wrapper.rows(text, size, bold, width - 2 * pad - indent):
                if row:
                    pieces.append((y, height, self._text(row, size, colour, bold, pad + indent)))
                y += height
        return y


class CardPanel(ScrollPicture):
    """Cards under headings: each card a title, a status badge (a word, not only a colour) and lines of text."""

    def __init__(self, screen: Screen, rect: pygame.Rect, groups: Sequence[tuple[str, Sequence[dict[str, Any]]]]):
        """``groups``: (heading, cards); a card is {"title", "tag", "status", "colour", "lines", "alert"} (the tag,
        an id, is for searching: show it in the title)."""
        self.groups = groups
        super().__init__(screen, rect, bottom=False)

    def layout(self, width: int) -> tuple[list[Piece], int, list[str]]:
        px, pad = self.px, self.px(8)
        pieces: list[Piece] = []
        texts: list[str] = []
        y = pad
        title_size, line_size, badge_size = px(16), px(14), px(12)
        for heading, cards in self.groups:
            if not cards:
                continue
            texts.append(heading)
            pieces.append((y, px(24), self._text(heading, px(15), palette.MUTED, True, pad)))
            y += px(28)
            for card in cards:
                top = y
                inner = width - 2 * pad - px(24)
                badge = self.painter.render(card["status"], badge_size, palette.readable_on(card["colour"]), True)
                title_rows = self.wrapper.rows(card["title"], title_size, True, inner - badge.get_width() - px(16))
                rows = [(r, title_size, True, palette.INK) for r in title_rows]
                for line in card["lines"]:
                    alert = line in card.get("alert", ())
                    rows += [(r, line_size, alert, palette.ORANGE if alert else palette.INK)
                             for r in self.wrapper.rows(line, line_size, alert, inner)]  # fmt: skip
                height = px(16) + sum(self.painter.font(size, bold).get_linesize() for _, size, bold, _ in rows)
                pieces.append((top, height, self._card(card, rows, badge, width - 2 * pad, height)))
                texts += [card["title"], card["status"], card["tag"], *card["lines"]]
                y += height + px(8)
            y += px(6)
        if not texts:
            texts.append("No agreements yet.")
            pieces.append((y, px(24), self._text("No agreements yet.", px(15), palette.MUTED, False, pad)))
            y += px(24)
        return pieces, y + pad, texts

    def _card(self, card: dict[str, Any], rows: list, badge: pygame.Surface, width: int, height: int) -> Callable:
        px, pad, painter = self.px, self.px(8), self.painter

        def draw(surface: pygame.Surface, y: int) -> None:
            box = pygame.Rect(pad, y, width, height)
            pygame.draw.rect(surface, palette.BOARD, box, border_radius=px(8))
            pygame.draw.rect(surface, card["colour"], box, px(2), border_radius=px(8))
            strip = pygame.Rect(box.x, box.y, px(8), box.height)
            pygame.draw.rect(surface, card["colour"], strip, border_top_left_radius=px(8),
                             border_bottom_left_radius=px(8))  # fmt: skip
            plate = badge.get_rect(topright=(box.right - px(10), box.y + px(9))).inflate(px(12), px(4))
            pygame.draw.rect(surface, card["colour"], plate, border_radius=px(4))
            surface.blit(badge, badge.get_rect(center=plate.center))
            ty = box.y + px(8)
            for text, size, bold, colour in rows:
                if text:
                    surface.blit(painter.render(text, size, colour, bold), (box.x + px(18), ty))
                ty += painter.font(size, bold).get_linesize()

        return draw


def text_panel(screen: Screen, rect: pygame.Rect, lines: Sequence[tuple[str, str]], bottom: bool = True) -> TextPanel:
    return TextPanel(screen, rect, lines, bottom)
