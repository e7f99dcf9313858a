"""The JSON Schema of the scenario format, for editors and for checking files outside Parley.

``scenarios/schema.json`` is this schema, checked in; regenerate it after
changing ``game/core/spec.py`` with::

    python -c "from game.scenario import write_schema; write_schema()"
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.core.spec import Scenario
from game.scenario.builtins import builtin_dir

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "Parley scenario"
DESCRIPTION = (
    "A Parley negotiation scenario: actors, the escalation ladder, trust, inspections, dialogue, "
    "the catalogue of confidence-building measures and the deck of events. See docs/SCENARIOS.md."
)


def schema() -> dict[str, Any]:
    """The JSON Schema of ``Scenario`` as a dict, with YAML keys (``from``/``to``) as properties."""
    body = Scenario.model_json_schema(by_alias=True)
    body.pop("title", None)
    body.pop("description", None)
    return {"$schema": DRAFT, "title": TITLE, "description": DESCRIPTION, **body}


def schema_json() -> str:
    """The schema as stable JSON text (two-space indent, ending in a newline)."""
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def schema_path() -> Path:
    """Where the checked-in copy lives: ``scenarios/schema.json``."""
    return builtin_dir() / "schema.json"


def write_schema(path: str | Path | None = None) -> Path:
    """Write ``schema_json()`` to ``path`` (by default ``scenarios/schema.json``) and return the path."""
    target = Path(path) if path is not None else schema_path()
    target.write_text(schema_json(), encoding="utf-8", newline="\n")
    return target
