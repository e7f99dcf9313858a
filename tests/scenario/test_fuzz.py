"""Whatever a scenario file holds, load_scenario returns a Scenario or raises ScenarioError, never anything else."""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario import ScenarioError, load_scenario
from tests.scenario.helpers import MINIMAL, minimal_text

MINIMAL_DATA: dict[str, Any] = yaml.safe_load(minimal_text())

# Characters that steer the YAML scanner into its corners.
YAML_ALPHABET = st.sampled_from(list("abc019 -:,[]{}#&*!|>'\"%@`?\n\t\\.\x00\x85\u2028é"))

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)


def load_outcome(raw: bytes) -> None:
    """Load ``raw`` as a scenario file; anything but a Scenario or a ScenarioError fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(raw)
        try:
            load_scenario(path)
        except ScenarioError as error:
            assert error.issues
            for issue in error.issues:
                assert issue.file == str(path)
                assert issue.line >= 0 and issue.column >= 0
                assert issue.message


def paths_in(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_in(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths_in(value, (*prefix, index))


ALL_PATHS = [path for path in paths_in(MINIMAL_DATA) if path]
DELETE = object()


@settings(max_examples=300)
@given(st.binary(max_size=3000))
def test_random_bytes_raise_only_scenario_errors(raw: bytes) -> None:
    load_outcome(raw)


@settings(max_examples=300)
@given(st.text(YAML_ALPHABET, max_size=400))
def test_random_yaml_like_text_raises_only_scenario_errors(text: str) -> None:
    load_outcome(text.encode("utf-8"))


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=len(MINIMAL.read_bytes())), st.text(YAML_ALPHABET, min_size=1, max_size=8))
def test_text_spliced_into_a_valid_file_raises_only_scenario_errors(at: int, inserted: str) -> None:
    raw = MINIMAL.read_bytes()
    load_outcome(raw[:at] + inserted.encode("utf-8") + raw[at:])


@settings(max_examples=300)
@given(st.sampled_from(ALL_PATHS), values | st.just(DELETE))
def test_any_field_replaced_by_any_value_gives_placed_issues(path: tuple[Any, ...], value: Any) -> None:
    data = copy.deepcopy(MINIMAL_DATA)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        load_scenario_text(text)
    except ScenarioError as error:
        # The file parsed, so every complaint about its fields has a place in it.
        assert all(issue.line >= 1 and issue.column >= 1 for issue in error.issues), error


def load_scenario_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutant.yaml"
        path.write_text(text, encoding="utf-8")
        load_scenario(path)
