"""A server on loopback for tests, a small client over plain websockets, and a scenario with telltale secrets."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from collections.abc import AsyncIterator, Callable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from game.ai.candidates import concrete_moves
from game.core import Scenario
from game.core.legality import MoveOption
from game.net.server import Server
from tests.builders import scenario_data

TIMEOUT = 10.0
ACTORS = ("aa", "bb", "cc", "io")


def secretive(rounds: int = 3) -> Scenario:
    """The tiny scenario with briefings and private objectives that say whose secret they are."""
    data = scenario_data()
    data["rules"] = {**data["rules"], "rounds": rounds}
    for actor in data["actors"]:
        actor["briefing"] = f"SECRET-BRIEFING-OF-{actor['id']}"
        private = actor["objectives"].get("private") or [{"metric": "security", "weight": 1, "text": ""}]
        actor["objectives"]["private"] = [{**o, "text": f"SECRET-OBJECTIVE-OF-{actor['id']}-{k}"}
                                          for k, o in enumerate(private)]  # fmt: skip
    return Scenario.model_validate(data)


def all_human(scenario: Scenario) -> dict[str, str]:
    return {a.id: "human" for a in scenario.actors}


@contextlib.asynccontextmanager
async def hosted(server: Server | None = None) -> AsyncIterator[tuple[Server, int]]:
    """A started server on 127.0.0.1 and a free port; closed afterwards."""
    server = server or Server()
    port = await server.start("127.0.0.1", 0)
    try:
        yield server, port
    finally:
        await server.close()


class Client:
    """A test client: sends JSON, keeps the latest state, and reads until the message it waits for."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.state: dict[str, Any] = {}
        self.welcome: dict[str, Any] = {}
        self.received: list[dict[str, Any]] = []
        self._ids = 0

    @classmethod
    async def open(cls, port: int) -> Client:
        return cls(await connect(f"ws://127.0.0.1:{port}", max_size=None, compression=None, close_timeout=1))

    @classmethod
    async def join(cls, port: int, code: str, detail: str = "full") -> Client:
        client = await cls.open(port)
        await client.send({"v": 1, "type": "hello", "code": code, "detail": detail})
        client.welcome = await client.until(lambda m: m["type"] in ("welcome", "error"))
        assert client.welcome["type"] == "welcome", client.welcome
        await client.until(lambda m: m["type"] == "state")
        return client

    async def send(self, message: dict[str, Any] | str | bytes) -> None:
        await self.ws.send(message if isinstance(message, str | bytes) else json.dumps(message))

    async def recv(self, timeout: float = TIMEOUT) -> dict[str, Any]:
        message = json.loads(await asyncio.wait_for(self.ws.recv(), timeout))
        self.received.append(message)
        if message["type"] == "state":
            self.state = message
        return message

    async def until(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = TIMEOUT) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            message = await self.recv(max(0.01, end - loop.time()))
            if predicate(message):
                return message

    async def request(self, kind: str, **fields: Any) -> dict[str, Any]:
        """Send a request with an id and return its reply (``ack``, ``error``, ...), keeping states seen meanwhile."""
        self._ids += 1
        ref = self._ids
        await self.send({"v": 1, "type": kind, "id": ref, **fields})
        return await self.until(lambda m: m.get("re") == ref)

    async def move(self, move: dict[str, Any], state: str | None = None) -> dict[str, Any]:
        """Send a move against the latest state (or ``state``); after an ack, read on to the state it made."""
        answer = await self.request("move", state=state or self.state["state"], move=move)
        if answer["type"] == "ack" and self.state.get("step", -1) < answer["step"]:
            await self.until(lambda m: m["type"] == "state" and m["step"] >= answer["step"])
        return answer

    async def my_turn(self, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The latest state once it says this seat is to move (reading on until it does)."""
        if not self.state.get("your_turn"):
            await self.until(lambda m: m["type"] == "state" and m["your_turn"], timeout)
        return self.state

    async def settle(self, quiet: float = 0.15) -> None:
        """Read until nothing has arrived for ``quiet`` seconds (the server has sent all it had)."""
        with contextlib.suppress(TimeoutError):
            while True:
                await self.recv(quiet)

    async def close(self) -> None:
        await self.ws.close()


def options(state: dict[str, Any]) -> list[MoveOption]:
    return [MoveOption(o["kind"], {k: v for k, v in o.items() if k != "kind"}) for o in state["legal_moves"]]


def pick(state: dict[str, Any], seat: str, rng: random.Random, pass_bias: float = 0.75) -> dict[str, Any]:
    """A legal move from a state message: pass most of the time when passing is legal, else any legal move."""
    moves = concrete_moves(seat, options(state), 1)
    passes = [m for m in moves if m.kind == "pass"]
    move = passes[0] if passes and rng.random() < pass_bias else rng.choice(moves)
    return move.to_dict()


async def play_seat(client: Client, rng: random.Random, limit: float = 60.0) -> int:
    """Play a seat until the game is over; returns the moves it made. Stale refusals are simply retried."""
    seat = client.welcome["seat"]
    made = 0
    loop = asyncio.get_running_loop()
    end = loop.time() + limit
    while not client.state.get("over"):
        assert loop.time() < end, f"{seat}: the game did not end in time"
        if not client.state.get("your_turn"):
            await client.recv(max(0.01, end - loop.time()))
            continue
        answer = await client.move(pick(client.state, seat, rng))
        if answer["type"] == "ack":
            made += 1
        elif answer["code"] == "rate_limited":  # a script outpaces the limit a person never reaches: back off
            await asyncio.sleep(0.1)
        else:
            assert answer["code"] == "stale_state", answer
    return made
