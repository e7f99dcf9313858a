"""The client: a session on a server, with the methods a front end already uses on a local ``Session``.

asyncio inside (``AsyncRemote``), a thin synchronous wrapper outside (``RemoteSession``) that runs the connection
on a thread of its own, so a pygame loop or a terminal can call it like a local session:

>>> remote = RemoteSession.connect("127.0.0.1:8765", "K7QP-3MZD-R8WX-T2HN")  # doctest: +SKIP
>>> remote.legal_moves(remote.seat)                                      # doctest: +SKIP
>>> remote.submit(Pass(remote.seat))   # IllegalMove if refused, as with a Session  # doctest: +SKIP

A dropped connection is re-opened with the same code, and the seat comes back with the current view.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from game.core.errors import IllegalMove
from game.core.hashing import scenario_digest
from game.core.legality import MoveOption
from game.core.moves import Move
from game.core.spec import Scenario
from game.net import protocol

DEFAULT_PORT = 8765
REPLY_TIMEOUT = 30.0


class RemoteError(Exception):
    """The server refused a request (``code``, ``reason``), or cannot be reached; one line for people."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def server_url(address: str) -> str:
    """``HOST[:PORT]`` (or a ``ws://`` URL) as a WebSocket URL; the port defaults to 8765."""
    if address.startswith(("ws://", "wss://")):
        return address
    host, sep, port = address.rpartition(":")
    if not sep or "]" in port:  # no port (an IPv6 literal in brackets has colons of its own)
        host, port = address, str(DEFAULT_PORT)
    if not port.isdigit() or not host:
        raise ValueError(f"expected HOST or HOST:PORT, got '{address}'")
    return f"ws://{host}:{port}"


class AsyncRemote:
    """One code's connection to a server: hello, the latest state, requests and their replies, reconnection."""

    def __init__(self, url: str, code: str, *, detail: str = "full", reconnect_for: float = 120.0,
                 on_state: Callable[[dict[str, Any]], None] | None = None) -> None:  # fmt: skip
        self.url, self.code, self.detail = url, code, detail
        self.reconnect_for = reconnect_for
        self.on_state = on_state
        self.welcome: dict[str, Any] = {}
        self.state: dict[str, Any] = {}
        self.updates = 0
        self.closed_reason: str | None = None  # why the connection ended for good
        self._ws: ClientConnection | None = None
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._changed = asyncio.Event()
        self._reader: asyncio.Task[None] | None = None
        self._closing = False

    async def open(self) -> dict[str, Any]:
        """Connect and join; returns the welcome. Raises ``RemoteError`` if the server or the code says no."""
        await self._connect()
        self._reader = asyncio.get_running_loop().create_task(self._read())
        return self.welcome

    async def _connect(self) -> None:
        try:
            ws = await connect(self.url, max_size=None, compression=None, open_timeout=10)
        except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as exc:
            raise RemoteError("unreachable", f"Cannot reach a Parley server at {self.url}: {exc}") from None
        await ws.send(json.dumps({"v": protocol.VERSION, "type": "hello", "code": self.code, "detail": self.detail}))
        try:
            while True:
                message = json.loads(await asyncio.wait_for(ws.recv(), REPLY_TIMEOUT))
                if message.get("type") == "error":
                    raise RemoteError(message.get("code", "error"), message.get("reason", "refused"))
                if message.get("type") == "welcome":
                    self.welcome = message
                elif message.get("type") == "state":
                    self._take_state(message)
                    break
        except (ConnectionClosed, TimeoutError) as exc:
            await ws.close()
            raise RemoteError("unreachable", f"The server at {self.url} closed the connection: {exc}") from None
        except RemoteError:
            await ws.close()
            raise
        self._ws = ws

    def _take_state(self, message: dict[str, Any]) -> None:
        self.state = message
        self.updates += 1
        self._changed.set()
        if self.on_state is not None:
            self.on_state(message)

    async def _read(self) -> None:
        while not self._closing:
            ws = self._ws
            assert ws is not None
            try:
                async for raw in ws:
                    message = json.loads(raw)
                    kind = message.get("type")
                    if kind == "state":
                        self._take_state(message)
                    ref = message.get("re")
                    if isinstance(ref, int) and ref in self._waiting:
                        future = self._waiting.pop(ref)
                        if not future.done():
                            future.set_result(message)
                    elif kind == "error" and message.get("code") == "replaced":
                        self.closed_reason = message.get("reason")
            except ConnectionClosed:
                pass
            self._fail_waiting("The connection to the server was lost; the request may not have arrived")
            if self._closing or ws.close_code == 4001 or self.closed_reason:
                self.closed_reason = self.closed_reason or "closed"
                self._changed.set()
                return
            if not await self._reconnect():
                self.closed_reason = f"Lost the connection to {self.url} and could not reconnect"
                self._changed.set()
                return

    async def _reconnect(self) -> bool:
        loop = asyncio.get_running_loop()
        give_up = loop.time() + self.reconnect_for
        delay = 0.2
        while not self._closing and loop.time() < give_up:
            try:
                await self._connect()
                return True
            except RemoteError as exc:
                if exc.code != "unreachable":
                    self.closed_reason = exc.reason
                    return False
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)
        return False

    def _fail_waiting(self, reason: str) -> None:
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(RemoteError("disconnected", reason))
        self._waiting.clear()

    async def request(self, kind: str, **fields: Any) -> dict[str, Any]:
        """Send a request and wait for its reply (``ack``, ``error``, ``log`` ...); errors are returned, not raised."""
        if self._ws is None or self.closed_reason:
            raise RemoteError("disconnected", self.closed_reason or "Not connected")
        ref = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[ref] = future
        try:
            await self._ws.send(json.dumps({"v": protocol.VERSION, "type": kind, "id": ref, **fields}))
        except ConnectionClosed:
            self._waiting.pop(ref, None)
            raise RemoteError("disconnected", "The connection to the server was lost; try again") from None
        try:
            return await asyncio.wait_for(future, REPLY_TIMEOUT)
        finally:
            self._waiting.pop(ref, None)

    async def submit(self, move: Move | dict[str, Any], note: str = "") -> dict[str, Any]:
        """Send a move against the latest state; raises ``IllegalMove`` (code, reason) if it is refused."""
        data = move.to_dict() if isinstance(move, Move) else dict(move)
        fields: dict[str, Any] = {"state": self.state.get("state", ""), "move": data}
        if note:
            fields["note"] = note
        answer = await self.request("move", **fields)
        if answer["type"] == "error":
            raise IllegalMove(answer["code"], answer["reason"])
        return answer

    async def changed(self, timeout: float | None = None) -> bool:
        """Wait until a new state arrives (True) or ``timeout`` passes (False)."""
        try:
            await asyncio.wait_for(self._changed.wait(), timeout)
        except TimeoutError:
            return False
        self._changed.clear()
        return True

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 5)
            except (TimeoutError, asyncio.CancelledError):
                self._reader.cancel()


