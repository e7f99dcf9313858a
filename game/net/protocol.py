"""The wire format: JSON messages with a protocol version, how requests are read and replies built.

Every message is one JSON object in one WebSocket text frame, with ``"v"`` (the protocol version) and
``"type"``. docs/PROTOCOL.md describes each type; this module is the reference the server reads by.

>>> parse('{"v": 1, "type": "sync"}')["type"]
'sync'
"""

from __future__ import annotations

import json
from typing import Any

VERSION = 1
MAX_MESSAGE = 64 * 1024  # bytes of one request the server reads; longer ones are refused with "too_big"
TRANSPORT_LIMIT = 1024 * 1024  # a frame above this never reaches the server: websockets closes with 1009
RATE = 20.0  # requests per second a connection may keep up ...
BURST = 40  # ... after a burst of this many
HELLO_TIMEOUT = 30.0  # seconds a new connection has to say hello
MAX_BAD_CODES = 5  # wrong codes one connection may try before it is closed
DETAILS = ("full", "current")
REPORT_FORMATS = ("html", "md")

# Error codes of the protocol itself; a move the rules refuse carries the rules' own code (source "rules").
ERRORS = {
    "bad_json": "the message is not valid JSON",
    "bad_message": "the message is not a JSON object of the documented shape",
    "too_big": "the message is longer than the limit",
    "bad_version": "the message's protocol version is missing or not one the server speaks",
    "unknown_type": "no such message type",
    "rate_limited": "too many messages too fast; this one was dropped",
    "not_joined": "say hello with a code first",
    "already_joined": "this connection has already joined",
    "bad_code": "no seat, facilitator or spectator has this code",
    "not_allowed": "this role may not do that",
    "wrong_seat": "a move must be made by the seat the code belongs to",
    "ai_seat": "an AI plays this seat now",
    "stale_state": "the move was made against a state that is no longer current",
    "unknown_persona": "no AI persona of that name or level",
    "bad_rollback": "no such step to roll back to",
    "unavailable": "the server cannot do that now",
    "replaced": "a newer connection joined with the same code",
}


class ProtocolError(Exception):
    """A request the server refuses before it reaches the game; ``code`` is one of ``ERRORS``."""

    def __init__(self, code: str, reason: str) -> None:
        assert code in ERRORS, code
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.ref: str | int | None = None  # the refused message's "id", when it could be read


_TEXT = (str,)
_NUMBER = (int, float)
# type -> {field: (accepted python types, required)}; "v", "type" and "id" are checked for every type.
REQUESTS: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    "hello": {"code": (_TEXT, True), "detail": (_TEXT, False), "client": (_TEXT, False)},
    "sync": {"detail": (_TEXT, False)},
    "move": {"state": (_TEXT, True), "move": ((dict,), True), "note": (_TEXT, False)},
    "seat_view": {"seat": (_TEXT, True)},
    "log": {"since": ((int,), False)},
    "deadlines": {"deadlines": ((dict,), True)},
    "extend": {"seconds": (_NUMBER, True)},
    "rollback": {"state": (_TEXT, True), "step": ((int,), True), "reason": (_TEXT, True)},
    "report": {"format": (_TEXT, False)},
}
FACILITATOR_ONLY = frozenset({"seat_view", "log", "deadlines", "extend", "rollback", "report"})


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse(raw: str | bytes) -> dict[str, Any]:
    """Read one request, or raise ``ProtocolError`` saying what is wrong with it."""
    if isinstance(raw, bytes):
        raise ProtocolError("bad_message", "Send text frames of JSON, not binary frames")
    if len(raw) > MAX_MESSAGE or len(raw.encode("utf-8", "surrogatepass")) > MAX_MESSAGE:
        raise ProtocolError("too_big", f"A message may be at most {MAX_MESSAGE} bytes; this one is longer")
    try:
        message = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        raise ProtocolError("bad_json", f"The message is not valid JSON: {str(exc)[:80]}") from None
    if not isinstance(message, dict):
        raise ProtocolError("bad_message", f"A message must be a JSON object, not {type(message).__name__}")
    ref = message.get("id")
    try:
        _check(message)
    except ProtocolError as exc:
        if isinstance(ref, str | int) and not isinstance(ref, bool) and len(str(ref)) <= 64:
            exc.ref = ref
        raise
    return message


def _check(message: dict[str, Any]) -> None:
    version = message.get("v")
    if isinstance(version, bool) or version != VERSION:
        raise ProtocolError(
            "bad_version", f"This server speaks protocol version {VERSION}; the message has v={version!r:.20}"
        )
    kind = message.get("type")
    if not isinstance(kind, str) or kind not in REQUESTS:
        raise ProtocolError("unknown_type", f"Unknown message type {kind!r:.40}; types: {', '.join(REQUESTS)}")
    ref = message.get("id")
    if ref is not None and (isinstance(ref, bool) or not isinstance(ref, str | int) or len(str(ref)) > 64):
        raise ProtocolError("bad_message", "A message 'id' must be a text or a whole number of at most 64 characters")
    for name, (types, required) in REQUESTS[kind].items():
        if name not in message or message[name] is None:
            if required:
                raise ProtocolError("bad_message", f"A '{kind}' message needs the field '{name}'")
            continue
        value = message[name]
        if isinstance(value, bool) or not isinstance(value, types):
            expected = {"str": "a text", "dict": "an object", "int": "a whole number"}.get(
                types[0].__name__, "a number"
            )
            raise ProtocolError("bad_message", f"The field '{name}' of a '{kind}' message must be {expected}")
    detail = message.get("detail")
    if detail is not None and detail not in DETAILS:
        raise ProtocolError("bad_message", f"'detail' must be one of: {', '.join(DETAILS)}")


def encode(message: dict[str, Any]) -> str:
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False)


def reply(kind: str, request: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    """A server message; ``re`` echoes the request's ``id`` when it had one."""
    out: dict[str, Any] = {"v": VERSION, "type": kind}
    if request is not None and request.get("id") is not None:
        out["re"] = request["id"]
    out.update(fields)
    return out


def error(code: str, reason: str, request: dict[str, Any] | None = None, *, source: str = "protocol",
          state: str | None = None) -> dict[str, Any]:  # fmt: skip
    """An error message: a stable ``code``, a one-line ``reason``, and the current state id when there is one."""
    fields: dict[str, Any] = {"code": code, "reason": reason, "source": source}
    if state is not None:
        fields["state"] = state
    return reply("error", request, **fields)
