"""The Hardliner signs only what can be verified, shuts its doors to the distrusted, and meets incidents with force.

Arland (aa) is the Hardliner. Its trust bar is 0.6 (it concedes little, and late); it starts trusting Borduria
0.3 and everyone else 0.5. The tiny scenario's air incident in round 1 asks Arland and Borduria to respond:
call for calm (tension -2) or scramble jets (tension +4).
"""

from __future__ import annotations

import pytest

from game.core import Session
from game.core.moves import Accept, Counter, RespondEvent
from tests.ai.helpers import ask, at, calm, drive, persona, set_trust
from tests.builders import pass_until, tiny
from tests.core.helpers import answer_all, play_until, propose, request


def offered(trust: float, verification: str, proposer: str = "cc") -> tuple[Session, str]:
    """Round 1's responses: ``proposer``, whom Arland trusts ``trust``, has offered it reciprocal safeguards."""
    session = Session(calm(), 1)
    set_trust(session, "aa", proposer, trust)
    aid = propose(session, proposer, "safeguards", ("aa",), duration=2, verification=verification)
    pass_until(session, "responses")
    return session, aid


@pytest.mark.parametrize("trust", [0.05, 0.3, 0.5, 0.59, 0.6, 0.8, 0.99])
def test_it_never_accepts_an_unverified_proposal(trust: float) -> None:
    session, aid = offered(trust, "none")
    decision = ask(session, "aa", persona("hardliner"))
    assert decision.move.kind in ("counter", "reject")
    assert decision.rationale


@pytest.mark.parametrize("trust", [0.6, 0.8, 0.99])
def test_from_an_actor_it_trusts_it_counters_an_unverified_proposal_with_the_strictest_regime(trust: float) -> None:
    session, aid = offered(trust, "none")
    decision = ask(session, "aa", persona("hardliner"))
    # Same reciprocity and duration; on-site inspection detects a breach of safeguards for certain.
    assert decision.move == Counter("aa", aid, "reciprocal", 2, "onsite")
    assert "verified" in decision.rationale


@pytest.mark.parametrize("trust", [0.05, 0.3, 0.59])
def test_from_an_actor_below_its_bar_it_rejects_even_a_verified_proposal(trust: float) -> None:
    session, aid = offered(trust, "onsite")
    decision = ask(session, "aa", persona("hardliner"))
    assert decision.move.kind == "reject"
    assert "below its threshold 0.60" in decision.rationale


def test_it_accepts_a_verified_proposal_from_an_actor_it_trusts() -> None:
    session, aid = offered(0.8, "onsite")
    assert ask(session, "aa", persona("hardliner")).move == Accept("aa", aid)


def inspected_by(requester: str, trust: float | None) -> Session:
    """Round 1's verification: Arland kept safeguards with Borduria and Carpania; ``requester`` asks to inspect it."""
    session = Session(calm(), 1)
    safeguards = propose(session, "aa", "safeguards", ("bb", "cc"), duration=2, verification="onsite")
    pass_until(session, "responses")
    answer_all(session)
    drive(session, {}, at("verification"))  # everyone complies
    if trust is not None:
        set_trust(session, "aa", requester, trust)
    request(session, requester, safeguards, "aa")
    return session


@pytest.mark.parametrize(("requester", "trust"), [("bb", None), ("cc", None), ("io", None), ("cc", 0.59)])
def test_it_refuses_inspections_from_actors_below_its_trust_bar(requester: str, trust: float | None) -> None:
    decision = ask(inspected_by(requester, trust), "aa", persona("hardliner"))
    assert decision.move.kind == "refuse_inspection"
    assert "below its threshold 0.60" in decision.rationale


@pytest.mark.parametrize("requester", ["bb", "io"])
def test_it_grants_inspections_from_actors_it_trusts(requester: str) -> None:
    decision = ask(inspected_by(requester, 0.8), "aa", persona("hardliner"))
    assert decision.move.kind == "grant_inspection"


def test_it_answers_an_incident_with_force_more_often_than_the_cooperative() -> None:
    escalations = {"hardliner": 0, "cooperative": 0}
    seeds = range(1, 41)
    for seed in seeds:
        session = Session(tiny(), seed)
        play_until(session, "events", 1)
        assert session.to_move() == "aa"
        for name in escalations:
            move = ask(session, "aa", persona(name)).move
            assert isinstance(move, RespondEvent)
            escalations[name] += move.option == "escalate"
    assert escalations["cooperative"] == 0
    assert escalations["hardliner"] >= 0.6 * len(seeds)
