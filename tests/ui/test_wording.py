"""Small wording fixes: the debrief's header names the phase the step's move was made in, as its text does; the
hand-over says a paused game is paused; possessives of names ending in s."""

from __future__ import annotations

from game.ai.play import seat_ais, turn_for
from game.core.moves import FACILITATOR, Pause
from game.core.session import Session
from game.saves import Autosave
from game.scenario import resolve_scenario
from game.ui.describe import phase_title, possessive
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.handover import HandoverScreen
from tests.ui.helpers import drawn, frames, open_game


def test_the_debrief_header_names_the_phase_the_move_was_made_in(app, tmp_path):
    session = Session(resolve_scenario("npt"), 4)
    autosave = Autosave.start(session, tmp_path / "saves", durable=False)
    ais = seat_ais(session.scenario)
    while session.state.round < 2 and not session.over:
        seat = session.to_move()
        decision = ais[seat].decide(turn_for(session, seat))
        session.submit(decision.move, decision.rationale)
    autosave.close()
    # The last move of a phase: the game stands in the next phase after it.
    k = next(k for k in range(1, len(session.log)) if session.log[k - 1].phase != session.log[k].phase)
    entry = session.log[k - 1]
    screen = DebriefScreen.open(app, autosave.path)
    app.show(screen)
    screen.seek(k)
    frames(app, 2)
    text = drawn(app)
    assert f"Step {k} of {len(session.log)} · Round {entry.round} · {phase_title(entry.phase)}" in text
    assert f"Step {k} (round {entry.round}, {phase_title(entry.phase)})" in text


def test_the_hand_over_says_a_paused_game_is_paused(app):
    match = open_game(app, {"usa": "human", "russia": "human"})
    match.submit(Pause(FACILITATOR, "coffee"), "facilitator")
    app.show(HandoverScreen(app, match))
    frames(app, 3)
    text = drawn(app)
    assert "The game is paused" in text and "AI delegations are moving" not in text


def test_possessive_of_a_name_ending_in_s():
    assert possessive("United States") == "United States'"
    assert possessive("Russian Federation") == "Russian Federation's"
