"""schema_json: the JSON Schema of the format, checked in as scenarios/schema.json and usable by editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from game.scenario import builtin_dir, schema_json, write_schema
from tests.scenario.helpers import BROKEN, MINIMAL


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema_json()))


def yaml_data(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_checked_in_schema_matches_the_model() -> None:
    checked_in = (builtin_dir() / "schema.json").read_text(encoding="utf-8")

    assert checked_in == schema_json(), (
        'scenarios/schema.json is stale: run python -c "from game.scenario import write_schema; write_schema()"'
    )


def test_the_schema_is_stable_text_ending_in_a_newline() -> None:
    text = schema_json()

    assert text == schema_json()
    assert text.endswith("}\n")


def test_the_schema_declares_draft_2020_12_with_a_title() -> None:
    schema = json.loads(schema_json())

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "Parley scenario"
    assert schema["description"]
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_schema_uses_the_yaml_keys_from_and_to() -> None:
    pair = json.loads(schema_json())["$defs"]["TrustPair"]

    assert set(pair["required"]) == {"from", "to", "value"}


# Editors' YAML support (yaml-language-server) is built on draft-07. These
# keywords mean the same there, and "$defs" is only a container that "$ref"
# points into, so the schema works in those editors too.
DRAFT_07_KEYWORDS = {
    "$defs", "$ref", "$schema", "additionalProperties", "anyOf", "default", "description", "enum", "items",
    "maxItems", "maxLength", "maximum", "minItems", "minLength", "minProperties", "minimum", "pattern",
    "patternProperties", "properties", "propertyNames", "required", "title", "type",
}  # fmt: skip


def keywords(schema: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            # Under these keys sit names of fields, definitions and patterns, not keywords.
            children = value.values() if key in ("properties", "$defs", "patternProperties") else [value]
            for child in children:
                found |= keywords(child)
    elif isinstance(schema, list):
        for item in schema:
            found |= keywords(item)
    return found


def test_the_schema_uses_only_keywords_draft_07_editors_understand() -> None:
    assert keywords(json.loads(schema_json())) - DRAFT_07_KEYWORDS == set()


def test_the_minimal_fixture_satisfies_the_schema() -> None:
    errors = [error.message for error in validator().iter_errors(yaml_data(MINIMAL))]

    assert errors == []


@pytest.mark.parametrize("name", ["out_of_range.yaml", "unknown_field.yaml", "bad_colour.yaml", "missing_field.yaml"])
def test_the_schema_refuses_what_the_loader_refuses_field_by_field(name: str) -> None:
    assert not validator().is_valid(yaml_data(BROKEN / name))


def test_write_schema_writes_schema_json_to_the_given_path(tmp_path: Path) -> None:
    target = write_schema(tmp_path / "schema.json")

    assert target.read_text(encoding="utf-8") == schema_json()
