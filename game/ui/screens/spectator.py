"""The projector's view of a hosted game: public information only, in type large enough for the back of a room.

It draws only the view the server sends to spectators (no seat's secrets, no private notice) and has no controls:
nothing on it can change the game.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.ui import board, palette
from game.ui.describe import ENDINGS, Names, phase_title
from game.ui.remote import RemoteMatch
from game.ui.screens.base import Screen
from game.ui.screens.console import ladder_rungs
from game.ui.textpanel import Wrapper

if TYPE_CHECKING:
    from game.ui.app import App

LARGE = 1.35  # type this much larger than on a player's table
BOARD = 1.15  # and the board's cards (they narrow as the table fills up: long names would be cut)
IN_FORCE_ROWS = 4


class SpectatorScreen(Screen):
    title = "Spectators"

    def __init__(self, app: App, match: RemoteMatch) -> None:
        super().__init__(app)
        self.match = match
        self.remote = match.remote
        self.view: dict[str, Any] = {}
        self._refresh()

    def _refresh(self) -> None:
        self.view = self.match.session.view(None)
        self.names = Names(self.view)

    def big(self, value: float) -> int:
        return self.px(value * LARGE)

    def geometry(self) -> dict[str, pygame.Rect]:
        w, h = self.app.size
        px, big = self.px, self.big
        m, top = px(14), big(96)
        left_w = int(w * 0.6)
        area_h = h - top - big(34) - m
        return {
            "ladder": pygame.Rect(m, top, big(150), area_h),
            "board": pygame.Rect(m + big(150) + m, top, left_w - big(150) - 2 * m, area_h),
            "news": pygame.Rect(left_w + m, top, w - left_w - 2 * m, area_h),
        }

    def update(self, dt: float) -> None:
        if self.match.update(dt):
            self._refresh()

    def finished(self) -> bool:
        return self.match.session.over

    def draw(self, surface: pygame.Surface) -> None:
        g = self.geometry()
        v = self.view
        painter, big = self.app.painter, self.big
        w, h = self.app.size
        painter.text(surface, self.remote.scenario_title, (big(16), big(8)), big(16), palette.MUTED)
        headline = f"Round {max(1, v['round'])} of {v['rounds']} · {phase_title(v['phase'])}"
        painter.text(surface, headline, (big(16), big(30)), big(30), palette.INK, True, max_width=w - big(32))
        if v["ending"]:
            state = f"Game over: {ENDINGS.get(v['ending'], v['ending'])}"
            if v.get("end_reason"):
                state += f" ({v['end_reason']})"
        elif v["paused"]:
            state = "Paused by the facilitator"
        elif v["to_move"]:
            state = f"Waiting for {self.names.actor(v['to_move'])}"
        else:
            state = ""
        if self.match.status():
            state = self.match.status()
        painter.text(surface, state, (w - big(16), big(36)), big(22), palette.ORANGE, True, anchor="topright",
                     max_width=w // 2)  # fmt: skip
        board.draw_ladder(surface, g["ladder"], ladder_rungs(self.match, v), v["tension"], painter,
                          self.app.scale * LARGE)  # fmt: skip
        board.draw_table(surface, g["board"], v, painter, self.app.scale * BOARD)
        self._draw_news(surface, g["news"])
        clock = self.match.clock()
        footer = "Public view for spectators: only what every delegation may see" + (f" · {clock}" if clock else "")
        painter.text(surface, footer, (big(16), h - big(28)), big(14), palette.MUTED, max_width=w - big(32))

    def _draw_news(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The agreements in force, then the latest public notices (as many of the newest as fit)."""
        painter, big = self.app.painter, self.big
        wrapper: Wrapper = getattr(self.app, "wrapper", None) or Wrapper(painter)
        self.app.wrapper = wrapper
        pygame.draw.rect(surface, palette.BOARD, rect, border_radius=big(10))
        x, width = rect.x + big(12), rect.width - big(24)
        size, head = big(17), big(18)
        line, head_line = painter.font(size).get_linesize(), painter.font(head, True).get_linesize()
        y = rect.y + big(10)

        def heading(text: str) -> None:
            nonlocal y
            painter.text(surface, text, (x, y), head, palette.MUTED, True)
            y += head_line

        heading("In force")
        in_force = [a for a in self.view["agreements"] if a["status"] in ("in_force", "suspected")]
        texts = [("SUSPECTED: " if a["status"] == "suspected" else "") + f"{self.names.measure(a['measure'])} "
                 f"({self.names.all(a['parties'])})" for a in in_force]  # fmt: skip
        if len(texts) > IN_FORCE_ROWS:  # one line each, so the news keeps its room
            texts = [*texts[: IN_FORCE_ROWS - 1], f"and {len(texts) - IN_FORCE_ROWS + 1} more"]
        for text in texts or ["No agreement yet"]:
            painter.text(surface, text, (x, y), size, palette.INK, max_width=width)
            y += line
        y += big(10)
        heading("Latest")
        news = [n["text"] for n in self.view["notices"] if n.get("to") is None] or ["Nothing yet"]
        room = (rect.bottom - big(10) - y) // line
        shown: list[str] = []
        for text in reversed(news):  # newest first, until the space is full; then drawn oldest first
            rows = wrapper.rows(text, size, False, width)
            if len(shown) + len(rows) > room:
                break
            shown = rows + shown
        for row in shown:
            painter.text(surface, row, (x, y), size, palette.INK)
            y += line

    def help_html(self) -> str:
        return (
            "<b>Spectators' view</b><br><br><b>F11</b> full screen · <b>F1</b> this help<br><br>For a projector: "
            "the escalation ladder, the delegations round the table, the agreements in force and the latest public "
            "news, updated as the game goes. Nothing private of any delegation is shown, and nothing here can "
            "change the game."
        )
