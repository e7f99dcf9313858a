"""Find the scenarios that ship with Parley and resolve a name or a path to one of them.

Example:
    >>> [sid for sid, _title, _path in builtin_scenarios()]  # doctest: +SKIP
    ['npt']
    >>> resolve_scenario("npt").title  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import game
from game.core.spec import Scenario
from game.scenario.errors import ScenarioError, ScenarioIssue
from game.scenario.loader import load_scenario, scenario_files


def builtin_dir() -> Path:
    """The repository's ``scenarios/`` folder."""
    return Path(game.__file__).resolve().parent.parent / "scenarios"


def builtin_scenarios() -> list[tuple[str, str, Path]]:
    """(id, title, path) of every valid built-in scenario, sorted by id; invalid files are left out."""
    folder = builtin_dir()
    if not folder.is_dir():
        return []
    found: list[tuple[str, str, Path]] = []
    for path in scenario_files(folder):
        try:
            scenario = load_scenario(path)
        except ScenarioError:
            # `parley validate scenarios/` is where broken files are reported.
            continue
        found.append((scenario.id, scenario.title, path))
    return sorted(found, key=lambda item: (item[0], item[2].name))


def resolve_scenario(name_or_path: str) -> Scenario:
    """Load the scenario file at ``name_or_path``, or the built-in one whose file stem or id it is.

    Raises ScenarioError when the file is invalid, or when nothing matches
    (the message lists the built-in scenarios).
    """
    given = Path(name_or_path)
    if given.is_file():
        return load_scenario(given)
    folder = builtin_dir()
    if folder.is_dir():
        for path in scenario_files(folder):
            if path.stem == name_or_path:
                return load_scenario(path)
    builtins = builtin_scenarios()
    for scenario_id, _title, path in builtins:
        if scenario_id == name_or_path:
            return load_scenario(path)
    if given.exists():
        # A folder or other non-file: let the loader say what it is.
        return load_scenario(given)
    names = ", ".join(scenario_id for scenario_id, _title, _path in builtins) or "none found"
    message = f"no such file, and no built-in scenario of that name; built-in scenarios: {names}"
    raise ScenarioError([ScenarioIssue(name_or_path, 0, 0, "", message)])
