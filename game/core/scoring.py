"""Objectives, scores, the shared stability figure and how a game ends."""

from __future__ import annotations

import math

from game.core import agreements, tension
from game.core.spec import Objective
from game.core.state import GameState

STABILITY = "stability"
STALEMATE = "stalemate"
COLLECTIVE_FAILURE = "collective_failure"
ENDINGS = (STABILITY, STALEMATE, COLLECTIVE_FAILURE)


def metric(state: GameState, actor: int, objective: Objective) -> float:
    name = objective.metric
    if name == "agreements":
        return float(agreements.active_count(state, actor, objective.category, objective.measure))
    if name == "connectivity":
        return float(agreements.active_count(state, actor, "cooperation"))
    if name == "trust_held":
        others = [float(state.trust[j, actor]) for j in range(state.n) if j != actor]
        return sum(others) / len(others)
    if name == "stability":
        return 1.0 - state.tension / 100.0
    raise KeyError(name)  # "security" is a stock, counted once in score()


def objectives(state: GameState, actor: int) -> list[Objective]:
    spec = state.scenario.actors[actor].objectives
    return [*spec.public, *spec.private]


def assess(state: GameState) -> None:
    """Once a round: each flow objective adds weight x metric; everyone shares the stability figure."""
    for i in range(state.n):
        for o in objectives(state, i):
            if o.metric != "security":
                state.score[i] += o.weight * metric(state, i, o)
    state.stability += 1.0 - state.tension / 100.0
    state.rung_rounds[state.rung()] += 1


def score(state: GameState, actor: int) -> float:
    """An actor's score: the flows gathered each round plus its security points, weighted."""
    security = sum(o.weight for o in objectives(state, actor) if o.metric == "security")
    return state.score[actor] + security * state.security[actor]


def scores(state: GameState) -> dict[str, float]:
    return {state.ids[i]: round(score(state, i), 6) for i in range(state.n)}


def welfare(state: GameState) -> float:
    """Nash social welfare: the geometric mean of scores shifted to be positive (min score maps to 1)."""
    values = [score(state, i) for i in range(state.n)]
    low = min(values)
    shifted = [v - low + 1.0 for v in values]
    return math.exp(sum(math.log(v) for v in shifted) / len(shifted))


def classify(state: GameState) -> str:
    if tension.at_top(state):
        return COLLECTIVE_FAILURE
    stability = state.scenario.rules.stability
    if (
        state.rung() <= tension.rung_index(state, stability.max_rung)
        and agreements.active_count(state) >= stability.min_agreements
    ):
        return STABILITY
    return STALEMATE
