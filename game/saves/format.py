"""The save file's lines: how each is written, checked and read (the format is described in docs/SAVES.md)."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

FORMAT_VERSION = 2
OLDEST_FORMAT = 1
MAX_LINE = 32 * 1024 * 1024  # bytes; a 100-round snapshot is well under 1 MiB
SNAPSHOT_EVERY = 100  # moves between snapshot lines
KINDS = ("header", "move", "snapshot", "note")


class SaveError(ValueError):
    """A save that cannot be read, written or trusted. The message is one line naming the file and line."""


class CutOff(SaveError):
    """A line that is not whole in a way a write cut short by a crash leaves it (see ``decode``)."""


_SUM = re.compile(rb',"sum":"([0-9a-f]{16})"\}\r?\n?$')


def checksum(body: bytes) -> str:
    """The first 16 hex digits of SHA-256 over the line's JSON without its ``sum`` member."""
    return hashlib.sha256(body).hexdigest()[:16]


def encode(record: dict[str, Any]) -> bytes:
    """One save line, ending in a newline: compact JSON, keys in the order given, and last a ``sum`` member.

    Key order matters (a scenario's tables keep their order), so the checksum is taken over the bytes written,
    not over a re-serialisation: the line without its final ``,"sum":"…"`` member, closed with ``}``.
    """
    body = {k: v for k, v in record.items() if k != "sum"}
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    return text[:-1] + b',"sum":"' + checksum(text).encode() + b'"}\n'


def decode(raw: bytes, where: str, checked: bool = True) -> dict[str, Any]:
    """Read one line (``where`` names it in errors); ``checked`` lines must carry a matching ``sum``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        error = CutOff if exc.end >= len(raw) else SaveError  # a write cut inside a character's bytes
        raise error(f"{where}: not UTF-8 text; the file is damaged or not a Parley save") from None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        # A line cut short is a prefix of JSON: it runs out ("Expecting …", "Unterminated …"). Whole JSON followed
        # by something else ("Extra data") was damaged, not cut.
        error = SaveError if exc.msg.startswith("Extra data") else CutOff
        raise error(f"{where}: not valid JSON ({exc.msg}, column {exc.colno}); the line is damaged") from None
    except (ValueError, RecursionError) as exc:  # numbers too long to read, nesting too deep
        reason = "nested too deeply" if isinstance(exc, RecursionError) else "a number too long"
        raise SaveError(f"{where}: not a save line ({reason}); the file is damaged or not a Parley save") from None
    if not isinstance(record, dict):
        raise SaveError(f"{where}: expected a JSON object, got {type(record).__name__}")
    if record.get("type") not in KINDS:
        raise SaveError(f"{where}: unknown line type {record.get('type')!r:.40}; expected one of {', '.join(KINDS)}")
    if checked:
        found = _SUM.search(raw)
        if found is None or "sum" not in record:
            raise SaveError(f"{where}: the line has no checksum ('sum' last); it was edited or damaged")
        if found.group(1).decode() != checksum(raw[: found.start()] + b"}"):
            raise SaveError(f"{where}: checksum mismatch; the line was edited or damaged")
    record.pop("sum", None)
    return record
