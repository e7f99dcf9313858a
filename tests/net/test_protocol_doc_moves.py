"""docs/PROTOCOL.md lists every move kind the engine takes, with every field."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from game.core.moves import MOVE_TYPES

DOC = (Path(__file__).parents[2] / "docs" / "PROTOCOL.md").read_text(encoding="utf-8")


def test_every_move_kind_and_its_fields_are_in_the_protocol_document():
    table = DOC[DOC.index("## Moves") :].split("### Legal moves")[0]
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| (.+?) \| (.*?) \|", table, re.M)}
    for kind, cls in MOVE_TYPES.items():
        row = next((cells for names, cells in rows.items() if f"`{kind}`" in names), None)
        assert row is not None, f"move kind {kind} is not in the Moves table"
        for name in (f.name for f in fields(cls) if f.name != "actor"):
            assert f"`{name}`" in row, f"{kind}'s field {name} is not documented"
