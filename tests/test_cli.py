"""The parley command line: exit codes, one-line errors, and simulate's determinism."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import run

ROOT = Path(__file__).resolve().parent.parent


def parley(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_validate_accepts_the_shipped_scenarios() -> None:
    code, out, err = parley("validate", str(ROOT / "scenarios"))
    assert (code, err) == (0, "")
    assert "ok" in out


def test_validate_reports_a_broken_file_with_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    code, out, err = parley("validate", str(broken))
    assert code == 1
    lines = err.strip().splitlines()
    assert lines and all(line.startswith(f"{broken}:") for line in lines)
    assert ":2:" in lines[0] or ":3:" in lines[0]


def test_scenarios_lists_npt_with_its_title() -> None:
    code, out, _ = parley("scenarios")
    assert code == 0
    assert any(line.startswith("npt ") and len(line.split(None, 1)[1]) > 5 for line in out.splitlines())


def test_schema_prints_the_published_schema() -> None:
    code, out, _ = parley("schema")
    assert code == 0
    assert json.loads(out) == json.loads((ROOT / "scenarios" / "schema.json").read_text(encoding="utf-8"))


def test_simulate_twice_with_one_seed_gives_the_same_final_hash() -> None:
    first = json.loads(parley("simulate", "npt", "--seed", "11", "--json")[1])
    second = json.loads(parley("simulate", "npt", "--seed", "11", "--json")[1])
    assert first == second
    assert len(first["hash"]) == 64


def test_different_seeds_usually_give_different_games() -> None:
    code, out, _ = parley("simulate", "npt", "--seed", "1", "--games", "10", "--json")
    assert code == 0
    hashes = {json.loads(line)["hash"] for line in out.splitlines()}
    assert len(hashes) == 10


def test_a_hundred_seeds_all_play_to_an_ending() -> None:
    code, out, err = parley("simulate", "npt", "--seed", "1000", "--games", "100", "--json")
    assert (code, err) == (0, "")
    games = [json.loads(line) for line in out.splitlines()]
    assert len(games) == 100
    for game in games:
        assert game["ending"] in ("stability", "stalemate", "collective_failure")
        assert 1 <= game["rounds"] <= 12
        assert set(game["scores"]) == {"usa", "russia", "kessaria", "lorvania", "iaea"}


def test_simulate_text_output_has_a_line_per_game_and_a_summary() -> None:
    code, out, _ = parley("simulate", "npt", "--games", "3")
    lines = out.strip().splitlines()
    assert code == 0
    assert all(line.startswith("seed ") for line in lines[:3])
    assert lines[3] == "" and lines[4].startswith("3 games: stability")
    table = lines[lines.index("") + 4 :]
    assert table[0].split()[:2] == ["actor", "persona"]
    assert [row.split()[0] for row in table[1:6]] == ["usa", "russia", "kessaria", "lorvania", "iaea"]


def test_simulate_accepts_a_scenario_by_path() -> None:
    by_path = parley("simulate", str(ROOT / "scenarios" / "npt.yaml"), "--json")[1]
    by_name = parley("simulate", "npt", "--json")[1]
    assert by_path == by_name


@pytest.mark.parametrize(
    "argv, code, fragment",
    [
        ((), 2, "no command given"),
        (("simulate",), 2, "SCENARIO"),
        (("simulate", "npt", "--seed", "-1"), 2, "--seed"),
        (("simulate", "npt", "--games", "0"), 2, "--games"),
        (("simulate", "npt", "--games", "many"), 2, "whole number"),
        (("simulate", "atlantis"), 1, "atlantis"),
        (("validate", "/no/such/file.yaml"), 1, "/no/such/file.yaml"),
        (("frobnicate",), 2, "frobnicate"),
    ],
)
def test_bad_arguments_give_one_clear_line_and_a_nonzero_exit(argv: tuple, code: int, fragment: str) -> None:
    got, out, err = parley(*argv)
    assert got == code
    assert fragment in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_the_installed_entry_point_never_shows_a_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"\xff\xfe\x00garbage")
    result = subprocess.run([sys.executable, "-m", "game", "simulate", str(junk)], capture_output=True, text=True,
                            timeout=60)  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(junk) in result.stderr
