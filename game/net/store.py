"""What a server keeps on disk so that a restart after a crash resumes every session with the same codes.

Per room, in the server's folder (``--data``, default ``saves/server/``):

- ``ROOM.jsonl``, the session's save (``game.saves``: the log, written and fsynced before a move is acknowledged);
- ``ROOM.room.json``, the room's record: its codes, the save it writes now, the turn limits, whether the game is
  over, and the rollbacks so far. It is small and written whole and atomically (temp file, fsync, rename).

A rollback starts a new save, ``ROOM-rollbackN.jsonl``, whose header says which save and step it branched from;
the record then points at it. The old save stays as it was.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.core.session import Session
from game.net.room import Codes, Room
from game.saves import Autosave, SaveError, resume_save, write_atomically

RECORD_SUFFIX = ".room.json"
RECORD_VERSION = 1
DEFAULT_DIRECTORY = Path("saves") / "server"


class StoreError(Exception):
    """The server folder or a record in it cannot be used; the message is one line naming the file."""


class Store:
    """The server's folder: a save and a record per room. Implements the room's ``Saving``."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.directory}: cannot create the server folder ({exc.strerror})") from None
        self._saves: dict[str, Autosave] = {}
        self._branches: dict[str, list[dict[str, Any]]] = {}
        self._created: dict[str, str] = {}

    def record_path(self, room_id: str) -> Path:
        return self.directory / f"{room_id}{RECORD_SUFFIX}"

    def new_room_id(self, scenario_id: str, taken: set[str]) -> str:
        """``SCENARIO-N``, the first N not used by a room here or in ``taken``."""
        n = 1
        while f"{scenario_id}-{n}" in taken or self.record_path(f"{scenario_id}-{n}").exists():
            n += 1
        return f"{scenario_id}-{n}"

    # --- Saving ----------------------------------------------------------------------------------------------

    def started(self, room: Room) -> None:
        """A new room: start its save, then write its record (a crash between leaves only an unused save)."""
        try:
            self._saves[room.id] = Autosave.start(room.session, self.directory, name=room.id)
        except SaveError as exc:
            raise StoreError(str(exc)) from None
        self._created[room.id] = datetime.now(UTC).isoformat(timespec="seconds")
        self._branches[room.id] = []
        self.changed(room)

    def changed(self, room: Room) -> None:
        autosave = self._saves[room.id]
        record = {
            "record": RECORD_VERSION,
            "room": room.id,
            "scenario": room.scenario_ref,
            "codes": room.codes.to_dict(),
            "save": autosave.path.name,
            "deadlines": room.deadlines,
            "over": room.over,
            "created": self._created.get(room.id),
            "rollbacks": self._branches.get(room.id, []),
        }
        data = json.dumps(record, indent=1, sort_keys=True).encode("utf-8") + b"\n"
        write_atomically(self.record_path(room.id), data)

    def rolled_back(self, room: Room, session: Session, step: int, reason: str) -> None:
        old = self._saves[room.id]
        branches = self._branches.setdefault(room.id, [])
        origin = {"save": old.path.name, "step": step, "reason": reason, "kind": "rollback",
                  "hash": session.log[-1].hash if session.log else session.start_hash}  # fmt: skip
        new = Autosave.start(session, self.directory, name=f"{room.id}-rollback{len(branches) + 1}",
                             branched_from=origin)  # fmt: skip
        old.close()
        self._saves[room.id] = new
        branches.append({**origin, "at": datetime.now(UTC).isoformat(timespec="seconds")})

    def save_error(self, room: Room) -> str | None:
        autosave = self._saves.get(room.id)
        return autosave.error if autosave is not None else None

    def save_path(self, room_id: str) -> Path:
        return self._saves[room_id].path

    def close(self) -> None:
        for autosave in self._saves.values():
            autosave.close()
        self._saves.clear()

    # --- after a restart -------------------------------------------------------------------------------------

    def records(self) -> list[dict[str, Any]]:
        """Every room record here, oldest first; a damaged one raises ``StoreError`` naming the file."""
        out = []
        for path in sorted(self.directory.glob(f"*{RECORD_SUFFIX}")):
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
                if record.get("record") != RECORD_VERSION:
                    raise ValueError(f"unknown record version {record.get('record')!r:.20}")
                Codes.from_dict(record["codes"])
                for key in ("room", "save", "scenario"):
                    if not isinstance(record[key], str):
                        raise ValueError(f"'{key}' is not a text")
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                raise StoreError(f"{path}: not a usable room record ({exc})") from None
            out.append(record)
        return sorted(out, key=lambda r: (r.get("created") or "", r["room"]))

    def resume(self, record: dict[str, Any]) -> Session:
        """Load a room's save and go on writing it; returns the session as it was at its last saved move."""
        path = self.directory / record["save"]
        try:
            loaded, autosave = resume_save(path)
        except SaveError as exc:
            raise StoreError(f"room {record['room']}: {exc}") from None
        room_id = record["room"]
        self._saves[room_id] = autosave
        self._branches[room_id] = list(record.get("rollbacks") or [])
        self._created[room_id] = record.get("created") or datetime.now(UTC).isoformat(timespec="seconds")
        return loaded.session
