"""A game state as plain JSON data and back: the snapshot lines of a save, for fast seeking.

Everything that decides how the game goes on is kept with its exact type (tuples stay tuples, sets come back as
sets), so a restored state has the same hash and plays on exactly as the original. Notices and intelligence only
grow, so a snapshot holds only those added since the previous snapshot (``since``); the reader joins them up.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from game.core.spec import Scenario
from game.core.state import Agreement, GameState, Inspection, Intel, Notice, Occurrence


def _pairs(mapping: dict[int, str]) -> list[list[Any]]:
    return [[k, v] for k, v in mapping.items()]  # in insertion order: some code walks these dicts in order


def state_to_dict(state: GameState, notices_from: int = 0, intel_from: tuple[int, ...] | None = None) -> dict[str, Any]:
    """The state as JSON-ready data; notices and intel only from the given positions on (see the module doc)."""
    intel_from = intel_from or (0,) * state.n
    return {
        "seed": state.seed,
        "order": list(state.order),
        "rng": state.rng.bit_generator.state,
        "round": state.round,
        "phase": state.phase,
        "paused": state.paused,
        "ending": state.ending,
        "end_reason": state.end_reason,
        "trust": state.trust.tolist(),
        "bought": state.bought.tolist(),
        "tension": state.tension,
        "capital": list(state.capital),
        "posture": list(state.posture),
        "security": list(state.security),
        "score": list(state.score),
        "stability": state.stability,
        "agreements": [
            {
                "id": a.id,
                "measure": a.measure,
                "proposer": a.proposer,
                "addressees": list(a.addressees),
                "initiator": a.initiator,
                "reciprocity": a.reciprocity,
                "duration": a.duration,
                "verification": a.verification,
                "round_proposed": a.round_proposed,
                "counter_of": a.counter_of,
                "depth": a.depth,
                "status": a.status,
                "answers": _pairs(a.answers),
                "parties": list(a.parties),
                "started": a.started,
                "ends": a.ends,
                "choices": _pairs(a.choices),
                "history": [list(h) for h in a.history],
                "findings": [list(f) for f in a.findings],
                "obligated": list(a.obligated),
            }
            for a in state.agreements
        ],  # fmt: skip
        "inspections": [
            [i.id, i.agreement, i.requester, i.target, i.method, i.round, i.answer, i.result] for i in state.inspections
        ],
        "occurrences": [
            [o.id, o.event, o.round, o.injected, o.factor, list(o.pending), _pairs(o.choices)]
            for o in state.occurrences
        ],
        "injected": list(state.injected),
        "fired": sorted(state.fired),
        "done": sorted(state.done),
        "actions": state.actions,
        "exposed": sorted(state.exposed),
        "rung_rounds": list(state.rung_rounds),
        "controllers": _pairs(state.controllers),
        "steps": state.steps,
        "since": {"notices": notices_from, "intel": list(intel_from)},
        "notices": [
            [n.round, n.phase, n.text, None if n.to is None else list(n.to), n.step]
            for n in state.notices[notices_from:]
        ],
        "intel": [
            [[x.round, x.about, x.suspicious, x.accuracy] for x in state.intel[i][intel_from[i] :]]
            for i in range(state.n)
        ],  # fmt: skip
    }


def state_from_dict(
    scenario: Scenario, data: dict[str, Any], notices: list[Notice], intel: list[list[Intel]]
) -> GameState:
    """Rebuild a state from ``state_to_dict`` data; ``notices`` and ``intel`` are the full histories up to it.

    Raises ``KeyError``, ``TypeError`` or ``ValueError`` on data of the wrong shape (the reader names the line).
    """
    state = GameState(scenario, _int(data["seed"]))
    n = state.n
    state.order = tuple(_int(x) for x in data["order"])
    state.rng.bit_generator.state = data["rng"]
    state.round = _int(data["round"])
    state.phase = _str(data["phase"])
    state.paused = bool(data["paused"])
    state.ending = None if data["ending"] is None else _str(data["ending"])
    state.end_reason = _str(data["end_reason"])
    state.trust = _matrix(data["trust"], n)
    state.bought = _matrix(data["bought"], n)
    state.tension = float(data["tension"])
    state.capital = [_int(x) for x in data["capital"]]
    state.posture = [_int(x) for x in data["posture"]]
    state.security = [float(x) for x in data["security"]]
    state.score = [float(x) for x in data["score"]]
    state.stability = float(data["stability"])
    state.agreements = [
        Agreement(
            a["id"],
            a["measure"],
            _int(a["proposer"]),
            tuple(a["addressees"]),
            _int(a["initiator"]),
            a["reciprocity"],
            _int(a["duration"]),
            a["verification"],
            _int(a["round_proposed"]),
            a["counter_of"],
            _int(a["depth"]),
            a["status"],
            _dict(a["answers"]),
            tuple(a["parties"]),
            _int(a["started"]),
            _int(a["ends"]),
            _dict(a["choices"]),
            [(r, p, c) for r, p, c in a["history"]],
            [(r, p, c) for r, p, c in a["findings"]],
            None,
            None,
            tuple(a["obligated"]),
        )  # fmt: skip
        for a in data["agreements"]
    ]
    state.inspections = [Inspection(*row) for row in data["inspections"]]
    state.occurrences = [
        Occurrence(i, e, _int(r), bool(inj), float(f), [_int(p) for p in pending], _dict(choices))
        for i, e, r, inj, f, pending, choices in data["occurrences"]
    ]
    state.injected = [_str(x) for x in data["injected"]]
    state.fired = {_str(x) for x in data["fired"]}
    state.done = {_int(x) for x in data["done"]}
    state.actions = _int(data["actions"])
    state.exposed = {_int(x) for x in data["exposed"]}
    state.rung_rounds = [_int(x) for x in data["rung_rounds"]]
    state.controllers = _dict(data["controllers"])
    state.steps = _int(data["steps"])
    state.notices = notices
    state.intel = intel
    if len(state.capital) != n or len(state.intel) != n or len(state.rung_rounds) != len(scenario.tension.rungs):
        raise ValueError("the snapshot does not fit the scenario's actors or tension ladder")
    return state


def new_notices(data: dict[str, Any]) -> list[Notice]:
    return [
        Notice(_int(r), _str(p), _str(t), None if to is None else tuple(to), _int(step))
        for r, p, t, to, step in data["notices"]
    ]


def new_intel(data: dict[str, Any]) -> list[list[Intel]]:
    return [[Intel(_int(r), _int(a), bool(s), float(acc)) for r, a, s, acc in seat] for seat in data["intel"]]


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r:.40}")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a text, got {value!r:.40}")
    return value


def _dict(pairs: Any) -> dict[int, str]:
    return {_int(k): _str(v) for k, v in pairs}


def _matrix(rows: Any, n: int) -> np.ndarray:
    array = np.array(rows, dtype=np.float64)
    if array.shape != (n, n):
        raise ValueError(f"expected a {n}x{n} matrix, got shape {array.shape}")
    return array
