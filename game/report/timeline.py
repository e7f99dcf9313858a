"""Tension, rung, trust and scores after every move: the series the debrief charts and the replay screen draw."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.core import scoring
from game.core.session import LogEntry
from game.core.spec import Scenario
from game.core.state import GameState
from game.report.replay import replay


@dataclass(frozen=True, slots=True)
class Sample:
    """Where the game stood after move ``step`` (step 0: the start).

    ``round`` and ``phase`` are the state's after the move: the move that closes a round leaves the game in the next
    round's diplomacy (or the debrief). ``rung`` is an index into the scenario's ladder, ``trust[i][j]`` how far actor
    ``i`` trusts actor ``j`` (actors in scenario order), ``scores`` each actor's score so far.
    """

    step: int
    round: int
    phase: str
    tension: float
    rung: int
    trust: tuple[tuple[float, ...], ...]
    scores: tuple[float, ...]


def sample(step: int, state: GameState) -> Sample:
    """Read a sample straight off the state (no view: this runs after every move of a long game)."""
    trust = tuple(tuple(row) for row in state.trust.tolist())
    scores = tuple(scoring.score(state, i) for i in range(state.n))
    return Sample(step, state.round, state.phase, state.tension, state.rung(), trust, scores)


def timeline(scenario: Scenario, seed: int, log: Sequence[LogEntry]) -> list[Sample]:
    """One sample for the start and one after each logged move: ``len(log) + 1`` in all.

    >>> samples = timeline(session.scenario, session.seed, session.log)  # doctest: +SKIP
    >>> samples[-1].tension == session.state.tension                    # doctest: +SKIP
    True
    """
    return [sample(entry.step if entry else 0, state) for entry, state in replay(scenario, seed, log)]
