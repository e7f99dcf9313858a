"""Does the Strategist beat the simple AI? Paired games: the same seed and seat, played once by each.

Run: python bench/strategist_vs_simple.py [SCENARIO ...] [--games N] [--level hard] [--jobs K]

For game k the seat is actor k mod n (every seat gets its turn). Everyone else plays the simple AI in both games
of a pair, so the only difference is who sits in that seat. The Strategist wins the pair when its seat ends with a
higher score than the simple AI reached from the same seat. Scores of different actors are never compared.
"""

from __future__ import annotations

import argparse
import gc
from concurrent.futures import ProcessPoolExecutor

from game.ai import SimpleAI, build, play_game
from game.scenario import builtin_scenarios, resolve_scenario


def pair(args: tuple[str, int, str]) -> tuple[str, int, str, float, float]:
    name, seed, level = args
    scenario = resolve_scenario(name)
    seat = scenario.actors[seed % len(scenario.actors)].id
    simple = {a.id: SimpleAI() for a in scenario.actors}
    baseline = play_game(scenario, seed, simple).outcome()["actors"][seat]["score"]
    challenger = play_game(scenario, seed, {**simple, seat: build("strategist", None, level)})
    return name, seed, seat, challenger.outcome()["actors"][seat]["score"], baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*")
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--level", default="hard", choices=["easy", "normal", "hard"])
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    names = args.scenarios or [sid for sid, _, _ in builtin_scenarios()]
    gc.freeze()
    work = [(name, seed, args.level) for name in names for seed in range(1, args.games + 1)]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(pair, work))
    for name in names:
        mine = [r for r in results if r[0] == name]
        wins = sum(1 for r in mine if r[3] > r[4])
        ties = sum(1 for r in mine if r[3] == r[4])
        gain = sum(r[3] - r[4] for r in mine) / len(mine)
        print(f"{name}: strategist ({args.level}) beat the simple AI in {wins} of {len(mine)} paired games "
              f"({wins / len(mine):.0%}; {ties} ties), mean score gain {gain:+.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
