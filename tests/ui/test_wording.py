"""Small wording fixes: the debrief's header names the phase the step's move was made in, as its text does; the
hand-over says a paused game is paused; possessives of names ending in s."""

from __future__ import annotations

from game.core.moves import FACILITATOR, Pause
from game.ui.describe import phase_title, possessive
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.handover import HandoverScreen
from tests.ui.helpers import drawn, frames, open_game, saved_ai_game


def test_the_debrief_header_names_the_phase_the_move_was_made_in(app, tmp_path):
    path, session = saved_ai_game(tmp_path / "saves", rounds=1)
    # The last move of a phase: the game stands in the next phase after it.
    k = next(k for k in range(1, len(session.log)) if session.log[k - 1].phase != session.log[k].phase)
    entry = session.log[k - 1]
    screen = DebriefScreen.open(app, path)
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
