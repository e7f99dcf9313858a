"""The Cooperative signs with anyone it trusts at least a little, keeps every agreement and opens its doors.

Arland (aa) is the Cooperative. Its trust threshold is 0.25 in round 1 (falling as the game ages); it starts
trusting Borduria 0.3 and everyone else 0.5.
"""

from __future__ import annotations

import pytest

from game.core import Session
from game.core.moves import Accept, Reject
from tests.ai.helpers import ask, at, by_agreement, calm, drive, persona, set_trust, unreciprocating
from tests.builders import pass_until
from tests.core.helpers import answer_all, propose, request


def offered(
    proposer: str, seed: int = 1, trust: float | None = None, verification: str = "onsite"
) -> tuple[Session, str]:
    """Round 1's responses: ``proposer`` has offered Arland reciprocal safeguards."""
    session = Session(calm(), seed)
    if trust is not None:
        set_trust(session, "aa", proposer, trust)
    aid = propose(session, proposer, "safeguards", ("aa",), verification=verification)
    pass_until(session, "responses")
    return session, aid


@pytest.mark.parametrize("proposer", ["bb", "cc", "io"])
def test_it_accepts_a_fair_proposal_from_an_actor_it_trusts_enough(proposer: str) -> None:
    session, aid = offered(proposer)
    decision = ask(session, "aa", persona("cooperative"))
    assert decision.move == Accept("aa", aid)
    assert "clears its threshold 0.25" in decision.rationale


def test_trust_exactly_at_its_threshold_is_enough() -> None:
    session, aid = offered("bb", trust=0.25)
    assert ask(session, "aa", persona("cooperative")).move == Accept("aa", aid)


def test_it_accepts_an_unverified_proposal_too() -> None:
    session, aid = offered("cc", verification="none")
    assert ask(session, "aa", persona("cooperative")).move == Accept("aa", aid)


def test_it_rejects_a_proposal_from_an_actor_it_barely_trusts() -> None:
    session, aid = offered("bb", trust=0.1)
    decision = ask(session, "aa", persona("cooperative"))
    assert decision.move == Reject("aa", aid)
    assert "below its threshold 0.25" in decision.rationale


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_it_keeps_every_agreement_even_when_nobody_else_does(seed: int) -> None:
    """Borduria and Carpania break everything and refuse every inspection; the Cooperative plays its whole seat."""
    session = Session(calm(), seed)
    propose(session, "aa", "safeguards", ("bb",), duration=3, verification="sat")
    propose(session, "cc", "hotline", ("aa",), duration=3, verification="sat")
    pass_until(session, "responses")
    answer_all(session)
    decisions = drive(session, {"aa": persona("cooperative")}, lambda s: False, hand=unreciprocating)
    assert session.over
    choices = by_agreement(decisions, "aa")
    assert sum(len(c) for c in choices.values()) >= 4
    assert {kind for c in choices.values() for kind in c} == {"comply"}


@pytest.mark.parametrize("requester", ["bb", "cc", "io"])
@pytest.mark.parametrize("trust", [None, 0.01])
def test_it_grants_every_inspection_even_from_the_distrusted(requester: str, trust: float | None) -> None:
    session = Session(calm(), 1)
    safeguards = propose(session, "aa", "safeguards", ("bb", "cc"), duration=2, verification="onsite")
    pass_until(session, "responses")
    answer_all(session)
    drive(session, {}, at("verification"))
    if trust is not None:
        set_trust(session, "aa", requester, trust)
    request(session, requester, safeguards, "aa")
    decision = ask(session, "aa", persona("cooperative"))
    assert decision.move.kind == "grant_inspection"
    assert decision.rationale
