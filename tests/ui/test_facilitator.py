"""The white cell's panel (F2): every action is a facilitator move in the log."""

from __future__ import annotations

import pygame

from game.core.moves import FACILITATOR
from tests.ui.helpers import choose, click, drawn, find, frames, open_game, press, run_until


def _type(app, entry, text: str) -> None:
    click(app, entry)
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    frames(app, 2)


def test_pause_and_resume_from_the_panel(app):
    match = open_game(app, {"usa": "human"})
    press(app, pygame.K_F2)
    assert "White cell: facilitator (F2)" in drawn(app)
    _type(app, find(app, "#fac_pause_reason"), "coffee")
    click(app, find(app, "#fac_pause"))
    last = match.session.log[-1]
    assert (last.move.kind, last.move.actor, last.move.reason) == ("pause", FACILITATOR, "coffee")
    assert match.session.state.paused
    frames(app, 2)
    assert "PAUSED" in drawn(app)
    assert not match.session.legal_moves("usa")
    click(app, find(app, "#fac_pause"))
    assert not match.session.state.paused


def test_an_adjustment_needs_a_reason_and_is_recorded_with_it(app):
    match = open_game(app, {"usa": "human"})
    press(app, pygame.K_F2)
    before = match.step
    click(app, find(app, "#fac_adjust"))
    assert match.step == before  # refused: no reason given
    assert "needs a reason" in drawn(app)
    value = find(app, "#fac_value")
    value.set_text("")
    _type(app, value, "55")
    _type(app, find(app, "#fac_adjust_reason"), "a border incident")
    click(app, find(app, "#fac_adjust"))
    last = match.session.log[-1].move
    assert (last.kind, last.target, last.value, last.reason) == ("adjust", "tension", 55.0, "a border incident")
    assert match.session.state.tension == 55.0


def test_taking_over_a_seat_with_an_ai_and_handing_it_back(app):
    app.settings.pace = "slow"  # AI moves in the background, one every 1.8 s
    match = open_game(app, {"usa": "human"})
    press(app, pygame.K_F2)
    choose(app, find(app, "#fac_controller"), "AI: hardliner")
    click(app, find(app, "#fac_assign"))
    assert match.session.controller("usa") == "hardliner"
    handed = next(e for e in match.session.log if e.move.kind == "assign_seat")
    assert (handed.move.seat, handed.move.controller) == ("usa", "hardliner")
    # An AI now plays the seat: the game moves on without the human.
    run_until(app, lambda: any(e.move.actor == "usa" and e.step > handed.step for e in match.session.log), 600)
    choose(app, find(app, "#fac_controller"), "Human player")
    click(app, find(app, "#fac_assign"))
    assert match.session.controller("usa") == "human"


def test_injecting_a_deck_event(app):
    match = open_game(app, {"usa": "human"})
    press(app, pygame.K_F2)
    first = match.session.scenario.events[0]
    click(app, find(app, "#fac_inject"))
    last = match.session.log[-1].move
    assert (last.kind, last.event) == ("inject_event", first.id)
    assert first.id in match.session.state.injected


def test_ending_the_game_from_the_panel(app):
    match = open_game(app, {"usa": "human"})
    press(app, pygame.K_F2)
    _type(app, find(app, "#fac_end_reason"), "out of time")
    click(app, find(app, "#fac_end"))
    assert match.session.over
    frames(app, 3)
    assert "Open the debrief" in drawn(app)


def test_an_event_of_the_facilitators_own_strikes_at_once_and_is_told_to_every_seat(app):
    match = open_game(app, {"usa": "human"})
    press(app, pygame.K_F2)
    tension = match.session.state.tension
    _type(app, find(app, "#fac_custom_name"), "Trawler seized")
    _type(app, find(app, "#fac_custom_tension"), "8")
    click(app, find(app, "#fac_custom"))
    assert not match.session.log and "needs a text" in drawn(app)  # refused: the players must be told what happened
    _type(app, find(app, "#fac_custom_text"), "A patrol boat seized a trawler near the border.")
    click(app, find(app, "#fac_custom"))
    last = match.session.log[-1].move
    assert (last.kind, last.name, last.tension) == ("custom_event", "Trawler seized", 8.0)
    assert match.session.state.tension == tension + 8
    press(app, pygame.K_F2)
    press(app, pygame.K_3)  # the log
    assert "A patrol boat seized a trawler near the border." in drawn(app)
