"""Helpers for the AI tests: build a persona, ask it for a decision, and drive a game with some seats by hand.

The situations use the tiny scenario of ``tests/builders.py`` (Arland ``aa``, Borduria ``bb``, Carpania ``cc``
and the Inspectorate ``io``) and the situation builders of ``tests/core/helpers.py``. The persona under test is
asked for its decision through the same door the game uses (``turn_for``); the other seats are played by hand,
so a test decides exactly what the persona has seen.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from game.ai import AI, Decision, build
from game.ai.play import turn_for
from game.core import FACILITATOR, Scenario, Session
from game.core.moves import (
    Accept,
    Adjust,
    Comply,
    Defect,
    GrantInspection,
    Move,
    Pass,
    RefuseInspection,
    Reject,
    RespondEvent,
)
from tests.core.helpers import options, rules, variant

RULE_PERSONAS = ("cooperative", "hardliner", "reciprocator", "grudger", "grit", "opportunist")
ALL_PERSONAS = ("simple", *RULE_PERSONAS, "strategist")

# --- personas ------------------------------------------------------------------------------------------------------


def persona(name: str, level: str = "easy", **overrides: float) -> AI:
    """A built-in persona; the Strategist at ``easy`` unless asked (the tests must stay quick)."""
    return build(name, overrides or None, level)


def ask(session: Session, seat: str, ai: AI) -> Decision:
    """What ``ai`` would play for ``seat`` now, given exactly what the game gives an AI seat."""
    assert session.to_move() == seat, f"{seat} is not to move: {session.to_move()} is"
    return ai.decide(turn_for(session, seat))


def let(session: Session, seat: str, ai: AI) -> Decision:
    """Ask, then play the decision (an illegal move raises ``IllegalMove``)."""
    decision = ask(session, seat, ai)
    session.submit(decision.move, decision.rationale)
    return decision


# --- scenarios -----------------------------------------------------------------------------------------------------


def calm(
    rounds: int = 4, intel: float = 0.99, edit: Callable[[dict[str, Any]], None] | None = None, **changes: Any
) -> Scenario:
    """The tiny scenario with no event deck, ``rounds`` rounds, and near-perfect intelligence for every actor.

    Intelligence is noisy by design; near-perfect reports keep a persona that reads them (the Reciprocator)
    from reacting to a false alarm the test did not ask for. ``edit`` may change the raw data further.
    """

    def sharpen(data: dict[str, Any]) -> None:
        for actor in data["actors"]:
            actor["intel_accuracy"] = intel
        if edit is not None:
            edit(data)

    return variant(sharpen, events=[], rules=rules(rounds=rounds), **changes)


def set_trust(session: Session, truster: str, trusted: str, value: float) -> None:
    """The facilitator sets ``truster``'s trust in ``trusted`` (a logged, legal move in any phase)."""
    session.submit(Adjust(FACILITATOR, f"trust:{truster}:{trusted}", value, "test set-up"))


# --- driving a game with some seats by hand ------------------------------------------------------------------------

Hand = Callable[[Session, str, dict[str, dict[str, Any]]], Move]


def passive(session: Session, seat: str, c: dict[str, dict[str, Any]]) -> Move:
    """A seat played by hand that never starts anything: passes, complies, grants, rejects, picks the first response."""
    if "comply" in c:
        return Comply(seat, c["comply"]["agreements"][0])
    if "grant_inspection" in c:
        return GrantInspection(seat, c["grant_inspection"]["inspections"][0])
    if "accept" in c:
        return Reject(seat, c["accept"]["agreements"][0])
    if "respond_event" in c:
        occurrence, choices = next(iter(c["respond_event"]["occurrences"].items()))
        return RespondEvent(seat, occurrence, choices[0])
    return Pass(seat)


def unreciprocating(session: Session, seat: str, c: dict[str, dict[str, Any]]) -> Move:
    """A seat that takes what is offered and gives nothing back: accepts one-sided offers only, defects, refuses."""
    if "comply" in c:
        return Defect(seat, c["comply"]["agreements"][0])
    if "grant_inspection" in c:
        return RefuseInspection(seat, c["grant_inspection"]["inspections"][0])
    if "accept" in c:
        aid = c["accept"]["agreements"][0]
        offer = next(a for a in session.view(seat)["agreements"] if a["id"] == aid)
        one_sided = offer["reciprocity"] == "one_sided"
        return Accept(seat, aid) if one_sided else Reject(seat, aid)
    return passive(session, seat, c)


def drive(
    session: Session,
    ais: Mapping[str, AI],
    until: Callable[[Session], bool],
    hand: Hand = passive,
    phases: Collection[str] | None = None,
    limit: int = 2000,
) -> list[tuple[str, Decision]]:
    """Play on until ``until(session)`` holds or the game ends: seats in ``ais`` by their AI, others by ``hand``.

    With ``phases``, the AI seats play by their AI only in those phases, and by ``hand`` elsewhere.
    Returns every AI decision in order, as (seat, decision).
    """
    decisions: list[tuple[str, Decision]] = []
    for _ in range(limit):
        if session.over or until(session):
            return decisions
        seat = session.to_move()
        assert seat is not None, "nobody to move"
        if seat in ais and (phases is None or session.state.phase in phases):
            decisions.append((seat, let(session, seat, ais[seat])))
        else:
            session.submit(hand(session, seat, options(session, seat)))
    raise AssertionError("the game did not reach the situation")


def at(phase: str, round_: int | None = None) -> Callable[[Session], bool]:
    """A stopping condition for ``drive``: the game is in ``phase`` (of round ``round_`` if given)."""
    return lambda s: s.state.phase == phase and round_ in (None, s.state.round)


def after_round(round_: int) -> Callable[[Session], bool]:
    return lambda s: s.state.round > round_


def kinds(decisions: list[tuple[str, Decision]], seat: str, *kind: str) -> list[Move]:
    """The moves ``seat``'s AI made of the given kinds."""
    return [d.move for s, d in decisions if s == seat and d.move.kind in kind]


def by_agreement(decisions: list[tuple[str, Decision]], seat: str) -> dict[str, list[str]]:
    """``seat``'s compliance decisions, per agreement, in order: {agreement: ["comply", "defect", ...]}."""
    out: dict[str, list[str]] = {}
    for s, d in decisions:
        if s == seat and d.move.kind in ("comply", "defect"):
            out.setdefault(d.move.agreement, []).append(d.move.kind)  # type: ignore[attr-defined]
    return out


def observe(
    session: Session,
    ai: AI,
    seats: Collection[str],
    until: Callable[[Session], bool],
    hand: Hand = passive,
    limit: int = 2000,
) -> list[tuple[int, str, Decision]]:
    """Play on by ``hand`` only, asking ``ai`` (without playing its answer) whenever one of ``seats`` is to move.

    Two sessions played on this way stay in step whatever the AI would choose. Returns (step, seat, decision).
    """
    seen: list[tuple[int, str, Decision]] = []
    for _ in range(limit):
        if session.over or until(session):
            return seen
        seat = session.to_move()
        assert seat is not None, "nobody to move"
        if seat in seats:
            seen.append((len(session.log), seat, ask(session, seat, ai)))
        session.submit(hand(session, seat, options(session, seat)))
    raise AssertionError("the game did not reach the situation")
