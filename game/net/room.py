"""One hosted game: its session, join codes, who is connected, the AI seats, the turn clocks and the save.

Every change to the session happens on the event loop under the room's lock: a seat's move, the facilitator's,
an AI's (decided in a worker thread, applied here) and a stand-in move when a turn's clock runs out. After each
change every connection is sent the new state, each through its own seat's view.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from game.ai.personas import AI, PersonaError, build, parse_choice
from game.ai.play import turn_for
from game.core.errors import IllegalMove
from game.core.hashing import scenario_digest
from game.core.moves import FACILITATOR, FACILITATOR_KINDS, AssignSeat, Move, move_from_dict
from game.core.session import Session
from game.core.view import catalogue
from game.net import protocol
from game.net.deadlines import STAND_IN_NOTE, read_deadlines, stand_in_move
from game.net.protocol import ProtocolError, reply
from game.net.public import public_view

log = logging.getLogger("parley.net")

SEAT, FACILITATOR_ROLE, SPECTATOR_ROLE = "seat", "facilitator", "spectator"
AI_BROADCAST_EVERY = 0.25  # seconds: during a long run of AI moves, show progress this often


class Outbox(Protocol):
    """Where a room sends one connection's messages (the server's connection; a list in tests)."""

    role: str
    seat: str | None
    detail: str

    def push(self, text: str, *, state: bool = False) -> None: ...

    def replace(self, text: str) -> None:
        """Send ``text`` and then close: a newer connection took this code."""


@dataclass
class Codes:
    """The codes of one room: one per actor's seat, one for the facilitator, one for spectators."""

    seats: dict[str, str]
    facilitator: str
    spectator: str

    def to_dict(self) -> dict[str, Any]:
        return {"seats": dict(self.seats), "facilitator": self.facilitator, "spectator": self.spectator}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Codes:
        return cls(dict(data["seats"]), data["facilitator"], data["spectator"])

    def roles(self) -> list[tuple[str, str, str | None]]:
        """(code, role, seat) for every code."""
        return [
            *((code, SEAT, seat) for seat, code in self.seats.items()),
            (self.facilitator, FACILITATOR_ROLE, None),
            (self.spectator, SPECTATOR_ROLE, None),
        ]


@dataclass
class Clock:
    """The clock of one turn: ``(round, phase, seat)``, due at ``due`` (loop time), or frozen with ``left``."""

    turn: tuple[int, str, str]
    limit: float
    due: float | None
    left: float | None = None


class Saving(Protocol):
    """What a room needs of persistence (``game.net.store``); absent when the server keeps nothing on disk."""

    def changed(self, room: Room) -> None: ...

    def rolled_back(self, room: Room, session: Session, step: int, reason: str) -> None: ...

    def save_error(self, room: Room) -> str | None:
        """Why the last moves could not be written (a full disk), or None when the save is up to date."""


@dataclass
class _Seating:
    members: dict[str, Outbox] = field(default_factory=dict)  # "seat:ID" or "facilitator" -> newest connection
    spectators: list[Outbox] = field(default_factory=list)


def state_id(session: Session) -> str:
    """The id of the current state: the step and the start of its hash. Clients send it back with a move."""
    step = len(session.log)
    digest = session.log[-1].hash if session.log else session.start_hash
    return f"{step}-{digest[:12]}"


def _lean(view: dict[str, Any]) -> dict[str, Any]:
    """A view without the scenario's catalogue, which never changes: the welcome carries it once."""
    view.pop("catalogue", None)
    return view


def build_ai(session: Session, seat: str, controller: str) -> AI:
    """The AI for ``controller`` (``NAME[:LEVEL]``) on ``seat``, with the scenario's parameters for its own persona."""
    name, level = parse_choice(controller)
    actor = next(a for a in session.scenario.actors if a.id == seat)
    return build(name, actor.persona_params if name == actor.persona else None, level)


