"""The Reciprocator mirrors each counterpart: it keeps faith with those who behaved and answers misconduct in kind.

Misconduct is public: an inspection refused or a violation found (last round or this one), or this round's
intelligence report. The situation: a four-round game with Arland (aa) as the Reciprocator and three agreements
signed in round 1, none of which a false alarm can end:

- safeguards with Borduria (bb), verified on site (never misses, never false-alarms), for two rounds;
- a hotline with Borduria, unverified, for three rounds;
- a trade corridor with Carpania (cc), unverified, for three rounds.

In round 1 Borduria either refuses Arland's on-site inspection, or breaks the safeguards and is caught.
Everyone's intelligence is right 99% of the time, so the Reciprocator reacts to what the test staged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from game.ai import AI
from game.core import Session
from game.core.moves import Comply, Defect, Move
from tests.ai.helpers import at, by_agreement, calm, drive, persona
from tests.builders import pass_until
from tests.core.helpers import answer_all, inspect, propose

HOW = ("refused", "caught")


@dataclass
class Staged:
    session: Session
    safeguards: str
    hotline: str
    trade: str


def stage(how: str, ai: AI, seed: int = 1) -> tuple[Staged, dict[str, list[str]]]:
    """Round 1 played; returns the situation at round 2's start and the Reciprocator's round-1 compliance."""
    session = Session(calm(rounds=4), seed)
    safeguards = propose(session, "aa", "safeguards", ("bb",), duration=2, verification="onsite")
    hotline = propose(session, "aa", "hotline", ("bb",), duration=3, verification="none")
    trade = propose(session, "cc", "trade", ("aa",), duration=3, verification="none")
    pass_until(session, "responses")
    answer_all(session)

    def borduria(s: Session, seat: str, c: dict[str, Any]) -> Move:
        aid = c["comply"]["agreements"][0]
        cheat = how == "caught" and (seat, aid) == ("bb", safeguards)
        return Defect(seat, aid) if cheat else Comply(seat, aid)

    round_one = drive(session, {"aa": ai}, at("verification"), hand=borduria)
    if how == "refused":
        assert inspect(session, "aa", safeguards, "bb", "refuse")["answer"] == "refused"
    else:
        assert inspect(session, "aa", safeguards, "bb", "grant")["result"] == "violation"
    return Staged(session, safeguards, hotline, trade), by_agreement(round_one, "aa")


def implementation(staged: Staged, ai: AI, round_: int) -> dict[str, list[str]]:
    """Play on (others pass, comply and grant) through ``round_``'s implementation; the AI decides only compliance."""
    session = staged.session
    drive(session, {}, at("implementation", round_))
    decisions = drive(session, {"aa": ai}, lambda s: s.state.phase != "implementation", phases={"implementation"})
    return by_agreement(decisions, "aa")


def suspicious_intel(session: Session, seat: str, about: str) -> bool:
    return any(x["about"] == about and x["suspicious"] for x in session.view(seat, full=False)["intel"])


def test_it_honours_its_agreements_while_everyone_behaves() -> None:
    _, round_one = stage("refused", persona("reciprocator"))
    assert round_one and all(choices == ["comply"] for choices in round_one.values())


@pytest.mark.parametrize("how", HOW)
def test_it_answers_misconduct_with_a_defection_against_that_actor_only(how: str) -> None:
    ai = persona("reciprocator", forgiveness=0.0)
    staged, _ = stage(how, ai)
    round_two = implementation(staged, ai, 2)
    assert round_two[staged.hotline] == ["defect"]
    assert round_two[staged.trade] == ["comply"]  # Carpania behaved
    if how == "refused":  # still in force (suspected), and broken too
        assert round_two[staged.safeguards] == ["defect"]


@pytest.mark.parametrize("how", HOW)
def test_its_defection_says_it_is_tit_for_tat(how: str) -> None:
    ai = persona("reciprocator", forgiveness=0.0)
    staged, _ = stage(how, ai)
    drive(staged.session, {}, at("implementation", 2))
    decisions = drive(
        staged.session, {"aa": ai}, lambda s: s.state.phase != "implementation", phases={"implementation"}
    )
    defections = [d for _, d in decisions if d.move.kind == "defect"]
    assert defections
    assert all("tit-for-tat" in d.rationale and "Borduria" in d.rationale for d in defections)


@pytest.mark.parametrize("how", HOW)
def test_it_returns_to_compliance_once_the_counterpart_behaves_again(how: str) -> None:
    ai = persona("reciprocator", forgiveness=0.0)
    staged, _ = stage(how, ai)
    implementation(staged, ai, 2)  # Borduria complies in round 2 and is not inspected
    round_three = implementation(staged, ai, 3)
    assert not suspicious_intel(staged.session, "aa", "bb")  # intelligence agrees it behaved
    assert round_three[staged.hotline] == ["comply"]
    assert round_three[staged.trade] == ["comply"]


@pytest.mark.parametrize("how", HOW)
def test_with_forgiveness_one_it_forgives(how: str) -> None:
    ai = persona("reciprocator", forgiveness=1.0)
    staged, _ = stage(how, ai)
    round_two = implementation(staged, ai, 2)
    assert set(round_two) >= {staged.hotline, staged.trade}
    assert all(choices == ["comply"] for choices in round_two.values())


@pytest.mark.parametrize("how", HOW)
def test_the_built_in_reciprocator_is_generous_retaliating_mostly_but_not_always(how: str) -> None:
    """Its forgiveness is 0.3: over many games it overlooks some misconduct, but answers most of it."""
    retaliated = 0
    seeds = range(1, 61)
    for seed in seeds:
        ai = persona("reciprocator")
        staged, _ = stage(how, ai, seed)
        retaliated += implementation(staged, ai, 2)[staged.hotline] == ["defect"]
    assert 0.45 * len(seeds) <= retaliated < 0.95 * len(seeds)
