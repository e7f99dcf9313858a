"""Proposals, answers and agreements in force: their lifecycle and what signing and complying do."""

from __future__ import annotations

from game.core import tension, trust
from game.core.spec import Measure, Scenario
from game.core.state import (
    ACTIVE,
    COUNTERED,
    EXPIRED,
    IN_FORCE,
    PROPOSED,
    REJECTED,
    WITHDRAWN,
    Agreement,
    GameState,
)

_MEASURES: dict[int, tuple[Scenario, dict[str, Measure]]] = {}


def measure(state: GameState, measure_id: str) -> Measure | None:
    """The scenario's measure of that id (looked up by id: the rules ask for one at almost every move)."""
    scenario = state.scenario
    cached = _MEASURES.get(id(scenario))
    if cached is None or cached[0] is not scenario:
        by_id: dict[str, Measure] = {}
        for m in scenario.measures:
            by_id.setdefault(m.id, m)  # the loader refuses a repeated id; were there one, the first would count
        cached = _MEASURES[id(scenario)] = (scenario, by_id)
    return cached[1].get(measure_id)


def in_sentence(name: str) -> str:
    """A name as it reads inside a sentence: "Routine safeguards inspection" → "routine safeguards inspection",
    but "CTBTO monitoring data" keeps its capitals."""
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def describe(state: GameState, a: Agreement) -> str:
    m = measure(state, a.measure)
    name = m.name if m else a.measure
    kind = next((t for t in state.scenario.inspections.types if t.id == a.verification), None)
    regime = "no inspections" if kind is None else f"verified by {in_sentence(kind.name)}"
    sides = "one-sided" if a.reciprocity == "one_sided" else "reciprocal"
    return f"{name} ({sides}, {a.duration} rounds, {regime})"


def in_force_among(state: GameState, measure_id: str, actors: list[int]) -> bool:
    """Is the measure in force between the given actors (at least two of them, or the only one)?"""
    needed = min(2, len(actors))
    for a in state.agreements:
        if a.status in ACTIVE and a.measure == measure_id:
            if sum(1 for x in actors if x in a.parties) >= needed:
                return True
    return False


def in_force(state: GameState, measure_id: str) -> bool:
    return any(a.status in ACTIVE and a.measure == measure_id for a in state.agreements)


def active_count(
    state: GameState, actor: int | None = None, category: str | None = None, measure_id: str | None = None
) -> int:
    count = 0
    for a in state.agreements:
        if a.status not in ACTIVE or (actor is not None and actor not in a.parties):
            continue
        if measure_id is not None and a.measure != measure_id:
            continue
        if category is not None:
            m = measure(state, a.measure)
            if m is None or m.category != category:
                continue
        count += 1
    return count


def pending_answer(a: Agreement, actor: int) -> bool:
    return a.status == PROPOSED and actor in a.addressees and actor not in a.answers


def propose(state: GameState, proposer: int, measure_id: str, to: tuple[int, ...], reciprocity: str,
            duration: int, verification: str, counter_of: Agreement | None = None) -> Agreement:  # fmt: skip
    agreement = Agreement(
        id=f"a{len(state.agreements) + 1}",
        measure=measure_id,
        proposer=proposer,
        addressees=to,
        initiator=counter_of.initiator if counter_of else proposer,
        reciprocity=reciprocity,
        duration=duration,
        verification=verification,
        round_proposed=state.round,
        counter_of=counter_of.id if counter_of else None,
        depth=counter_of.depth + 1 if counter_of else 0,
    )
    state.agreements.append(agreement)
    return agreement


def answer(state: GameState, a: Agreement, actor: int, reply: str) -> None:
    """Record an addressee's answer; once all have answered, the proposal is settled."""
    a.answers[actor] = reply
    a.changed()
    if len(a.answers) < len(a.addressees):
        return
    accepted = tuple(x for x in a.addressees if a.answers[x] == "accept")
    if accepted:
        bring_into_force(state, a, (a.proposer, *accepted))
    elif any(r == "counter" for r in a.answers.values()):
        a.status = COUNTERED
        a.changed()
    else:
        a.status = REJECTED
        a.changed()
        state.notify(f"{describe(state, a)} proposed by {state.name(a.proposer)} was rejected.",
                     (a.proposer, *a.addressees))  # fmt: skip


