"""Benchmark the AI: time per decision for each persona, and whole games per second in a default tournament.

Run: python bench/bench_ai.py [SCENARIO] [--games N]

Each persona plays every seat of N games; only its decide() calls are timed. The Strategist plays one seat
(the first actor) at each difficulty against simple seats, since look-ahead is what costs.
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import time

from game.ai.personas import AI, build, library
from game.ai.play import play_game
from game.ai.tournament import play_many
from game.scenario import resolve_scenario


class Timed:
    """Wraps an AI and records how long each decision took."""

    def __init__(self, ai: AI, times: list[float]) -> None:
        self.ai, self.times, self.name = ai, times, ai.name

    def decide(self, turn):  # noqa: ANN001, ANN201 - same protocol as the wrapped AI
        start = time.perf_counter()
        decision = self.ai.decide(turn)
        self.times.append(time.perf_counter() - start)
        return decision


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default="npt")
    parser.add_argument("--games", type=int, default=20)
    args = parser.parse_args()
    scenario = resolve_scenario(args.scenario)
    gc.freeze()  # what is loaded is long-lived: keep it out of every collection, as the game's entry points do
    print(f"machine: {platform.machine()}, Python {platform.python_version()}; scenario {scenario.id}")
    print(f"{'persona':<22} {'decisions':>9} {'mean ms':>8} {'p50 ms':>7} {'p99 ms':>7} {'decisions/s':>12}")
    runs = [(name, "normal", None) for name, p in library().items() if p.logic != "strategist"]
    runs += [("strategist", level, scenario.actors[0].id) for level in ("easy", "normal", "hard")]
    for name, level, only in runs:
        times: list[float] = []
        games = args.games if only is None else max(2, args.games // 10)
        for seed in range(games):
            seats = {a.id: build("simple") for a in scenario.actors}
            for actor in scenario.actors:
                if only is None or actor.id == only:
                    seats[actor.id] = Timed(build(name, None, level), times)
            play_game(scenario, seed, seats)
        ms = sorted(t * 1000 for t in times)
        label = f"{name} ({level})" if only else name
        print(f"{label:<22} {len(ms):>9} {statistics.fmean(ms):>8.3f} {ms[len(ms) // 2]:>7.3f} "
              f"{ms[int(len(ms) * 0.99)]:>7.3f} {len(ms) / (sum(ms) / 1000):>12,.0f}")  # fmt: skip
    start = time.perf_counter()
    play_many(scenario, range(args.games), {})
    elapsed = time.perf_counter() - start
    print(f"default tournament (scenario personas, one process): {args.games / elapsed:.2f} games/s")


if __name__ == "__main__":
    main()
