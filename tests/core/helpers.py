"""Small builders for rules tests: scenario variants, reaching a situation in a few moves, and reading views.

Everything goes through the public API (``Session``, its views and legal moves);
the numbers quoted in the tests come from ``tests/builders.py``'s tiny scenario:
Arland (aa), Borduria (bb), Carpania (cc) and an Inspectorate (io) that may inspect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from game.core import FACILITATOR, IllegalMove, Scenario, Session
from game.core.moves import (
    Accept,
    Comply,
    Defect,
    DelayInspection,
    GrantInspection,
    Move,
    Pass,
    Propose,
    RefuseInspection,
    Reject,
    RequestInspection,
)
from tests.builders import pass_until, scenario_data, tiny

FAC = FACILITATOR
ACTORS = ("aa", "bb", "cc", "io")


# --- scenarios -------------------------------------------------------------------------------------------------


def variant(edit: Callable[[dict[str, Any]], None] | None = None, **changes: Any) -> Scenario:
    """The tiny scenario with top-level keys replaced, then ``edit`` applied to the raw data."""
    data = scenario_data(**changes)
    if edit is not None:
        edit(data)
    scenario = Scenario.model_validate(data)
    assert scenario.reference_errors() == []
    return scenario


def quiet(**changes: Any) -> Scenario:
    """The tiny scenario without its event deck, so nothing happens that a test did not ask for."""
    return tiny(events=[], **changes)


def measure_of(data: dict[str, Any], measure_id: str) -> dict[str, Any]:
    return next(m for m in data["measures"] if m["id"] == measure_id)


def inspection_type(data: dict[str, Any], type_id: str) -> dict[str, Any]:
    return next(t for t in data["inspections"]["types"] if t["id"] == type_id)


def rules(**changes: Any) -> dict[str, Any]:
    """The tiny scenario's ``rules`` block with some values changed."""
    return {**scenario_data()["rules"], **changes}


def tension_rules(**changes: Any) -> dict[str, Any]:
    """The tiny scenario's ``tension`` block with some values changed."""
    return {**scenario_data()["tension"], **changes}


# --- reaching a situation --------------------------------------------------------------------------------------


def game(scenario: Scenario | None = None, seed: int = 1) -> Session:
    return Session(scenario if scenario is not None else quiet(), seed)


def pass_to(session: Session, seat: str) -> None:
    """Pass for whoever is to move, within the current phase, until it is ``seat``'s turn."""
    phase = session.state.phase
    for _ in range(50):
        if session.to_move() == seat:
            return
        owner = session.to_move()
        assert owner is not None and session.state.phase == phase, f"{seat} never got the move in {phase}"
        session.submit(Pass(owner))
    raise AssertionError(f"{seat} never got the move")


def last_id(session: Session, collection: str) -> str:
    """The id of the newest agreement (``agreements``), inspection (``inspections``) or event (``events``)."""
    return session.view(FAC)[collection][-1]["id"]


def propose(
    session: Session,
    proposer: str,
    measure: str = "safeguards",
    to: tuple[str, ...] = ("bb",),
    reciprocity: str = "reciprocal",
    duration: int = 2,
    verification: str = "onsite",
) -> str:
    """In diplomacy: pass round to ``proposer`` and table a measure; returns the proposal's id."""
    pass_to(session, proposer)
    session.submit(Propose(proposer, measure, to, reciprocity, duration, verification))
    return last_id(session, "agreements")


def answer_all(session: Session, reply: Callable[[str, str], str] = lambda seat, aid: "accept") -> None:
    """In responses: every owed answer is ``reply(seat, agreement)`` ("accept" or "reject") until the phase ends."""
    while session.state.phase == "responses":
        seat = session.to_move()
        assert seat is not None
        owed = options(session, seat)["accept"]["agreements"]
        kind = reply(seat, owed[0])
        session.submit(Accept(seat, owed[0]) if kind == "accept" else Reject(seat, owed[0]))


def sign(
    session: Session,
    proposer: str = "aa",
    to: tuple[str, ...] = ("bb",),
    measure: str = "safeguards",
    reciprocity: str = "reciprocal",
    duration: int = 2,
    verification: str = "onsite",
) -> str:
    """From diplomacy: propose, let the others pass, and have every addressee accept; returns the agreement id."""
    aid = propose(session, proposer, measure, to, reciprocity, duration, verification)
    pass_until(session, "responses")
    answer_all(session)
    return aid


def decide(session: Session, defect: tuple[str, ...] = ()) -> None:
    """In implementation: the seats in ``defect`` break every agreement this round, everyone else complies."""
    while session.state.phase == "implementation":
        seat = session.to_move()
        assert seat is not None
        aid = options(session, seat)["comply"]["agreements"][0]
        session.submit(Defect(seat, aid) if seat in defect else Comply(seat, aid))


