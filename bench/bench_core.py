"""Benchmark the core: moves applied per second and whole AI games per second.

Run: python bench/bench_core.py [SCENARIO] [--games N]

- "apply": replaying recorded moves with ``apply`` alone (the rules engine);
- "submit": the same through ``Session.submit`` (apply + state hash + log entry);
- "games": whole games with the simple AI on every seat (AI decisions + submit), one process, one core; and the
  same for the games among them that reach the last round (the longest: many end early in a crisis).
"""

from __future__ import annotations

import argparse
import gc
import platform
import time

import numpy as np

from game.ai import SimpleAI, play_game
from game.core import apply, new_game
from game.core.session import Session
from game.scenario import resolve_scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default="npt")
    parser.add_argument("--games", type=int, default=100)
    args = parser.parse_args()
    scenario = resolve_scenario(args.scenario)
    gc.freeze()  # as the command line does: the loaded scenario is long-lived

    simple = {a.id: SimpleAI() for a in scenario.actors}  # the baseline AI: this measures the engine, not the AI
    sessions, times = [], []
    for seed in range(args.games):
        start = time.perf_counter()
        sessions.append(play_game(scenario, seed, simple))
        times.append(time.perf_counter() - start)
    games_time = sum(times)
    # Many games end early (tension reaches the top rung); those that reach the last round are the longest.
    last = [(len(s.log), t) for s, t in zip(sessions, times, strict=True) if s.state.round == scenario.rules.rounds]
    moves = [[entry.move for entry in s.log] for s in sessions]
    total = sum(len(m) for m in moves)

    best_apply = best_submit = float("inf")
    for _ in range(3):
        states = [new_game(scenario, seed) for seed in range(args.games)]
        start = time.perf_counter()
        for state, game_moves in zip(states, moves, strict=True):
            for move in game_moves:
                apply(state, move)
        best_apply = min(best_apply, time.perf_counter() - start)
        replays = [Session(scenario, seed) for seed in range(args.games)]
        start = time.perf_counter()
        for session, game_moves in zip(replays, moves, strict=True):
            for move in game_moves:
                session.submit(move)
        best_submit = min(best_submit, time.perf_counter() - start)
    lengths = np.array([len(m) for m in moves])
    rounds = np.array([s.state.round for s in sessions])
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"numpy {np.__version__}")  # fmt: skip
    print(f"scenario {scenario.id}: {args.games} AI games, {total} moves "
          f"(mean {lengths.mean():.0f} moves and {rounds.mean():.1f} rounds a game)")  # fmt: skip
    print(f"apply  : {total / best_apply:10,.0f} moves/s")
    print(f"submit : {total / best_submit:10,.0f} moves/s (apply + state hash + log)")
    print(f"games  : {args.games / games_time:10,.1f} whole AI games/s ({games_time / args.games * 1000:.1f} ms a game, "
          f"{total / games_time:,.0f} moves/s)")  # fmt: skip
    if last:
        last_time = sum(t for _, t in last)
        print(f"         {len(last) / last_time:10,.1f} games/s for the {len(last)} that reached round "
              f"{scenario.rules.rounds} ({sum(n for n, _ in last) / len(last):.0f} moves a game)")  # fmt: skip


if __name__ == "__main__":
    main()
