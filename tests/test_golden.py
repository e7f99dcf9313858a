"""Golden playthroughs: a recorded AI game per scenario must replay to the same hash after every move.

If a rule or a scenario changed on purpose, regenerate with ``python -m tests.golden.regenerate``
and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.ai import play_game
from game.core import Session
from game.core.hashing import scenario_digest
from game.scenario import builtin_scenarios, resolve_scenario
from tests.golden.regenerate import SEEDS, golden_path

GOLDEN = sorted(Path(__file__).parent.joinpath("golden").glob("*.json"))
HINT = "if the rules or the scenario changed on purpose, run: python -m tests.golden.regenerate"


def test_every_builtin_scenario_has_a_golden_playthrough() -> None:
    missing = [sid for sid, _, _ in builtin_scenarios() for seed in SEEDS if not golden_path(sid, seed).exists()]
    assert not missing, f"no golden playthrough for {missing}; {HINT}"


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_moves_replay_to_the_recorded_hashes(path: Path) -> None:
    golden = json.loads(path.read_text(encoding="utf-8"))
    scenario = resolve_scenario(golden["scenario"])
    assert scenario_digest(scenario) == golden["scenario_digest"], f"the scenario file changed; {HINT}"
    session = Session(scenario, golden["seed"])
    assert session.start_hash == golden["start_hash"], HINT
    for k, step in enumerate(golden["steps"], start=1):
        session.submit(step["move"])
        assert session.log[-1].hash == step["hash"], f"step {k} ({step['move']}) differs; {HINT}"
    assert session.state.ending == golden["ending"]


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_the_ai_plays_the_golden_game_again_move_for_move(path: Path) -> None:
    golden = json.loads(path.read_text(encoding="utf-8"))
    session = play_game(resolve_scenario(golden["scenario"]), golden["seed"])
    assert [e.move.to_dict() for e in session.log] == [s["move"] for s in golden["steps"]], HINT