def play_until(session: Session, phase: str, round_: int | None = None, limit: int = 300) -> None:
    """Pass, and comply with everything, until the game reaches ``phase`` (of ``round_`` if given)."""
    for _ in range(limit):
        if session.state.phase == phase and round_ in (None, session.state.round):
            return
        if session.state.phase == "implementation":
            decide(session)
            continue
        seat = session.to_move()
        assert seat is not None, f"nobody to move before reaching {phase}"
        session.submit(Pass(seat))
    raise AssertionError(f"did not reach {phase}")


def request(session: Session, requester: str, agreement: str, target: str) -> str:
    """In verification: pass round to ``requester`` and ask to inspect ``target``; returns the inspection id."""
    pass_to(session, requester)
    session.submit(RequestInspection(requester, agreement, target))
    return last_id(session, "inspections")


ANSWERS: dict[str, type[Move]] = {"grant": GrantInspection, "delay": DelayInspection, "refuse": RefuseInspection}


def inspect(session: Session, requester: str, agreement: str, target: str, reply: str = "grant") -> dict[str, Any]:
    """Request an inspection and have the target answer it; returns the inspection as everyone sees it."""
    iid = request(session, requester, agreement, target)
    session.submit(ANSWERS[reply](target, iid))
    return next(i for i in session.view(FAC)["inspections"] if i["id"] == iid)


def signed_and_decided(
    scenario: Scenario | None = None, seed: int = 1, defect: tuple[str, ...] = (), **terms: Any
) -> tuple[Session, str]:
    """A game in round 1's verification phase with one agreement in force (safeguards, aa-bb, onsite by default).

    The terms must leave something to inspect: with nothing to inspect, verification is skipped.
    """
    session = game(scenario, seed)
    aid = sign(session, **terms)
    decide(session, defect)
    assert session.state.phase == "verification"
    return session, aid


def two_signed_and_decided(scenario: Scenario | None = None, seed: int = 1, defect: tuple[str, ...] = ()) -> Session:
    """Round 1's verification with two agreements in force, so that one inspection does not end the phase.

    a1: safeguards between Arland and Borduria, verified on site (never misses, never false-alarms);
    a2: a hotline Carpania offered Arland, verified by satellite. Every actor could inspect someone, and
    Arland, who moves first, could inspect both Borduria (a1) and Carpania (a2), with capital for two.
    """
    session = game(scenario, seed)
    propose(session, "aa", to=("bb",))
    propose(session, "cc", measure="hotline", to=("aa",), verification="sat")
    pass_until(session, "responses")
    answer_all(session)
    decide(session, defect)
    assert session.state.phase == "verification" and session.to_move() == "aa"
    return session


# --- reading -----------------------------------------------------------------------------------------------------


def options(session: Session, seat: str) -> dict[str, dict[str, Any]]:
    """``legal_moves`` as {kind: choices}."""
    return {o.kind: o.choices for o in session.legal_moves(seat)}


def trust(session: Session, truster: str, trusted: str) -> float:
    return session.view(FAC)["trust"][truster][trusted]


def trust_matrix(session: Session) -> dict[str, dict[str, float]]:
    return session.view(FAC)["trust"]


def tension(session: Session) -> float:
    return session.view(FAC)["tension"]


def actor(session: Session, actor_id: str, seat: str = FAC) -> dict[str, Any]:
    return next(a for a in session.view(seat)["actors"] if a["id"] == actor_id)


def agreement(session: Session, aid: str, seat: str = FAC) -> dict[str, Any]:
    return next(a for a in session.view(seat)["agreements"] if a["id"] == aid)


def texts(session: Session, seat: str = FAC) -> list[str]:
    return [n["text"] for n in session.view(seat)["notices"]]


def approx(value: float) -> Any:
    """Views round to six decimals."""
    return pytest.approx(value, abs=2e-6)


def bayes_clean(prior: float, detection: float, false_alarm: float) -> float:
    """Trust after a clean inspection result: t(1 - a) / (t(1 - a) + (1 - t) b), with b = 1 - detection."""
    miss = 1.0 - detection
    return prior * (1 - false_alarm) / (prior * (1 - false_alarm) + (1 - prior) * miss)


def clamp(value: float, floor: float = 0.01, ceiling: float = 0.99) -> float:
    return min(ceiling, max(floor, value))


# --- refusals ------------------------------------------------------------------------------------------------------


def refused(session: Session, move: Move | dict[str, Any], code: str) -> str:
    """Submit a move that must be refused with ``code``; check nothing changed; return the reason."""
    before = (session.hash(), len(session.log), session.view(FAC), [o.to_dict() for o in session.legal_moves(FAC)])
    with pytest.raises(IllegalMove) as info:
        session.submit(move)
    error = info.value
    assert error.code == code, f"expected {code}, got {error.code}: {error.reason}"
    assert isinstance(error.reason, str) and len(error.reason) > 10 and error.reason == str(error)
    after = (session.hash(), len(session.log), session.view(FAC), [o.to_dict() for o in session.legal_moves(FAC)])
    assert after == before, "a refused move changed the game"
    return error.reason
