"""The facilitator's console for a hosted game: every seat at a glance (who plays it, who is connected, who has
acted, whom the game waits on), any seat's view, and the controls the server offers (docs/PROTOCOL.md).

Its tabs: the white cell (pause, inject, adjust, hand a seat, end: moves, as in a game on one screen), the clock
and the record (turn limits, extending the running turn, rolling back to a step, the debrief report), and the log.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.net.client import RemoteError
from game.ui import board, palette
from game.ui.describe import ENDINGS, Names, controller_label, notice_line, phase_title, possessive
from game.ui.facilitator import FacilitatorPanel
from game.ui.remote import RETRIES, RemoteMatch, report_path
from game.ui.screens.base import Screen

if TYPE_CHECKING:
    from game.ui.app import App

TABS = ("white", "clock", "log")
TAB_TITLES = {"white": "1 White cell", "clock": "2 Clock & record", "log": "3 Log"}
TIMED_PHASES = ("diplomacy", "responses", "implementation", "verification", "events")
EVERYTHING = "Everything (facilitator)"


def ladder_rungs(match: Any, view: dict[str, Any]) -> list[dict[str, Any]]:
    """The rungs of the escalation ladder: from this machine's copy of the scenario, else only the current one
    (the server sends its name, not the thresholds)."""
    scenario = match.session.scenario
    if scenario is not None:
        return [{"name": r.name, "at": r.at} for r in scenario.tension.rungs]
    return [{"name": str(view.get("rung", "")).replace("_", " ").capitalize(), "at": 0.0}]


class ConsoleScreen(Screen):
    title = "Facilitator console"

    def __init__(self, app: App, match: RemoteMatch) -> None:
        super().__init__(app)
        self.match = match
        self.remote = match.remote
        self.tab = "white"
        self.seen = "facilitator"  # whose view the board shows: the facilitator's (everything) or a seat's
        self.view: dict[str, Any] = {}
        self.seat_view: dict[str, Any] | None = None
        self.panel = FacilitatorPanel(self, match)  # type: ignore[arg-type]
        self._panel_key: Any = None
        self.clock_box: pygame_gui.elements.UIPanel | None = None
        self.fields: dict[str, str] = {"extend": "60", "rollback_step": "", "rollback_reason": "", "report_path": ""}
        self.report_format = "html"
        self.widgets: dict[str, Any] = {}
        self.message = ""
        self.show_codes = False
        self.rows: list[tuple[pygame.Rect, str]] = []  # the seat table's rows, to click
        self.log_lines: list[tuple[str, str]] = []
        self._log_from = 0  # notices already in the log
        self._reasons_from = 0  # moves whose reasons are already in the log
        self._log_block: tuple[int, str] | None = None
        self.tab_buttons: dict[Any, str] = {}
        self._refresh()

    # -- the game as the server tells it --------------------------------------------------------------------------

    @property
    def latest(self) -> dict[str, Any]:
        return self.remote.latest

    def _refresh(self) -> None:
        """Read the newest state: the facilitator's view, the chosen seat's, the new lines of the log."""
        view = dict(self.match.session.view("facilitator"))
        view["seats"] = {a["id"]: self.match.session.controller(a["id"]) for a in view["actors"]}
        self.view = view
        self.names = Names(view)
        if self.seen != "facilitator":
            try:
                reply = self.match.request("seat_view", seat=self.seen)
                self.seat_view = {**reply["view"], "catalogue": view["catalogue"], "seats": view["seats"]}
            except RemoteError as exc:
                self.message = f"Could not get {possessive(self.names.actor(self.seen))} view: {exc.reason}"
                self.seen, self.seat_view = "facilitator", None
        self._extend_log()

    def _extend_log(self) -> None:
        notices = self.view.get("notices", [])
        if len(notices) < self._log_from or self.match.step < self._reasons_from:  # rolled back: start again
            self.log_lines, self._log_from, self._reasons_from, self._log_block = [], 0, 0, None
        reasons: dict[tuple[int, str], list[str]] = {}
        if self.match.step > self._reasons_from:
            try:
                entries = self.match.request("log", since=self._reasons_from)["entries"]
            except RemoteError:
                entries = []
            for e in entries:
                if e.get("rationale") and e["move"].get("kind") not in ("comply", "defect"):
                    who = self.names.actor(e["move"].get("actor", ""))
                    reasons.setdefault((e["round"], e["phase"]), []).append(f"why {who}: {e['rationale']}")
                self._reasons_from = max(self._reasons_from, int(e["step"]))
        for n in notices[self._log_from :]:
            key = (n["round"], n["phase"])
            if self._log_block != key:
                if self._log_block is not None:
                    self.log_lines += [(r, "why") for r in reasons.pop(self._log_block, [])]
                self._log_block = key
                self.log_lines.append((f"Round {key[0]} · {phase_title(key[1])}", "heading"))
            self.log_lines.append((notice_line(self.names, n, True), ""))
        self._log_from = len(notices)
        for key in [self._log_block, *reasons]:
            self.log_lines += [(r, "why") for r in reasons.pop(key, [])]

    # -- layout -------------------------------------------------------------------------------------------------

    def geometry(self) -> dict[str, pygame.Rect]:
        w, h = self.app.size
        px = self.px
        m, top, bottom = px(12), px(58), px(40)
        left_w = int(w * 0.52)
        seats_h = px(28) * (len(self.view["actors"]) + 1) + px(8)
        area = pygame.Rect(m, top, left_w - m, h - top - bottom - m)
        menu = pygame.Rect(area.x, area.y + seats_h + px(4), area.width, px(36))
        lower = pygame.Rect(area.x, menu.bottom + px(8), area.width, area.bottom - menu.bottom - px(8))
        return {
            "seats": pygame.Rect(area.x, area.y, area.width, seats_h),
            "menu": menu,
            "ladder": pygame.Rect(lower.x, lower.y, px(120), lower.height),
            "board": pygame.Rect(lower.x + px(132), lower.y, lower.width - px(132), lower.height),
            "panel": pygame.Rect(left_w + m, top, w - left_w - 2 * m, h - top - bottom - m),
            "status": pygame.Rect(m, h - bottom, w - 2 * m, bottom - px(6)),
        }

    def build(self) -> None:
        g = self.geometry()
        px = self.px
        w = self.app.size[0]
        v = self.view
        status = f"Round {max(1, v['round'])} of {v['rounds']} · {phase_title(v['phase'])}"
        if v["ending"]:
            status = f"Game over after round {v['round']}: {ENDINGS.get(v['ending'], v['ending'])}"
        elif v["paused"]:
            status += " · PAUSED"
        elif v["to_move"]:
            status += f" · waiting on {self.names.actor(v['to_move'])}"
        buttons_w = px(150) * 3 + px(16)
        self.label(pygame.Rect(px(12), px(6), w - buttons_w - px(24), px(26)), status, "@status")
        watching = self.latest.get("spectators", 0)
        sub = (f"Facilitator console · {self.remote.scenario_title.split(':')[0]} · session {self.remote.room} · "
               f"{watching} spectator{'s' if watching != 1 else ''} watching")  # fmt: skip
        self.label(pygame.Rect(px(12), px(30), w - buttons_w - px(24), px(24)), sub, "@subtle")
        x = w - buttons_w
        self.codes_button = self.button(pygame.Rect(x, px(10), px(145), px(38)),
                                        "Hide codes" if self.show_codes else "Show codes", object_id="#con_codes",
                                        tooltip="The join code of each seat, to hand out")  # fmt: skip
        self.help_button = self.button(pygame.Rect(x + px(152), px(10), px(145), px(38)), "Help (F1)")
        self.leave_button = self.button(pygame.Rect(x + px(304), px(10), px(145), px(38)), "Leave",
                                        object_id="#con_leave")  # fmt: skip
        items = [(EVERYTHING, "facilitator"), *[(f"Seen by {a['name']}", a["id"]) for a in v["actors"]]]
        self.view_items = dict(items)
        current = next(t for t, k in items if k == self.seen)
        menu = g["menu"]
        self.view_menu = self.reuse("view_menu", (tuple(menu), tuple(items), current), lambda: (
            pygame_gui.elements.UIDropDownMenu([t for t, _ in items], current, menu, self.manager,
                                               object_id=ObjectID(object_id="#view_menu"))))  # fmt: skip
        panel = g["panel"]
        tab_w = (panel.width - px(12)) // 3
        self.tab_buttons = {}
        for k, tab in enumerate(TABS):
            rect = pygame.Rect(panel.x + k * (tab_w + px(6)), panel.y, tab_w, px(38))
            style = "@tab_on" if tab == self.tab else "@tab"
            self.tab_buttons[self.button(rect, TAB_TITLES[tab], style, object_id=f"#con_tab_{tab}")] = tab
        content = pygame.Rect(panel.x, panel.y + px(46), panel.width, panel.height - px(46))
        if self.tab == "white":
            key = (tuple(content), v["paused"], v["ending"], tuple(sorted(v["seats"].items())))
            if not (self.refreshing and self.panel.alive() and key == self._panel_key):
                if self.panel.alive():
                    self.panel.window.kill()  # type: ignore[union-attr]
                self.panel.build(content)
                self._panel_key = key
        elif self.tab == "clock":
            if not (self.refreshing and self.clock_box is not None and self.clock_box.alive()):
                self._build_clock(content)
        else:
            self.lines_panel("log", content, self.log_lines or [("Nothing has happened yet.", "")])
        message = self.match.status() or self.message
        if message:
            self.status_line(g["status"], message)
        super().build()

    def _build_clock(self, rect: pygame.Rect) -> None:
        px = self.px
        if self.clock_box is not None:
            self.clock_box.kill()
        box = self.clock_box = pygame_gui.elements.UIPanel(rect, manager=self.manager, object_id="#con_clock")
        inner = box.get_container().get_rect()
        width = inner.width - px(24)
        x0, y, row = px(12), px(8), px(38)
        self.widgets = {}
        limits = self.latest.get("deadlines", {})

        def entry(name: str, r: pygame.Rect, text: str, hint: str = "") -> None:
            widget = pygame_gui.elements.UITextEntryLine(r, self.manager, container=box, placeholder_text=hint,
                                                         object_id=ObjectID(object_id=f"#con_{name}"))  # fmt: skip
            widget.set_text(text)
            self.widgets[name] = widget

        def act(name: str, r: pygame.Rect, text: str, style: str = "") -> None:
            self.widgets[name] = self.button(r, text, style, container=box, object_id=f"#con_{name}")

        self.label(pygame.Rect(x0, y, width, px(26)), "Time for each seat's turn, in seconds (empty: no limit)",
                   "@subtle", container=box)  # fmt: skip
        y += px(28)
        col = (width - px(8)) // 2
        for k, phase in enumerate(TIMED_PHASES):
            xx, yy = x0 + (k % 2) * (col + px(8)), y + (k // 2) * row
            self.label(pygame.Rect(xx, yy, col - px(96), row - px(4)), phase_title(phase), container=box)
            limit = limits.get(phase)
            self.fields.setdefault(f"limit_{phase}", f"{limit:g}" if limit else "")
            entry(f"limit_{phase}", pygame.Rect(xx + col - px(90), yy, px(90), row - px(4)),
                  self.fields[f"limit_{phase}"], "none")  # fmt: skip
        y += 3 * row
        act("deadlines", pygame.Rect(x0 + col + px(8), y - row, col, row - px(4)), "Set time limits", "@primary")
        y += px(10)
        self.label(pygame.Rect(x0, y, width - px(290), row - px(4)), "Give the running turn more time:",
                   container=box)  # fmt: skip
        entry("extend", pygame.Rect(x0 + width - px(280), y, px(110), row - px(4)), self.fields["extend"], "seconds")
        act("extend_button", pygame.Rect(x0 + width - px(160), y, px(160), row - px(4)), "Extend")
        y += row + px(10)
        self.label(pygame.Rect(x0, y, width, px(26)), f"Roll back to an earlier step (now step {self.match.step}; "
                   "the save branches there)", "@subtle", container=box)  # fmt: skip
        y += px(28)
        entry("rollback_step", pygame.Rect(x0, y, px(90), row - px(4)), self.fields["rollback_step"], "step")
        entry("rollback_reason", pygame.Rect(x0 + px(98), y, width - px(98) - px(168), row - px(4)),
              self.fields["rollback_reason"], "type a reason for the record…")  # fmt: skip
        act("rollback", pygame.Rect(x0 + width - px(160), y, px(160), row - px(4)), "Roll back", "@danger")
        y += row + px(10)
        self.label(pygame.Rect(x0, y, width, px(26)), "The debrief report of the game so far, everything revealed",
                   "@subtle", container=box)  # fmt: skip
        y += px(28)
        formats = {"HTML page": "html", "Markdown": "md"}
        self.format_menu = pygame_gui.elements.UIDropDownMenu(
            list(formats), next(t for t, f in formats.items() if f == self.report_format),
            pygame.Rect(x0, y, px(150), row - px(4)), self.manager, container=box,
            object_id=ObjectID(object_id="#con_format"),
        )  # fmt: skip
        self.formats = formats
        default = str(report_path(self.remote.room, self.report_format))
        entry("report_path", pygame.Rect(x0 + px(158), y, width - px(158) - px(168), row - px(4)),
              self.fields["report_path"], default)  # fmt: skip
        act("report", pygame.Rect(x0 + width - px(160), y, px(160), row - px(4)), "Download")

    # -- drawing ------------------------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        g = self.geometry()
        shown = self.seat_view if self.seen != "facilitator" and self.seat_view else self.view
        board.draw_ladder(surface, g["ladder"], ladder_rungs(self.match, shown), shown["tension"], self.app.painter,
                          self.app.scale)  # fmt: skip
        board.draw_table(surface, g["board"], shown, self.app.painter, self.app.scale)
        self._draw_seats(surface, g["seats"])
        clock = self.match.clock()
        if clock:
            self.app.painter.text(surface, clock, (g["board"].right - self.px(10), g["board"].y + self.px(10)),
                                  self.px(15), palette.ORANGE, True, anchor="topright")  # fmt: skip
        pygame.draw.line(surface, palette.GRID, (0, self.px(54)), (self.app.size[0], self.px(54)))

    def _draw_seats(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Every seat on one line: who plays it, whether it is connected, whether it has acted, whom the game
        waits on (a word for each, not only a colour)."""
        px, painter = self.px, self.app.painter
        pygame.draw.rect(surface, palette.BOARD, rect, border_radius=px(8))
        seats = self.latest.get("seats", {})
        columns = [("Delegation", 0.0), ("Played by", 0.3), ("Connection", 0.52), ("This phase", 0.7)]
        if self.show_codes:  # narrower columns to make room for the codes
            columns = [("Delegation", 0.0), ("Played by", 0.24), ("Connection", 0.41), ("This phase", 0.56),
                       ("Join code", 0.7)]  # fmt: skip
        ends = [at for _, at in columns[1:]] + [1.0]
        size = px(14)
        y = rect.y + px(5)
        for title, at in columns:
            painter.text(surface, title, (rect.x + px(10) + at * rect.width, y), size, palette.MUTED, True)
        self.rows = []
        for a in self.view["actors"]:
            y += px(28)
            s = seats.get(a["id"], {})
            row = pygame.Rect(rect.x + px(4), y - px(4), rect.width - px(8), px(26))
            if a["id"] == self.seen:
                pygame.draw.rect(surface, palette.GRID, row, border_radius=px(4))
            self.rows.append((row, a["id"]))
            pygame.draw.rect(surface, palette.hex_colour(a["colour"]),
                             pygame.Rect(rect.x + px(8), y + px(2), px(6), px(16)))  # fmt: skip
            width = int(rect.width * ends[0]) - px(24)
            painter.text(surface, a["name"], (rect.x + px(20), y), size, palette.INK, True, max_width=width)
            cells = [
                (controller_label(s.get("controller", "human")), palette.INK, False),
                ("online" if s.get("connected") else ("AI on server" if s.get("controller", "human") != "human"
                                                      else "offline"),
                 palette.INK if s.get("connected") else palette.MUTED, False),
                ("TO MOVE" if s.get("to_move") else ("acted" if s.get("acted") else "—"),
                 palette.ORANGE if s.get("to_move") else palette.INK, bool(s.get("to_move"))),
            ]  # fmt: skip
            if self.show_codes:
                cells.append((str(s.get("code", "")), palette.INK, False))
            for (text, colour, bold), (_, at), end in zip(cells, columns[1:], ends[1:], strict=True):
                painter.text(surface, text, (rect.x + px(10) + at * rect.width, y), size, colour, bold,
                             max_width=int(rect.width * (end - at)) - px(12))  # fmt: skip

    # -- frame and input ----------------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.scroll_panels()
        if self.match.update(dt):
            self._refresh()
            self.app.rebuild()

    def overlays(self) -> list:
        keep = [*super().overlays()]
        if self.tab == "white" and self.panel.alive():
            keep.append(self.panel.window)
        if self.tab == "clock" and self.clock_box is not None and self.clock_box.alive():
            keep.append(self.clock_box)
        return keep

    def finished(self) -> bool:
        return self.match.session.over

    def handle(self, event: pygame.event.Event) -> None:
        super().handle(event)
        if self.tab == "white" and self.panel.handle(event):
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element in self.tab_buttons:
                self.show_tab(self.tab_buttons[event.ui_element])
            elif event.ui_element is self.help_button:
                self.toggle_help()
            elif event.ui_element is self.leave_button:
                self.app.quit()
            elif event.ui_element is self.codes_button:
                self.show_codes = not self.show_codes
                self.app.rebuild()
            else:
                for name, widget in self.widgets.items():
                    if widget is event.ui_element:
                        self.press(name)
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if event.ui_element is self.view_menu:
                self.see(self.view_items[event.text])
            elif event.ui_element is getattr(self, "format_menu", None):
                self.report_format = self.formats[event.text]
        elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            for name, widget in self.widgets.items():
                if widget is event.ui_element:
                    self.fields[name] = event.text
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for row, seat in self.rows:
                if row.collidepoint(event.pos):
                    self.see("facilitator" if seat == self.seen else seat)
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_1, pygame.K_2, pygame.K_3):
            if not any(isinstance(w, pygame_gui.elements.UITextEntryLine) and w.is_focused
                       for w in self.manager.get_sprite_group().sprites()):  # fmt: skip
                self.show_tab(TABS[event.key - pygame.K_1])

    def show_tab(self, tab: str) -> None:
        if tab == self.tab:
            return
        for old in (self.panel.window, self.clock_box):
            if old is not None and old.alive():
                old.kill()
        self.tab = tab
        self.app.rebuild()

    def see(self, seat: str) -> None:
        """Show the board as ``seat`` sees it now ("facilitator": everything)."""
        self.seen = seat
        self.seat_view = None
        self._refresh()
        self.app.rebuild()

    def press(self, name: str) -> None:
        for key, widget in self.widgets.items():  # what the boxes hold now (typed, pasted or set)
            if isinstance(widget, pygame_gui.elements.UITextEntryLine):
                self.fields[key] = widget.get_text()
        try:
            self.message = self._do(name)
        except RemoteError as exc:
            self.message = f"Refused: {exc.reason}"
        except ValueError as exc:
            self.message = str(exc)
        self.app.rebuild()

    def _do(self, name: str) -> str:
        f = self.fields
        if name == "deadlines":
            limits: dict[str, float | None] = {}
            for phase in TIMED_PHASES:
                text = f.get(f"limit_{phase}", "").strip()
                limits[phase] = _seconds(text, phase_title(phase)) if text else None
            self.match.request("deadlines", deadlines=limits)
            return "Time limits set; the turn now running starts again under its new limit."
        if name == "extend_button":
            seconds = _seconds(f["extend"].strip(), "extend")
            self.match.request("extend", seconds=seconds)
            return f"The running turn has {seconds:g} seconds more."
        if name == "rollback":
            text = f["rollback_step"].strip()
            if not text.isdigit():
                raise ValueError(f"Type the step to roll back to: a whole number from 0 to {self.match.step - 1}.")
            reason = f["rollback_reason"].strip()
            if not reason:
                raise ValueError("Type a reason for the rollback: it goes into the record.")
            for attempt in range(RETRIES + 1):
                try:
                    self.match.request("rollback", state=self.remote.hash(), step=int(text), reason=reason)
                    break
                except RemoteError as exc:
                    if exc.code != "stale_state" or attempt == RETRIES:
                        raise
            f["rollback_step"], f["rollback_reason"] = "", ""
            if self.clock_box is not None:
                self.clock_box.kill()
                self.clock_box = None
            return f"Rolled back to step {text}; the game goes on from there in a new save."
        if name == "report":
            reply = self.match.request("report", format=self.report_format)
            path = Path(f["report_path"].strip() or report_path(self.remote.room, self.report_format)).expanduser()
            try:
                path.write_text(reply["content"], encoding="utf-8")
            except OSError as exc:
                raise ValueError(f"Could not write {path}: {exc.strerror or exc}") from None
            return f"Wrote the debrief report to {path.resolve()}"
        return ""

    def help_html(self) -> str:
        return (
            "<b>Facilitator console</b><br><br><b>1 / 2 / 3</b> tabs: white cell, clock &amp; record, log · "
            "<b>F1</b> this help · <b>F11</b> full screen<br><br>The table at the top left shows every seat: who "
            "plays it (a team, or an AI on the server), whether its team is connected, whether it has acted in "
            "this phase, and whom the game waits on. Click a seat (or choose it above the board) to see the game "
            "as that seat sees it; click it again for everything.<br><br><b>White cell</b>: pause and resume, "
            "inject a deck event, adjust a value with a reason, put an AI on a seat when a team leaves and hand it "
            "back, end the game. Each is a move in the log.<br><b>Clock &amp; record</b>: a time limit for each "
            "seat's turn per phase (a seat that does not act in time gets a stand-in move: pass, reject, comply, "
            "grant, the calmest response), more time for the running turn, roll back to an earlier step (the save "
            "branches there), and download the debrief report.<br><b>Log</b>: everything that happened, with whom "
            "each private notice was for and the AI seats' reasons."
        )


def _seconds(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what}: '{text}' is not a number of seconds") from None
    if not 0 <= value <= 86400:
        raise ValueError(f"{what}: {value:g} seconds is out of range")
    return value
