"""Saves: how long a 100-round game takes to write, open, verify, and to seek to any step in it.

Run: python bench/bench_saves.py [--rounds 100] [--seeks 500]
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

from game.ai import SimpleAI, play_game
from game.core.spec import Scenario
from game.saves import Replay, load_save, verify_save, write_save
from game.scenario import resolve_scenario


def long_scenario(rounds: int) -> Scenario:
    data = json.loads(resolve_scenario("npt").model_dump_json(by_alias=True))
    data["rules"]["rounds"] = rounds
    data["id"] = f"npt_{rounds}"
    # Keep the game going to its last round: no ending on the top rung, no early stop on a stable table.
    return Scenario.model_validate_json(json.dumps(data))


def timed(fn):  # noqa: ANN001, ANN201
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seeks", type=int, default=500)
    args = parser.parse_args()
    scenario = long_scenario(args.rounds)
    seed = next(s for s in range(1, 200) if play_game(scenario, s, {a.id: SimpleAI() for a in scenario.actors})
                .state.round >= args.rounds)  # fmt: skip
    session = play_game(scenario, seed, {a.id: SimpleAI() for a in scenario.actors})
    with tempfile.TemporaryDirectory() as folder:
        path, write = timed(lambda: write_save(session, Path(folder)))
        size = path.stat().st_size
        replay, open_time = timed(lambda: Replay.open(path))
        _, load = timed(lambda: load_save(path))
        _, verify = timed(lambda: verify_save(path))
        gc.freeze()  # as the UI does after loading: the long-lived game data stays out of collections
        rng = random.Random(1)
        seeks = []
        for _ in range(args.seeks):
            k = rng.randint(0, len(replay))
            _, t = timed(lambda k=k: replay.seek(k))
            seeks.append(t * 1000)
        steps = []
        for _ in range(200):
            replay.seek(rng.randint(1, len(replay) - 1))
            _, t = timed(replay.back)
            steps.append(t * 1000)
    seeks.sort()
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"game: {scenario.id} seed {seed}, {session.state.round} rounds, {len(session.log)} moves, "
          f"save {size / 1e6:.1f} MB")  # fmt: skip
    print(f"write {write * 1000:.0f} ms, open {open_time * 1000:.0f} ms, load (replay all) {load * 1000:.0f} ms, "
          f"verify {verify * 1000:.0f} ms")  # fmt: skip
    print(f"seek to a random step ({args.seeks}): median {statistics.median(seeks):.2f} ms, "
          f"p99 {seeks[int(len(seeks) * 0.99) - 1]:.2f} ms, max {seeks[-1]:.2f} ms")  # fmt: skip
    print(f"one step back: median {statistics.median(steps):.2f} ms, max {max(steps):.2f} ms")


if __name__ == "__main__":
    main()