class Room:
    """A hosted session. The server routes each connection's requests here once it has joined with a code."""

    def __init__(self, room_id: str, session: Session, codes: Codes, *, scenario_ref: str = "",
                 deadlines: dict[str, float] | None = None, saving: Saving | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.id = room_id
        self.session = session
        self.codes = codes
        self.scenario_ref = scenario_ref or session.scenario.id
        self.deadlines: dict[str, float] = dict(deadlines or {})
        self.saving = saving
        self.lock = asyncio.Lock()
        self.seating = _Seating()
        self.clock: Clock | None = None
        self._now = clock
        self._ais: dict[str, tuple[str, AI]] = {}
        self._wake = asyncio.Event()
        self._driver: asyncio.Task[None] | None = None
        self._closed = False

    # --- life ------------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the driver that plays AI seats and stand-in moves (call on the running loop)."""
        if self._driver is None:
            self._driver = asyncio.get_running_loop().create_task(self._drive(), name=f"room {self.id}")
            self._wake.set()

    async def stop(self) -> None:
        self._closed = True
        if self._driver is not None:
            self._driver.cancel()
            try:
                await self._driver
            except asyncio.CancelledError:
                pass
            self._driver = None

    @property
    def state_id(self) -> str:
        return state_id(self.session)

    @property
    def over(self) -> bool:
        return self.session.over

    # --- who is here -----------------------------------------------------------------------------------------

    async def join(self, member: Outbox, request: dict[str, Any] | None = None) -> None:
        """Seat a connection (replacing an older one with the same code) and send it a welcome and the state."""
        async with self.lock:
            if member.role == SPECTATOR_ROLE:
                self.seating.spectators.append(member)
            else:
                key = self._key(member)
                old = self.seating.members.get(key)
                self.seating.members[key] = member
                if old is not None and old is not member:
                    old.replace(protocol.encode(protocol.error(
                        "replaced", "A newer connection joined with this code; this one is closed")))  # fmt: skip
            member.push(protocol.encode(self._welcome(member, request)))
            member.push(protocol.encode(self.state_message(member)), state=True)
            self._tell_facilitator()

    def leave(self, member: Outbox) -> None:
        if member.role == SPECTATOR_ROLE:
            if member in self.seating.spectators:
                self.seating.spectators.remove(member)
            return
        key = self._key(member)
        if self.seating.members.get(key) is member:
            del self.seating.members[key]
            self._tell_facilitator()

    def connected(self, seat: str) -> bool:
        return f"seat:{seat}" in self.seating.members

    @staticmethod
    def _key(member: Outbox) -> str:
        return f"seat:{member.seat}" if member.role == SEAT else FACILITATOR_ROLE

    def _welcome(self, member: Outbox, request: dict[str, Any] | None) -> dict[str, Any]:
        scenario = self.session.scenario
        return reply(
            "welcome", request, role=member.role, seat=member.seat, room=self.id,
            scenario={"id": scenario.id, "title": scenario.title, "hash": scenario_digest(scenario)},
            actors=[{"id": a.id, "name": a.name, "colour": a.colour} for a in scenario.actors],
            limits={"max_message": protocol.MAX_MESSAGE, "rate": protocol.RATE, "burst": protocol.BURST},
            catalogue=catalogue(scenario),
        )  # fmt: skip

    # --- what each connection is sent -------------------------------------------------------------------------

    def state_message(self, member: Outbox, request: dict[str, Any] | None = None) -> dict[str, Any]:
        """The state as ``member`` may see it (its seat's view, the facilitator's, or the public one)."""
        session = self.session
        full = member.detail == "full"
        out = reply(
            "state", request, room=self.id, state=self.state_id, step=len(session.log), round=session.state.round,
            phase=session.state.phase, to_move=session.to_move(), paused=session.state.paused, over=session.over,
            deadline=self._deadline(),
        )  # fmt: skip
        if member.role == SEAT:
            seat = member.seat
            assert seat is not None
            out["controller"] = session.controller(seat)
            out["your_turn"] = out["to_move"] == seat and out["controller"] == "human" and not out["paused"]
            out["view"] = _lean(session.view(seat, full))
            out["legal_moves"] = [o.to_dict() for o in session.legal_moves(seat)] if out["your_turn"] else []
        elif member.role == FACILITATOR_ROLE:
            out["view"] = _lean(session.view(FACILITATOR, full))
            out["legal_moves"] = [o.to_dict() for o in session.legal_moves(FACILITATOR)]
            out["seats"] = self._panel()
            out["deadlines"] = dict(self.deadlines)
            out["spectators"] = len(self.seating.spectators)
            out["save_error"] = self.saving.save_error(self) if self.saving is not None else None
        else:
            out["view"] = _lean(public_view(session, full))
        return out

    def _deadline(self) -> dict[str, Any] | None:
        c = self.clock
        if c is None:
            return None
        left = c.left if c.due is None else max(0.0, c.due - self._now())
        return {"seat": c.turn[2], "phase": c.turn[1], "limit": c.limit, "seconds_left": round(left or 0.0, 1),
                "running": c.due is not None}  # fmt: skip

    def _acted(self) -> set[str]:
        """Seats that have moved in the current round and phase."""
        s = self.session.state
        acted = set()
        for entry in reversed(self.session.log):
            if entry.round != s.round or entry.phase != s.phase:
                break
            acted.add(entry.move.actor)
        return acted

    def _panel(self) -> dict[str, dict[str, Any]]:
        """The facilitator's table: each seat's controller, connection, whether it has acted, and its code."""
        acted = self._acted()
        to_move = self.session.to_move()
        return {
            seat: {"controller": self.session.controller(seat), "connected": self.connected(seat),
                   "acted": seat in acted, "to_move": seat == to_move, "code": code}
            for seat, code in self.codes.seats.items()
        }  # fmt: skip

    def broadcast(self) -> None:
        """Send every connection the current state; one encoding per seat, role and detail."""
        encoded: dict[tuple[str, str | None, str], str] = {}
        members = [*self.seating.members.values(), *self.seating.spectators]
        for member in members:
            key = (member.role, member.seat, member.detail)
            text = encoded.get(key)
            if text is None:
                text = encoded[key] = protocol.encode(self.state_message(member))
            member.push(text, state=True)

    def _tell_facilitator(self) -> None:
        member = self.seating.members.get(FACILITATOR_ROLE)
        if member is not None:
            member.push(protocol.encode(self.state_message(member)), state=True)

    async def sync(self, member: Outbox, request: dict[str, Any]) -> None:
        async with self.lock:
            if request.get("detail"):
                member.detail = request["detail"]
            member.push(protocol.encode(self.state_message(member, request)), state=True)

    # --- moves ------------------------------------------------------------------------------------------------

    async def move(self, member: Outbox, request: dict[str, Any]) -> None:
        """A move from a seat or the facilitator, against the state id it was made for."""
        if member.role == SPECTATOR_ROLE:
            raise ProtocolError("not_allowed", "Spectators watch; they cannot make moves")
        data = dict(request["move"])
        own = member.seat if member.role == SEAT else FACILITATOR
        data.setdefault("actor", own)
        if data["actor"] != own:
            who = f"seat '{own}'" if member.role == SEAT else "the facilitator"
            raise ProtocolError("wrong_seat", f"This code belongs to {who}; it cannot move for {data['actor']!r:.40}")
        move = move_from_dict(data)  # MalformedMove (an IllegalMove) says what is wrong
        if member.role == FACILITATOR_ROLE and move.kind not in FACILITATOR_KINDS:
            raise ProtocolError("wrong_seat", "The facilitator moves for no seat; hand the seat to an AI instead")
        async with self.lock:
            if request["state"] != self.state_id:
                raise ProtocolError("stale_state", f"The game has moved on (now step {len(self.session.log)}); "
                                    "the move was not applied: look at the new state and try again")  # fmt: skip
            if member.role == SEAT and self.session.controller(str(own)) != "human":
                raise ProtocolError("ai_seat", f"An AI ({self.session.controller(str(own))}) plays {own} now; "
                                    "the facilitator can hand the seat back")  # fmt: skip
            if isinstance(move, AssignSeat) and move.controller != "human":
                self._check_persona(move)
            self._apply(move, str(request.get("note") or "")[:500])
            member.push(protocol.encode(reply("ack", request, state=self.state_id, step=len(self.session.log))))
            self.broadcast()
        self._wake.set()

    def _check_persona(self, move: AssignSeat) -> None:
        if move.seat not in self.session.seats:
            return  # the rules refuse it with their own reason
        try:
            build_ai(self.session, move.seat, move.controller)
        except PersonaError as exc:
            raise ProtocolError("unknown_persona", str(exc)[:1].upper() + str(exc)[1:]) from None

    def _apply(self, move: Move, note: str) -> None:
        """Submit a move (the caller holds the lock); IllegalMove leaves everything as it was."""
        was_over = self.session.over
        self.session.submit(move, note)
        self._settle_clock()
        if self.session.over != was_over and self.saving is not None:
            self.saving.changed(self)

    # --- the facilitator's other powers ----------------------------------------------------------------------

    async def seat_view(self, member: Outbox, request: dict[str, Any]) -> None:
        seat = request["seat"]
        async with self.lock:
            if seat not in self.session.seats:
                raise ProtocolError("bad_message", f"No seat '{seat:.40}'; seats: {', '.join(self.session.seats)}")
            member.push(protocol.encode(reply(
                "seat_view", request, state=self.state_id, seat=seat, view=_lean(self.session.view(seat)),
                legal_moves=[o.to_dict() for o in self.session.legal_moves(seat)])))  # fmt: skip

    async def log(self, member: Outbox, request: dict[str, Any]) -> None:
        since = max(0, request.get("since") or 0)
        async with self.lock:
            entries = [e.to_dict() for e in self.session.log[since:]]
            member.push(protocol.encode(reply("log", request, state=self.state_id, entries=entries)))

    async def set_deadlines(self, member: Outbox, request: dict[str, Any]) -> None:
        try:
            changes = read_deadlines(request["deadlines"])
        except ValueError as exc:
            raise ProtocolError("bad_message", str(exc)) from None
        async with self.lock:
            for phase, seconds in changes.items():
                if seconds is None:
                    self.deadlines.pop(phase, None)
                else:
                    self.deadlines[phase] = seconds
            self.clock = None  # the current turn starts again under the new limit
            if self.saving is not None:
                self.saving.changed(self)
            member.push(protocol.encode(reply("ack", request, state=self.state_id, step=len(self.session.log))))
            self._settle_clock()
            self.broadcast()
        self._wake.set()

    async def extend(self, member: Outbox, request: dict[str, Any]) -> None:
        seconds = float(request["seconds"])
        if not 1 <= seconds <= 3600:
            raise ProtocolError("bad_message", f"Extend by 1 to 3600 seconds, not {seconds:g}")
        async with self.lock:
            c = self.clock
            if c is None:
                raise ProtocolError("unavailable", "No turn clock is running: set a deadline for this phase first")
            if c.due is not None:
                c.due += seconds
            else:
                c.left = (c.left or 0.0) + seconds
            c.limit += seconds
            member.push(protocol.encode(reply("ack", request, state=self.state_id, step=len(self.session.log))))
            self.broadcast()
        self._wake.set()

    async def rollback(self, member: Outbox, request: dict[str, Any]) -> None:
        """Go back to step ``step``: a fresh session replays the first ``step`` moves; the save branches there."""
        step, reason = request["step"], request["reason"].strip()
        if not reason:
            raise ProtocolError("bad_message", "A rollback needs a reason for the record")
        async with self.lock:
            if request["state"] != self.state_id:
                raise ProtocolError("stale_state", f"The game has moved on (now step {len(self.session.log)}); "
                                    "look at the new state and try again")  # fmt: skip
            steps = len(self.session.log)
            if not 0 <= step < steps:
                raise ProtocolError("bad_rollback", f"Roll back to a step from 0 to {steps - 1}, not {step}")
            old = self.session
            again = Session(old.scenario, old.seed, old.seats)
            for entry in old.log[:step]:
                again.submit(entry.move, entry.rationale)
                if again.log[-1].hash != entry.hash:  # pragma: no cover - the engine is deterministic
                    raise ProtocolError("unavailable", f"Step {entry.step} plays differently; cannot roll back")
            if self.saving is not None:
                self.saving.rolled_back(self, again, step, reason)
            self.session = again
            self._ais.clear()
            self.clock = None
            self._settle_clock()
            if self.saving is not None:
                self.saving.changed(self)
            log.info("room %s rolled back from step %d to %d: %s", self.id, steps, step, reason)
            member.push(protocol.encode(reply("ack", request, state=self.state_id, step=step)))
            self.broadcast()
        self._wake.set()

    async def report(self, member: Outbox, request: dict[str, Any]) -> None:
        fmt = request.get("format") or "html"
        if fmt not in protocol.REPORT_FORMATS:
            raise ProtocolError("bad_message", f"Report formats: {', '.join(protocol.REPORT_FORMATS)}; not {fmt:.20}")
        try:
            from game.report import render_report
        except ImportError:
            raise ProtocolError("unavailable", "The debrief report is not available in this installation") from None
        async with self.lock:
            session = self.session
            content = await asyncio.to_thread(render_report, session, fmt=fmt)  # type: ignore[arg-type]
            member.push(protocol.encode(reply("report", request, state=self.state_id, format=fmt, content=content)))

    # --- AI seats and turn clocks ------------------------------------------------------------------------------

    def ai_for(self, seat: str) -> AI:
        controller = self.session.controller(seat)
        cached = self._ais.get(seat)
        if cached is None or cached[0] != controller:
            cached = self._ais[seat] = (controller, build_ai(self.session, seat, controller))
        return cached[1]

    def _settle_clock(self) -> None:
        """Start, keep, freeze or drop the clock of the turn now running (the caller holds the lock)."""
        session = self.session
        seat = session.to_move()
        limit = self.deadlines.get(session.state.phase)
        if seat is None or session.over or limit is None or session.controller(seat) != "human":
            self.clock = None
            return
        turn = (session.state.round, session.state.phase, seat)
        now = self._now()
        if self.clock is None or self.clock.turn != turn:
            self.clock = Clock(turn, limit, now + limit)
        c = self.clock
        if session.state.paused and c.due is not None:
            c.left, c.due = max(0.0, c.due - now), None
        elif not session.state.paused and c.due is None:
            c.due, c.left = now + (c.left or 0.0), None

    def _expired(self) -> bool:
        c = self.clock
        return c is not None and c.due is not None and self._now() >= c.due

    async def _drive(self) -> None:
        """Play AI seats and stand-in moves whenever the game waits on them; wake on every change."""
        while not self._closed:
            c = self.clock
            timeout = None if c is None or c.due is None else max(0.0, c.due - self._now())
            try:
                await asyncio.wait_for(self._wake.wait(), timeout)
            except TimeoutError:
                pass
            self._wake.clear()
            try:
                await self._advance()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - a bug in one room must not take the server down
                log.exception("room %s: the driver failed; it waits for the next change", self.id)

    async def _advance(self) -> None:
        last = self._now()
        dirty = False
        while True:
            async with self.lock:
                session = self.session
                seat = session.to_move()
                self._settle_clock()
                if seat is None or session.over or session.state.paused:
                    break
                if session.controller(seat) != "human":
                    ai = self.ai_for(seat)
                    before = self.state_id
                    decision = await asyncio.to_thread(ai.decide, turn_for(session, seat))
                    if self.state_id != before:  # pragma: no cover - the lock keeps the session still
                        continue
                    try:
                        self._apply(decision.move, decision.rationale)
                    except IllegalMove as exc:
                        log.error("room %s: AI %s on %s chose an illegal move (%s); stand-in move instead",
                                  self.id, ai.name, seat, exc)  # fmt: skip
                        self._apply(stand_in_move(session, seat), STAND_IN_NOTE)
                elif self._expired():
                    self._apply(stand_in_move(session, seat), STAND_IN_NOTE)
                else:
                    break
                dirty = True
                if self._now() - last >= AI_BROADCAST_EVERY:
                    self.broadcast()
                    dirty, last = False, self._now()
        if dirty:
            async with self.lock:
                self._settle_clock()
                self.broadcast()
