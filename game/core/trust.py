"""Trust between actors: clamped changes and the Bayesian update after an inspection."""

from __future__ import annotations

from game.core.state import GameState


def shift(state: GameState, i: int, j: int, delta: float) -> float:
    """Change how far ``i`` trusts ``j`` by ``delta``, within the scenario's floor and ceiling.

    Returns the change actually made.
    """
    if i == j or delta == 0.0:
        return 0.0
    rules = state.scenario.trust
    old = float(state.trust[i, j])
    new = min(rules.ceiling, max(rules.floor, old + delta))
    state.trust[i, j] = new
    return new - old


def bayes(prior: float, violation_found: bool, detection: float, false_alarm: float) -> float:
    """Posterior belief that a party is trustworthy after an inspection result.

    With detection chance ``1 - b`` and false-alarm rate ``a``, a clean result gives
    ``t(1 - a) / (t(1 - a) + (1 - t) b)``; a violation found gives
    ``t a / (t a + (1 - t)(1 - b))``.

    >>> round(bayes(0.5, False, 0.9, 0.0), 3)  # a clean result from a strong inspection
    0.909
    >>> round(bayes(0.5, False, 0.1, 0.0), 3)  # ... from a weak one barely moves it
    0.526
    """
    miss = 1.0 - detection
    if violation_found:
        num = prior * false_alarm
        den = num + (1.0 - prior) * (1.0 - miss)
    else:
        num = prior * (1.0 - false_alarm)
        den = num + (1.0 - prior) * miss
    if den <= 0.0:
        return prior
    return num / den


def observe_inspection(
    state: GameState, target: int, violation_found: bool, detection: float, false_alarm: float
) -> None:
    """Every other actor updates its trust in ``target`` from an announced inspection result."""
    rules = state.scenario.trust
    for j in range(state.n):
        if j == target:
            continue
        posterior = bayes(float(state.trust[j, target]), violation_found, detection, false_alarm)
        state.trust[j, target] = min(rules.ceiling, max(rules.floor, posterior))
