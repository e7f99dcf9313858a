"""The facilitator's panel (white cell, F2): pause and resume, inject a deck event or strike with one of one's own,
adjust a value with a reason, hand a seat to an AI or a human, end the game. Every action is a core move by
"facilitator", logged like any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.ai.personas import LEVELS, library
from game.core.moves import FACILITATOR, Adjust, AssignSeat, CustomEvent, EndGame, InjectEvent, Pause, Resume
from game.ui.describe import controller_label

if TYPE_CHECKING:
    from game.ui.match import Match
    from game.ui.screens.base import Screen

HUMAN_OPTION = "Human player"


class FacilitatorPanel:
    """A window over the current screen; ``open`` survives rebuilds, and so do the texts typed into it."""

    def __init__(self, screen: Screen, match: Match) -> None:
        self.screen = screen
        self.match = match
        self.open = False
        self.window: pygame_gui.elements.UIWindow | None = None
        self.fields: dict[str, str] = {"pause_reason": "", "value": "", "adjust_reason": "", "end_reason": "",
                                       "custom_name": "", "custom_tension": "", "custom_text": ""}  # fmt: skip
        self.picks: dict[str, str] = {"level": "normal"}
        self.widgets: dict[str, Any] = {}
        self.status = ""
        self.rect: pygame.Rect | None = None  # where the panel sits when it is part of a screen, not a window

    def alive(self) -> bool:
        return self.window is not None and self.window.alive()

    def rebuild(self) -> None:
        """Build the window again (after an action: seat labels, pause or resume)."""
        if self.window is not None:
            self.window.kill()
        self.build()

    def toggle(self) -> None:
        self.open = not self.open
        if self.open:
            self.build()
        elif self.window is not None:
            self.window.kill()
            self.window = None

    # -- the targets, from the scenario ---------------------------------------------------------------------------

    def _view(self) -> dict[str, Any]:
        """The facilitator's view: everything the panel shows comes from it (so it serves a remote game too)."""
        return self.match.session.view(FACILITATOR)

    def _targets(self, view: dict[str, Any]) -> list[tuple[str, str]]:
        names = {a["id"]: a["name"] for a in view["actors"]}
        out = [("Tension (0-100)", "tension")]
        for what in ("capital", "posture", "security"):
            out += [(f"{what.capitalize()} of {names[a]}", f"{what}:{a}") for a in names]
        out += [(f"Trust of {names[a]} in {names[b]}", f"trust:{a}:{b}") for a in names for b in names if a != b]
        return out

    def _current(self, target: str, view: dict[str, Any] | None = None) -> str:
        """The value now, to start from (the facilitator sees everything)."""
        view = view if view is not None else self._view()
        parts = target.split(":")
        if parts[0] == "tension":
            return f"{view['tension']:.1f}"
        if parts[0] == "trust":
            return f"{view['trust'][parts[1]][parts[2]]:.2f}"
        actor = next(a for a in view["actors"] if a["id"] == parts[1])
        return f"{actor[parts[0]]:g}"

    # -- building -------------------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect | None = None) -> None:
        """Open the panel as a window over the screen, or, given ``rect``, as a part of the screen there."""
        s = self.screen
        px = s.px
        w, h = s.app.size
        if rect is not None:
            self.rect = rect
        if self.rect is not None:
            self.window = pygame_gui.elements.UIPanel(self.rect, manager=s.manager, object_id="#facilitator")
        else:
            rect = pygame.Rect(0, 0, min(w - px(40), px(760)), min(h - px(40), px(530)))
            rect.topright = (w - px(20), px(64))
            if rect.bottom > h:
                rect.bottom = h - px(10)
            self.window = pygame_gui.elements.UIWindow(rect, s.manager, object_id="#facilitator",
                                                       window_display_title="White cell: facilitator (F2)")  # fmt: skip
        win = self.window
        inner = win.get_container().get_rect()
        width = inner.width - px(24)
        x0, y = px(12), px(10)
        row = px(40)
        label_w = px(150)
        self.widgets = {}
        session = self.match.session
        view = self._view()
        events = [(e["name"], event_id) for event_id, e in view["catalogue"]["events"].items()]
        paused = view["paused"]

        def label(text: str, yy: int) -> None:
            s.label(pygame.Rect(x0, yy, label_w, row - px(4)), text, container=win)

        def entry(name: str, rect: pygame.Rect, hint: str) -> None:
            widget = pygame_gui.elements.UITextEntryLine(rect, s.manager, container=win, placeholder_text=hint,
                                                         object_id=ObjectID(object_id=f"#fac_{name}"))  # fmt: skip
            widget.set_text(self.fields[name])
            self.widgets[name] = widget

        def dropdown(name: str, rect: pygame.Rect, items: list[tuple[str, str]]) -> None:
            labels = [t for t, _ in items]
            current = self.picks.get(name)
            start = next((t for t, v in items if v == current), labels[0])
            self.picks[name] = dict(items)[start]
            widget = pygame_gui.elements.UIDropDownMenu(labels, start, rect, s.manager, container=win,
                                                        object_id=ObjectID(object_id=f"#fac_{name}"))  # fmt: skip
            self.widgets[name] = (widget, dict(items))

        def act(name: str, rect: pygame.Rect, text: str, style: str = "") -> None:
            self.widgets[name] = s.button(rect, text, style, container=win, object_id=f"#fac_{name}")

        rest = width - label_w - px(8)
        bx = x0 + label_w + px(8)
        label("Game", y)
        entry("pause_reason", pygame.Rect(bx, y, rest - px(170), row - px(4)), "type a reason for pausing…")
        act("pause", pygame.Rect(bx + rest - px(160), y, px(160), row - px(4)), "Resume" if paused else "Pause")
        if paused:
            self.widgets["pause_reason"].disable()
        y += row + px(4)
        label("Inject event", y)
        if events:
            dropdown("event", pygame.Rect(bx, y, rest - px(170), row - px(4)), events)
            act("inject", pygame.Rect(bx + rest - px(160), y, px(160), row - px(4)), "Inject")
        else:
            s.label(pygame.Rect(bx, y, rest, row - px(4)), "This scenario's deck has no events.", container=win)
        y += row + px(4)
        label("Own event", y)  # the instructor's own incident, not in the deck: it strikes at once
        entry("custom_name", pygame.Rect(bx, y, rest - px(170) - px(118), row - px(4)), "its name…")
        entry("custom_tension", pygame.Rect(bx + rest - px(170) - px(110), y, px(102), row - px(4)), "tension ±")
        act("custom", pygame.Rect(bx + rest - px(160), y, px(160), row - px(4)), "Strike now")
        y += row
        entry("custom_text", pygame.Rect(bx, y, rest, row - px(4)), "what every delegation is told…")
        y += row + px(4)
        label("Adjust", y)
        dropdown("target", pygame.Rect(bx, y, rest, row - px(4)), self._targets(view))
        y += row
        if not self.fields["value"]:
            self.fields["value"] = self._current(self.picks["target"], view)
        entry("value", pygame.Rect(bx, y, px(110), row - px(4)), "value")
        entry("adjust_reason", pygame.Rect(bx + px(118), y, rest - px(118) - px(170), row - px(4)),
              "type a reason for the record…")  # fmt: skip
        act("adjust", pygame.Rect(bx + rest - px(160), y, px(160), row - px(4)), "Set value")
        y += row + px(4)
        label("Hand a seat", y)
        seats = [(f"{a['name']} ({controller_label(session.controller(a['id']))})", a["id"]) for a in view["actors"]]
        third = (rest - px(170) - px(8)) // 2
        dropdown("seat", pygame.Rect(bx, y, rest, row - px(4)), seats)
        y += row
        dropdown("controller", pygame.Rect(bx, y, third + px(40), row - px(4)),
                 [(HUMAN_OPTION, "human"), *[(f"AI: {p}", p) for p in library()]])  # fmt: skip
        dropdown("level", pygame.Rect(bx + third + px(48), y, third - px(40), row - px(4)), [(lv, lv) for lv in LEVELS])
        act("assign", pygame.Rect(bx + rest - px(160), y, px(160), row - px(4)), "Hand over")
        y += row + px(4)
        label("End the game", y)
        entry("end_reason", pygame.Rect(bx, y, rest - px(170), row - px(4)), "type a reason for ending…")
        act("end", pygame.Rect(bx + rest - px(160), y, px(160), row - px(4)), "End game", "@danger")
        y += row + px(6)
        self.status_label = s.label(pygame.Rect(x0, y, width, inner.height - y - px(6)), self.status or
                                    "Every action here is a move in the log, with its reason.", "@subtle",
                                    container=win)  # fmt: skip

    # -- events ---------------------------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        """True if the panel used the event."""
        if self.window is None:
            return False
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window:
            self.window = None
            self.open = False
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            for name, widget in self.widgets.items():
                if widget is event.ui_element:
                    self.fields[name] = event.text
                    return True
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for name, widget in self.widgets.items():
                if isinstance(widget, tuple) and widget[0] is event.ui_element:
                    self.picks[name] = widget[1][event.text]
                    if name == "target":
                        self.fields["value"] = self._current(self.picks["target"])
                        self.rebuild()
                    return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for name, widget in self.widgets.items():
                if widget is event.ui_element:
                    self.press(name)
                    return True
        return False

    def press(self, name: str) -> None:
        for key, widget in self.widgets.items():  # what the boxes hold now (typed, pasted or set)
            if isinstance(widget, pygame_gui.elements.UITextEntryLine):
                self.fields[key] = widget.get_text()
        f, p = self.fields, self.picks
        move = None
        if name == "pause":
            paused = self._view()["paused"]
            move = Resume(FACILITATOR) if paused else Pause(FACILITATOR, f["pause_reason"].strip() or
                                                            "paused by the facilitator")  # fmt: skip
        elif name == "inject":
            move = InjectEvent(FACILITATOR, p["event"])
        elif name == "custom":
            try:
                tension = float(f["custom_tension"] or 0)
            except ValueError:
                self._say(f"'{f['custom_tension']}' is not a number: the tension change, e.g. 5 or -10")
                return
            move = CustomEvent(FACILITATOR, f["custom_name"].strip(), f["custom_text"].strip(), tension)
        elif name == "adjust":
            try:
                value = float(f["value"])
            except ValueError:
                self._say(f"'{f['value']}' is not a number")
                return
            move = Adjust(FACILITATOR, p["target"], value, f["adjust_reason"].strip() or " ")
        elif name == "assign":
            controller = p["controller"]
            if controller != "human" and p.get("level", "normal") != "normal":
                controller = f"{controller}:{p['level']}"
            move = AssignSeat(FACILITATOR, p["seat"], controller)
        elif name == "end":
            move = EndGame(FACILITATOR, f["end_reason"].strip() or " ")
        if move is None:
            return
        error = self.match.submit(move, "facilitator")
        if error:
            self._say(error)
            return
        done = {"pause": "Done.", "inject": "Injected: it strikes in this round's events phase.",
                "custom": "The event has struck: every delegation is told.",
                "adjust": "Value set and recorded.", "assign": "Seat handed over.", "end": "The game is over."}  # fmt: skip
        self.status = done[name]
        for key in ("adjust_reason", "end_reason", "pause_reason", "custom_name", "custom_tension", "custom_text"):
            f[key] = ""
        f["value"] = ""
        self.rebuild()
        self.screen.app.rebuild()

    def _say(self, text: str) -> None:
        self.status = text
        self.rebuild()
