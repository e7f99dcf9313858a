"""No peeking: an AI decides from its own seat's view, so another seat's secrets cannot change its decision.

Each test builds two games that are the same in everything public and differ in one secret of Borduria (bb):
its compliance choice this round, its private objectives and briefing, or its political capital. Every other
seat is then asked, at every move up to a point, what its persona would play; the two games are played on by
hand in step (passing, complying, granting), so they stay identical in public. Every answer, move and rationale
alike, must be the same in both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from game.core import Scenario, Session
from game.core.moves import Comply, Defect, Move
from tests.ai.helpers import ALL_PERSONAS, after_round, at, calm, observe, passive, persona
from tests.builders import pass_until
from tests.core.helpers import answer_all, propose

OBSERVERS = ("aa", "cc", "io")
AIS = [(name, "easy") for name in ALL_PERSONAS] + [("strategist", "hard")]
IDS = [f"{name}-{level}" if name == "strategist" else name for name, level in AIS]


def signed(scenario: Scenario, seed: int) -> tuple[Session, str, str]:
    """Round 1's implementation: safeguards Arland-Borduria (on site) and a hotline Borduria-Carpania (by satellite)."""
    session = Session(scenario, seed)
    safeguards = propose(session, "aa", "safeguards", ("bb",), duration=2, verification="onsite")
    hotline = propose(session, "bb", "hotline", ("cc",), duration=2, verification="sat")
    pass_until(session, "responses")
    answer_all(session)
    assert session.state.phase == "implementation"
    return session, safeguards, hotline


def borduria_does(choice: str) -> Callable[[Session, str, dict[str, Any]], Move]:
    def hand(session: Session, seat: str, c: dict[str, Any]) -> Move:
        if seat == "bb" and "comply" in c:
            aid = c["comply"]["agreements"][0]
            return Defect(seat, aid) if choice == "defect" else Comply(seat, aid)
        return passive(session, seat, c)

    return hand


@pytest.mark.parametrize(("name", "level"), AIS, ids=IDS)
@pytest.mark.parametrize("seed", [1, 2])
def test_borduria_s_secret_compliance_this_round_changes_no_one_else_s_decision(
    name: str, level: str, seed: int
) -> None:
    answers = {}
    for choice in ("comply", "defect"):
        session, _, _ = signed(calm(rounds=3), seed)
        # Up to the end of round 1: intelligence at the next briefing may rightly differ.
        answers[choice] = observe(session, persona(name, level), OBSERVERS, after_round(1), borduria_does(choice))
    assert answers["comply"] == answers["defect"]
    seats = {seat for _, seat, _ in answers["comply"]}
    assert {"aa", "cc"} <= seats  # Carpania decided after Borduria in implementation; Arland in verification


def borduria_variant(**changes: Any) -> Scenario:
    """The calm tiny scenario with Borduria's entry changed."""
    scenario = calm(rounds=3)
    data = scenario.model_dump(by_alias=True)
    for actor in data["actors"]:
        if actor["id"] == "bb":
            actor.update(changes)
    return Scenario.model_validate(data)


SECRETS: dict[str, dict[str, Any]] = {
    "private objectives": {
        "objectives": {
            "public": [],
            "private": [
                {"metric": "agreements", "weight": 5, "text": "Sign everything"},
                {"metric": "security", "weight": -2, "text": "Disarm"},
            ],
        },
        "briefing": "A different secret briefing.",
    },
    "capital": {"capital": 1},  # enough for the hotline it proposes, too little for safeguards
}


def secret_cases() -> list[Any]:
    cases = []
    for secret in SECRETS:
        for (name, level), label in zip(AIS, IDS, strict=True):
            cases.append(pytest.param(secret, name, level, id=f"{label}-{secret}"))
    return cases


@pytest.mark.parametrize(("secret", "name", "level"), secret_cases())
def test_borduria_s_private_objectives_and_capital_change_no_one_else_s_decision(
    secret: str, name: str, level: str
) -> None:
    answers = []
    for scenario in (calm(rounds=3), borduria_variant(**SECRETS[secret])):
        session, _, _ = signed(scenario, 1)
        answers.append(observe(session, persona(name, level), OBSERVERS, at("responses", 2)))
    assert answers[0] == answers[1]
    assert len(answers[0]) > 8
