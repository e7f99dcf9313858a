"""A stable state hash: the same state gives the same hash on every machine and run."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

from game.core.spec import Scenario
from game.core.state import SETTLED, Agreement, GameState, Inspection, Occurrence

T = TypeVar("T")

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


def _agreement_bytes(a: Agreement) -> bytes:
    """The agreement's hash input, worked out again only when it changed (the hash is on the hot path)."""
    if a.memo is not None and a.memo[0] == a.version:
        return a.memo[1]
    text = repr((
        a.id, a.measure, a.proposer, a.addressees, a.initiator, a.reciprocity, a.duration, a.verification,
        a.round_proposed, a.counter_of, a.depth, a.status, sorted(a.answers.items()), a.parties, a.started,
        a.ends, sorted(a.choices.items()), a.history, a.findings, a.obligated,
    )).encode()  # fmt: skip
    a.memo = (a.version, text)
    return text


def _history_digest(state: GameState, key: str, records: Sequence[T], final: Callable[[T], bool],
                    encode: Callable[[T], bytes], versions: Callable[[Sequence[T]], list[int]] | None = None,
                    ) -> bytes:  # fmt: skip
    """SHA-256 over every record in order; the leading run of records that can no longer change is fed once
    and kept in the state, so hashing stays cheap as the history grows.

    ``versions`` gives the versions of the records after that run (see ``Agreement.changed``): while they are
    the same, so is the result, which is kept too (records are only ever appended, so a position always holds
    the same record). Agreements need it: those in force stay open for many rounds (the starting ones for the
    whole game), so nearly all of them come after the run, and most moves change none of them.
    """
    count, kept = state.digests.get(key, (0, None))
    digest = kept if kept is not None else hashlib.sha256(key.encode())
    if count < len(records) and final(records[count]):
        digest = digest.copy()  # the kept digest may be shared with a copy of this state
        while count < len(records) and final(records[count]):
            digest.update(b"\x1e" + encode(records[count]))
            count += 1
        state.digests[key] = (count, digest)
    rest = records[count:]
    if not rest:
        return digest.digest()
    stamp = (count, versions(rest)) if versions is not None else None
    if stamp is not None:
        last = state.digests.get(key + " open")
        if last is not None and last[0] == stamp:
            return last[1]
    h = digest.copy()
    for record in rest:
        h.update(b"\x1e" + encode(record))
    result = h.digest()
    if stamp is not None:
        state.digests[key + " open"] = (stamp, result)
    return result


def _versions(agreements: Sequence[Agreement]) -> list[int]:
    return [a.version for a in agreements]


def _inspection_bytes(i: Inspection) -> bytes:
    return repr((i.id, i.agreement, i.requester, i.target, i.method, i.round, i.answer, i.result)).encode()


def _occurrence_bytes(o: Occurrence) -> bytes:
    return repr((o.id, o.event, o.round, o.injected, repr(o.factor), o.pending, sorted(o.choices.items()))).encode()


def state_hash(state: GameState) -> str:
    """Hex SHA-256 over everything that decides how the game goes on (notices are derived, so left out)."""
    rng = state.rng.bit_generator.state
    parts = (
        scenario_digest(state.scenario), state.seed, state.steps, state.round, state.phase, state.paused,
        state.ending, state.end_reason, repr(state.tension), state.capital, state.posture,
        [repr(x) for x in state.security], [repr(x) for x in state.score], repr(state.stability),
        len(state.agreements),
        state.injected, sorted(state.fired), sorted(state.done), state.actions, sorted(state.exposed),
        state.rung_rounds, [len(x) for x in state.intel], sorted(state.controllers.items()),
        rng["state"]["state"], rng["state"]["inc"], rng["has_uint32"], rng["uinteger"],
    )  # fmt: skip
    h = hashlib.sha256(repr(parts).encode())
    h.update(_history_digest(state, "agreements", state.agreements, lambda a: a.status in SETTLED, _agreement_bytes,
                             _versions))  # fmt: skip
    h.update(_history_digest(state, "inspections", state.inspections, lambda i: bool(i.answer), _inspection_bytes))
    h.update(_history_digest(state, "events", state.occurrences, lambda o: not o.pending, _occurrence_bytes))
    h.update(_floats(state.trust))
    h.update(_floats(state.bought))
    return h.hexdigest()
