"""GRIT (graduated reciprocation in tension-reduction): small unilateral steps, announced, kept without reciprocation.

Arland (aa) plays GRIT. In the tiny scenario the only measure that may be offered one-sided is safeguards
(comply cost 1, within GRIT's core-security limit of 1). "Nobody reciprocates": the others accept its one-sided
steps but nothing else, break every agreement and refuse every inspection.
"""

from __future__ import annotations

import pytest

from game.core import Session
from game.core.moves import Propose
from tests.ai.helpers import at, by_agreement, calm, drive, kinds, persona, unreciprocating
from tests.builders import pass_until
from tests.core.helpers import answer_all, propose

SEEDS = range(1, 21)


def first_round_proposals(seed: int) -> list[Propose]:
    session = Session(calm(), seed)
    decisions = drive(session, {"aa": persona("grit")}, at("responses"))
    return kinds(decisions, "aa", "propose")  # type: ignore[return-value]


def test_most_of_its_proposals_are_one_sided_steps_to_the_actor_it_trusts_least() -> None:
    proposals = [p for seed in SEEDS for p in first_round_proposals(seed)]
    one_sided = [p for p in proposals if p.reciprocity == "one_sided"]
    assert len(proposals) >= 0.8 * len(SEEDS)
    assert len(one_sided) >= 0.5 * len(proposals)
    assert {p.to for p in one_sided} == {("bb",)}  # Arland trusts Borduria least (0.3)


def test_its_one_sided_steps_never_touch_core_security() -> None:
    session = Session(calm(), 1)
    catalogue = session.view("aa")["catalogue"]["measures"]
    steps = [p for seed in SEEDS for p in first_round_proposals(seed) if p.reciprocity == "one_sided"]
    assert steps and all(catalogue[p.measure]["comply_cost"] <= 1.0 for p in steps)


def test_a_lower_core_security_limit_stops_one_sided_safeguards() -> None:
    proposals = []
    for seed in SEEDS:
        session = Session(calm(), seed)
        decisions = drive(session, {"aa": persona("grit", core_security=0.5)}, at("responses"))
        proposals += kinds(decisions, "aa", "propose")
    assert proposals and all(p.reciprocity == "reciprocal" for p in proposals)  # type: ignore[attr-defined]


def test_its_unilateral_steps_are_verifiable() -> None:
    steps = [p for seed in SEEDS for p in first_round_proposals(seed) if p.reciprocity == "one_sided"]
    assert steps and all(p.verification != "none" for p in steps)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_it_keeps_complying_and_keeps_offering_steps_when_nobody_reciprocates(seed: int) -> None:
    session = Session(calm(rounds=4), seed)
    # A reciprocal agreement Borduria will break every round, and refuse to have inspected.
    broken = propose(session, "bb", "safeguards", ("aa",), duration=3, verification="sat")
    pass_until(session, "responses")
    answer_all(session)
    decisions = drive(session, {"aa": persona("grit")}, lambda s: False, hand=unreciprocating)
    assert session.over
    choices = by_agreement(decisions, "aa")
    assert choices[broken] == ["comply", "comply", "comply"]
    assert {kind for c in choices.values() for kind in c} == {"comply"}
    rounds_with_a_step = {
        entry.round
        for entry in session.log
        if entry.move.actor == "aa" and isinstance(entry.move, Propose) and entry.move.reciprocity == "one_sided"
    }
    assert len(rounds_with_a_step) >= 2  # it does not give up after a step goes unanswered