@dataclass(frozen=True)
class RemoteState:
    round: int
    phase: str
    paused: bool
    ending: str | None


class RemoteSession:
    """A session on a server, used like a local ``Session`` by a front end (synchronous, thread-safe reads).

    Only this code's own view exists here: ``view`` and ``legal_moves`` take the own seat (or ``None``).
    ``submit`` raises ``IllegalMove`` when the server refuses, with the rules' code or the protocol's
    (``stale_state`` when the game moved on first). ``poll()`` says whether a new state has arrived.
    """

    def __init__(self, remote: AsyncRemote, loop: asyncio.AbstractEventLoop, thread: threading.Thread) -> None:
        self._remote = remote
        self._loop = loop
        self._thread = thread
        self._seen = remote.updates
        self._scenario: Scenario | None = None

    @classmethod
    def connect(cls, address: str, code: str, *, detail: str = "full", reconnect_for: float = 120.0) -> RemoteSession:
        """Connect to ``HOST[:PORT]`` with a code; raises ``RemoteError`` saying why if that fails."""
        remote = AsyncRemote(server_url(address), code, detail=detail, reconnect_for=reconnect_for)
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="parley-client", daemon=True)
        thread.start()
        try:
            asyncio.run_coroutine_threadsafe(remote.open(), loop).result(REPLY_TIMEOUT + 15)
        except BaseException:
            loop.call_soon_threadsafe(loop.stop)
            raise
        return cls(remote, loop, thread)

    def _call(self, coroutine: Any, timeout: float = REPLY_TIMEOUT + 5) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    # --- who this is ---------------------------------------------------------------------------------------------

    @property
    def role(self) -> str:
        return str(self._remote.welcome.get("role"))

    @property
    def seat(self) -> str | None:
        return self._remote.welcome.get("seat")

    @property
    def room(self) -> str:
        return str(self._remote.welcome.get("room"))

    @property
    def actors(self) -> list[dict[str, Any]]:
        return list(self._remote.welcome.get("actors", []))

    @property
    def scenario_title(self) -> str:
        return str(self._remote.welcome.get("scenario", {}).get("title", ""))

    @property
    def scenario(self) -> Scenario | None:
        """The scenario, when this machine has the same one built in (checked by its content hash), else None.

        The server sends no scenario file: a file holds every actor's private briefing and objectives.
        """
        if self._scenario is None:
            info = self._remote.welcome.get("scenario", {})
            try:
                from game.scenario import resolve_scenario

                local = resolve_scenario(str(info.get("id")))
            except Exception:  # noqa: BLE001 - not built in here, or unreadable: the front end does without
                return None
            if scenario_digest(local) == info.get("hash"):
                self._scenario = local
        return self._scenario

    @property
    def state(self) -> RemoteState:
        """Where the game is (``round``, ``phase``, ``paused``, ``ending``), as far as the latest state says."""
        s = self._remote.state
        return RemoteState(int(s.get("round", 0)), str(s.get("phase", "")), bool(s.get("paused")),
                           s.get("view", {}).get("ending"))  # fmt: skip

    # --- the Session methods a front end uses ---------------------------------------------------------------

    @property
    def latest(self) -> dict[str, Any]:
        """The latest state message as received (see docs/PROTOCOL.md)."""
        return self._remote.state

    def _own(self, seat: str | None) -> None:
        mine = self.seat if self.role == "seat" else self.role
        if seat is not None and seat != mine:
            raise ValueError(f"this connection sees only the {mine} view, not {seat}'s")

    def view(self, seat: str | None = None, full: bool = True) -> dict[str, Any]:
        self._own(seat)
        return {**self._remote.state.get("view", {}), "catalogue": self._remote.welcome.get("catalogue", {})}

    def legal_moves(self, seat: str | None = None) -> list[MoveOption]:
        self._own(seat)
        return [MoveOption(o["kind"], {k: v for k, v in o.items() if k != "kind"})
                for o in self._remote.state.get("legal_moves", [])]  # fmt: skip

    def submit(self, move: Move | dict[str, Any], rationale: str = "") -> list[Any]:
        """Send a move; returns when the server has applied it, raises ``IllegalMove`` if it refused it."""
        self._call(self._remote.submit(move, rationale))
        return []

    def to_move(self) -> str | None:
        return self._remote.state.get("to_move")

    def controller(self, seat: str) -> str:
        state = self._remote.state
        if self.role == "seat" and seat == self.seat:
            return str(state.get("controller", "human"))
        if "seats" in state:
            return str(state["seats"][seat]["controller"])
        return str(state.get("view", {}).get("controllers", {}).get(seat, "human"))

    @property
    def over(self) -> bool:
        return bool(self._remote.state.get("over"))

    @property
    def steps(self) -> int:
        return int(self._remote.state.get("step", 0))

    def hash(self) -> str:
        """The id of the latest state (the step and the start of the state hash)."""
        return str(self._remote.state.get("state", ""))

    # --- updates and the facilitator's requests ------------------------------------------------------------

    def poll(self) -> bool:
        """True once for each batch of new states since the last call (for a frame loop)."""
        updates = self._remote.updates
        fresh, self._seen = updates != self._seen, updates
        return fresh

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a new state arrives or the connection ends (True), or ``timeout`` passes (False)."""
        end = time.monotonic() + (timeout if timeout is not None else float("inf"))
        while True:
            if self.poll() or self.closed_reason is not None:
                return True
            left = end - time.monotonic()
            if left <= 0:
                return False
            self._call(self._remote.changed(min(left, 60.0)), min(left, 60.0) + 5)

    @property
    def closed_reason(self) -> str | None:
        return self._remote.closed_reason

    def request(self, kind: str, **fields: Any) -> dict[str, Any]:
        """Any request of docs/PROTOCOL.md (``rollback``, ``deadlines``, ``report`` ...); returns the reply."""
        return self._call(self._remote.request(kind, **fields))  # type: ignore[no-any-return]

    def close(self) -> None:
        try:
            self._call(self._remote.close(), 10)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)
