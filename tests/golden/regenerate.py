"""Record the golden playthroughs: one AI game per built-in scenario, with the state hash after every move.

Run after changing the rules or a scenario on purpose:  python -m tests.golden.regenerate
Then review the diff: an unintended change in the rules shows up as changed hashes.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.ai import play_game
from game.core.hashing import scenario_digest
from game.scenario import builtin_scenarios, load_scenario

HERE = Path(__file__).parent
SEEDS = (7,)


def record(path: Path, seed: int) -> dict:
    scenario = load_scenario(path)
    session = play_game(scenario, seed)
    return {
        "scenario": scenario.id,
        "scenario_digest": scenario_digest(scenario),
        "seed": seed,
        "start_hash": session.start_hash,
        "ending": session.state.ending,
        "steps": [{"move": e.move.to_dict(), "hash": e.hash} for e in session.log],
    }


def golden_path(scenario_id: str, seed: int) -> Path:
    return HERE / f"{scenario_id}_seed{seed}.json"


def main() -> None:
    for scenario_id, _, path in builtin_scenarios():
        for seed in SEEDS:
            out = golden_path(scenario_id, seed)
            out.write_text(json.dumps(record(path, seed), indent=1) + "\n", encoding="utf-8")
            print(f"wrote {out}")


if __name__ == "__main__":
    main()
