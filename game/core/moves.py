"""Moves: small immutable objects with a stable dict form, the only way the game changes.

>>> move = Propose("us", "hotline", ("ru",), "reciprocal", 3, "none")
>>> move_from_dict(move.to_dict()) == move
True
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar

from game.core.errors import MalformedMove

FACILITATOR = "facilitator"


@dataclass(frozen=True, slots=True)
class Move:
    """Base class: ``actor`` is an actor id, or ``"facilitator"`` for the white cell."""

    kind: ClassVar[str] = ""
    actor: str

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out


@dataclass(frozen=True, slots=True)
class Pass(Move):
    """End this actor's turn in the current phase."""

    kind: ClassVar[str] = "pass"


@dataclass(frozen=True, slots=True)
class Dialogue(Move):
    """A statement to one or more actors: reassure, clarify, raise_concern, accuse, ..."""

    kind: ClassVar[str] = "dialogue"
    act: str
    to: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Propose(Move):
    """Table a measure to one or more addressees with terms."""

    kind: ClassVar[str] = "propose"
    measure: str
    to: tuple[str, ...]
    reciprocity: str
    duration: int
    verification: str


@dataclass(frozen=True, slots=True)
class Withdraw(Move):
    """Withdraw one's own proposal, or leave an agreement in force."""

    kind: ClassVar[str] = "withdraw"
    agreement: str


@dataclass(frozen=True, slots=True)
class Accept(Move):
    kind: ClassVar[str] = "accept"
    agreement: str


@dataclass(frozen=True, slots=True)
class Reject(Move):
    kind: ClassVar[str] = "reject"
    agreement: str


@dataclass(frozen=True, slots=True)
class Counter(Move):
    """Answer a proposal with other terms; the proposer then answers the counter."""

    kind: ClassVar[str] = "counter"
    agreement: str
    reciprocity: str
    duration: int
    verification: str


@dataclass(frozen=True, slots=True)
class Comply(Move):
    """Secretly honour an agreement this round."""

    kind: ClassVar[str] = "comply"
    agreement: str


@dataclass(frozen=True, slots=True)
class Defect(Move):
    """Secretly break an agreement this round."""

    kind: ClassVar[str] = "defect"
    agreement: str


@dataclass(frozen=True, slots=True)
class RequestInspection(Move):
    """Ask to inspect a party to an agreement under the agreement's verification regime."""

    kind: ClassVar[str] = "request_inspection"
    agreement: str
    target: str


@dataclass(frozen=True, slots=True)
class GrantInspection(Move):
    kind: ClassVar[str] = "grant_inspection"
    inspection: str


@dataclass(frozen=True, slots=True)
class DelayInspection(Move):
    kind: ClassVar[str] = "delay_inspection"
    inspection: str


@dataclass(frozen=True, slots=True)
class RefuseInspection(Move):
    kind: ClassVar[str] = "refuse_inspection"
    inspection: str


@dataclass(frozen=True, slots=True)
class RespondEvent(Move):
    """Choose one of an event's response options."""

    kind: ClassVar[str] = "respond_event"
    occurrence: str
    option: str


@dataclass(frozen=True, slots=True)
class InjectEvent(Move):
    """Facilitator: queue an event from the deck for this round's events phase."""

    kind: ClassVar[str] = "inject_event"
    event: str


@dataclass(frozen=True, slots=True)
class CustomEvent(Move):
    """Facilitator: an event of the instructor's own, not in the deck; it strikes at once and moves the tension by
    ``tension`` points (negative calms), e.g. a news story the class should react to."""

    kind: ClassVar[str] = "custom_event"
    name: str
    text: str
    tension: float


@dataclass(frozen=True, slots=True)
class Adjust(Move):
    """Facilitator: set a value (``tension``, ``trust:A:B``, ``capital:A``, ``posture:A``, ``security:A``)."""

    kind: ClassVar[str] = "adjust"
    target: str
    value: float
    reason: str


@dataclass(frozen=True, slots=True)
class Pause(Move):
    kind: ClassVar[str] = "pause"
    reason: str


@dataclass(frozen=True, slots=True)
class Resume(Move):
    kind: ClassVar[str] = "resume"


@dataclass(frozen=True, slots=True)
class AssignSeat(Move):
    """Facilitator: hand a seat to a human (``"human"``) or an AI (``"PERSONA[:LEVEL]"``, e.g. ``"hardliner:hard"``)."""

    kind: ClassVar[str] = "assign_seat"
    seat: str
    controller: str


@dataclass(frozen=True, slots=True)
class EndGame(Move):
    kind: ClassVar[str] = "end_game"
    reason: str


MOVE_TYPES: dict[str, type[Move]] = {
    cls.kind: cls
    for cls in (
        Pass,
        Dialogue,
        Propose,
        Withdraw,
        Accept,
        Reject,
        Counter,
        Comply,
        Defect,
        RequestInspection,
        GrantInspection,
        DelayInspection,
        RefuseInspection,
        RespondEvent,
        InjectEvent,
        CustomEvent,
        Adjust,
        Pause,
        Resume,
        AssignSeat,
        EndGame,
    )
}
FACILITATOR_KINDS = frozenset({"inject_event", "custom_event", "adjust", "pause", "resume", "assign_seat", "end_game"})


def _read(kind: str, name: str, annotation: str, value: Any) -> Any:
    """Check one field of a move's dict form against its annotation."""
    where = f"move '{kind}' field '{name}'"
    if annotation == "str":
        if not isinstance(value, str) or not value or len(value) > 500:
            raise MalformedMove(f"{where}: expected a non-empty text, got {value!r:.60}")
        return value
    if annotation == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise MalformedMove(f"{where}: expected a whole number, got {value!r:.60}")
        return value
    if annotation == "float":
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or value != value
            or abs(value) == float("inf")
        ):
            raise MalformedMove(f"{where}: expected a number, got {value!r:.60}")
        return float(value)
    if annotation == "tuple[str, ...]":
        if not isinstance(value, list | tuple) or not value or len(value) > 50:
            raise MalformedMove(f"{where}: expected a non-empty list of actor ids, got {value!r:.60}")
        if not all(isinstance(v, str) and v for v in value):
            raise MalformedMove(f"{where}: expected actor ids as text, got {value!r:.60}")
        return tuple(value)
    raise AssertionError(f"unhandled annotation {annotation}")  # pragma: no cover - a programming error


def move_from_dict(data: Any) -> Move:
    """Read a move from its dict form, or raise ``MalformedMove`` saying what is wrong."""
    if not isinstance(data, dict):
        raise MalformedMove(f"a move must be an object with a 'kind', got {type(data).__name__}")
    kind = data.get("kind")
    cls = MOVE_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise MalformedMove(f"unknown move kind {kind!r:.40}; known kinds: {', '.join(sorted(MOVE_TYPES))}")
    expected = {f.name: str(f.type) for f in fields(cls)}
    extra = set(data) - set(expected) - {"kind"}
    if extra:
        raise MalformedMove(f"move '{kind}' has unknown field(s): {', '.join(sorted(map(str, extra)))}")
    values = {}
    for name, annotation in expected.items():
        if name not in data:
            raise MalformedMove(f"move '{kind}' is missing field '{name}'")
        values[name] = _read(cls.kind, name, annotation, data[name])
    return cls(**values)
