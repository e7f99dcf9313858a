"""Tension on the escalation ladder."""

from __future__ import annotations

from game.core.state import GameState


def raise_by(state: GameState, delta: float) -> None:
    """Change tension by ``delta`` points, kept within 0 to 100 (the top rung ends the game; see phases.settle)."""
    state.tension = min(100.0, max(0.0, state.tension + delta))


def at_top(state: GameState) -> bool:
    return state.tension >= state.scenario.tension.rungs[-1].at


def rung_index(state: GameState, rung_id: str) -> int:
    for i, rung in enumerate(state.scenario.tension.rungs):
        if rung.id == rung_id:
            return i
    raise KeyError(rung_id)


def assess(state: GameState) -> None:
    """Once a round: posture adds tension, then part of it fades."""
    rules = state.scenario.tension
    readiness = sum(max(0, p - 1) for p in state.posture)
    raise_by(state, rules.posture_weight * readiness)
    if not at_top(state):
        state.tension = state.tension * (1.0 - rules.decay)
