"""The Strategist looks ahead: it plays sampled futures with the engine and picks the move that scores best for it.

Its budget (moves compared, futures per move, rounds ahead) is set by the difficulty: easy, normal or hard.
"""

from __future__ import annotations

import re

import pytest

from game.ai import play_game
from game.core import Session
from tests.ai.helpers import ask, calm, persona
from tests.builders import pass_until, tiny
from tests.core.helpers import answer_all, decide, propose


def in_verification(seed: int = 1) -> Session:
    """Round 1's verification: safeguards between Arland and Borduria (on site) and a hotline Carpania offered Arland
    (by satellite) are in force and were kept; Arland moves first and could inspect either partner, or pass."""
    session = Session(calm(rounds=3), seed)
    propose(session, "aa", "safeguards", ("bb",), duration=2, verification="onsite")
    propose(session, "cc", "hotline", ("aa",), duration=2, verification="sat")
    pass_until(session, "responses")
    answer_all(session)
    decide(session)
    assert session.state.phase == "verification" and session.to_move() == "aa"
    return session


def futures(rationale: str) -> int:
    found = re.search(r"in (\d+) sampled futures", rationale)
    assert found, rationale
    return int(found.group(1))


def test_its_choice_is_legal_and_its_rationale_names_the_futures_it_sampled() -> None:
    session = in_verification()
    decision = ask(session, "aa", persona("strategist", "easy"))
    assert futures(decision.rationale) >= 1
    assert "points for itself" in decision.rationale
    session.submit(decision.move, decision.rationale)  # raises IllegalMove if it were not legal


def test_every_move_it_makes_in_a_whole_game_is_legal_and_explained() -> None:
    session = play_game(tiny(), 3, {"aa": persona("strategist", "easy")})  # illegal moves raise RuntimeError
    mine = [e for e in session.log if e.move.actor == "aa"]
    assert {e.phase for e in mine} >= {"diplomacy", "responses", "implementation", "events"}
    assert all("sampled futures" in e.rationale or "only move" in e.rationale for e in mine)
    assert any("sampled futures" in e.rationale for e in mine)


@pytest.mark.parametrize("level", ["easy", "normal"])
def test_a_decision_is_the_same_every_time_for_the_same_game_seed(level: str) -> None:
    first = ask(in_verification(), "aa", persona("strategist", level))
    again = ask(in_verification(), "aa", persona("strategist", level))
    session = in_verification()
    twice = ask(session, "aa", persona("strategist", level)), ask(session, "aa", persona("strategist", level))
    assert first == again == twice[0] == twice[1]


def test_the_difficulties_sample_more_futures_as_they_rise() -> None:
    session = in_verification()
    sampled = {
        level: futures(ask(session, "aa", persona("strategist", level)).rationale)
        for level in ("easy", "normal", "hard")
    }
    assert sampled["easy"] < sampled["normal"] < sampled["hard"]


def test_the_difficulty_is_part_of_its_name() -> None:
    assert {persona("strategist", level).name for level in ("easy", "normal", "hard")} == {
        "strategist (easy)",
        "strategist (normal)",
        "strategist (hard)",
    }


def test_its_honesty_parameter_shapes_the_futures_it_expects() -> None:
    """Expecting every partner to cheat (honesty 0) or none to (honesty 1) must change what an inspection is worth."""
    session = in_verification()
    cynic = ask(session, "aa", persona("strategist", "normal", honesty=0.0))
    believer = ask(session, "aa", persona("strategist", "normal", honesty=1.0))
    assert cynic.rationale != believer.rationale
