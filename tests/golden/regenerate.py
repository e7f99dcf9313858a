"""Record the golden playthroughs: one AI game per built-in scenario, with the state hash after every move.

Run after changing the rules or a scenario on purpose:  python -m tests.golden.regenerate
(it also rewrites the example save in saves/examples/ and the format-1 save fixture, whose hashes follow the rules)
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
    regenerate_saves()


def regenerate_saves() -> None:
    """The example save shipped in saves/examples/ and the format-1 save the migration is tested on."""
    from game.saves import write_save
    from game.scenario import resolve_scenario
    from tests.saves.format1 import FIXTURE, write_format1

    example = HERE.parent.parent / "saves" / "examples" / "npt-seed7.jsonl"
    example.unlink(missing_ok=True)
    session = play_game(resolve_scenario("npt"), 7)
    write_save(session, example.parent, name=example.stem)
    print(f"wrote {example}")
    write_format1(play_game(resolve_scenario("central_asia"), 2), FIXTURE, moves=60)
    print(f"wrote {FIXTURE}")


if __name__ == "__main__":
    main()
