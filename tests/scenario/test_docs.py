"""docs/SCENARIOS.md documents every model and field of the format, and its example is a valid scenario."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from game.core.spec import Scenario
from game.scenario import load_scenario
from tests.scenario.helpers import minimal_text

DOC = Path(__file__).resolve().parents[2] / "docs" / "SCENARIOS.md"


def models_in(model: type[BaseModel], found: dict[str, type[BaseModel]] | None = None) -> dict[str, type[BaseModel]]:
    """Every model reachable from ``model`` through its fields, by class name."""
    found = {} if found is None else found
    found[model.__name__] = model

    def visit(annotation: object) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation.__name__ not in found:
                models_in(annotation, found)
        for argument in typing.get_args(annotation):
            visit(argument)

    for info in model.model_fields.values():
        visit(info.annotation)
    return found


def sections() -> dict[str, str]:
    """Text under each '### ' heading, keyed by the heading's first word."""
    parts = re.split(r"^### ", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
    return {part.split(maxsplit=1)[0]: part for part in parts}


MODELS = models_in(Scenario)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_field_of_every_model_has_a_row_in_its_section(name: str) -> None:
    section = sections().get(name)
    assert section is not None, f"docs/SCENARIOS.md has no '### {name}' section"

    fields = [info.alias or field for field, info in MODELS[name].model_fields.items()]
    missing = [field for field in fields if f"| `{field}` |" not in section]

    assert missing == []


def test_the_example_in_the_docs_is_the_minimal_fixture_and_loads(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    example = text.split("## A complete example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")

    assert example == minimal_text()
    assert load_scenario(path).id == "minimal"
