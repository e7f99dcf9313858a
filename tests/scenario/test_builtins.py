"""builtin_dir, builtin_scenarios and resolve_scenario: the scenarios that ship with Parley, by name or path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import game
from game.scenario import ScenarioError, builtin_dir, builtin_scenarios, resolve_scenario, validate_paths
from game.scenario import builtins as builtins_module
from tests.scenario.helpers import BROKEN, MINIMAL


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in scenarios/ folder: a valid file named unlike its id, a broken file and the schema."""
    shutil.copy(MINIMAL, tmp_path / "two_valleys.yaml")
    shutil.copy(BROKEN / "out_of_range.yaml", tmp_path / "broken.yaml")
    (tmp_path / "schema.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(builtins_module, "builtin_dir", lambda: tmp_path)
    return tmp_path


def test_the_builtin_folder_is_scenarios_at_the_repository_root() -> None:
    assert builtin_dir() == Path(game.__file__).resolve().parent.parent / "scenarios"


def test_builtin_scenarios_lists_the_valid_ones_by_id(shipped: Path) -> None:
    assert builtin_scenarios() == [("minimal", "Two Valleys", shipped / "two_valleys.yaml")]


def test_a_builtin_is_found_by_its_id(shipped: Path) -> None:
    assert resolve_scenario("minimal").title == "Two Valleys"


def test_a_builtin_is_found_by_its_file_stem(shipped: Path) -> None:
    assert resolve_scenario("two_valleys").id == "minimal"


def test_a_broken_builtin_named_by_stem_reports_its_issues(shipped: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        resolve_scenario("broken")

    assert [issue.path for issue in caught.value.issues] == ["trust.default"]


def test_an_existing_path_wins_over_the_builtins(shipped: Path) -> None:
    assert resolve_scenario(str(MINIMAL)).id == "minimal"


def test_an_unknown_name_lists_the_builtin_scenarios(shipped: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        resolve_scenario("atlantis")

    (issue,) = caught.value.issues
    assert issue.file == "atlantis"
    assert issue.message == "no such file, and no built-in scenario of that name; built-in scenarios: minimal"


def test_without_a_builtin_folder_there_are_no_builtins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(builtins_module, "builtin_dir", lambda: tmp_path / "absent")

    assert builtin_scenarios() == []
    with pytest.raises(ScenarioError, match="built-in scenarios: none found"):
        resolve_scenario("npt")


def test_every_shipped_scenario_is_valid() -> None:
    if not any(builtin_dir().glob("*.y*ml")):
        pytest.skip("no scenario has been added to scenarios/ yet")

    assert [str(issue) for issue in validate_paths([builtin_dir()])] == []


def test_a_folder_named_like_a_builtin_does_not_hide_it(
    shipped: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path_factory.mktemp("cwd")
    (elsewhere / "minimal").mkdir()
    monkeypatch.chdir(elsewhere)

    assert resolve_scenario("minimal").title == "Two Valleys"
