"""The Grudger cooperates until an inspection catches an actor cheating, then never cooperates with that actor again.

The situation: a four-round game with Arland (aa) played by the Grudger. In round 1 it has three agreements in
force: safeguards with Borduria verified on site (an on-site inspection never misses and never false-alarms),
a hotline with Borduria for three rounds, and a trade corridor Carpania offered it. Borduria secretly breaks the
safeguards, Arland inspects, Borduria grants, and the violation is found and announced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from game.core import Session
from game.core.moves import Accept, Comply, Defect, Move
from tests.ai.helpers import ask, at, by_agreement, calm, drive, persona
from tests.builders import pass_until
from tests.core.helpers import answer_all, inspect, play_until, propose, request


@dataclass
class Caught:
    session: Session
    safeguards: str  # aa-bb, on site: broken by Borduria and found
    hotline: str  # aa-bb, still in force after the finding
    trade: str  # cc-aa: Carpania never misbehaved
    round_one: dict[str, list[str]]  # the Grudger's own compliance decisions in round 1


def caught(seed: int = 1) -> Caught:
    session = Session(calm(rounds=4), seed)
    safeguards = propose(session, "aa", "safeguards", ("bb",), duration=2, verification="onsite")
    hotline = propose(session, "aa", "hotline", ("bb",), duration=3, verification="sat")
    trade = propose(session, "cc", "trade", ("aa",), duration=3, verification="sat")
    pass_until(session, "responses")
    answer_all(session)
    grudger = persona("grudger")
    decisions = drive(
        session,
        {"aa": grudger},
        at("verification"),
        hand=lambda s, seat, c: _borduria_cheats_on(safeguards, seat, c),
    )
    finding = inspect(session, "aa", safeguards, "bb", "grant")
    assert finding["result"] == "violation"
    return Caught(session, safeguards, hotline, trade, by_agreement(decisions, "aa"))


def _borduria_cheats_on(safeguards: str, seat: str, c: dict[str, Any]) -> Move:
    aid = c["comply"]["agreements"][0]
    return Defect(seat, aid) if (seat, aid) == ("bb", safeguards) else Comply(seat, aid)


def test_the_grudger_honours_every_agreement_before_anyone_is_caught() -> None:
    situation = caught()
    assert situation.round_one == {
        situation.safeguards: ["comply"],
        situation.hotline: ["comply"],
        situation.trade: ["comply"],
    }


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_after_the_finding_it_never_complies_again_with_an_agreement_borduria_is_party_to(seed: int) -> None:
    situation = caught(seed)
    session = situation.session
    # Round 2: Carpania brings Arland and Borduria into a new, unverified hotline (so no false alarm can end it).
    play_until(session, "diplomacy", 2)
    joint = propose(session, "cc", "hotline", ("aa", "bb"), duration=3, verification="none")
    pass_until(session, "responses")
    answer_all(session)
    # The Grudger plays its own seat for the rest of the game; the others comply and grant.
    decisions = drive(session, {"aa": persona("grudger")}, lambda s: False)
    assert session.over
    choices = by_agreement(decisions, "aa")
    # Rounds 2 and 3, unless a satellite false alarm about Borduria ends the hotline early.
    assert choices[situation.hotline] in (["defect"], ["defect", "defect"])
    assert choices[joint] == ["defect", "defect", "defect"]  # rounds 2 to 4: signed after the finding
    assert choices[situation.trade] and set(choices[situation.trade]) == {"comply"}  # Carpania did nothing wrong
    broken = [d for s, d in decisions if s == "aa" and d.move.kind == "defect"]
    assert all("Borduria" in d.rationale and "violation" in d.rationale for d in broken)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_rejects_every_proposal_from_borduria_in_the_following_rounds(seed: int) -> None:
    situation = caught(seed)
    session = situation.session
    grudger = persona("grudger")
    for round_ in (2, 3, 4):
        play_until(session, "diplomacy", round_)
        offer = propose(session, "bb", "safeguards", ("aa",), duration=2, verification="onsite")
        pass_until(session, "responses")
        decision = ask(session, "aa", grudger)
        assert decision.move.kind == "reject" and decision.move.agreement == offer  # type: ignore[attr-defined]
        assert "Borduria" in decision.rationale
        session.submit(decision.move, decision.rationale)


def test_it_still_accepts_a_verified_proposal_from_carpania() -> None:
    situation = caught()
    session = situation.session
    play_until(session, "diplomacy", 2)
    offer = propose(session, "cc", "safeguards", ("aa",), duration=2, verification="onsite")
    pass_until(session, "responses")
    assert ask(session, "aa", persona("grudger")).move == Accept("aa", offer)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_refuses_borduria_s_inspections_in_the_following_rounds(seed: int) -> None:
    situation = caught(seed)
    session = situation.session
    grudger = persona("grudger")
    # Round 2: the Grudger decides its own compliance (it breaks the hotline, out of grudge) ...
    drive(session, {"aa": grudger}, at("verification", 2))
    # ... then Borduria asks to inspect it under the hotline.
    request(session, "bb", situation.hotline, "aa")
    decision = ask(session, "aa", grudger)
    assert decision.move.kind == "refuse_inspection", decision


def test_it_refuses_borduria_s_inspection_even_of_an_agreement_it_kept() -> None:
    """Set by hand: Arland kept the hotline in round 2 (the Grudger itself would not have)."""
    situation = caught()
    session = situation.session
    play_until(session, "verification", 2)
    request(session, "bb", situation.hotline, "aa")
    decision = ask(session, "aa", persona("grudger"))
    assert decision.move.kind == "refuse_inspection"
    assert "Borduria" in decision.rationale


def test_it_grants_the_inspectorate_s_inspection_of_an_agreement_it_kept() -> None:
    situation = caught()
    session = situation.session
    play_until(session, "verification", 2)
    request(session, "io", situation.trade, "aa")
    assert ask(session, "aa", persona("grudger")).move.kind == "grant_inspection"
