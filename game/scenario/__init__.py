"""The scenario layer: YAML files in, a validated ``Scenario`` out, or errors with file, line and column."""

from game.scenario.builtins import builtin_dir, builtin_scenarios, resolve_scenario
from game.scenario.errors import ScenarioError, ScenarioIssue
from game.scenario.loader import MAX_BYTES, load_scenario, scenario_files, validate_paths
from game.scenario.schema import schema_json, write_schema

__all__ = [
    "MAX_BYTES",
    "ScenarioError",
    "ScenarioIssue",
    "builtin_dir",
    "builtin_scenarios",
    "load_scenario",
    "resolve_scenario",
    "scenario_files",
    "schema_json",
    "validate_paths",
    "write_schema",
]
