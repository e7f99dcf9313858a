"""An AI's reasons in the log: a delegation reads the reason for a move only if it saw the move happen (a notice of
it came to it), so a private proposal between others, or a secret choice, does not leak; the facilitator reads all.
"""

from __future__ import annotations

import pygame

from game.ai.play import seat_ais, turn_for
from game.core.session import Session
from game.scenario import resolve_scenario
from game.ui.match import Match
from game.ui.screens.table import TableScreen
from tests.ui.helpers import drawn, frames, press


def _played(seats: dict[str, str], until: int, seed: int = 1) -> Session:
    """An npt game with the personas on every AI seat, played up to step ``until``."""
    session = Session(resolve_scenario("npt"), seed, seats)
    ais = seat_ais(session.scenario)
    while len(session.log) < until:
        seat = session.to_move()
        decision = ais[seat].decide(turn_for(session, seat))
        session.submit(decision.move, decision.rationale)
    return session


def test_a_private_proposal_between_ais_keeps_its_reason_from_the_others(app):
    app.settings.pace = "slow"
    session = _played({"kessaria": "human"}, until=3)
    private = session.log[1]  # Russia proposes to the IAEA alone: Kessaria is told nothing of it
    assert private.move.kind == "propose" and "kessaria" not in private.move.to
    assert not [n for n in session.view("kessaria")["notices"] if n["step"] == private.step]
    secret = f"why Russian Federation: {private.rationale}"
    public = f"why United States: {session.log[0].rationale}"  # the United States passed, for all to see

    app.show(TableScreen(app, Match(session, app.settings), "kessaria"))
    frames(app, 2)
    press(app, pygame.K_3)  # the log
    text = drawn(app)
    assert public in text
    assert private.rationale not in text and secret not in [line for line, _ in app.screen.log_lines]
    # Each reason comes just after the notice of its move.
    lines = [line for line, _ in app.screen.log_lines]
    assert lines[lines.index(public) - 1] == "United States passed."

    app.show(TableScreen(app, Match(session, app.settings), "facilitator"))
    frames(app, 2)
    press(app, pygame.K_3)
    assert secret in drawn(app)  # the white cell sees every reason
    lines = [line for line, _ in app.screen.log_lines]
    assert "Russian Federation proposed Nuclear test moratorium" in lines[lines.index(secret) - 1]


def test_a_secret_compliance_choice_keeps_its_reason_from_the_others(app):
    app.settings.pace = "slow"
    scenario = resolve_scenario("npt")
    session = _played({"kessaria": "human"}, until=1)
    ais = seat_ais(scenario)
    while not any(e.move.kind in ("comply", "defect") for e in session.log):
        seat = session.to_move()
        decision = ais[seat].decide(turn_for(session, seat))
        session.submit(decision.move, "" if seat == "kessaria" else decision.rationale)
    choice = next(e for e in session.log if e.move.kind in ("comply", "defect"))
    assert choice.move.actor != "kessaria" and choice.rationale
    app.show(TableScreen(app, Match(session, app.settings), "kessaria"))
    frames(app, 2)
    press(app, pygame.K_3)
    assert not [line for line, _ in app.screen.log_lines if choice.rationale in line]
    assert choice.rationale not in drawn(app)
