"""validate_paths: every issue in the given files and folders, and none when all are valid."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.scenario import validate_paths
from tests.scenario.helpers import BROKEN, MINIMAL


def test_a_valid_file_has_no_issues() -> None:
    assert validate_paths([MINIMAL]) == []


def test_no_paths_means_nothing_to_report() -> None:
    assert validate_paths([]) == []


def test_a_folder_stands_for_the_yaml_files_directly_inside_it(tmp_path: Path) -> None:
    shutil.copy(MINIMAL, tmp_path / "b.yaml")
    shutil.copy(BROKEN / "out_of_range.yaml", tmp_path / "a.yml")
    shutil.copy(BROKEN / "wrong_type.yaml", tmp_path / "c.yaml")
    (tmp_path / "nested").mkdir()
    shutil.copy(BROKEN / "empty.yaml", tmp_path / "nested" / "ignored.yaml")

    issues = validate_paths([tmp_path])

    assert [(Path(issue.file).name, issue.path) for issue in issues] == [
        ("a.yml", "trust.default"),
        ("c.yaml", "actors[0].capital"),
    ]


def test_schema_json_and_other_files_in_a_folder_are_not_scenarios(tmp_path: Path) -> None:
    shutil.copy(MINIMAL, tmp_path / "minimal.yaml")
    (tmp_path / "schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not: [valid", encoding="utf-8")

    assert validate_paths([tmp_path]) == []


def test_a_folder_without_scenario_files_is_an_issue(tmp_path: Path) -> None:
    (tmp_path / "schema.json").write_text("{}", encoding="utf-8")

    issues = validate_paths([str(tmp_path)])

    assert len(issues) == 1
    assert issues[0].file == str(tmp_path)
    assert issues[0].message == "no scenario files (*.yaml, *.yml) in this folder"


def test_files_and_folders_mix_and_keep_the_order_given(tmp_path: Path) -> None:
    folder = tmp_path / "more"
    folder.mkdir()
    shutil.copy(BROKEN / "bad_syntax.yaml", folder / "x.yaml")

    issues = validate_paths([BROKEN / "empty.yaml", MINIMAL, folder, tmp_path / "missing.yaml"])

    assert [Path(issue.file).name for issue in issues] == ["empty.yaml", "x.yaml", "missing.yaml"]
    assert issues[-1].message == "no such file"
