"""The move composer: widgets built from ``Session.legal_moves(seat)`` only, so an illegal move cannot be composed.

Each choice (a measure, a statement, terms, an inspection, an answer) is explained with its cost and effect
from the scenario's public catalogue before the player commits it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.core.moves import (
    Accept,
    Comply,
    Counter,
    Defect,
    DelayInspection,
    Dialogue,
    GrantInspection,
    Move,
    Pass,
    Propose,
    RefuseInspection,
    Reject,
    RequestInspection,
    RespondEvent,
    Withdraw,
)
from game.core.session import Session
from game.ui.describe import (
    ACT_NAMES,
    Names,
    agreement_html,
    measure_html,
    method_html,
    percent,
    signed,
    statement_html,
)
from game.ui.screens.base import DROP_DOWN, escape

if TYPE_CHECKING:
    from game.ui.screens.base import Screen

# Keys for the composer's actions; the help overlay lists them.
KEYS = {
    pygame.K_p: "mode:propose",
    pygame.K_s: "mode:dialogue",
    pygame.K_w: "mode:withdraw",
    pygame.K_e: "pass",
    pygame.K_a: "accept",
    pygame.K_r: "reject",
    pygame.K_c: "mode:counter",
    pygame.K_k: "comply",
    pygame.K_d: "defect",
    pygame.K_i: "request",
    pygame.K_g: "grant",
    pygame.K_l: "delay",
    pygame.K_x: "refuse",
    pygame.K_RETURN: "submit",
    pygame.K_KP_ENTER: "submit",
}
SHORTCUTS = [
    ("P / S / W", "propose a measure / make a statement / withdraw (diplomacy)"),
    ("Enter", "send the proposal, statement, counter or withdrawal you composed"),
    ("E", "pass: end your turn (diplomacy, verification)"),
    ("A / R / C", "accept / reject / counter the selected proposal (responses)"),
    ("K / D", "comply with / secretly defect from the selected agreement (implementation)"),
    ("I", "request the selected inspection (verification)"),
    ("G / L / X", "grant / delay / refuse an inspection of you (verification)"),
    ("1 / 2 / 3 / 4", "tabs: act, agreements, log, briefing"),
    ("Space", "close an event pop-up (one that asks for your response stays until you choose)"),
    ("[ / ]", "AI delegations move slower / faster (instant, fast, normal, slow)"),
    ("F2", "facilitator panel · F1 help · F11 full screen · Esc main menu"),
]


def addressee_hint(names: Names, to: list[str], max_to: int | None = None) -> str:
    """What the addressee list still needs, following the current choice (``max_to`` None: no limit)."""
    if not to:
        if max_to == 1:
            return "Choose 1 addressee (right list)."
        if max_to:
            return f"Choose 1 to {max_to} addressees (right list)."
        return "Choose one or more addressees (right list)."
    chosen = f"To {names.all(to)}"
    if max_to is None:
        return f"{chosen}; you may add more (right list)."
    if len(to) < max_to:
        more = max_to - len(to)
        return f"{chosen}; you may add {more} more (right list)."
    return f"{chosen}."


class Composer:
    """Builds the action area for one seat from its legal moves and turns clicks and keys into moves."""

    def __init__(self, screen: Screen, session: Session, seat: str, submit: Callable[[Move], None]) -> None:
        self.screen = screen
        self.session = session
        self.seat = seat
        self.submit = submit
        self.mode = ""
        self.choice: dict[str, Any] = {}  # what the player has picked so far, kept across rebuilds
        self.widgets: dict[str, Any] = {}
        self.actions: dict[Any, str] = {}  # button -> action name
        self.options: dict[str, dict[str, Any]] = {}
        self.values: dict[str, list[str]] = {}  # each selection list's values, in order

    # -- building -------------------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect, view: dict[str, Any]) -> None:
        self.rect = rect
        self.view = view
        self.names = Names(view)
        self.widgets = {}
        self.values = {}
        self.actions = {}
        self.options = {o.kind: o.choices for o in self.session.legal_moves(self.seat)}
        phase = view["phase"]
        if phase == "diplomacy":
            self._diplomacy()
        elif phase == "responses":
            self._responses()
        elif phase == "implementation":
            self._implementation()
        elif phase == "verification":
            self._verification()
        elif phase == "events":
            self._events()

    def _px(self, v: float) -> int:
        return self.screen.px(v)

    def _button(self, rect: pygame.Rect, text: str, action: str, style: str = "", enabled: bool = True,
                tip: str | None = None) -> pygame_gui.elements.UIButton:  # fmt: skip
        button = self.screen.button(rect, text, style, tooltip=tip, object_id="#" + action.replace(":", "_"))
        if not enabled:
            button.disable()
        self.actions[button] = action
        return button

    def _row_buttons(self, y: int, entries: list[tuple[str, str, str, bool]]) -> int:
        """A row of equal buttons across the area: (text, action, style, enabled)."""
        gap = self._px(8)
        width = (self.rect.width - gap * (len(entries) - 1)) // max(1, len(entries))
        for k, (text, action, style, enabled) in enumerate(entries):
            self._button(pygame.Rect(self.rect.x + k * (width + gap), y, width, self._px(40)), text, action, style,
                         enabled)  # fmt: skip
        return y + self._px(48)

    def _list(self, name: str, rect: pygame.Rect, items: list[tuple[str, str]], selected: str | list[str] | None,
              multi: bool = False) -> pygame_gui.elements.UISelectionList:  # fmt: skip
        # pygame_gui uses an item's second element as its button's theme id, so items carry "#item<k>" and the
        # values are looked up by position.
        room = rect.width - self._px(40)  # the scroll bar and the item's padding
        keyed = [(self.screen.fit_widget_text(text, room), f"#item{k}") for k, (text, _) in enumerate(items)]
        chosen = set(selected) if isinstance(selected, list) else {selected}
        default = [keyed[k] for k, (_, value) in enumerate(items) if value in chosen]
        widget = pygame_gui.elements.UISelectionList(
            rect, keyed, self.screen.manager, allow_multi_select=multi,
            default_selection=(default if multi else default[0]) if default else None,
            object_id=ObjectID(object_id=f"#{name}_list"),
        )  # fmt: skip
        self.widgets[name] = widget
        self.values[name] = [value for _, value in items]
        chosen_at = [k for k, (_, value) in enumerate(items) if value in chosen]
        if widget.scroll_bar is not None and chosen_at:
            # Keep the chosen item in view when the list is built again (pygame_gui starts it at the top).
            item_h = widget.list_item_height
            visible = widget.item_list_container.relative_rect.height
            bottom = (chosen_at[0] + 1) * item_h
            if bottom > visible:
                widget.scroll_bar.set_scroll_from_start_percentage((bottom - visible) / widget.total_height_of_list)
                widget.scroll_bar.has_moved_recently = True
        return widget

    def _dropdown(self, name: str, rect: pygame.Rect, items: list[tuple[str, str]], selected: str) -> None:
        room = rect.width - self._px(44)  # the arrow and the padding
        items = [(self.screen.fit_widget_text(label, room, DROP_DOWN), value) for label, value in items]
        labels = [label for label, _ in items]
        current = next((label for label, value in items if value == selected), labels[0])
        widget = pygame_gui.elements.UIDropDownMenu(labels, current, rect, self.screen.manager,
                                                    object_id=ObjectID(object_id=f"#{name}_menu"))  # fmt: skip
        self.widgets[name] = (widget, items)

    def _explain(self, rect: pygame.Rect, html: str) -> None:
        self.widgets["explain"] = self.screen.text_box(rect, html)

    def _heading(self, y: int, text: str) -> int:
        self.screen.label(pygame.Rect(self.rect.x, y, self.rect.width, self._px(30)), text, "@status")
        return y + self._px(32)

    def _captions(self, y: int, *columns: tuple[str, int]) -> int:
        """Small titles over side-by-side lists."""
        x = self.rect.x
        for text, width in columns:
            self.screen.label(pygame.Rect(x, y, width, self._px(22)), text, "@subtle")
            x += width + self._px(10)
        return y + self._px(22)

    def _note(self, y: int, text: str) -> int:
        self.screen.label(pygame.Rect(self.rect.x, y, self.rect.width, self._px(26)), text, "@subtle")
        return y + self._px(26)

    # Diplomacy ----------------------------------------------------------------------------------------------------

    def _diplomacy(self) -> None:
        me = next(a for a in self.view["actors"] if a["id"] == self.seat)
        left = self.session.scenario.rules.actions_per_turn - self.view["actions"]
        y = self._heading(self.rect.y, "Your turn to speak and propose")
        y = self._note(y, f"{me['capital']:g} capital · {left} action{'s' if left != 1 else ''} left this turn")
        modes = [m for m in ("propose", "dialogue", "withdraw") if m in self.options]
        if self.mode not in modes:
            self.mode = modes[0] if modes else ""
        y = self._row_buttons(y, [
            ("Propose (P)", "mode:propose", "@tab" if self.mode != "propose" else "@primary", "propose" in modes),
            ("Statement (S)", "mode:dialogue", "@tab" if self.mode != "dialogue" else "@primary", "dialogue" in modes),
            ("Withdraw (W)", "mode:withdraw", "@tab" if self.mode != "withdraw" else "@primary", "withdraw" in modes),
            ("Pass (E)", "pass", "", True),
        ])  # fmt: skip
        if self.mode == "propose":
            self._propose_form(y)
        elif self.mode == "dialogue":
            self._dialogue_form(y)
        elif self.mode == "withdraw":
            self._withdraw_form(y)
        else:
            self._explain(pygame.Rect(self.rect.x, y, self.rect.width, self.rect.bottom - y),
                          "You cannot afford anything more this turn, or have used all your actions: pass (E).")  # fmt: skip

    def _propose_form(self, y: int) -> None:
        measures = self.options["propose"]["measures"]
        if self.choice.get("measure") not in measures:
            self.choice["measure"] = next(iter(measures))
        mid = self.choice["measure"]
        m = measures[mid]
        px = self._px
        wide = int((self.rect.width - px(10)) * 0.6)
        narrow = self.rect.width - px(10) - wide
        y = self._captions(y, ("Measure (capital cost)", wide), (f"To (up to {m['max_to']})", narrow))
        avail = self.rect.bottom - y - px(48)
        list_h = max(px(120), int(avail * 0.42))
        items = [(f"{v['cost']:g} · {self.names.measure(k)}", k) for k, v in measures.items()]
        self._list("measure", pygame.Rect(self.rect.x, y, wide, list_h), items, mid)
        to = [t for t in self.choice.get("to", []) if t in m["to"]][: m["max_to"]]
        self.choice["to"] = to
        self._list("to", pygame.Rect(self.rect.x + wide + px(10), y, narrow, list_h),
                   [(self.names.actor(t), t) for t in m["to"]], to, multi=True)  # fmt: skip
        y += list_h + px(6)
        third = (self.rect.width - px(16)) // 3
        for k, (key, values, label) in enumerate((
            ("reciprocity", m["reciprocity"], lambda v: "one-sided" if v == "one_sided" else "reciprocal"),
            ("duration", m["durations"], lambda v: f"{v} rounds"),
            ("verification", m["verification"], self.names.method),
        )):  # fmt: skip
            if self.choice.get(key) not in values:
                self.choice[key] = values[0]
            self._dropdown(key, pygame.Rect(self.rect.x + k * (third + px(8)), y, third, px(36)),
                           [(label(v), v) for v in values], self.choice[key])  # fmt: skip
        y += px(42)
        need = addressee_hint(self.names, to, m["max_to"])
        html = (
            f"<b>{escape(need)}</b> {escape(self.names.reciprocity(self.choice['reciprocity']))}.<br>"
            + method_html(self.names, self.choice["verification"], mid)
            + "<br><br>"
            + measure_html(self.names, mid, self.session.scenario)
        )
        self._explain(pygame.Rect(self.rect.x, y, self.rect.width, self.rect.bottom - y - px(48)), html)
        ok = 1 <= len(to) <= m["max_to"]
        text = f"Propose to {self.names.all(to)} (Enter)" if ok else "Choose who to propose to"
        self._button(pygame.Rect(self.rect.x, self.rect.bottom - px(42), self.rect.width, px(42)), text, "submit",
                     "@primary", ok)  # fmt: skip

    def _dialogue_form(self, y: int) -> None:
        choices = self.options["dialogue"]
        acts = choices["acts"]
        if self.choice.get("act") not in acts:
            self.choice["act"] = next(iter(acts))
        px = self._px
        half = (self.rect.width - px(10)) // 2
        y = self._captions(y, ("Statement (capital cost)", half), ("To (one or more)", half))
        list_h = min(px(34) * len(acts) + px(6), self.rect.bottom - y - px(150))
        self._list("act", pygame.Rect(self.rect.x, y, half, list_h),
                   [(f"{c:g} · {ACT_NAMES.get(k, k)}", k) for k, c in acts.items()], self.choice["act"])  # fmt: skip
        to = [t for t in self.choice.get("to", []) if t in choices["to"]]
        self.choice["to"] = to
        self._list("to", pygame.Rect(self.rect.x + half + px(10), y, half, list_h),
                   [(self.names.actor(t), t) for t in choices["to"]], to, multi=True)  # fmt: skip
        y += list_h + px(6)
        html = f"<b>{escape(addressee_hint(self.names, to))}</b><br>" + statement_html(
            self.session.scenario, self.choice["act"]
        )
        self._explain(pygame.Rect(self.rect.x, y, self.rect.width, self.rect.bottom - y - px(48)), html)
        ok = bool(to)
        act = ACT_NAMES.get(self.choice["act"], self.choice["act"])
        text = f"{act}: {self.names.all(to)} (Enter)" if ok else "Choose who to address"
        self._button(pygame.Rect(self.rect.x, self.rect.bottom - px(42), self.rect.width, px(42)), text, "submit",
                     "@primary", ok)  # fmt: skip

    def _agreement(self, agreement_id: str) -> dict[str, Any] | None:
        return next((a for a in self.view["agreements"] if a["id"] == agreement_id), None)

    def _agreement_label(self, agreement_id: str) -> str:
        a = self._agreement(agreement_id)
        if a is None:
            return agreement_id
        return f"{agreement_id}: {self.names.measure(a['measure'])}"

    def _pick_agreement(self, y: int, ids: list[str], height: int) -> tuple[int, str]:
        if self.choice.get("agreement") not in ids:
            self.choice["agreement"] = ids[0]
        self._list("agreement", pygame.Rect(self.rect.x, y, self.rect.width, height),
                   [(self._agreement_label(i), i) for i in ids], self.choice["agreement"])  # fmt: skip
        return y + height + self._px(6), self.choice["agreement"]

    def _agreement_detail(self, agreement_id: str) -> str:
        a = self._agreement(agreement_id)
        if a is None:
            return ""
        return (
            agreement_html(self.names, a, self.view["round"], self.seat)
            + "<br><br>"
            + measure_html(self.names, a["measure"], self.session.scenario)
        )

    def _withdraw_form(self, y: int) -> None:
        ids = self.options["withdraw"]["agreements"]
        y, chosen = self._pick_agreement(y, ids, min(self._px(34) * len(ids) + self._px(6), self._px(140)))
        html = ("<b>Withdraw</b> your own open proposal, or leave an agreement in force (with fewer than two parties "
                "left, or its one-sided initiator gone, it ends).<br><br>" + self._agreement_detail(chosen))  # fmt: skip
        self._explain(pygame.Rect(self.rect.x, y, self.rect.width, self.rect.bottom - y - self._px(48)), html)
        self._button(pygame.Rect(self.rect.x, self.rect.bottom - self._px(42), self.rect.width, self._px(42)),
                     f"Withdraw from {chosen} (Enter)", "submit", "@danger")  # fmt: skip

    # Responses ----------------------------------------------------------------------------------------------------

    def _responses(self) -> None:
        ids = self.options.get("accept", {}).get("agreements", [])
        if not ids:
            return
        px = self._px
        y = self._heading(self.rect.y, "Proposals waiting for your answer")
        y = self._note(y, f"{len(ids)} in your inbox: accept, reject or counter each")
        y, chosen = self._pick_agreement(y, ids, min(px(34) * len(ids) + px(6), px(140)))
        counterable = self.options.get("counter", {}).get("agreements", {})
        countering = self.mode == "counter" and chosen in counterable
        y = self._row_buttons(y, [
            # While a counter is being composed its button is the selected mode (like Propose / Statement /
            # Withdraw in diplomacy) and Accept steps back, so the one highlighted button is what Enter sends.
            ("Accept (A)", "accept", "" if countering else "@primary", True),
            ("Reject (R)", "reject", "@danger", True),
            ("Counter (C)", "mode:counter", "@primary" if countering else "@tab", chosen in counterable),
        ])  # fmt: skip
        bottom = self.rect.bottom
        if countering:
            terms = counterable[chosen]
            a = self._agreement(chosen) or {}
            third = (self.rect.width - px(16)) // 3
            current = {"reciprocity": a.get("reciprocity"), "duration": a.get("duration"),
                       "verification": a.get("verification")}  # fmt: skip
            for k, (key, values, label) in enumerate((
                ("reciprocity", terms["reciprocity"], lambda v: "one-sided" if v == "one_sided" else "reciprocal"),
                ("duration", terms["durations"], lambda v: f"{v} rounds"),
                ("verification", terms["verification"], self.names.method),
            )):  # fmt: skip
                if self.choice.get(key) not in values:
                    self.choice[key] = current[key] if current[key] in values else values[0]
                self._dropdown(key, pygame.Rect(self.rect.x + k * (third + px(8)), y, third, px(36)),
                               [(label(v), v) for v in values], self.choice[key])  # fmt: skip
            y += px(42)
            changed = [self.choice["reciprocity"], self.choice["duration"], self.choice["verification"]] != list(
                terms["unchanged"]
            )
            self._button(pygame.Rect(self.rect.x, bottom - px(42), self.rect.width, px(42)),
                         "Send the counter (Enter)" if changed else "Change a term to counter", "submit", "@primary",
                         changed)  # fmt: skip
            bottom -= px(48)
        self._explain(pygame.Rect(self.rect.x, y, self.rect.width, bottom - y), self._agreement_detail(chosen))

    # Implementation -----------------------------------------------------------------------------------------------

    def _implementation(self) -> None:
        ids = self.options.get("comply", {}).get("agreements", [])
        if not ids:
            return
        px = self._px
        y = self._heading(self.rect.y, "Keep your word, or break it in secret?")
        y = self._note(y, f"{len(ids)} agreement{'s' if len(ids) != 1 else ''} to decide this round")
        y, chosen = self._pick_agreement(y, ids, min(px(34) * len(ids) + px(6), px(150)))
        y = self._row_buttons(y, [("Comply (K)", "comply", "@primary", True), ("Defect (D)", "defect", "@danger",
                                                                                 True)])  # fmt: skip
        a = self._agreement(chosen) or {}
        m = self.view["catalogue"]["measures"].get(a.get("measure"), {})
        method = a.get("verification", "none")
        risk = m.get("detection", {}).get(method)
        html = (
            f"<b>Comply</b>: costs you {m.get('comply_cost', 0):g} security this round.<br>"
            f"<b>Defect</b>: gains you {m.get('defect_gain', 0):g} security, in secret. "
            + (f"If inspected ({escape(self.names.method(method))}) it is found {percent(risk)} of the time; a "
               "violation found breaks the agreement, costs you trust with everyone and raises tension."
               if risk is not None else "This agreement cannot be inspected: only intelligence may hint at it.")
            + "<br><br>" + self._agreement_detail(chosen)
        )  # fmt: skip
        self._explain(pygame.Rect(self.rect.x, y, self.rect.width, self.rect.bottom - y), html)

    # Verification -------------------------------------------------------------------------------------------------

    def _verification(self) -> None:
        px = self._px
        rules = self.session.scenario.inspections
        if "grant_inspection" in self.options:
            inspection_id = self.options["grant_inspection"]["inspections"][0]
            i = next((x for x in self.view["inspections"] if x["id"] == inspection_id), {})
            y = self._heading(self.rect.y, "You are asked to allow an inspection")
            y = self._note(y, f"{self.names.actor(i.get('requester', ''))} wants to inspect you under "
                              f"{i.get('agreement', '')}")  # fmt: skip
            y = self._row_buttons(y, [("Grant (G)", "grant", "@primary", True), ("Delay (L)", "delay", "", True),
                                      ("Refuse (X)", "refuse", "@danger", True)])  # fmt: skip
            refuse_tension = self.session.scenario.tension.refused_inspection
            html = (
                "<b>Grant</b>: the inspection goes ahead. If you defected this round it may find the violation; "
                "if you complied, it clears you (a small false-alarm chance remains).<br>"
                f"<b>Delay</b>: its chance of finding anything is multiplied by {rules.delay_factor:g}; every other "
                f"delegation's trust in you changes by {signed(rules.delay_trust * 100)} points and the agreement "
                "becomes suspected.<br>"
                f"<b>Refuse</b>: every other delegation's trust in you changes by {signed(rules.refuse_trust * 100)} "
                f"points, tension {signed(refuse_tension)}, and the agreement becomes suspected.<br><br>"
                + method_html(self.names, i.get("method", "none"))
                + "<br><br>" + self._agreement_detail(i.get("agreement", ""))
            )  # fmt: skip
            self._explain(pygame.Rect(self.rect.x, y, self.rect.width, self.rect.bottom - y), html)
            return
        y = self._heading(self.rect.y, "Verification: inspect, or pass")
        requests = self.options.get("request_inspection", {}).get("requests", [])
        if not requests:
            y = self._row_buttons(y, [("Pass (E)", "pass", "@primary", True)])
            self._explain(pygame.Rect(self.rect.x, y, self.rect.width, self.rect.bottom - y),
                          "There is nothing you can inspect now (or you cannot afford it). Pass to go on.")  # fmt: skip
            return
        keys = [f"{r['agreement']}:{r['target']}" for r in requests]
        if self.choice.get("request") not in keys:
            self.choice["request"] = keys[0]
        items = [(f"{r['cost']:g} · {self.names.actor(r['target'])} under {self._agreement_label(r['agreement'])}", k)
                 for r, k in zip(requests, keys, strict=True)]  # fmt: skip
        self._list("request", pygame.Rect(self.rect.x, y, self.rect.width, min(px(34) * len(items) + px(6), px(170))),
                   items, self.choice["request"])  # fmt: skip
        y += min(px(34) * len(items) + px(6), px(170)) + px(6)
        y = self._row_buttons(y, [("Request inspection (I)", "request", "@primary", True), ("Pass (E)", "pass", "",
                                                                                          True)])  # fmt: skip
        r = requests[keys.index(self.choice["request"])]
        a = self._agreement(r["agreement"]) or {}
        html = (method_html(self.names, r["method"], a.get("measure")) + "<br>A clean result from a strong "
                "inspection raises everyone's trust in the party a lot; from a weak one, little. A violation found is "
                "announced to all.<br><br>" + self._agreement_detail(r["agreement"]))  # fmt: skip
        self._explain(pygame.Rect(self.rect.x, y, self.rect.width, self.rect.bottom - y), html)

    # Events -------------------------------------------------------------------------------------------------------

    def _events(self) -> None:
        owed = self.options.get("respond_event", {}).get("occurrences", {})
        if not owed:
            return
        occurrence_id, options = next(iter(owed.items()))
        self.event_buttons(self.rect, occurrence_id, options)

    def event_buttons(self, rect: pygame.Rect, occurrence_id: str, options: list[str], container: Any = None) -> None:
        """The event's text and one button per response (used by the act tab and the event pop-up)."""
        px = self._px
        occurrence = next((o for o in self.view["events"] if o["id"] == occurrence_id), {})
        event = self.view["catalogue"]["events"].get(occurrence.get("event"), {})
        rows = len(options)
        text_h = max(px(80), rect.height - rows * px(48) - px(8))
        html = f"<b>{escape(event.get('name', ''))}</b><br>{escape(event.get('text', ''))}"
        if occurrence.get("softened"):
            html += "<br><i>A measure in force between those involved softened its effects.</i>"
        html += "<br><br>Choose your response:"
        self.screen.text_box(pygame.Rect(rect.x, rect.y, rect.width, text_h), html, container=container)
        y = rect.y + text_h + px(8)
        for option in options:
            response = event.get("responses", {}).get(option, {})
            label = f"{response.get('label', option)} (tension {signed(response.get('tension', 0))})"
            button = self.screen.button(pygame.Rect(rect.x, y, rect.width, px(42)), label, container=container,
                                        tooltip=label, object_id="#respond")  # fmt: skip
            self.actions[button] = f"respond:{occurrence_id}:{option}"
            y += px(48)

    # -- events ---------------------------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        """True if the composer needs rebuilding (a selection changed the form)."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.actions:
            return self.act(self.actions[event.ui_element])
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION or (
            event.type == pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION
        ):
            for name, widget in self.widgets.items():
                if widget is event.ui_element:
                    return self._picked(name, widget)
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for name, widget in self.widgets.items():
                if isinstance(widget, tuple) and widget[0] is event.ui_element:
                    self.choice[name] = dict(widget[1]).get(event.text, self.choice.get(name))
                    return True
        if event.type == pygame.KEYDOWN and event.key in KEYS:
            return self.key(KEYS[event.key])
        return False

    def _picked(self, name: str, widget: pygame_gui.elements.UISelectionList) -> bool:
        if name == "to":
            self.choice["to"] = self._selected_values(name, widget)
            return True
        values = self._selected_values(name, widget)
        if values:
            self.choice[name] = values[0]
            if name == "measure":
                for key in ("reciprocity", "duration", "verification"):
                    self.choice.pop(key, None)
            if name == "agreement" and self.mode == "counter":
                for key in ("reciprocity", "duration", "verification"):
                    self.choice.pop(key, None)
        return True

    def _selected_values(self, name: str, widget: pygame_gui.elements.UISelectionList) -> list[str]:
        values = self.values.get(name, [])
        return [values[k] for k, item in enumerate(widget.item_list) if item["selected"] and k < len(values)]

    def key(self, action: str) -> bool:
        """A keyboard shortcut: only acts if a button for it is on screen and enabled."""
        for button, name in self.actions.items():
            if name == action and button.is_enabled and button.alive():
                return self.act(name)
        return False

    def act(self, action: str) -> bool:
        seat, c = self.seat, self.choice
        if action.startswith("mode:"):
            self.mode = action[5:]
            return True
        move: Move | None = None
        if action == "pass":
            move = Pass(seat)
        elif action in ("accept", "reject", "comply", "defect"):
            cls = {"accept": Accept, "reject": Reject, "comply": Comply, "defect": Defect}[action]
            move = cls(seat, c["agreement"])
        elif action in ("grant", "delay", "refuse"):
            cls = {"grant": GrantInspection, "delay": DelayInspection, "refuse": RefuseInspection}[action]
            move = cls(seat, self.options["grant_inspection"]["inspections"][0])
        elif action == "request":
            agreement, _, target = c["request"].partition(":")
            move = RequestInspection(seat, agreement, target)
        elif action.startswith("respond:"):
            _, occurrence, option = action.split(":", 2)
            move = RespondEvent(seat, occurrence, option)
        elif action == "submit":
            if self.view["phase"] == "diplomacy" and self.mode == "propose":
                move = Propose(seat, c["measure"], tuple(c["to"]), c["reciprocity"], int(c["duration"]),
                               c["verification"])  # fmt: skip
            elif self.view["phase"] == "diplomacy" and self.mode == "dialogue":
                move = Dialogue(seat, c["act"], tuple(c["to"]))
            elif self.view["phase"] == "diplomacy" and self.mode == "withdraw":
                move = Withdraw(seat, c["agreement"])
            elif self.view["phase"] == "responses" and self.mode == "counter":
                move = Counter(seat, c["agreement"], c["reciprocity"], int(c["duration"]), c["verification"])
        if move is None:
            return False
        self.submit(move)
        if action == "submit" or action.startswith("respond:"):
            self.choice.pop("to", None)
        if self.mode == "counter":
            self.mode = ""
        return True
