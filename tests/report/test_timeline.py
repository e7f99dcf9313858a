"""The timeline: one sample for the start and after every move, read from the replayed state."""

from __future__ import annotations

import pytest

from game.core import Session, new_game, scoring
from game.report import ReplayError, timeline


def test_the_timeline_has_a_sample_for_the_start_and_after_every_move(real_game: Session) -> None:
    samples = timeline(real_game.scenario, real_game.seed, real_game.log)
    assert len(samples) == len(real_game.log) + 1
    assert [s.step for s in samples] == list(range(len(real_game.log) + 1))


def test_the_first_sample_is_the_new_game(real_game: Session) -> None:
    start = new_game(real_game.scenario, real_game.seed)
    first = timeline(real_game.scenario, real_game.seed, real_game.log)[0]
    assert (first.round, first.phase, first.tension) == (start.round, start.phase, start.tension)
    assert first.trust == tuple(tuple(row) for row in start.trust.tolist())


def test_the_last_sample_matches_the_final_state(real_game: Session) -> None:
    state = real_game.state
    last = timeline(real_game.scenario, real_game.seed, real_game.log)[-1]
    assert last.step == len(real_game.log)
    assert (last.round, last.phase, last.tension, last.rung) == (state.round, "debrief", state.tension, state.rung())
    assert last.trust == tuple(tuple(row) for row in state.trust.tolist())
    assert last.scores == tuple(scoring.score(state, i) for i in range(state.n))


def test_a_sample_is_the_state_after_its_move(real_game: Session) -> None:
    step = len(real_game.log) // 2
    session = Session(real_game.scenario, real_game.seed)
    for entry in real_game.log[:step]:
        session.submit(entry.move)
    sample = timeline(real_game.scenario, real_game.seed, real_game.log)[step]
    assert (sample.round, sample.phase, sample.tension) == (
        session.state.round,
        session.state.phase,
        session.state.tension,
    )
    assert sample.trust == tuple(tuple(row) for row in session.state.trust.tolist())


def test_samples_are_frozen(real_game: Session) -> None:
    sample = timeline(real_game.scenario, real_game.seed, real_game.log[:3])[-1]
    with pytest.raises(AttributeError):
        sample.tension = 0.0  # type: ignore[misc]


def test_a_log_that_does_not_replay_is_refused_with_the_step(real_game: Session) -> None:
    with pytest.raises(ReplayError, match="step 2"):
        timeline(real_game.scenario, real_game.seed, real_game.log[1:])
