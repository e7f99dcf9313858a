"""Format 1 of the save (the first draft; see docs/SAVES.md), written only to test that it still loads."""

from __future__ import annotations

import json
from pathlib import Path

from game.core.session import Session

FIXTURE = Path(__file__).parent / "fixtures" / "format1-central_asia-seed2.jsonl"


def write_format1(session: Session, path: Path, moves: int | None = None) -> None:
    """Format 1: a ``"version": 1`` header with the scenario embedded, then plain move lines; no checksums."""
    head = {"type": "header", "version": 1, "parley": "0.1.0", "scenario": session.scenario.model_dump(mode="json", by_alias=True),
            "scenario_id": session.scenario.id, "seed": session.seed, "seats": session.seats}  # fmt: skip
    lines = [json.dumps(head)]
    for e in session.log[:moves]:
        lines.append(json.dumps({"type": "move", "step": e.step, "round": e.round, "phase": e.phase,
                                 "move": e.move.to_dict(), "rationale": e.rationale, "hash": e.hash}))  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
