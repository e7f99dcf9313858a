"""What a seat may see: one function used by the UI, the network and the AI alike.

An actor's view holds its own secrets (private objectives and briefing, its
compliance choices, capital, security, intelligence, its own row of the trust
matrix) and of others only what has been made public. The facilitator and the
debrief see everything.
"""

from __future__ import annotations

from typing import Any

from game.core import phases, scoring
from game.core.moves import FACILITATOR
from game.core.state import ACTIVE, PROPOSED, GameState

DEBRIEF = "debrief"
OMNISCIENT = frozenset({FACILITATOR, DEBRIEF})


def _objectives(items: list) -> list[dict[str, Any]]:
    return [{"metric": o.metric, "weight": o.weight, "text": o.text} for o in items]


def view(state: GameState, seat: str, notices: bool = True) -> dict[str, Any]:
    """The state as ``seat`` (an actor id, ``"facilitator"`` or ``"debrief"``) may see it, as plain data.

    ``notices=False`` leaves out the message log (it grows all game; the AI does not read it).
    """
    everything = seat in OMNISCIENT
    me = state.index.get(seat, -1)
    if not everything and me < 0:
        raise ValueError(f"unknown seat '{seat}'; seats: {', '.join([*state.ids, FACILITATOR, DEBRIEF])}")
    ids = state.ids
    owner = phases.to_move(state)
    rungs = state.scenario.tension.rungs
    actors = []
    for i, spec in enumerate(state.scenario.actors):
        mine = everything or i == me
        entry: dict[str, Any] = {
            "id": spec.id, "name": spec.name, "kind": spec.kind, "colour": spec.colour,
            "posture": state.posture[i], "public_objectives": _objectives(spec.objectives.public),
        }  # fmt: skip
        if mine:
            entry.update(
                capital=state.capital[i],
                security=state.security[i],
                score=round(scoring.score(state, i), 6),
                briefing=spec.briefing,
                private_objectives=_objectives(spec.objectives.private),
                trust={ids[j]: round(float(state.trust[i, j]), 6) for j in range(state.n) if j != i},
            )
        actors.append(entry)
    agreements = []
    for a in state.agreements:
        involved = {a.proposer, *a.addressees, *a.parties}
        public = a.status not in (PROPOSED, "rejected", "countered", "withdrawn") or a.parties
        if not (everything or public or me in involved):
            continue
        entry = {
            "id": a.id, "measure": a.measure, "status": a.status, "proposer": ids[a.proposer],
            "addressees": [ids[x] for x in a.addressees], "parties": [ids[x] for x in a.parties],
            "reciprocity": a.reciprocity, "duration": a.duration, "verification": a.verification,
            "round_proposed": a.round_proposed, "counter_of": a.counter_of, "started": a.started, "ends": a.ends,
            "answers": {ids[k]: v for k, v in a.answers.items()},
            "findings": [{"round": r, "party": ids[p], "result": res} for r, p, res in a.findings],
        }  # fmt: skip
        # Compliance is secret: a seat sees its own choices, and others' only when a finding revealed them.
        entry["compliance"] = [
            {"round": r, "party": ids[p], "choice": c} for r, p, c in a.history if everything or p == me
        ]
        agreements.append(entry)
    inspections = [
        {"id": i.id, "agreement": i.agreement, "requester": ids[i.requester], "target": ids[i.target],
         "method": i.method, "round": i.round, "answer": i.answer, "result": i.result}
        for i in state.inspections
    ]  # fmt: skip
    occurrences = [
        {"id": o.id, "event": o.event, "round": o.round, "injected": o.injected, "softened": o.factor < 1.0,
         "waiting_on": [ids[p] for p in o.pending], "choices": {ids[k]: v for k, v in o.choices.items()}}
        for o in state.occurrences
    ]  # fmt: skip
    messages = [
        {"round": n.round, "phase": n.phase, "text": n.text}
        for n in (state.notices if notices else ())
        if everything or n.to is None or me in n.to
    ]
    out: dict[str, Any] = {
        "seat": seat,
        "scenario": state.scenario.id,
        "round": state.round,
        "rounds": state.scenario.rules.rounds,
        "phase": state.phase,
        "paused": state.paused,
        "to_move": ids[owner] if owner is not None else None,
        "ending": state.ending,
        "end_reason": state.end_reason,
        "tension": round(state.tension, 6),
        "rung": rungs[state.rung()].id,
        "actors": actors,
        "agreements": agreements,
        "inspections": inspections,
        "events": occurrences,
        "notices": messages,
    }
    if everything:
        out["trust"] = {ids[i]: {ids[j]: round(float(state.trust[i, j]), 6) for j in range(state.n) if j != i}
                        for i in range(state.n)}  # fmt: skip
        out["injected"] = list(state.injected)
        out["stability"] = round(state.stability, 6)
        out["welfare"] = round(scoring.welfare(state), 6)
    if everything or me >= 0:
        mine = range(state.n) if everything else [me]
        out["intel"] = [
            {"seat": ids[i], "round": x.round, "about": ids[x.about], "suspicious": x.suspicious,
             "accuracy": round(x.accuracy, 6)}
            for i in mine for x in state.intel[i]
        ]  # fmt: skip
    return out
