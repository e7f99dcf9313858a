"""Inspections: requests, the inspected party's answer, and the announced finding."""

from __future__ import annotations

from game.core import dialogue, tension, trust
from game.core.agreements import describe, in_sentence, measure
from game.core.spec import InspectionType
from game.core.state import ACTIVE, SUSPECTED, VIOLATED, Agreement, GameState, Inspection


def method(state: GameState, method_id: str) -> InspectionType | None:
    for t in state.scenario.inspections.types:
        if t.id == method_id:
            return t
    return None


def may_request(state: GameState, requester: int, a: Agreement, target: int, afford: bool = True) -> str | None:
    """Why ``requester`` may not inspect ``target`` under ``a`` now, or None if it may.

    ``afford=False`` leaves capital out: who is asked to act must not reveal anyone's capital, which is secret.
    """
    if a.status not in ACTIVE:
        return f"agreement {a.id} is not in force"
    if a.verification == "none":
        return f"agreement {a.id} has no verification regime"
    if target == requester:
        return "an actor cannot inspect itself"
    if target not in a.committed():
        return f"{state.name(target)} has no obligations under agreement {a.id}"
    spec = state.scenario.actors[requester]
    if not spec.can_inspect:
        if requester not in a.parties:
            return f"{state.name(requester)} is not a party to agreement {a.id} and has no inspection mandate"
        if spec.kind == "organisation":
            # States that are parties inspect each other; an organisation needs a mandate even as a party.
            return f"{state.name(requester)} is an organisation without an inspection mandate"
    kind = method(state, a.verification)
    assert kind is not None
    if afford and state.capital[requester] < kind.cost:
        return f"{kind.name} costs {kind.cost} capital and {state.name(requester)} has {state.capital[requester]}"
    for i in reversed(state.inspections):  # this round's come last
        if i.round != state.round:
            break
        if i.agreement == a.id and i.target == target:
            return f"{state.name(target)} is already being inspected under agreement {a.id} this round"
    return None


def request(state: GameState, requester: int, a: Agreement, target: int) -> Inspection:
    kind = method(state, a.verification)
    assert kind is not None
    state.capital[requester] -= kind.cost
    inspection = Inspection(f"i{len(state.inspections) + 1}", a.id, requester, target, kind.id, state.round)
    state.inspections.append(inspection)
    state.notify(f"{state.name(requester)} requested an inspection of {state.name(target)} ({in_sentence(kind.name)}) "
                 f"under agreement {a.id} ({describe(state, a)}).")  # fmt: skip
    return inspection


def could_inspect(state: GameState, requester: int) -> bool:
    """Could the requester inspect anything now, capital aside (public facts only)?"""
    return any(
        may_request(state, requester, a, t, afford=False) is None
        for a in state.agreements
        if a.status in ACTIVE and a.verification != "none"
        for t in a.committed()
    )


def pending(state: GameState) -> Inspection | None:
    """The open request of this round, if any (at most one is open at a time: it must be answered first)."""
    for i in reversed(state.inspections):
        if i.round != state.round:
            break
        if not i.answer:
            return i
    return None


def answer(state: GameState, inspection: Inspection, reply: str) -> None:
    """Grant, delay or refuse; a granted or delayed inspection is carried out at once."""
    rules = state.scenario.inspections
    a = state.agreement(inspection.agreement)
    assert a is not None
    inspection.answer = reply
    target = inspection.target
    who = state.name(target)
    if reply == "refused":
        for j in range(state.n):
            trust.shift(state, j, target, rules.refuse_trust)
        tension.raise_by(state, state.scenario.tension.refused_inspection)
        if a.status in ACTIVE:
            a.status = SUSPECTED
            a.changed()
        state.notify(f"{who} refused the inspection {inspection.id} under agreement {a.id}.")
        return
    factor = 1.0
    if reply == "delayed":
        factor = rules.delay_factor
        for j in range(state.n):
            trust.shift(state, j, target, rules.delay_trust)
        if a.status in ACTIVE:
            a.status = SUSPECTED
            a.changed()
    m = measure(state, a.measure)
    kind = method(state, inspection.method)
    assert m is not None and kind is not None
    detection = m.detection.get(kind.id, 0.0) * factor
    defected = a.choices.get(target) == "defect"
    roll = float(state.rng.random())
    found = roll < detection if defected else roll < kind.false_alarm
    inspection.result = "violation" if found else "clean"
    a.findings.append((state.round, target, inspection.result))
    a.changed()
    trust.observe_inspection(state, target, found, detection, kind.false_alarm)
    verb = "After a delay, the" if reply == "delayed" else "The"
    if found:
        a.status = VIOLATED
        a.changed()
        tension.raise_by(state, state.scenario.tension.detected_violation)
        dialogue.expose(state, target)
        state.notify(f"{verb} {in_sentence(kind.name)} of {who} found a violation of agreement {a.id} "
                     f"({describe(state, a)}); the agreement is broken.")  # fmt: skip
    else:
        state.notify(f"{verb} {in_sentence(kind.name)} of {who} under agreement {a.id} found no violation.")
