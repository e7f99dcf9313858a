"""The WebSocket server: hosts rooms, admits connections by code, reads requests and routes them to their room.

>>> server = Server()                                              # doctest: +SKIP
>>> room = server.create_room(scenario, seed=1, seats={"usa": "human"})  # doctest: +SKIP
>>> port = await server.start("127.0.0.1", 0)                      # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections import deque
from collections.abc import Mapping
from typing import Any

from websockets.asyncio.server import Server as WebSocketServer
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from game.core.errors import IllegalMove
from game.core.session import Session
from game.core.spec import Scenario
from game.net import protocol
from game.net.codes import new_code, normalise
from game.net.protocol import ProtocolError
from game.net.room import FACILITATOR_ROLE, SEAT, SPECTATOR_ROLE, Codes, Room
from game.net.store import Store

log = logging.getLogger("parley.net")

MAX_QUEUED_REPLIES = 200  # a connection that does not read its replies loses the surplus, not the server's memory
REPLACED_CLOSE = 4001  # close code for a connection pushed out by a newer one with the same code


class TokenBucket:
    """A rate limit: ``rate`` requests per second on average, bursts up to ``burst``."""

    def __init__(self, rate: float, burst: int, clock=time.monotonic) -> None:  # noqa: ANN001
        self.rate, self.burst, self._clock = rate, float(burst), clock
        self.tokens, self._last = float(burst), clock()

    def take(self) -> bool:
        now = self._clock()
        self.tokens = min(self.burst, self.tokens + (now - self._last) * self.rate)
        self._last = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


class Connection:
    """One client connection: its role once joined, and an outbox that a sender task drains in order.

    A state message replaces any state message still waiting in the outbox, so a slow client is never a backlog
    of old states behind: it gets the newest one.
    """

    def __init__(self, websocket: ServerConnection) -> None:
        self.websocket = websocket
        self.role = ""
        self.seat: str | None = None
        self.detail = "full"
        self.room: Room | None = None
        self.bucket = TokenBucket(protocol.RATE, protocol.BURST)
        self.bad_codes = 0
        self._outbox: deque[tuple[str, bool]] = deque()
        self._ready = asyncio.Event()
        self._close_after: tuple[int, str] | None = None

    def push(self, text: str, *, state: bool = False) -> None:
        if state:
            for i, (_, queued_state) in enumerate(self._outbox):
                if queued_state:
                    del self._outbox[i]
                    break
        elif len(self._outbox) >= MAX_QUEUED_REPLIES:
            return
        self._outbox.append((text, state))
        self._ready.set()

    def replace(self, text: str) -> None:
        self._outbox.clear()
        self.close_after(text, REPLACED_CLOSE, "replaced by a newer connection with the same code")

    def close_after(self, text: str, code: int, reason: str) -> None:
        """Send ``text`` after whatever is queued, then close the connection with ``code``."""
        self._outbox.append((text, False))
        self._close_after = (code, reason)
        self._ready.set()

    async def pump(self) -> None:
        """Send the outbox, in order, until the connection closes."""
        try:
            while True:
                await self._ready.wait()
                self._ready.clear()
                while self._outbox:
                    text, _ = self._outbox.popleft()
                    await self.websocket.send(text)
                if self._close_after is not None:
                    await self.websocket.close(*self._close_after)
                    return
        except ConnectionClosed:
            return


def _code_table(room: Room) -> dict[str, tuple[Room, str, str | None]]:
    return {code: (room, role, seat) for code, role, seat in room.codes.roles()}


class Server:
    """Hosts any number of rooms; each connection joins one with a code and then speaks to that room."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store
        self.rooms: dict[str, Room] = {}
        self._codes: dict[str, tuple[Room, str, str | None]] = {}
        self._server: WebSocketServer | None = None
        self._started = False

    # --- rooms -----------------------------------------------------------------------------------------------

    def new_codes(self, seats: list[str]) -> Codes:
        taken = set(self._codes)
        fresh: list[str] = []
        while len(fresh) < len(seats) + 2:
            code = new_code()
            if code not in taken and code not in fresh:
                fresh.append(code)
        return Codes(dict(zip(seats, fresh, strict=False)), fresh[-2], fresh[-1])

    def create_room(self, scenario: Scenario, seed: int | None = None, seats: Mapping[str, str] | None = None, *,
                    scenario_ref: str = "", deadlines: Mapping[str, float] | None = None,
                    room_id: str | None = None) -> Room:  # fmt: skip
        """Host a new session; ``seats`` maps actors to ``"human"`` or ``"PERSONA[:LEVEL]"`` (others: the scenario's)."""
        session = Session(scenario, secrets.randbelow(2**31) if seed is None else seed, seats)
        if room_id is None:
            taken = set(self.rooms)
            room_id = self.store.new_room_id(scenario.id, taken) if self.store else _free_id(scenario.id, taken)
        room = Room(room_id, session, self.new_codes(list(session.seats)), scenario_ref=scenario_ref,
                    deadlines=dict(deadlines or {}), saving=self.store)  # fmt: skip
        if self.store is not None:
            self.store.started(room)
        self._add(room)
        return room

    def resume_rooms(self) -> list[Room]:
        """Host again every unfinished room of the store (after a restart), with the same codes."""
        if self.store is None:
            return []
        resumed = []
        for record in self.store.records():
            if record.get("over") or record["room"] in self.rooms:
                continue
            session = self.store.resume(record)
            room = Room(record["room"], session, Codes.from_dict(record["codes"]), scenario_ref=record["scenario"],
                        deadlines=record.get("deadlines") or {}, saving=self.store)  # fmt: skip
            self._add(room)
            resumed.append(room)
        return resumed

    def _add(self, room: Room) -> None:
        self.rooms[room.id] = room
        self._codes.update(_code_table(room))
        if self._started:
            room.start()

    # --- serving ---------------------------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Listen on ``host:port`` (0: any free port); returns the port."""
        self._server = await serve(
            self._handle, host, port, max_size=protocol.TRANSPORT_LIMIT, compression=None,
            ping_interval=20, ping_timeout=20, close_timeout=5,
        )  # fmt: skip
        self._started = True
        for room in self.rooms.values():
            room.start()
        return self.port

    @property
    def port(self) -> int:
        assert self._server is not None, "the server is not started"
        return int(next(iter(self._server.sockets)).getsockname()[1])

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for room in self.rooms.values():
            await room.stop()
        if self.store is not None:
            self.store.close()

    async def _handle(self, websocket: ServerConnection) -> None:
        conn = Connection(websocket)
        sender = asyncio.get_running_loop().create_task(conn.pump())
        try:
            while True:
                if conn.room is None:
                    try:
                        raw = await asyncio.wait_for(websocket.recv(), protocol.HELLO_TIMEOUT)
                    except TimeoutError:
                        reason = f"No hello within {protocol.HELLO_TIMEOUT:.0f} seconds; the connection is closed"
                        conn.close_after(protocol.encode(protocol.error("not_joined", reason)), 1008, "no hello")
                        await sender
                        return
                else:
                    raw = await websocket.recv()
                await self._receive(conn, raw)
                await asyncio.sleep(0)  # let the sender send the answer before the next message is read
        except ConnectionClosed:
            pass
        finally:
            if conn.room is not None:
                conn.room.leave(conn)
            await asyncio.sleep(0)  # let the sender finish what it has
            sender.cancel()

    async def _receive(self, conn: Connection, raw: str | bytes) -> None:
        """Read one request and answer it; every refusal is an error message, and nothing else changes."""
        request: dict[str, Any] | None = None
        room = conn.room
        try:
            allowed = conn.bucket.take()  # every message counts, readable or not
            try:
                request = protocol.parse(raw)
            except ProtocolError:
                if allowed:
                    raise
            if not allowed:
                raise ProtocolError("rate_limited", f"More than {protocol.RATE:g} messages a second; this one was "
                                    "dropped: slow down")  # fmt: skip
            assert request is not None
            kind = request["type"]
            if kind == "hello":
                await self._hello(conn, request)
                return
            if room is None:
                raise ProtocolError("not_joined", "Say hello with your code first")
            if kind in protocol.FACILITATOR_ONLY and conn.role != FACILITATOR_ROLE:
                raise ProtocolError("not_allowed", f"Only the facilitator may send '{kind}'")
            handler = {
                "sync": room.sync, "move": room.move, "seat_view": room.seat_view, "log": room.log,
                "deadlines": room.set_deadlines, "extend": room.extend, "rollback": room.rollback,
                "report": room.report,
            }[kind]  # fmt: skip
            await handler(conn, request)
        except ProtocolError as exc:
            state = room.state_id if room is not None else None
            if request is None and exc.ref is not None:
                request = {"id": exc.ref}
            conn.push(protocol.encode(protocol.error(exc.code, exc.reason, request, state=state)))
        except IllegalMove as exc:
            state = room.state_id if room is not None else None
            conn.push(protocol.encode(protocol.error(exc.code, exc.reason, request, source="rules", state=state)))
        except Exception:  # noqa: BLE001 - a bug must cost one request, not the connection or the server
            log.exception("room %s: a '%s' request failed", room.id if room else "-", (request or {}).get("type"))
            state = room.state_id if room is not None else None
            reason = "The server failed on this request (see its log); look at the current state before trying again"
            conn.push(protocol.encode(protocol.error("unavailable", reason, request, state=state)))

    async def _hello(self, conn: Connection, request: dict[str, Any]) -> None:
        if conn.room is not None:
            raise ProtocolError("already_joined", f"This connection has already joined room {conn.room.id}")
        code = normalise(request["code"])
        found = self._codes.get(code) if code is not None else None
        if found is None:
            conn.bad_codes += 1
            if conn.bad_codes >= protocol.MAX_BAD_CODES:
                reason = f"{conn.bad_codes} wrong codes; the connection is closed"
                conn.close_after(protocol.encode(protocol.error("bad_code", reason, request)), 1008, "wrong codes")
                return
            raise ProtocolError("bad_code", "No seat, facilitator or spectator has this code; check it and try again")
        room, role, seat = found
        conn.role, conn.seat, conn.detail = role, seat, request.get("detail") or "full"
        conn.room = room
        await room.join(conn, request)
        log.info("room %s: %s%s joined", room.id, role, f" {seat}" if role == SEAT else "")


def _free_id(scenario_id: str, taken: set[str]) -> str:
    n = 1
    while f"{scenario_id}-{n}" in taken:
        n += 1
    return f"{scenario_id}-{n}"


__all__ = ["FACILITATOR_ROLE", "SEAT", "SPECTATOR_ROLE", "Connection", "Server", "TokenBucket"]
