"""The Opportunist honours an agreement while it is watched and breaks it when being caught is unlikely.

It judges the chance of being caught as the share of the last three rounds in which it was inspected (a public
record) times the detection chance of the agreement's verification regime, and breaks the agreement when that
is below its risk tolerance (0.25). Arland (aa) is the Opportunist; Borduria (bb) is its partner.
"""

from __future__ import annotations

import pytest

from game.core import Session
from game.core.moves import Comply, Defect
from tests.ai.helpers import ask, calm, persona
from tests.builders import pass_until
from tests.core.helpers import answer_all, decide, inspect, play_until, propose


def signed(verification: str, duration: int = 3, seed: int = 1) -> tuple[Session, str]:
    """Round 1's implementation phase: safeguards between Arland and Borduria under ``verification``."""
    session = Session(calm(rounds=4), seed)
    aid = propose(session, "aa", "safeguards", ("bb",), duration=duration, verification=verification)
    pass_until(session, "responses")
    answer_all(session)
    assert session.state.phase == "implementation" and session.to_move() == "aa"
    return session, aid


def to_implementation(session: Session, round_: int) -> None:
    play_until(session, "implementation", round_)
    while session.to_move() != "aa":
        decide_one(session)


def decide_one(session: Session) -> None:
    seat = session.to_move()
    assert seat is not None
    session.submit(Comply(seat, session.legal_moves(seat)[0].choices["agreements"][0]))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_breaks_an_unverified_agreement_at_once(seed: int) -> None:
    session, aid = signed("none", seed=seed)
    decision = ask(session, "aa", persona("opportunist"))
    assert decision.move == Defect("aa", aid)
    assert "chance of being caught, 0.00" in decision.rationale


def test_in_the_first_round_with_no_record_it_assumes_an_even_chance_of_inspection() -> None:
    session, aid = signed("onsite")
    decision = ask(session, "aa", persona("opportunist"))
    assert decision.move == Comply("aa", aid)
    assert "chance of being caught, 0.50" in decision.rationale


def test_it_breaks_a_verified_agreement_once_it_has_gone_uninspected() -> None:
    session, aid = signed("onsite")
    decide(session)  # round 1: everyone complies, and nobody inspects anyone
    to_implementation(session, 2)
    decision = ask(session, "aa", persona("opportunist"))
    assert decision.move == Defect("aa", aid)
    assert "chance of being caught, 0.00" in decision.rationale
    assert "risk tolerance 0.25" in decision.rationale


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_honours_an_agreement_it_was_inspected_under_in_each_recent_round(seed: int) -> None:
    session, aid = signed("onsite", seed=seed)
    for round_ in (1, 2):
        play_until(session, "verification", round_)  # Arland complied (by hand) ...
        assert inspect(session, "bb", aid, "aa", "grant")["result"] == "clean"  # ... and Borduria checked
    to_implementation(session, 3)
    decision = ask(session, "aa", persona("opportunist"))
    assert decision.move == Comply("aa", aid)
    assert "chance of being caught, 1.00, is too high" in decision.rationale


def test_the_same_watch_under_a_weak_regime_is_not_enough() -> None:
    """Inspected every round, by satellite (detection 0.4): a chance of 0.40, still above its tolerance."""
    session, aid = signed("sat")
    for round_ in (1, 2):
        play_until(session, "verification", round_)
        assert inspect(session, "bb", aid, "aa", "grant")["result"] == "clean"
    to_implementation(session, 3)
    decision = ask(session, "aa", persona("opportunist"))
    assert "chance of being caught, 0.40" in decision.rationale
    assert decision.move == Comply("aa", aid)


def test_a_higher_risk_tolerance_makes_it_break_even_a_watched_agreement() -> None:
    session, aid = signed("sat")
    for round_ in (1, 2):
        play_until(session, "verification", round_)
        assert inspect(session, "bb", aid, "aa", "grant")["result"] == "clean"
    to_implementation(session, 3)
    decision = ask(session, "aa", persona("opportunist", risk_tolerance=0.5))
    assert decision.move == Defect("aa", aid)
    assert "0.40" in decision.rationale and "0.50" in decision.rationale
