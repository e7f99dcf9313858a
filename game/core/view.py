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
from game.core.spec import DIALOGUE_KINDS, Scenario
from game.core.state import PROPOSED, SETTLED, Agreement, GameState

DEBRIEF = "debrief"
OMNISCIENT = frozenset({FACILITATOR, DEBRIEF})


def _objectives(items: list) -> list[dict[str, Any]]:
    return [{"metric": o.metric, "weight": o.weight, "text": o.text} for o in items]


_STATIC: dict[int, tuple[Scenario, list[tuple[dict[str, Any], dict[str, Any]]]]] = {}


def _static_actors(scenario: Scenario) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """What never changes about each actor: (what everyone sees, what only its seat sees); cached."""
    cached = _STATIC.get(id(scenario))
    if cached is None or cached[0] is not scenario:
        entries = [
            ({"id": a.id, "name": a.name, "kind": a.kind, "colour": a.colour,
              "public_objectives": _objectives(a.objectives.public)},
             {"briefing": a.briefing, "private_objectives": _objectives(a.objectives.private)})
            for a in scenario.actors
        ]  # fmt: skip
        cached = _STATIC[id(scenario)] = (scenario, entries)
    return cached[1]


_CATALOGUES: dict[int, tuple[Scenario, dict[str, Any]]] = {}


def catalogue(scenario: Scenario) -> dict[str, Any]:
    """The public rules of the scenario every seat may consult: measures, inspection types, event responses."""
    cached = _CATALOGUES.get(id(scenario))
    if cached is None or cached[0] is not scenario:
        data = {
            "measures": {
                m.id: {"name": m.name, "category": m.category, "cost": m.cost, "comply_cost": m.comply_cost,
                       "defect_gain": m.defect_gain, "detection": dict(m.detection), "durations": list(m.durations),
                       "reciprocity": list(m.reciprocity), "sign_trust": m.sign.trust, "sign_tension": m.sign.tension,
                       "text": m.text, "source": m.source}
                for m in scenario.measures
            },
            "inspections": {t.id: {"name": t.name, "cost": t.cost, "false_alarm": t.false_alarm}
                            for t in scenario.inspections.types},
            "events": {
                e.id: {"name": e.name, "text": e.text,
                       "responses": {o.id: {"label": o.label, "tension": o.effects.tension} for o in e.responses}}
                for e in scenario.events
            },
            "dialogue": {k: getattr(scenario.dialogue, k).cost for k in DIALOGUE_KINDS},
        }  # fmt: skip
        cached = _CATALOGUES[id(scenario)] = (scenario, data)
    return cached[1]


def record(state: GameState) -> dict[str, dict[str, int]]:
    """Each actor's public record: violations found against it, inspections it refused, delayed and granted."""
    out = {a: {"violations_found": 0, "refused": 0, "delayed": 0, "granted": 0, "last_bad_round": 0} for a in state.ids}
    for i in state.inspections:
        entry = out[state.ids[i.target]]
        if i.answer in ("refused", "delayed", "granted"):
            entry[i.answer] += 1
        if i.result == "violation":
            entry["violations_found"] += 1
        if i.answer == "refused" or i.result == "violation":
            entry["last_bad_round"] = max(entry["last_bad_round"], i.round)
    return out


def _agreement_entry(a: Agreement, ids: tuple[str, ...]) -> dict[str, Any]:
    """The public part of an agreement's view entry, rebuilt only when the agreement changed."""
    if a.shown is not None and a.shown[0] == a.version:
        return a.shown[1]
    entry = {
        "id": a.id, "measure": a.measure, "status": a.status, "proposer": ids[a.proposer],
        "addressees": [ids[x] for x in a.addressees], "parties": [ids[x] for x in a.parties],
        "obligated": [ids[x] for x in a.obligated],
        "reciprocity": a.reciprocity, "duration": a.duration, "verification": a.verification,
        "round_proposed": a.round_proposed, "counter_of": a.counter_of, "started": a.started, "ends": a.ends,
        "answers": {ids[k]: v for k, v in a.answers.items()},
        "findings": [{"round": r, "party": ids[p], "result": res} for r, p, res in a.findings],
    }  # fmt: skip
    a.shown = (a.version, entry)
    return entry


def view(state: GameState, seat: str, full: bool = True) -> dict[str, Any]:
    """The state as ``seat`` (an actor id, ``"facilitator"`` or ``"debrief"``) may see it, as plain data.

    The view is a read-only snapshot: nested parts may be shared with later views, so copy before changing.

    ``full=False`` keeps only what is current: no message log, no settled agreements, and
    only this round's inspections, events and intelligence (what an AI needs, at a fraction
    of the cost; the history grows all game).
    """
    everything = seat in OMNISCIENT
    me = state.index.get(seat, -1)
    if not everything and me < 0:
        raise ValueError(f"unknown seat '{seat}'; seats: {', '.join([*state.ids, FACILITATOR, DEBRIEF])}")
    ids = state.ids
    owner = phases.to_move(state)
    rungs = state.scenario.tension.rungs
    actors = []
    for i, (public, private) in enumerate(_static_actors(state.scenario)):
        entry: dict[str, Any] = {**public, "posture": state.posture[i]}
        if everything or i == me:
            row = state.trust[i].tolist()
            entry.update(private)
            entry.update(
                capital=state.capital[i],
                security=state.security[i],
                score=round(scoring.score(state, i), 6),
                trust={ids[j]: round(row[j], 6) for j in range(state.n) if j != i},
            )
        actors.append(entry)
    agreements = []
    for a in state.agreements:
        if not full and a.status in SETTLED:
            continue
        known = a.status not in (PROPOSED, "rejected", "countered", "withdrawn") or bool(a.parties)
        if not (everything or known or me == a.proposer or me in a.addressees or me in a.parties):
            continue
        entry = {**_agreement_entry(a, ids)}
        # Compliance is secret: a seat sees only its own choices (findings, which are public, say what was caught).
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
        if full or o.round == state.round
    ]  # fmt: skip
    # Who a private notice was for: the facilitator and the debrief see them all, so they must see to whom
    # ("You chose to comply…" means nothing without it); a seat sees only its own and the public ones.
    messages = [
        {
            "round": n.round,
            "phase": n.phase,
            "text": n.text,
            "to": None if n.to is None else [ids[i] for i in n.to],
            "step": n.step,
        }
        for n in (state.notices if full else ())
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
        "actions": state.actions,  # moves the actor to move has made this diplomacy turn
        "ending": state.ending,
        "end_reason": state.end_reason,
        "tension": round(state.tension, 6),
        "rung": rungs[state.rung()].id,
        "actors": actors,
        "agreements": agreements,
        "inspections": inspections,
        "events": occurrences,
        "notices": messages,
        "controllers": {ids[i]: c for i, c in sorted(state.controllers.items())},  # facilitator hand-overs
        "record": record(state),
        "catalogue": catalogue(state.scenario),
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
            for i in mine for x in state.intel[i] if full or x.round == state.round
        ]  # fmt: skip
    return out
