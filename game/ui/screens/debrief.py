"""The debrief: replay a saved game step by step from any seat's view or with everything revealed, with tension and
trust charts, the turning points, bookmarks, and "branch from here" to play on from any step."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.ui import board, charts, saves_link
from game.ui.describe import ENDINGS, Names, notice_line, phase_title
from game.ui.screens.base import Screen, escape

if TYPE_CHECKING:
    from game.ui.app import App

PLAY_STEPS_PER_SECOND = 8
EVERYTHING = "Everything (debrief)"


class DebriefScreen(Screen):
    title = "Debrief"

    def __init__(self, app: App, replay: Any, history: Any) -> None:
        super().__init__(app)
        self.replay = replay
        self.samples = history.samples
        self.points = history.turning_points
        self.final = history.final
        self.scenario = replay.scenario
        self.seat = "debrief"
        self.playing = False
        self._clock = 0.0
        self.charts: tuple[Any, Any] | None = None
        self.chart_key: tuple[Any, ...] = ()
        self.bookmark_text = ""
        self.message = ""
        self.view = replay.view(self.seat)
        self.before = 0  # notices there were before the move at this step (what it made known comes after)

    @classmethod
    def open(cls, app: App, path: Path) -> DebriefScreen:
        """Open a save; raises the saves layer's errors (a damaged or foreign file)."""
        saves = saves_link.module()
        if saves is None:
            raise ValueError("saves are not available in this installation")
        from game.report import history

        replay = saves.Replay.open(path)
        return cls(app, replay, history(replay.scenario, replay.seed, replay.entries))

    @classmethod
    def for_match(cls, app: App, match: Any) -> Screen:
        """The debrief of a game just played (from its autosave), at its last step."""
        from game.ui.screens.menu import MenuScreen

        match.close()
        path = getattr(match.autosave, "path", None)
        if path is None:
            return MenuScreen(app, "This game was not saved, so it cannot be replayed.")
        try:
            screen = cls.open(app, Path(path))
        except saves_link.errors() as err:
            return MenuScreen(app, f"Could not open the debrief: {err}")
        screen.seek(len(screen.replay))
        return screen

    # -- moving -----------------------------------------------------------------------------------------------------

    @property
    def step(self) -> int:
        return self.replay.step

    def seek(self, step: int) -> None:
        step = max(0, min(len(self.replay), step))
        if step != self.replay.step:
            self.before = len(self.replay.seek(step - 1).notices) if step else 0  # then one move on: cheap
            self.replay.seek(step)
        self.view = self.replay.view(self.seat)
        if getattr(self, "slider", None) is not None and self.slider.get_current_value() != step:
            self.slider.set_current_value(step)
        if getattr(self, "step_box", None) is not None:
            self.step_box.set_text(self._step_html())
            self.step_label.set_text(self._step_title())

    def made_known(self) -> list[str]:
        """What the move at this step told, as the chosen view saw it; in the view of everything, a private
        notice says whom it was for."""
        fresh = self.replay.state.notices[self.before :]
        shown = self.view["notices"]
        if self.seat == "debrief":
            shown = shown[self.before :]
        else:  # the seat's view holds, in order, the notices to nobody in particular or to it
            me = self.replay.state.index[self.seat]
            count = sum(1 for n in fresh if n.to is None or me in n.to)
            shown = shown[len(shown) - count :] if count else []
        names = Names(self.view)
        return [notice_line(names, n, self.seat == "debrief") for n in shown]

    def _step_title(self) -> str:
        """The step and the round and phase its move was made in (as the step's own text says)."""
        if self.step == 0:
            s = self.replay.state
            return f"Step 0 of {len(self.replay)} · Round {max(1, s.round)} · {phase_title(s.phase)}"
        entry = self.replay.entries[self.step - 1]
        return f"Step {self.step} of {len(self.replay)} · Round {entry.round} · {phase_title(entry.phase)}"

    def _step_html(self) -> str:
        from game.report.wording import Names

        names = Names(self.replay.state)
        parts = []
        if self.step == 0:
            parts.append("<b>The start.</b> Step forward to see the first move.")
        else:
            entry = self.replay.entries[self.step - 1]
            parts.append(f"<b>Step {entry.step}</b> (round {entry.round}, {phase_title(entry.phase)}): "
                         f"{escape(names.actor(entry.move.actor))} {escape(names.move(entry.move))}.")  # fmt: skip
            known = self.made_known()
            # A delegation's view gives the reason only for a move it saw happen, or its own.
            if entry.rationale and (self.seat == "debrief" or known or entry.move.actor == self.seat):
                parts.append(f"<i>Why: {escape(entry.rationale)}</i>")
            if known:
                parts.append("<b>Made known:</b><br>" + "<br>".join(escape(line) for line in known))
        marks = [b for b in self.replay.bookmarks if b.step == self.step]
        parts += [f"<b>Bookmark:</b> {escape(b.text)}" for b in marks]
        here = [p for p in self.points if p.step == self.step]
        parts += [f"<b>Turning point:</b> {escape(p.text)}" for p in here]
        return "<br>".join(parts)

    # -- layout -----------------------------------------------------------------------------------------------------

    def geometry(self) -> dict[str, pygame.Rect]:
        w, h = self.app.size
        px = self.px
        m, top, bottom = px(12), px(58), px(118)
        left_w = int(w * 0.46)
        area_h = h - top - bottom
        right = pygame.Rect(left_w + m, top, w - left_w - 2 * m, area_h)
        chart_h = int(area_h * 0.3)
        return {
            "ladder": pygame.Rect(m, top, px(120), area_h),
            "board": pygame.Rect(m + px(120) + m, top, left_w - px(120) - 2 * m, area_h),
            "tension": pygame.Rect(right.x, right.y, right.width, chart_h),
            "trust": pygame.Rect(right.x, right.y + chart_h + m, right.width, chart_h),
            "lower": pygame.Rect(right.x, right.y + 2 * (chart_h + m), right.width, area_h - 2 * (chart_h + m)),
            "bottom": pygame.Rect(m, h - bottom + m, w - 2 * m, bottom - 2 * m),
        }

    def build(self) -> None:
        g = self.geometry()
        px = self.px
        w = self.app.size[0]
        ending = self.final.ending
        head = f"Debrief · {self.scenario.title.split(':')[0]} · seed {self.replay.seed}"
        if ending:
            head += f" · {ENDINGS.get(ending, ending)}"
        right_w = px(280) + px(200) + px(140) + px(24)
        self.label(pygame.Rect(px(12), px(6), w - right_w - px(24), px(26)), head, "@status")
        self.label(pygame.Rect(px(12), px(30), w - right_w - px(24), px(24)),
                   "Everything hidden during play is shown here, or choose one delegation's view.", "@subtle")  # fmt: skip
        x = w - right_w
        seats = [(EVERYTHING, "debrief"), *[(f"Seen by {a.name}", a.id) for a in self.scenario.actors]]
        self.seat_items = dict(seats)
        current = next(t for t, v in seats if v == self.seat)
        self.seat_menu = pygame_gui.elements.UIDropDownMenu([t for t, _ in seats], current,
                                                            pygame.Rect(x, px(10), px(280), px(38)), self.manager,
                                                            object_id=ObjectID(object_id="#seat_menu"))  # fmt: skip
        self.branch_button = self.button(pygame.Rect(x + px(288), px(10), px(200), px(38)), "Branch from here (B)",
                                         tooltip="Play on from this step in a new save", object_id="#branch")  # fmt: skip
        self.menu_button = self.button(pygame.Rect(x + px(496), px(10), px(140), px(38)), "Menu (Esc)")
        lower = g["lower"]
        half = (lower.width - px(10)) // 2
        room = half - px(40)  # the scroll bar and the padding: a long turning point ends with …
        items = [
            (self.fit_widget_text(f"R{p.round} · {p.text}", room), f"#point{k}") for k, p in enumerate(self.points)
        ]
        self.label(pygame.Rect(lower.x, lower.y, half, px(26)), f"Turning points ({len(self.points)}): click to go",
                   "@subtle")  # fmt: skip
        self.points_list = pygame_gui.elements.UISelectionList(
            pygame.Rect(lower.x, lower.y + px(28), half, lower.height - px(28)), items, self.manager,
            object_id=ObjectID(object_id="#points_list"),
        )  # fmt: skip
        self.step_label = self.label(pygame.Rect(lower.x + half + px(10), lower.y, half, px(26)), self._step_title(),
                                     "@subtle")  # fmt: skip
        self.step_box = self.text_box(pygame.Rect(lower.x + half + px(10), lower.y + px(28), half,
                                                  lower.height - px(28)), self._step_html())  # fmt: skip
        bottom = g["bottom"]
        self.slider = pygame_gui.elements.UIHorizontalSlider(
            pygame.Rect(bottom.x, bottom.y, bottom.width, px(34)), self.step, (0, max(1, len(self.replay))),
            self.manager, object_id=ObjectID(object_id="#scrubber"), click_increment=1,
        )  # fmt: skip
        y = bottom.y + px(42)
        bw = px(120)
        self.controls = {}
        for k, (key, text) in enumerate((("start", "|< Start"), ("back", "< Back"),
                                         ("play", "Pause (Space)" if self.playing else "Play (Space)"),
                                         ("forward", "Next >"), ("end", "End >|"), ("next_point", "Next turning point (T)"))):  # fmt: skip
            width = bw if key != "next_point" else px(230)
            xx = bottom.x + k * (bw + px(8))
            self.controls[self.button(pygame.Rect(xx, y, width, px(40)), text, "@primary" if key == "play" else "",
                                      object_id=f"#{key}")] = key  # fmt: skip
        bx = bottom.x + 5 * (bw + px(8)) + px(238)
        self.bookmark_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(bx, y, bottom.right - bx - px(188), px(40)), self.manager,
            placeholder_text="type a note on this step…", object_id=ObjectID(object_id="#bookmark_text"),
        )  # fmt: skip
        self.bookmark_entry.set_text(self.bookmark_text)
        self.bookmark_button = self.button(pygame.Rect(bottom.right - px(180), y, px(180), px(40)), "Bookmark step")
        if self.message:
            self.label(pygame.Rect(bottom.x, bottom.bottom - px(26), bottom.width, px(26)), self.message, "@subtle")
        self.charts = None
        super().build()

    def _charts(self) -> tuple[Any, Any]:
        g = self.geometry()
        key = (self.app.size, self.app.scale, self.seat)
        if self.charts is None or self.chart_key != key:
            self.charts = (
                charts.tension_chart(g["tension"], self.samples, self.scenario.tension.rungs, self.app.painter,
                                     self.app.scale),
                charts.trust_chart(g["trust"], self.samples, self.scenario.actors,
                                   self.seat if self.seat != "debrief" else None, self.app.painter, self.app.scale),
            )  # fmt: skip
            self.chart_key = key
        return self.charts

    def draw(self, surface: pygame.Surface) -> None:
        g = self.geometry()
        v = self.view
        board.draw_ladder(surface, g["ladder"], [{"name": r.name, "at": r.at} for r in self.scenario.tension.rungs],
                          v["tension"], self.app.painter, self.app.scale)  # fmt: skip
        seats = {a.id: self.replay.seats.get(a.id, a.persona) for a in self.scenario.actors}
        seats.update(v.get("controllers", {}))
        board.draw_table(surface, g["board"], {**v, "seats": seats}, self.app.painter, self.app.scale)
        tension, trust = self._charts()
        label = f"step {self.step}"
        tension.blit(surface, self.step, label)
        trust.blit(surface, self.step, label)

    # -- frame and input --------------------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        if not self.playing:
            return
        self._clock += dt
        steps = int(self._clock * PLAY_STEPS_PER_SECOND)
        if steps:
            self._clock -= steps / PLAY_STEPS_PER_SECOND
            self.seek(self.step + steps)
            if self.step >= len(self.replay):
                self.playing = False
                self.app.rebuild()

    def finished(self) -> bool:
        return True

    def handle(self, event: pygame.event.Event) -> None:
        super().handle(event)
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element is self.slider:
            self.seek(int(event.value))
        elif event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.points_list:
            k = next((i for i, item in enumerate(self.points_list.item_list) if item["selected"]), None)
            if k is not None:
                self.seek(self.points[k].step)
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.seat_menu:
            self.seat = self.seat_items[event.text]
            self.view = self.replay.view(self.seat)
            self.step_box.set_text(self._step_html())
        elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.bookmark_entry:
            self.bookmark_text = event.text
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element in self.controls:
                self.control(self.controls[event.ui_element])
            elif event.ui_element is self.branch_button:
                self.branch()
            elif event.ui_element is self.menu_button:
                self.to_menu()
            elif event.ui_element is self.bookmark_button:
                self.add_bookmark()
        elif event.type == pygame.KEYDOWN:
            keys = {pygame.K_LEFT: "back", pygame.K_RIGHT: "forward", pygame.K_HOME: "start", pygame.K_END: "end",
                    pygame.K_SPACE: "play", pygame.K_t: "next_point", pygame.K_PAGEUP: "round_back",
                    pygame.K_PAGEDOWN: "round_forward"}  # fmt: skip
            if event.key in keys:
                self.control(keys[event.key])
            elif event.key == pygame.K_b:
                self.branch()
            elif event.key == pygame.K_v:
                order = list(self.seat_items.values())
                self.seat = order[(order.index(self.seat) + 1) % len(order)]
                self.view = self.replay.view(self.seat)
                self.app.rebuild()
            elif event.key == pygame.K_ESCAPE:
                self.to_menu()

    def control(self, name: str) -> None:
        if name == "play":
            self.playing = not self.playing
            if self.playing and self.step >= len(self.replay):
                self.seek(0)
            self._clock = 0.0
            self.app.rebuild()
            return
        if name == "next_point":
            later = [p.step for p in self.points if p.step > self.step]
            target = later[0] if later else self.step
        elif name in ("round_back", "round_forward"):
            rounds = [(x.step, x.round) for x in self.samples]
            now = self.replay.state.round
            if name == "round_forward":
                target = next((s for s, r in rounds if r > now), len(self.replay))
            else:
                target = next((s for s, r in rounds if r >= now - 1), 0) if now > 1 else 0
        else:
            target = {"start": 0, "back": self.step - 1, "forward": self.step + 1, "end": len(self.replay)}[name]
        self.seek(target)

    def add_bookmark(self) -> None:
        text = self.bookmark_text.strip()
        if not text:
            self.message = "Type a note for the bookmark first."
        else:
            try:
                self.replay.bookmark(text)
                self.message = f"Bookmarked step {self.step}."
                self.bookmark_text = ""
            except (OSError, ValueError) as err:
                self.message = f"Could not bookmark: {err}"
        self.app.rebuild()

    def branch(self) -> None:
        from game.ui.match import Match
        from game.ui.screens.table import start_table

        try:
            session, autosave = self.replay.branch()
        except saves_link.errors() as err:
            self.message = f"Could not branch: {err}"
            self.app.rebuild()
            return
        start_table(self.app, Match(session, self.app.settings, autosave))

    def to_menu(self) -> None:
        from game.ui.screens.menu import MenuScreen

        self.app.show(MenuScreen(self.app))

    def help_html(self) -> str:
        return (
            "<b>Debrief</b><br><br><b>Left / Right</b> one step · <b>Page Up / Page Down</b> one round · "
            "<b>Home / End</b> start / end · <b>Space</b> play or pause · <b>T</b> next turning point · "
            "<b>V</b> next view (everything, then each delegation) · <b>B</b> branch from here · <b>Esc</b> menu"
            "<br><br>Drag the scrubber or click a turning point to jump. The board, the ladder and the charts show "
            "the game as it stood after the chosen step; the white line on the charts marks it. Choose a "
            "delegation's view to see only what it knew then, or everything to reveal every secret: who complied, "
            "who cheated, what each AI was thinking.<br><br>Branch from here starts a new game (a new save) from "
            "this step with the same seats, so the class can try another choice."
        )
