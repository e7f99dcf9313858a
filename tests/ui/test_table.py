"""The table: composing moves from the legal ones, answering proposals, hot-seat hand-over, a whole solo game."""

from __future__ import annotations

import pygame
import pygame_gui

from game.core.moves import Accept, Propose
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.handover import HandoverScreen
from game.ui.screens.table import TableScreen
from tests.ui.helpers import click, drawn, elements, find, frames, open_game, press, run_until, scroll


def _shows(shown: str, text: str) -> bool:
    """A list item shows ``text`` at its end, whole or shortened with … to fit the list."""
    if shown.endswith(text):
        return True
    tail = shown.split(" · ", 1)[-1]
    return tail.endswith("…") and text.startswith(tail[:-1])


def _list_item(app, list_id: str, text: str):
    """The list item's button, scrolling the list with the mouse wheel until it shows."""
    for _ in range(30):
        widget = find(app, list_id)
        for item in widget.item_list:
            button = item["button_element"]
            if _shows(item["text"], text) and button is not None and widget.rect.contains(button.rect):
                return button
        scroll(app, widget)
    raise LookupError(f"no item {text!r} in {list_id}")


def test_a_proposal_needs_an_addressee_before_it_can_be_sent(app):
    match = open_game(app, {"usa": "human"})
    submit = find(app, "#submit")
    assert not submit.is_enabled
    press(app, pygame.K_RETURN)
    assert match.step == 0  # nothing was sent


def test_composing_and_sending_a_proposal(app):
    match = open_game(app, {"usa": "human"})
    click(app, _list_item(app, "#measure_list", "Direct communications link (hotline)"))
    assert "Direct communications link (hotline)" in drawn(app)  # the explanation shows the chosen measure
    assert "Cost to propose" in drawn(app)
    click(app, _list_item(app, "#to_list", "Russian Federation"))
    click(app, find(app, "#submit"))
    move = match.session.log[-1].move
    assert isinstance(move, Propose)
    assert (move.actor, move.measure, move.to) == ("usa", "hotline", ("russia",))
    assert (move.reciprocity, move.duration, move.verification) == ("reciprocal", 6, "ntm")


def test_only_affordable_measures_are_offered(app):
    match = open_game(app, {"usa": "human"})
    shown = [item["text"] for item in find(app, "#measure_list").item_list]
    offered = app.screen.composer.values["measure"]
    legal = match.session.legal_moves("usa")
    measures = next(o.choices["measures"] for o in legal if o.kind == "propose")
    catalogue = match.session.view("usa")["catalogue"]["measures"]
    assert set(offered) == set(measures)
    assert all(_shows(text, catalogue[m]["name"]) for text, m in zip(shown, offered, strict=True))


def test_hot_seat_hands_over_without_showing_the_last_seat_secrets(app):
    match = open_game(app, {"usa": "human", "russia": "human"})
    scenario = match.session.scenario
    briefing = {a.id: a.briefing[:80] for a in scenario.actors}
    assert isinstance(app.screen, HandoverScreen)
    assert "Pass to the United States delegation" in drawn(app)
    assert briefing["usa"] not in drawn(app)
    click(app, find(app, "#confirm_handover"))
    assert isinstance(app.screen, TableScreen) and app.screen.seat == "usa"
    press(app, pygame.K_4)  # the briefing tab: United States' secrets are on screen now
    assert briefing["usa"] in drawn(app)
    press(app, pygame.K_1)
    press(app, pygame.K_e)  # pass: Russia is next, so the screen is handed over at once
    run_until(app, lambda: isinstance(app.screen, HandoverScreen) and app.screen.next_seat == "russia")
    frames(app, 2)
    text = drawn(app)
    assert "Pass to the Russian Federation delegation" in text
    assert briefing["usa"] not in text and briefing["russia"] not in text
    assert "You are" not in text
    click(app, find(app, "#confirm_handover"))
    frames(app, 2)
    press(app, pygame.K_4)
    assert briefing["russia"] in drawn(app)
    assert briefing["usa"] not in drawn(app)


def _hotline_in_russias_inbox(app):
    """Hot-seat: the United States proposes the hotline to Russia; every human passes (and turns down what it is
    offered) until Russia's inbox is on screen. Returns the match and the hotline's item in the inbox."""
    match = open_game(app, {"usa": "human", "russia": "human"})
    click(app, find(app, "#confirm_handover"))
    click(app, _list_item(app, "#measure_list", "Direct communications link (hotline)"))
    click(app, _list_item(app, "#to_list", "Russian Federation"))
    click(app, find(app, "#submit"))
    proposal = match.session.log[-1].move
    assert isinstance(proposal, Propose)
    press(app, pygame.K_e)
    # Each human passes in diplomacy (and turns down what it is offered) until Russia's inbox holds the hotline.
    for _ in range(400):
        screen = app.screen
        if isinstance(screen, HandoverScreen) and screen.next_seat is not None:
            click(app, find(app, "#confirm_handover"))
        elif isinstance(screen, TableScreen) and screen.view["to_move"] == screen.seat:
            if screen.view["phase"] == "responses" and screen.seat == "russia":
                break
            press(app, pygame.K_e if screen.view["phase"] == "diplomacy" else pygame.K_r)
        else:
            frames(app)
    assert app.screen.seat == "russia" and app.screen.view["phase"] == "responses"
    frames(app, 2)
    inbox = find(app, "#agreement_list")
    measures = {a["id"]: a["measure"] for a in app.screen.view["agreements"]}
    ids = app.screen.composer.values["agreement"]
    hotline = [item for item, a in zip(inbox.item_list, ids, strict=True) if measures.get(a) == "hotline"]
    assert hotline, [item["text"] for item in inbox.item_list]
    return match, hotline[0]


