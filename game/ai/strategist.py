"""The Strategist: looks ahead by playing sampled futures with the engine itself.

For each of a shortlist of its legal moves it plays out several futures to a
horizon, starting from states it may believe (``game.core.belief``: every
secret of the other seats replaced by a guess), with the simple AI on every
seat. It picks the move whose futures score best for it. The same futures are
used for every candidate (common random numbers), so the comparison is fair
with few rollouts. Budgets are counted in rollouts, not seconds, so a decision
is the same on every machine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from game.ai.candidates import concrete_moves
from game.ai.simple import Decision, SimpleAI, seeded
from game.ai.turn import Turn
from game.core import phases, scoring
from game.core.engine import apply
from game.core.errors import IllegalMove
from game.core.legality import legal_moves
from game.core.moves import Move, Pass
from game.core.state import GameState
from game.core.view import view


@dataclass(frozen=True)
class Budget:
    candidates: int  # moves compared
    rollouts: int  # futures played for each
    horizon: int  # rounds looked ahead beyond the current one


BUDGETS = {
    "easy": Budget(candidates=3, rollouts=2, horizon=0),
    "normal": Budget(candidates=6, rollouts=4, horizon=0),
    "hard": Budget(candidates=10, rollouts=8, horizon=1),
}
MAX_ROLLOUT_STEPS = 2_000  # a guard; a round is a few dozen moves


def describe(move: Move) -> str:
    fields = {k: v for k, v in move.to_dict().items() if k not in ("kind", "actor")}
    detail = ", ".join(str(v if not isinstance(v, list) else "+".join(v)) for v in fields.values())
    return f"{move.kind.replace('_', ' ')} ({detail})" if detail else move.kind


class Strategist:
    """Monte Carlo look-ahead within a rollout budget set by the difficulty."""

    def __init__(self, level: str = "normal", params: Mapping[str, float] | None = None) -> None:
        self.level = level
        self.name = f"strategist ({level})"
        self.budget = BUDGETS[level]
        self.honesty = (params or {}).get("honesty", 0.8)
        self.policy = SimpleAI()

    def decide(self, turn: Turn) -> Decision:
        moves = concrete_moves(turn.seat, turn.options)
        if not moves:
            return Decision(Pass(turn.seat), "nothing to choose")
        if len(moves) == 1 or turn.believe is None:
            return Decision(moves[0], "the only move open to it")
        rng = seeded(turn.seed, turn.step, turn.seat)
        shortlist = self._shortlist(moves, rng.random)
        futures = [turn.believe(rng.randrange(2**31), self.honesty) for _ in range(self.budget.rollouts)]
        me = turn.seat
        values: list[tuple[float, int, Move]] = []
        for k, move in enumerate(shortlist):
            total, played = 0.0, 0
            for r, start in enumerate(futures):
                state = start.copy()
                before = scoring.score(state, state.index[me])
                try:
                    apply(state, move)
                except IllegalMove:
                    break  # not legal in what it believes (cannot happen for its own moves, but never guess)
                self._play_out(state, turn.seed * 7919 + r)
                total += scoring.score(state, state.index[me]) - before
                played += 1
            if played:
                values.append((total / played, -k, move))
        if not values:
            return Decision(moves[0], "no move could be assessed; took the first")
        values.sort(reverse=True, key=lambda x: (x[0], x[1]))
        best, best_value = values[0][2], values[0][0]
        why = f"in {len(futures)} sampled futures it averaged {best_value:+.2f} points for itself"
        if len(values) > 1:
            why += f", against {values[1][0]:+.2f} for {describe(values[1][2])}"
        return Decision(best, f"chose {describe(best)}: {why}")

    def _shortlist(self, moves: list[Move], draw) -> list[Move]:  # noqa: ANN001 - a random() callable
        """Up to ``candidates`` moves: one of each kind first (so passing and talking are weighed too), then a sample."""
        limit = self.budget.candidates
        by_kind: dict[str, list[Move]] = {}
        for move in moves:
            by_kind.setdefault(move.kind, []).append(move)
        chosen: list[Move] = []
        for kind in sorted(by_kind):
            group = by_kind[kind]
            chosen.append(group[int(draw() * len(group))])
        rest = [m for m in moves if m not in chosen]
        while len(chosen) < limit and rest:
            chosen.append(rest.pop(int(draw() * len(rest))))
        return chosen[:limit] if len(chosen) > limit else chosen

    def _play_out(self, state: GameState, seed: int) -> None:
        """Play on with the simple AI on every seat to the end of the round ``horizon`` rounds from now."""
        last = state.round + self.budget.horizon
        for _ in range(MAX_ROLLOUT_STEPS):
            if state.ending is not None or state.round > last:
                return
            owner = phases.to_move(state)
            if owner is None:
                return
            seat = state.ids[owner]
            turn = Turn(seat, legal_moves(state, seat), seed, state.steps, lambda s=seat: view(state, s, full=False))
            apply(state, self.policy.decide(turn).move)
