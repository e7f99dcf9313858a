"""Reading saves of older format versions: each migration turns one version's lines into the next one's.

Format 1 (the first draft, documented in docs/SAVES.md) had ``"version": 1`` in its header, no line checksums,
no snapshots, no notes, no start hash and no ``by`` on move lines. Its lines are read unchecked and brought up to
format 2; every state hash is still checked when the moves are played again, so a damaged format-1 save is found
all the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.saves.format import FORMAT_VERSION, SaveError

Records = list[tuple[int, dict[str, Any]]]


def _from_1(records: Records) -> Records:
    (number, head), rest = records[0], records[1:]
    header = {k: v for k, v in head.items() if k != "version"}
    header.update(format=2, start_hash=None, snapshot_every=None, branched_from=None)
    header.setdefault("started", "")
    header.setdefault("parley", "0.1.0")
    if "scenario" in header and "scenario_hash" not in header:
        header["scenario_hash"] = None  # format 1 embedded the scenario without its hash
    out: Records = [(number, header)]
    for line, record in rest:
        if record.get("type") != "move":
            raise SaveError(f"{line}: a format 1 save has only move lines, not '{record.get('type')}'")
        move = record.get("move")
        out.append((line, {**record, "by": move.get("actor") if isinstance(move, dict) else None}))
    return out


_STEPS: dict[int, Callable[[Records], Records]] = {1: _from_1}


def _chain(version: int) -> Callable[[Records], Records]:
    def migrate(records: Records) -> Records:
        for v in range(version, FORMAT_VERSION):
            records = _STEPS[v](records)
        return records

    return migrate


MIGRATIONS: dict[int, Callable[[Records], Records]] = {v: _chain(v) for v in _STEPS}