def test_answering_a_proposal_from_the_inbox(app):
    match, hotline = _hotline_in_russias_inbox(app)
    click(app, hotline["button_element"])
    press(app, pygame.K_c)  # counter: the terms start as proposed, so it cannot be sent until one changes
    counter = find(app, "#submit")
    assert not counter.is_enabled and "Change a term" in counter.text
    click(app, find(app, "#accept"))
    answer = match.session.log[-1].move
    assert isinstance(answer, Accept) and answer.actor == "russia"


def _respond_or_act(app) -> None:
    """Play the human seat's turn with the keyboard (or the event pop-up's first response)."""
    screen = app.screen
    for e in elements(app):
        if isinstance(e, pygame_gui.elements.UIButton) and "#respond" in e.object_ids:
            click(app, e)
            return
    keys = {"diplomacy": pygame.K_e, "responses": pygame.K_a, "implementation": pygame.K_k}
    phase = screen.view["phase"]
    if phase == "verification":
        press(app, pygame.K_g if any("#grant" in e.object_ids for e in elements(app)) else pygame.K_e)
    elif phase in keys:
        press(app, keys[phase])
    else:
        frames(app)


def test_a_whole_solo_game_ends_in_the_debrief(app):
    match = open_game(app, {"kessaria": "human"}, seed=5)
    for _ in range(4000):
        if match.session.over:
            break
        if match.human_to_move() == "kessaria" and app.screen.view["to_move"] == "kessaria":
            _respond_or_act(app)
        else:
            frames(app)
    assert match.session.over
    frames(app, 3)
    assert "Open the debrief" in drawn(app)
    press(app, pygame.K_d)
    assert isinstance(app.screen, DebriefScreen)
    assert app.screen.step == len(match.session.log)
    humans = [e for e in match.session.log if e.move.actor == "kessaria"]
    assert len(humans) > 12  # the human really played every round
    assert any(e.move.kind == "respond_event" for e in humans)  # through an event pop-up's buttons


def test_the_log_gives_ai_reasons_but_keeps_their_compliance_secret(app):
    match = open_game(app, {"usa": "human"}, seed=2)
    for _ in range(2000):  # the United States plays round 1 with the keyboard, the AI seats play theirs
        if match.session.state.round >= 2:
            break
        if match.human_to_move() == "usa" and app.screen.view["to_move"] == "usa":
            _respond_or_act(app)
        else:
            frames(app)
    press(app, pygame.K_3)
    text = drawn(app)
    public = [e for e in match.session.log if e.move.actor == "russia" and e.move.kind == "pass" and e.rationale]
    assert public and f"why Russian Federation: {public[0].rationale}" in text
    secret = [e for e in match.session.log if e.move.kind in ("comply", "defect") and e.move.actor != "usa"]
    assert secret and not any(e.rationale in text for e in secret if e.rationale)


def test_counter_button_is_highlighted_while_composing_a_counter(app):
    _, hotline = _hotline_in_russias_inbox(app)
    click(app, hotline["button_element"])
    assert "@tab" in find(app, "#mode_counter").class_ids  # not chosen yet: like an unselected mode
    assert "@primary" in find(app, "#accept").class_ids
    press(app, pygame.K_c)
    assert app.screen.composer.mode == "counter"
    counter = find(app, "#mode_counter")
    assert "@primary" in counter.class_ids and "@tab" not in counter.class_ids
    assert "@primary" not in find(app, "#accept").class_ids  # one highlighted choice: the counter
    press(app, pygame.K_p)  # not a key of this phase: the counter stays selected
    assert "@primary" in find(app, "#mode_counter").class_ids


def _hint(app) -> str:
    return app.screen.composer.widgets["explain"].html_text.split("</b>", 1)[0].removeprefix("<b>")


def test_the_proposal_hint_follows_the_chosen_addressees(app):
    open_game(app, {"usa": "human"})
    click(app, _list_item(app, "#measure_list", "Direct communications link (hotline)"))
    assert _hint(app).startswith("Choose 1")
    click(app, _list_item(app, "#to_list", "Russian Federation"))
    assert app.screen.composer.choice["to"] == ["russia"]
    hint = _hint(app)
    assert hint.startswith("To Russian Federation") and "Choose" not in hint
    assert hint in drawn(app)
    click(app, _list_item(app, "#to_list", "Russian Federation"))  # unchosen again: the hint asks once more
    assert app.screen.composer.choice["to"] == []
    assert _hint(app).startswith("Choose 1")


def test_the_statement_hint_follows_the_chosen_addressees(app):
    open_game(app, {"usa": "human"})
    press(app, pygame.K_s)
    assert _hint(app) == "Choose one or more addressees (right list)."
    click(app, _list_item(app, "#to_list", "Russian Federation"))
    assert _hint(app) == "To Russian Federation; you may add more (right list)."
