"""A stable state hash: the same state gives the same hash on every machine and run."""

from __future__ import annotations

import hashlib

import numpy as np

from game.core.spec import Scenario
from game.core.state import GameState

_DIGESTS: dict[int, tuple[Scenario, str]] = {}


def scenario_digest(scenario: Scenario) -> str:
    """SHA-256 of the scenario's canonical JSON form (cached: scenarios are immutable)."""
    cached = _DIGESTS.get(id(scenario))
    if cached is None or cached[0] is not scenario:
        digest = hashlib.sha256(scenario.model_dump_json(by_alias=True).encode()).hexdigest()
        cached = _DIGESTS[id(scenario)] = (scenario, digest)
    return cached[1]


def _floats(array: np.ndarray) -> bytes:
    return np.ascontiguousarray(array, dtype="<f8").tobytes()


def state_hash(state: GameState) -> str:
    """Hex SHA-256 over everything that decides how the game goes on (notices are derived, so left out)."""
    rng = state.rng.bit_generator.state
    parts = (
        scenario_digest(state.scenario), state.seed, state.steps, state.round, state.phase, state.paused,
        state.ending, state.end_reason, repr(state.tension), state.capital, state.posture,
        [repr(x) for x in state.security], [repr(x) for x in state.score], repr(state.stability),
        [(a.id, a.measure, a.proposer, a.addressees, a.initiator, a.reciprocity, a.duration, a.verification,
          a.round_proposed, a.counter_of, a.depth, a.status, sorted(a.answers.items()), a.parties, a.started,
          a.ends, sorted(a.choices.items()), a.history, a.findings) for a in state.agreements],
        [(i.id, i.agreement, i.requester, i.target, i.method, i.round, i.answer, i.result) for i in state.inspections],
        [(o.id, o.event, o.round, o.injected, repr(o.factor), o.pending, sorted(o.choices.items()))
         for o in state.occurrences],
        state.injected, sorted(state.fired), sorted(state.done), state.actions, sorted(state.exposed),
        state.rung_rounds, [len(x) for x in state.intel],
        rng["state"]["state"], rng["state"]["inc"], rng["has_uint32"], rng["uinteger"],
    )  # fmt: skip
    h = hashlib.sha256(repr(parts).encode())
    h.update(_floats(state.trust))
    h.update(_floats(state.bought))
    return h.hexdigest()
