"""Private intelligence: noisy reports, at each briefing, on whether others broke agreements last round."""

from __future__ import annotations

from game.core import agreements
from game.core.state import ACTIVE, GameState, Intel


def accuracy(state: GameState, i: int, j: int) -> float:
    """How often i's reports on j are right: its base accuracy, plus transparency measures in force between them."""
    value = state.scenario.actors[i].intel_accuracy
    for a in state.agreements:
        if a.status in ACTIVE and i in a.parties and j in a.parties:
            m = agreements.measure(state, a.measure)
            value += m.intel_bonus if m else 0.0
    return min(0.99, value)


def brief(state: GameState) -> None:
    last = state.round - 1
    if last < 1:
        return
    defected = [False] * state.n
    observed = [False] * state.n
    for a in state.agreements:
        for r, party, choice in a.history:
            if r == last:
                observed[party] = True
                defected[party] = defected[party] or choice == "defect"
    for i in range(state.n):
        for j in range(state.n):
            if i == j or not observed[j]:
                continue
            acc = accuracy(state, i, j)
            right = float(state.rng.random()) < acc
            suspicious = defected[j] if right else not defected[j]
            state.intel[i].append(Intel(state.round, j, suspicious, acc))
            sign = "signs that" if suspicious else "no sign that"
            state.notify(f"Intelligence: {sign} {state.name(j)} broke an agreement last round "
                         f"(reports like this are right {acc:.0%} of the time).", (i,))  # fmt: skip
