"""Whole games: every persona plays only legal moves and explains each one; the same seed plays the same game.

``play_game`` raises RuntimeError when an AI picks an illegal move, so a game that ends is a game of legal moves.
"""

from __future__ import annotations

from typing import Any

import pytest

from game.ai import AI, play_game, seat_ais
from game.ai.tournament import play_many
from game.core import Scenario, Session
from game.scenario import resolve_scenario
from tests.ai.helpers import ALL_PERSONAS, RULE_PERSONAS, after_round, drive, persona
from tests.builders import tiny
from tests.core.helpers import variant

NPT = resolve_scenario("npt")


def everyone(scenario: Scenario, name: str) -> dict[str, AI]:
    return {actor.id: persona(name) for actor in scenario.actors}


def assert_explained(session: Session) -> None:
    assert session.over
    assert session.log, "no move was played"
    unexplained = [e for e in session.log if not e.rationale.strip()]
    assert not unexplained, f"moves without a rationale: {unexplained[:3]}"


@pytest.mark.parametrize("name", ALL_PERSONAS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_on_the_tiny_scenario_every_decision_is_legal_and_explained(name: str, seed: int) -> None:
    scenario = tiny()
    assert_explained(play_game(scenario, seed, everyone(scenario, name)))


@pytest.mark.parametrize("name", ("simple", *RULE_PERSONAS))
@pytest.mark.parametrize("seed", [1, 2])
def test_on_npt_every_decision_is_legal_and_explained(name: str, seed: int) -> None:
    assert_explained(play_game(NPT, seed, everyone(NPT, name)))


def test_on_npt_every_strategist_decision_is_legal_and_explained() -> None:
    """The slow one: the Strategist (easy) on every seat of the full scenario, one game."""
    session = play_game(NPT, 1, everyone(NPT, "strategist"))
    assert_explained(session)
    assert any("sampled futures" in e.rationale for e in session.log)


def with_personas() -> Scenario:
    """The tiny scenario with a persona on every seat in the file, the Strategist (at its default level) included."""

    def assign(data: dict[str, Any]) -> None:
        chosen = {"aa": "strategist", "bb": "opportunist", "cc": "grudger", "io": "reciprocator"}
        for actor in data["actors"]:
            actor["persona"] = chosen[actor["id"]]

    return variant(assign)


def fingerprint(session: Session) -> list[tuple[str, str]]:
    return [(e.hash, e.rationale) for e in session.log]


@pytest.mark.parametrize("seed", [1, 7])
def test_an_all_ai_game_is_the_same_on_two_runs_with_the_same_seed(seed: int) -> None:
    scenario = with_personas()
    first, second = play_game(scenario, seed), play_game(scenario, seed)
    assert fingerprint(first) == fingerprint(second)
    assert any("sampled futures" in e.rationale for e in first.log if e.move.actor == "aa")


def test_the_npt_scenario_s_personas_and_a_strategist_play_the_same_opening_twice() -> None:
    """Its first four rounds, to keep the suite quick (the golden playthrough test replays a whole npt game).

    The scenario's own personas are rule-based; a Strategist on the US seat brings look-ahead in too."""
    runs = []
    for _ in range(2):
        session = Session(NPT, 4)
        drive(session, seat_ais(NPT, {"usa": "strategist:easy"}), after_round(4))
        runs.append(session)
    first, second = runs
    assert first.state.round == 5 and len(first.log) > 100
    assert fingerprint(first) == fingerprint(second)
    assert any("sampled futures" in e.rationale for e in first.log)


def test_different_seeds_give_different_games() -> None:
    scenario = with_personas()
    assert play_game(scenario, 1).hash() != play_game(scenario, 2).hash()


def test_playing_in_two_processes_gives_the_same_records_as_playing_in_one() -> None:
    scenario = with_personas()
    seeds = [1, 2, 3, 4]
    assert play_many(scenario, seeds, jobs=2) == play_many(scenario, seeds, jobs=1)