def bring_into_force(state: GameState, a: Agreement, parties: tuple[int, ...]) -> None:
    m = measure(state, a.measure)
    assert m is not None  # checked when proposed
    a.status = IN_FORCE
    a.parties = tuple(sorted(parties))
    a.obligated = obligations(state, a)
    a.started = state.round
    a.ends = state.round + a.duration - 1
    a.changed()
    for i in a.parties:
        for j in a.parties:
            trust.shift(state, i, j, m.sign.trust)
    tension.raise_by(state, m.sign.tension)
    names = ", ".join(state.name(p) for p in a.parties)
    state.notify(f"Agreement {a.id} in force: {describe(state, a)} between {names}.")


def obligations(state: GameState, a: Agreement) -> tuple[int, ...]:
    """Who must comply: the initiator of one-sided terms, else every party that is a state."""
    states = tuple(p for p in a.parties if state.scenario.actors[p].kind == "state")
    if a.reciprocity == "one_sided":
        return tuple(p for p in states if p == a.initiator)
    return states


def open_starting(state: GameState) -> None:
    """Put the scenario's starting agreements in force for round 1 (initial trust already reflects them)."""
    for start in state.scenario.agreements:
        parties = tuple(state.index[p] for p in start.parties)
        initiator = state.index[start.initiator] if start.initiator else parties[0]
        a = Agreement(f"a{len(state.agreements) + 1}", start.measure, parties[0], parties[1:], initiator,
                      start.reciprocity, start.duration, start.verification, round_proposed=0)  # fmt: skip
        a.answers = {p: "accept" for p in parties[1:]}
        a.status = IN_FORCE
        a.parties = tuple(sorted(parties))
        a.obligated = obligations(state, a)
        a.started, a.ends = 1, start.duration
        state.agreements.append(a)
        names = ", ".join(state.name(p) for p in a.parties)
        state.notify(f"In force at the start: agreement {a.id}, {describe(state, a)} between {names}.")


def withdraw(state: GameState, a: Agreement, actor: int) -> None:
    if a.status == PROPOSED:
        a.status = WITHDRAWN
        a.changed()
        state.notify(f"{state.name(actor)} withdrew its proposal {a.id}.", (actor, *a.addressees))
        return
    remaining = tuple(p for p in a.parties if p != actor)
    a.choices.pop(actor, None)
    if len(remaining) < 2 or (a.reciprocity == "one_sided" and actor == a.initiator):
        a.status = WITHDRAWN
    else:
        a.parties = remaining
        a.obligated = obligations(state, a)
    a.changed()
    state.notify(f"{state.name(actor)} withdrew from agreement {a.id} ({describe(state, a)}).")


def decide(state: GameState, a: Agreement, actor: int, choice: str) -> None:
    """A party's secret choice for this round; its security cost or gain is immediate."""
    m = measure(state, a.measure)
    assert m is not None
    a.choices[actor] = choice
    a.history.append((state.round, actor, choice))
    a.changed()
    state.security[actor] += m.defect_gain if choice == "defect" else -m.comply_cost
    state.notify(f"You chose to {choice} with agreement {a.id} ({describe(state, a)}).", (actor,))


def owes_decision(a: Agreement, actor: int) -> bool:
    """Must ``actor`` still decide this round whether to comply with ``a``?"""
    return a.status in ACTIVE and actor in a.committed() and actor not in a.choices


def undecided(state: GameState, actor: int) -> list[Agreement]:
    return [a for a in state.agreements if owes_decision(a, actor)]


def owing_decision(state: GameState) -> set[int]:
    """Actors with at least one compliance decision still to make this round."""
    return {p for a in state.agreements if a.status in ACTIVE for p in a.committed() if p not in a.choices}


def assess(state: GameState) -> None:
    """Once a round: the effects of agreements in force; this round's secret choices are done with."""
    for a in state.agreements:
        if a.status not in ACTIVE:
            continue
        m = measure(state, a.measure)
        assert m is not None
        if m.in_force.trust:
            for i in a.parties:
                for j in a.parties:
                    trust.shift(state, i, j, m.in_force.trust)
        tension.raise_by(state, m.in_force.tension)
        a.choices.clear()
        a.changed()


def expire(state: GameState) -> None:
    """Agreements whose last round this was expire."""
    for a in state.agreements:
        if a.status in ACTIVE and a.ends <= state.round:
            a.status = EXPIRED
            a.changed()
            state.notify(f"Agreement {a.id} ({describe(state, a)}) expired.")
