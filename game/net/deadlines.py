"""Turn clocks: per-phase time limits, and the move the server makes for a seat that lets its clock run out.

The facilitator sets a limit per phase (``{"diplomacy": 180, "implementation": 60}``). Seats act in turn order,
so the limit applies to each seat's turn in that phase: one missing team loses its own turns and never stalls
the others. When a turn's clock runs out, the server plays the seat's stand-in move:

- pass, where passing is legal (diplomacy, verification);
- reject the proposal (responses): an absent team signs nothing it has not read;
- comply (implementation): an absent team keeps its word; a secret defection is a decision, not a default;
- grant the inspection: what the agreement it signed asks of it, and refusing would raise tension for it;
- the least escalating response to an event (ties: the first the scenario lists).
"""

from __future__ import annotations

import math
from typing import Any

from game.core.moves import Comply, GrantInspection, Move, Pass, Reject, RespondEvent
from game.core.phases import PHASES
from game.core.session import Session
from game.core.view import catalogue

TIMED_PHASES = tuple(name for name, phase in PHASES.items() if phase.kinds)
MAX_SECONDS = 24 * 3600.0
STAND_IN_NOTE = "The turn's time ran out: the server's stand-in move"


def stand_in_move(session: Session, seat: str) -> Move:
    """The move the server makes for ``seat`` when its turn's time runs out; ``seat`` must be the one to move."""
    options = {o.kind: o.choices for o in session.legal_moves(seat)}
    if "pass" in options:
        return Pass(seat)
    if "reject" in options:
        return Reject(seat, options["reject"]["agreements"][0])
    if "comply" in options:
        return Comply(seat, options["comply"]["agreements"][0])
    if "grant_inspection" in options:
        return GrantInspection(seat, options["grant_inspection"]["inspections"][0])
    if "respond_event" in options:
        occurrence, choices = next(iter(options["respond_event"]["occurrences"].items()))
        event = next(e["event"] for e in session.view(seat, full=False)["events"] if e["id"] == occurrence)
        tensions = catalogue(session.scenario)["events"][event]["responses"]
        return RespondEvent(seat, occurrence, min(choices, key=lambda option: tensions[option]["tension"]))
    raise ValueError(f"{seat} has no move to make now")  # the caller only asks for the seat to move


def read_deadlines(data: dict[str, Any]) -> dict[str, float | None]:
    """Check a facilitator's ``{phase: seconds or null}``; raise ValueError with a one-line reason."""
    out: dict[str, float | None] = {}
    for phase, seconds in data.items():
        if phase not in TIMED_PHASES:
            raise ValueError(f"No timed phase '{phase:.40}'; phases: {', '.join(TIMED_PHASES)}")
        if seconds is None or seconds == 0:
            out[phase] = None
            continue
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not math.isfinite(seconds):
            raise ValueError(f"The limit for {phase} must be a number of seconds or null")
        if not 1 <= seconds <= MAX_SECONDS:
            raise ValueError(f"The limit for {phase} must be between 1 and {MAX_SECONDS:.0f} seconds, not {seconds:g}")
        out[phase] = float(seconds)
    return out
