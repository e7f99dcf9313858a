"""Tournaments: many AI games, their summary, and ``parley simulate`` with personas chosen per seat."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml

from game.ai.tournament import ENDINGS, format_summary, play_many, summarise
from game.cli import run
from tests.builders import scenario_data, tiny

SEEDS = range(1, 7)


def parley(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return play_many(tiny(), SEEDS, {"aa": "cooperative", "bb": "hardliner:easy"})


def test_every_game_gets_a_record_in_seed_order(records: list[dict]) -> None:
    assert [r["seed"] for r in records] == list(SEEDS)
    assert all(r["ending"] in ENDINGS for r in records)


def test_the_endings_add_up_to_the_games(records: list[dict]) -> None:
    summary = summarise(records)
    assert summary["games"] == 6
    assert set(summary["endings"]) == set(ENDINGS)
    assert sum(summary["endings"].values()) == 6


def test_win_shares_are_shares(records: list[dict]) -> None:
    summary = summarise(records)
    entries = [*summary["actors"].values(), *summary["personas"].values()]
    shares = [entry["win_share"] for entry in entries]
    assert all(0.0 <= s <= 1.0 for s in shares)
    assert sum(a["win_share"] for a in summary["actors"].values()) >= 1.0  # every game has a winner (ties share)


def test_each_persona_is_counted_once_per_seat_per_game(records: list[dict]) -> None:
    summary = summarise(records)
    seats = {name: p["seats"] for name, p in summary["personas"].items()}
    assert seats == {"cooperative": 6, "hardliner": 6, "simple": 12}
    assert summary["actors"]["aa"]["persona"] == "cooperative"
    assert summary["actors"]["cc"]["persona"] == "simple"


def test_the_summary_means_are_the_records_means(records: list[dict]) -> None:
    summary = summarise(records)
    for actor, entry in summary["actors"].items():
        scores = [r["actors"][actor]["score"] for r in records]
        assert entry["mean"] == pytest.approx(sum(scores) / len(scores))
    assert summary["agreements_signed"] == pytest.approx(sum(r["agreements_signed"] for r in records) / 6)


def test_the_formatted_summary_has_a_line_per_actor_and_persona(records: list[dict]) -> None:
    text = format_summary(summarise(records))
    assert text.startswith("6 games: ")
    for name in ("aa", "bb", "cc", "io", "cooperative", "hardliner", "simple"):
        assert re.search(rf"^{name}\s", text, re.MULTILINE), name


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(scenario_data(), sort_keys=False), encoding="utf-8")
    return path


def test_simulate_prints_each_game_then_the_summary_table(scenario_file: Path) -> None:
    code, out, err = parley("simulate", str(scenario_file), "--games", "4", "--persona", "aa=cooperative")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines[:4]] == ["seed 1", "seed 2", "seed 3", "seed 4"]
    assert all("hash" in line for line in lines[:4])
    assert lines[4] == ""
    assert lines[5].startswith("4 games: ")
    assert any(re.match(r"^aa\s+cooperative\s", line) for line in lines)
    assert any(re.match(r"^cooperative\s+4\s", line) for line in lines)
    assert any(re.match(r"^simple\s+12\s", line) for line in lines)


def test_simulate_with_two_jobs_prints_the_same(scenario_file: Path) -> None:
    argv = ("simulate", str(scenario_file), "--games", "3", "--persona", "bb=grudger")
    assert parley(*argv, "--jobs", "2") == parley(*argv)


@pytest.mark.parametrize(
    ("choice", "words"),
    [
        ("zz=cooperative", ["actor 'zz'", "aa, bb, cc, io"]),
        ("aa=grumpy", ["unknown persona 'grumpy'"]),
        ("aa=strategist:brutal", ["unknown difficulty 'brutal'"]),
        ("aa", ["ACTOR=NAME"]),
    ],
    ids=["actor", "persona", "difficulty", "malformed"],
)
def test_simulate_refuses_a_bad_persona_choice_with_one_line(
    scenario_file: Path, choice: str, words: list[str]
) -> None:
    code, out, err = parley("simulate", str(scenario_file), "--games", "2", "--persona", choice)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("parley: error: ")
    for word in words:
        assert word in err
