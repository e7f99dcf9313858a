"""The table: the board, the ladder, whose turn it is, and the seat's tabs (act, agreements, log, briefing)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.core.moves import Move
from game.ui import board, palette
from game.ui.composer import KEYS as COMPOSER_KEYS
from game.ui.composer import SHORTCUTS, Composer
from game.ui.describe import (
    ENDINGS,
    PHASE_HELP,
    STATUS_WORDS,
    Names,
    agreement_lines,
    controller_label,
    notice_line,
    percent,
    phase_title,
)
from game.ui.facilitator import FacilitatorPanel
from game.ui.match import Match
from game.ui.screens.base import Screen, escape
from game.ui.settings import PACES
from game.ui.textpanel import CardPanel

if TYPE_CHECKING:
    from game.ui.app import App

TABS = ("act", "agreements", "log", "briefing")
TAB_TITLES = {"act": "1 Act", "agreements": "2 Agreements", "log": "3 Log", "briefing": "4 Briefing"}
POPUP_SECONDS = 8.0


def start_table(app: App, match: Match) -> None:
    """Open the right screen for a match: a hand-over in hot-seat, else the table for the one human or all."""
    from game.ui.screens.handover import HandoverScreen

    humans = match.humans()
    if len(humans) >= 2:
        app.show(HandoverScreen(app, match))
    else:
        app.show(TableScreen(app, match, humans[0] if humans else "facilitator"))


def resume_table(app: App, path: Path) -> None:
    """Continue a save in the window (the menu's Continue and ``parley resume``), appending to the same file: the
    table for its human seats (those whose controller is "human"), a demo if none is, the debrief if it is over.
    Raises the saves layer's errors (a damaged save, one another Parley is writing)."""
    match = Match.resume(path, app.settings)
    if match.session.over:
        from game.ui.screens.debrief import DebriefScreen

        app.show(DebriefScreen.for_match(app, match))
        return
    start_table(app, match)


class TableScreen(Screen):
    title = "Table"

    def __init__(self, app: App, match: Match, seat: str, tab: str = "act") -> None:
        super().__init__(app)
        self.match = match
        self.session = match.session
        self.seat = seat
        self.tab = tab
        self.composer = Composer(self, self.session, seat, self.submit)
        self.facilitator = FacilitatorPanel(self, match)
        self.view: dict[str, Any] = {}
        self.seen_step = -1
        # Events this seat has had as pop-ups; kept by the match so a hot-seat delegation sees what struck while
        # the screen was with the others.
        self.seen_events: set[str] = match.seen_events.setdefault(seat, set())
        self.popup: pygame_gui.elements.UIWindow | None = None
        self.popup_event = ""
        self.popup_composer: Composer | None = None
        self.popup_age = 0.0  # seconds an event pop-up without choices has been up; it closes by itself
        self.tab_buttons: dict[Any, str] = {}
        self.message = ""
        self.passing_on = False  # True when the match goes on to another screen (hand-over, debrief)
        self.log_lines: list[tuple[str, str]] = []  # the log tab: (text, style), oldest first, appended as we go
        self._log_block: tuple[int, str] | None = None
        self._refresh_view()
        self._log_from_history()

    # -- model ----------------------------------------------------------------------------------------------------

    def _refresh_view(self) -> None:
        old_notices = len(self.view.get("notices", ()))
        old_step = self.seen_step
        view = dict(self.session.view(self.seat))
        view["seats"] = {a.id: self.session.controller(a.id) for a in self.session.scenario.actors}
        self.view = view
        self.names = Names(view)
        self.seen_step = self.match.step
        if old_step >= 0:
            self._log_extend(view["notices"][old_notices:], self.session.log[old_step:])

    @property
    def everything(self) -> bool:
        """This screen shows the facilitator's view (every seat's secrets), not one delegation's."""
        return self.seat not in self.names.actors

    def _reason(self, entry: Any) -> str | None:
        """An AI's (or the facilitator's) reason for a move; a player's own moves need none."""
        actor = entry.move.actor
        if not entry.rationale:
            return None
        if self.view["seats"].get(actor, "human") == "human" and actor != "facilitator":
            return None
        if not self.everything and entry.move.kind in ("comply", "defect") and actor != self.seat:
            return None  # a secret choice: only the one who made it knows why (it is told to nobody else anyway)
        return f"why {self.names.actor(actor)}: {entry.rationale}"

    def _log_heading(self, round_: int, phase: str) -> None:
        if self._log_block != (round_, phase):
            self._log_block = (round_, phase)
            self.log_lines.append((f"Round {round_} · {phase_title(phase)}", "heading"))

    def _log_reason(self, step: int) -> None:
        """The reason for the move at ``step``, once, just after the first notice of it the seat saw."""
        if step <= self._reasoned or step > len(self.session.log):
            return
        self._reasoned = step
        reason = self._reason(self.session.log[step - 1])
        if reason:
            self.log_lines.append((reason, "why"))

    def _log_from_history(self) -> None:
        """The log so far: each notice, and after the first notice a move made, the reason given for the move."""
        self._reasoned = 0  # the last step whose reason has had its place in the log
        self._log_extend(self.view["notices"], self.session.log)

    def _log_extend(self, notices: list[dict[str, Any]], entries: list[Any]) -> None:
        """New notices, each move's reason next to its notice. A delegation gets the reason for a move only if it
        saw the move happen (a notice of it came to it) or the move was its own; the facilitator gets them all."""
        own = {e.step for e in entries if e.move.actor == self.seat}
        for n in notices:
            step = n.get("step", 0)
            if step > self._reasoned + 1 and (self.everything or own):  # moves that told nothing to this seat
                for k in range(self._reasoned + 1, step):
                    if self.everything or k in own:
                        self._log_reason(k)
                self._reasoned = step - 1
            self._log_heading(n["round"], n["phase"])
            self.log_lines.append((notice_line(self.names, n, self.everything), ""))
            self._log_reason(step)
        for k in range(self._reasoned + 1, self.seen_step + 1):  # moves since that made no notice seen here
            if self.everything or k in own:
                self._log_reason(k)

    def submit(self, move: Move) -> None:
        error = self.match.submit(move)
        self.message = error or ""
        self.match.notice = ""  # the player has read it and acted
        self._after_change()

    def _after_change(self) -> None:
        was_my_turn = self.view.get("to_move") == self.seat
        self._refresh_view()
        if self.view["to_move"] == self.seat and not was_my_turn:
            self.tab = "act"
            self.composer.mode = ""  # a new turn starts from a clean composer
            self.composer.choice.clear()
        self.app.rebuild()

    # -- layout ---------------------------------------------------------------------------------------------------

    def geometry(self) -> dict[str, pygame.Rect]:
        w, h = self.app.size
        px = self.px
        m = px(12)
        top = px(58)
        bottom = px(40)
        left_w = int(w * 0.57)
        ladder_w = px(140)
        area_h = h - top - bottom - m
        return {
            "top": pygame.Rect(0, 0, w, top),
            "ladder": pygame.Rect(m, top, ladder_w, area_h),
            "board": pygame.Rect(m + ladder_w + m, top, left_w - ladder_w - 2 * m, area_h),
            "panel": pygame.Rect(left_w + m, top, w - left_w - 2 * m, area_h),
            "status": pygame.Rect(m, h - bottom, w - 2 * m, bottom - px(6)),
        }

    def build(self) -> None:
        g = self.geometry()
        px = self.px
        w = self.app.size[0]
        v = self.view
        to_move = v["to_move"]
        status = f"Round {max(1, v['round'])} of {v['rounds']} · {phase_title(v['phase'])}"
        if v["ending"]:
            status = f"Game over after round {v['round']}: {ENDINGS.get(v['ending'], v['ending'])}"
        elif v["paused"]:
            status += " · PAUSED by the facilitator"
        elif to_move:
            status += " · your move" if to_move == self.seat else f" · {self.names.actor(to_move)} to move"
        buttons_w = px(150) * 3 + px(16)
        self.status_label = self.cached_label("status", pygame.Rect(px(12), px(6), w - buttons_w - px(24), px(26)),
                                              status, "@status")  # fmt: skip
        who = "Facilitator view: everything is shown" if self.seat == "facilitator" else (
            f"You are {self.names.actor(self.seat)}")  # fmt: skip
        self.cached_label("who", pygame.Rect(px(12), px(30), w - buttons_w - px(24), px(24)),
                          f"{self.session.scenario.title.split(':')[0]} · {who}", "@subtle")  # fmt: skip
        x = w - buttons_w
        # Widgets that do not change with the game are kept across refreshes (see Screen.reuse).
        help_rect = pygame.Rect(x, px(10), px(145), px(38))
        self.help_button = self.reuse("help", tuple(help_rect), lambda: self.button(help_rect, "Help (F1)"))
        white_rect = pygame.Rect(x + px(152), px(10), px(145), px(38))
        self.white_button = None
        if not self.match.networked:  # in a hosted game the white cell is the facilitator's console
            self.white_button = self.reuse(
                "white",
                tuple(white_rect),
                lambda: self.button(
                    white_rect,
                    "White cell (F2)",
                    tooltip="The facilitator's panel: pause, inject, adjust, hand over seats",
                ),
            )
        menu_rect = pygame.Rect(x + px(304), px(10), px(145), px(38))
        leave = "Leave" if self.match.networked else "Menu (Esc)"
        self.menu_button = self.reuse("menu", (tuple(menu_rect), leave), lambda: self.button(menu_rect, leave))
        panel = g["panel"]
        tab_w = (panel.width - px(18)) // 4
        self.tab_buttons = {}
        for k, tab in enumerate(TABS):
            tab_rect = pygame.Rect(panel.x + k * (tab_w + px(6)), panel.y, tab_w, px(38))
            style = "@tab_on" if tab == self.tab else "@tab"
            button = self.reuse(f"tab_{tab}", (tuple(tab_rect), style), lambda r=tab_rect, t=tab, st=style: self.button(
                r, TAB_TITLES[t], st, object_id=f"#tab_{t}"))  # fmt: skip
            self.tab_buttons[button] = tab
        content = pygame.Rect(panel.x, panel.y + px(46), panel.width, panel.height - px(46))
        if self.tab == "act":
            self._build_act(content)
        elif self.tab == "agreements":
            groups = self._agreement_cards()
            self.reuse("agreements", (tuple(content), repr(groups)), lambda: CardPanel(self, content, groups))
        elif self.tab == "log":
            self.lines_panel("log", content, self.log_lines or [("Nothing has happened yet.", "")])
        else:
            self.cached_text_box("briefing", content, self._briefing_html())
        message = self.message or self.match.status()
        if message:
            self.status_line(g["status"], message)
        self._maybe_popup()
        if self.facilitator.open and not (self.refreshing and self.facilitator.alive()):
            self.facilitator.build()
        super().build()

    def _build_act(self, rect: pygame.Rect) -> None:
        v = self.view
        if v["ending"] and self.match.networked:  # the save is on the server: the facilitator has the debrief
            html = self._result_html().replace("Open the debrief to replay", "The facilitator can hand out the "
                                               "debrief report, to go through")  # fmt: skip
            self.text_box(rect, html)
            return
        if v["ending"]:
            self.text_box(pygame.Rect(rect.x, rect.y, rect.width, rect.height - self.px(56)), self._result_html())
            self.debrief_button = self.button(
                pygame.Rect(rect.x, rect.bottom - self.px(48), rect.width, self.px(48)), "Open the debrief (D)",
                "@primary", object_id="#debrief",
            )  # fmt: skip
            return
        if v["to_move"] == self.seat and not v["paused"]:
            self.composer.build(rect, v)
            return
        px = self.px
        if v["paused"]:
            title, html = "The facilitator has paused the game", "Nobody can move until it resumes."
        else:
            who = self.names.actor(v["to_move"]) if v["to_move"] else "the next phase"
            controller = v["seats"].get(v["to_move"], "")
            title = f"Waiting for {who}" + (f" ({controller_label(controller)})" if controller else "")
            html = f"<b>{escape(phase_title(v['phase']))}</b>: " + escape(PHASE_HELP.get(v["phase"], ""))
        self.cached_label("waiting", pygame.Rect(rect.x, rect.y, rect.width, px(30)), title, "@status")
        help_h = int(rect.height * 0.36)
        self.cached_text_box("phase_help", pygame.Rect(rect.x, rect.y + px(34), rect.width, help_h), html)
        latest = pygame.Rect(rect.x, rect.y + px(40) + help_h, rect.width, rect.bottom - rect.y - px(40) - help_h)
        self.lines_panel("latest", latest, self.log_lines[-40:] or [("Nothing has happened yet.", "")])

    def _maybe_popup(self) -> None:
        """Pop up new events: with response buttons if this seat must answer, else to read and close."""
        self.popup = None
        self.popup_composer = None
        if self.view["ending"]:
            return
        # Only this round's events pop up; older ones (missed while the AI played fast) are in the log.
        for e in self.view["events"]:
            if e["round"] < self.view["round"]:
                self.seen_events.add(e["id"])
        fresh = [e for e in self.view["events"] if e["id"] not in self.seen_events]
        owed = {}
        if self.view["to_move"] == self.seat and self.view["phase"] == "events":
            owed = {o.kind: o.choices for o in self.session.legal_moves(self.seat)}.get("respond_event", {}).get(
                "occurrences", {}
            )
        target = next(iter(owed), None) or (fresh[0]["id"] if fresh else None)
        if target is None:
            return
        if target != self.popup_event:
            self.popup_age = 0.0
        occurrence = next(e for e in self.view["events"] if e["id"] == target)
        event = self.view["catalogue"]["events"].get(occurrence["event"], {})
        w, h = self.app.size
        px = self.px
        options = owed.get(target, [])
        height = min(h - px(60), px(300) + len(options) * px(48))
        board_rect = self.geometry()["board"]
        rect = pygame.Rect(0, 0, min(board_rect.width - px(16), px(680)), min(height, board_rect.height - px(16)))
        rect.center = board_rect.center
        self.popup = pygame_gui.elements.UIWindow(rect, self.manager, window_display_title=f"Event: {event.get('name', '')}",
                                                  object_id="#event_popup")  # fmt: skip
        self.popup_event = target
        inner = self.popup.get_container().get_rect()
        if options:
            self.popup_composer = Composer(self, self.session, self.seat, self.submit)
            self.popup_composer.view, self.popup_composer.names = self.view, self.names
            self.popup_composer.options = {"respond_event": {"occurrences": owed}}
            self.popup_composer.event_buttons(pygame.Rect(px(8), px(8), inner.width - px(16), inner.height - px(16)),
                                              target, options, container=self.popup)  # fmt: skip
        else:
            choices = ", ".join(f"{self.names.actor(k)}: {event.get('responses', {}).get(c, {}).get('label', c)}"
                                for k, c in occurrence["choices"].items())  # fmt: skip
            html = f"<b>{escape(event.get('name', ''))}</b><br>{escape(event.get('text', ''))}"
            if occurrence["softened"]:
                html += "<br><br><i>Softened: a measure in force between those involved took the edge off it.</i>"
            if choices:
                html += f"<br><br>Responses: {escape(choices)}"
            self.text_box(pygame.Rect(px(8), px(8), inner.width - px(16), inner.height - px(64)), html,
                          container=self.popup)  # fmt: skip
            self.popup_ok = self.button(pygame.Rect(inner.width - px(168), inner.height - px(50), px(160), px(42)),
                                        "OK (Space)", "@primary", container=self.popup, object_id="#event_ok")  # fmt: skip

    def _close_popup(self) -> None:
        self.seen_events.add(self.popup_event)
        if self.popup is not None:
            self.popup.kill()
        self.popup = None
        self.app.rebuild()

    # -- texts ----------------------------------------------------------------------------------------------------

    def _result_html(self) -> str:
        v = self.view
        out = self.session.outcome()
        lines = [f"<b>{ENDINGS.get(v['ending'], v['ending'])}</b>: {escape(v['end_reason'] or '')}", "",
                 f"Tension {v['tension']:.1f} ({escape(v['rung'])}); {out['agreements_in_force']} agreements in "
                 f"force; {out['violations_detected']} violations detected.", "", "<b>Scores</b>"]  # fmt: skip
        for actor_id, score in sorted(out["scores"].items(), key=lambda kv: -kv[1]):
            lines.append(f"{escape(self.names.actor(actor_id))}: {score:.1f}")
        lines += ["", "Open the debrief to replay the game step by step, with every secret revealed."]
        return "<br>".join(lines)

    def _agreement_cards(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """The agreements this seat knows of as cards: in force, on the table, then past ones (newest first)."""
        seat = self.seat if self.seat in self.names.actors else None

        def card(a: dict[str, Any]) -> dict[str, Any]:
            word, colour = STATUS_WORDS.get(a["status"], (a["status"].upper(), "#ffffff"))
            lines = agreement_lines(self.names, a, self.view["round"], seat)
            return {"title": f"{self.names.measure(a['measure'])} ({a['id']})", "tag": a["id"], "status": word,
                    "colour": palette.hex_colour(colour), "lines": lines,
                    "alert": [line for line in lines if "VIOLATION" in line]}  # fmt: skip

        agreements = self.view["agreements"]
        active = [card(a) for a in agreements if a["status"] in ("in_force", "suspected")]
        proposed = [card(a) for a in agreements if a["status"] == "proposed"]
        past = [card(a) for a in reversed(agreements) if a["status"] not in ("in_force", "suspected", "proposed")]
        return [(f"In force ({len(active)})", active), (f"On the table ({len(proposed)})", proposed),
                (f"Past ({len(past)})", past)]  # fmt: skip

    def _briefing_html(self) -> str:
        v = self.view
        scenario = self.session.scenario
        if self.seat not in self.names.actors:
            return "<b>Facilitator view</b><br>Every delegation's secrets are visible to you.<br><br>" + escape(
                scenario.briefing
            )
        me = next(a for a in v["actors"] if a["id"] == self.seat)
        parts = [f"<b>Your private briefing ({escape(me['name'])})</b>", escape(me.get("briefing", "")), ""]
        parts.append(f"<b>Capital</b> {me['capital']:g} · <b>Security</b> {me['security']:g} · "
                     f"<b>Score so far</b> {me['score']:.1f}")  # fmt: skip
        parts += ["", "<b>Your objectives</b> (public)"]
        parts += [f"• {escape(o['text'])} (weight {o['weight']:g})" for o in me["public_objectives"]]
        if me.get("private_objectives"):
            parts += ["<b>Your secret objectives</b>"]
            parts += [f"• {escape(o['text'])} (weight {o['weight']:g})" for o in me["private_objectives"]]
        intel = [x for x in v.get("intel", []) if x["seat"] == self.seat]
        parts += ["", "<b>Intelligence reports</b> (newest first; right as often as the accuracy says)"]
        if not intel:
            parts.append("None yet: reports arrive from round 2.")
        for x in reversed(intel[-15:]):
            sign = "SIGNS of cheating by" if x["suspicious"] else "no sign of cheating by"
            parts.append(f"Round {x['round']}: {sign} {escape(self.names.actor(x['about']))} "
                         f"(accuracy {percent(x['accuracy'])})")  # fmt: skip
        parts += ["", "<b>Public records</b>"]
        for actor_id, r in v["record"].items():
            parts.append(f"{escape(self.names.actor(actor_id))}: {r['violations_found']} violations found, "
                         f"{r['refused']} inspections refused, {r['delayed']} delayed, {r['granted']} granted")  # fmt: skip
        parts += ["", "<b>The scenario</b>", escape(scenario.briefing)]
        return "<br>".join(parts)

    # -- frame ----------------------------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.scroll_panels()
        if self.popup is not None and self.popup_composer is None:
            self.popup_age += dt
            if self.popup_age > POPUP_SECONDS:
                self._close_popup()
        changed = self.match.update(dt)
        if changed or self.match.step != self.seen_step:
            self._after_change()
        if self.match.hot_seat and not self.session.over:
            human = self.match.human_to_move()
            if human != self.seat:
                from game.ui.screens.handover import HandoverScreen

                self.passing_on = True
                self.app.show(HandoverScreen(self.app, self.match))
                return

    def draw(self, surface: pygame.Surface) -> None:
        g = self.geometry()
        board.draw_ladder(surface, g["ladder"], [{"name": r.name, "at": r.at} for r in
                                                  self.session.scenario.tension.rungs], self.view["tension"],
                          self.app.painter, self.app.scale)  # fmt: skip
        board.draw_table(surface, g["board"], self.view, self.app.painter, self.app.scale)
        pygame.draw.line(surface, palette.GRID, (0, g["top"].bottom - self.px(4)), (self.app.size[0],
                                                                                   g["top"].bottom - self.px(4)))  # fmt: skip
        clock = self.match.clock()
        if clock:
            self.app.painter.text(surface, clock, (g["board"].right - self.px(10), g["board"].y + self.px(10)),
                                  self.px(15), palette.ORANGE, True, anchor="topright")  # fmt: skip
        deciding = self.match.deciding()
        if deciding:
            self.app.painter.text(surface, f"{self.names.actor(deciding)} is deciding…",
                                  (g["board"].centerx, g["board"].y + self.px(10)), self.px(15), palette.ORANGE,
                                  True, anchor="midtop")  # fmt: skip

    def overlays(self) -> list:
        return [*super().overlays(), *([self.facilitator.window] if self.facilitator.alive() else [])]

    def finished(self) -> bool:
        return self.session.over

    # -- input ----------------------------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        super().handle(event)
        if self.facilitator.handle(event):
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element in self.tab_buttons:
                self.tab = self.tab_buttons[event.ui_element]
                self.app.rebuild()
                return
            if event.ui_element is self.help_button:
                self.toggle_help()
                return
            if event.ui_element is self.white_button:
                self.facilitator.toggle()
                return
            if event.ui_element is self.menu_button:
                self.to_menu()
                return
            if getattr(self, "debrief_button", None) is event.ui_element:
                self.open_debrief()
                return
            if getattr(self, "popup_ok", None) is event.ui_element:
                self._close_popup()
                return
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.popup:
            self.seen_events.add(self.popup_event)
            self.popup = None
            self.app.rebuild()
            return
        if self.popup_composer is not None and self.popup_composer.handle(event):
            self.seen_events.add(self.popup_event)
            self.app.rebuild()
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                if self.popup is not None:
                    self._close_popup()
                elif not self.match.networked:  # leaving a hosted game takes the Leave button, not a stray key
                    self.to_menu()
                return
            if event.key == pygame.K_F2:
                if not self.match.networked:
                    self.facilitator.toggle()
                return
            if event.key in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET):
                self.change_pace(1 if event.key == pygame.K_LEFTBRACKET else -1)
                return
            if event.key in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4):
                self.tab = TABS[event.key - pygame.K_1]
                self.app.rebuild()
                return
            if event.key == pygame.K_SPACE and self.popup is not None and self.popup_composer is None:
                self._close_popup()
                return
            if event.key == pygame.K_d and self.session.over and not self.match.networked:
                self.open_debrief()
                return
        if self.tab != "act" and event.type == pygame.KEYDOWN and event.key in COMPOSER_KEYS:
            self.tab = "act"  # an action key brings the actions back into view
            self.app.rebuild()
            return
        if self.tab == "act" and self.composer.handle(event):
            self.app.rebuild()

    def change_pace(self, slower: int) -> None:
        """[ and ]: the AI pace one step slower or faster, saved like the setting."""
        paces = list(PACES)
        k = min(len(paces) - 1, max(0, paces.index(self.app.settings.pace) + slower))
        self.app.settings.pace = paces[k]
        self.app.settings.save()
        self.message = f"AI pace: {paces[k]} ({PACES[paces[k]]:g} s between AI moves)"
        self.app.rebuild()

    def to_menu(self) -> None:
        if self.match.networked:  # leave the hosted game: the seat waits on the server for a reconnection
            self.app.quit()
            return
        from game.ui.screens.menu import MenuScreen

        self.app.show(MenuScreen(self.app, "The game is saved; Continue picks it up." if self.match.autosave else ""))

    def close(self) -> None:
        if not self.passing_on:
            self.match.close()

    def open_debrief(self) -> None:
        from game.ui.screens.debrief import DebriefScreen

        self.passing_on = True
        self.app.show(DebriefScreen.for_match(self.app, self.match))

    def help_html(self) -> str:
        phase = self.view["phase"]
        keys = "<br>".join(f"<b>{escape(k)}</b>: {escape(t)}" for k, t in SHORTCUTS)
        return (
            f"<b>The table: {phase_title(phase)} phase</b><br>{escape(PHASE_HELP.get(phase, ''))}<br><br>"
            f"<b>Keys</b><br>{keys}<br><br><b>Reading the board</b><br>Each delegation sits round the table in its "
            "colour; a white frame marks you and an orange frame whoever is to move. Lines show trust: thick solid "
            "for high (65% or more), thin solid for some, dashed for low (under 35%), always with the number. The "
            "ladder on the left names each rung of tension; the pointer and the number show where tension stands. "
            "Reaching the top rung ends the game in collective failure for everyone.<br><br>"
            "<b>A round</b><br>Briefing, Diplomacy, Responses, Implementation, Verification, Events, Assessment. "
            "Your capital is renewed each round and does not carry over."
        )
