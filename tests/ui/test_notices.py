"""Private notices in the log: the facilitator and the debrief see whom each was for; a delegation sees its own."""

from __future__ import annotations

import pygame

from game.ai import build
from game.ai.play import turn_for
from game.core.session import Session
from game.saves import Autosave
from game.scenario import resolve_scenario
from game.ui.match import Match
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.table import start_table
from tests.ui.helpers import drawn, frames, press

COMPLY_A1 = "You chose to comply with agreement a1"


def played(seats: dict[str, str], rounds: int = 1, seed: int = 3) -> Session:
    """An npt game played by the simple AI on every seat (human ones too) until ``rounds`` rounds are over."""
    session = Session(resolve_scenario("npt"), seed, seats)
    ai = build("simple")
    while session.state.round <= rounds and not session.over:
        seat = session.to_move()
        decision = ai.decide(turn_for(session, seat))
        session.submit(decision.move, decision.rationale)
    return session


def test_the_facilitators_log_names_whom_each_private_notice_was_for(app):
    scenario = resolve_scenario("npt")
    session = played({a.id: a.persona for a in scenario.actors})
    start_table(app, Match(session, app.settings))  # no human seat: the facilitator's view
    press(app, pygame.K_3)  # the log
    text = drawn(app)
    assert f"To United States: {COMPLY_A1}" in text
    assert f"To Russian Federation: {COMPLY_A1}" in text
    assert "\n" + COMPLY_A1 not in "\n" + text  # no private line without its addressee


def test_a_delegations_log_shows_its_own_notices_as_they_were_told(app):
    app.settings.pace = "slow"  # the AI seats do not bring the United States' turn (and the act tab) back at once
    session = played({"usa": "human"})
    start_table(app, Match(session, app.settings))
    press(app, pygame.K_3)
    text = drawn(app)
    assert COMPLY_A1 in text and "To United States" not in text
    assert "To Russian Federation" not in text


def test_the_debrief_says_what_each_step_made_known_and_to_whom(app, tmp_path):
    scenario = resolve_scenario("npt")
    session = played({a.id: a.persona for a in scenario.actors}, rounds=2)
    with Autosave.start(session, tmp_path) as autosave:
        pass
    screen = DebriefScreen.open(app, autosave.path)
    app.show(screen)
    step = next(e.step for e in session.log if (e.move.kind, e.move.actor) == ("comply", "usa"))
    screen.seek(step)
    frames(app, 2)
    assert f"To United States: {COMPLY_A1}" in drawn(app)  # everything: with the addressee
    press(app, pygame.K_v)  # the United States' own view
    assert screen.seat == "usa"
    text = drawn(app)
    assert COMPLY_A1 in text and "To United States" not in text
    press(app, pygame.K_v)  # Russia's view: the United States' choice is not Russia's to see
    assert screen.seat == "russia" and COMPLY_A1 not in drawn(app)
