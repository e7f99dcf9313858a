"""Every bad input is refused with an error message; the connection goes on and the game's state hash does not move."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from game.net import protocol
from game.net.server import Server
from tests.net.helpers import Client, all_human, hosted, secretive

pytestmark = pytest.mark.asyncio


def _room(server: Server):  # noqa: ANN202
    scenario = secretive()
    return server.create_room(scenario, 1, all_human(scenario))


async def _unharmed(room, before: tuple[str, int], client: Client) -> None:  # noqa: ANN001
    """The state is as it was, and the connection still answers."""
    assert (room.session.hash(), len(room.session.log)) == before
    answer = await client.request("sync")
    assert answer["type"] == "state" and answer["state"] == room.state_id


V = protocol.VERSION
# (what is sent, the error code expected): everything a joined seat might send that must be refused.
BAD: list[tuple[str, Any, str]] = [
    ("not JSON", "{not json", "bad_json"),
    ("NaN", '{"v": 1, "type": "sync", "x": NaN}', "bad_json"),
    ("deep nesting", "[" * 20000 + "]" * 20000, "bad_json"),
    ("a list", "[1, 2]", "bad_message"),
    ("binary", b'{"v": 1, "type": "sync"}', "bad_message"),
    ("no version", {"type": "sync"}, "bad_version"),
    ("future version", {"v": 2, "type": "sync"}, "bad_version"),
    ("version as text", {"v": "1", "type": "sync"}, "bad_version"),
    ("unknown type", {"v": V, "type": "teleport"}, "unknown_type"),
    ("no type", {"v": V}, "unknown_type"),
    ("bad id", {"v": V, "type": "sync", "id": [1]}, "bad_message"),
    ("bad detail", {"v": V, "type": "sync", "detail": "everything"}, "bad_message"),
    ("move without state", {"v": V, "type": "move", "move": {"kind": "pass"}}, "bad_message"),
    ("move not an object", {"v": V, "type": "move", "state": "x", "move": "pass"}, "bad_message"),
    ("second hello", {"v": V, "type": "hello", "code": "0000-0000-0000-0000"}, "already_joined"),
    ("stale state", {"v": V, "type": "move", "state": "0-000000000000", "move": {"kind": "pass"}}, "stale_state"),
    ("another seat's move", {"v": V, "type": "move", "move": {"kind": "pass", "actor": "bb"}}, "wrong_seat"),
    (
        "the facilitator's move",
        {"v": V, "type": "move", "move": {"kind": "pause", "actor": "facilitator", "reason": "x"}},
        "wrong_seat",
    ),  # fmt: skip
    ("a facilitator kind", {"v": V, "type": "move", "move": {"kind": "pause", "reason": "x"}}, "not_facilitator"),
    ("unknown move kind", {"v": V, "type": "move", "move": {"kind": "nuke"}}, "malformed"),
    ("missing move field", {"v": V, "type": "move", "move": {"kind": "accept"}}, "malformed"),
    ("illegal now", {"v": V, "type": "move", "move": {"kind": "accept", "agreement": "a1"}}, "wrong_phase"),
    ("rollback", {"v": V, "type": "rollback", "state": "x", "step": 0, "reason": "x"}, "not_allowed"),
    ("report", {"v": V, "type": "report"}, "not_allowed"),
    ("deadlines", {"v": V, "type": "deadlines", "deadlines": {"diplomacy": 1}}, "not_allowed"),
    ("seat view", {"v": V, "type": "seat_view", "seat": "bb"}, "not_allowed"),
    ("log", {"v": V, "type": "log"}, "not_allowed"),
    ("too big", {"v": V, "type": "sync", "pad": "x" * (protocol.MAX_MESSAGE + 10)}, "too_big"),
]


@pytest.mark.parametrize(("sent", "code"), [pytest.param(s, c, id=name) for name, s, c in BAD])
async def test_a_bad_message_from_a_seat_is_refused_and_changes_nothing(sent: Any, code: str) -> None:
    server = Server()
    room = _room(server)
    async with hosted(server) as (_, port):
        seat = await Client.join(port, room.codes.seats["aa"])
        assert seat.state["your_turn"]
        before = (room.session.hash(), len(room.session.log))
        if isinstance(sent, dict) and sent.get("type") == "move" and "state" not in sent and code != "bad_message":
            sent = {**sent, "state": seat.state["state"]}
        await seat.send(sent if isinstance(sent, str | bytes) else json.dumps(sent))
        error = await seat.until(lambda m: m["type"] == "error")
        assert error["code"] == code, error
        assert error["reason"] and "\n" not in error["reason"]
        assert error["source"] == ("rules" if code in ("not_facilitator", "malformed", "wrong_phase") else "protocol")
        await _unharmed(room, before, seat)


async def test_a_move_out_of_turn_is_refused_by_the_rules() -> None:
    server = Server()
    room = _room(server)
    async with hosted(server) as (_, port):
        other = await Client.join(port, room.codes.seats["bb"])
        before = (room.session.hash(), len(room.session.log))
        answer = await other.move({"kind": "pass"})
        assert (answer["type"], answer["code"], answer["source"]) == ("error", "not_your_turn", "rules")
        await _unharmed(room, before, other)


async def test_spectators_cannot_move() -> None:
    server = Server()
    room = _room(server)
    async with hosted(server) as (_, port):
        spectator = await Client.join(port, room.codes.spectator)
        before = (room.session.hash(), len(room.session.log))
        answer = await spectator.move({"kind": "pass", "actor": "aa"})
        assert answer["code"] == "not_allowed"
        await _unharmed(room, before, spectator)


async def test_a_request_before_hello_is_refused_and_a_wrong_code_lets_the_connection_try_again() -> None:
    server = Server()
    room = _room(server)
    async with hosted(server) as (_, port):
        client = await Client.open(port)
        answer = await client.request("sync")
        assert answer["code"] == "not_joined"
        answer = await client.request("hello", code="ABCD-EFGH-JKMN-PQRS")
        assert answer["code"] == "bad_code"
        answer = await client.request("hello", code=12345)
        assert answer["code"] == "bad_message"
        answer = await client.request("hello", code=room.codes.seats["aa"].lower().replace("-", " "))
        assert answer["type"] == "welcome" and answer["seat"] == "aa"


async def test_five_wrong_codes_close_the_connection() -> None:
    server = Server()
    _room(server)
    async with hosted(server) as (_, port):
        client = await Client.open(port)
        for n in range(protocol.MAX_BAD_CODES):
            await client.send({"v": 1, "type": "hello", "code": f"AAAA-AAAA-AAAA-AAA{n}"})
        codes = []
        with pytest.raises(ConnectionClosed):
            while True:
                codes.append((await client.recv())["code"])
        assert codes == ["bad_code"] * protocol.MAX_BAD_CODES
        assert client.ws.close_code == 1008


async def test_a_frame_over_the_transport_limit_closes_only_that_connection_and_the_seat_rejoins() -> None:
    server = Server()
    room = _room(server)
    async with hosted(server) as (_, port):
        seat = await Client.join(port, room.codes.seats["aa"])
        watcher = await Client.join(port, room.codes.spectator)
        before = (room.session.hash(), len(room.session.log))
        await seat.send("x" * (protocol.TRANSPORT_LIMIT + 1))
        with pytest.raises(ConnectionClosed):
            await seat.recv()
        assert seat.ws.close_code == 1009  # "message too big", said by websockets before the server reads it
        await _unharmed(room, before, watcher)
        again = await Client.join(port, room.codes.seats["aa"])
        assert again.state["your_turn"] and again.state["state"] == room.state_id


async def test_a_flood_is_refused_beyond_the_rate_limit_and_the_seat_plays_on_afterwards() -> None:
    server = Server()
    room = _room(server)
    async with hosted(server) as (_, port):
        seat = await Client.join(port, room.codes.seats["aa"])
        before = (room.session.hash(), len(room.session.log))
        flood = 300
        for n in range(flood):  # a stale move each time: nothing may be applied however many get through
            await seat.send({"v": 1, "type": "move", "id": n, "state": "0-000000000000", "move": {"kind": "pass"}})
        replies = [await seat.until(lambda m: m["type"] == "error") for _ in range(flood)]
        codes = [r["code"] for r in replies]
        assert set(codes) == {"stale_state", "rate_limited"}
        assert codes.count("stale_state") <= protocol.BURST + 10
        assert [r["re"] for r in replies] == list(range(flood))  # each refusal answers its own message
        assert (room.session.hash(), len(room.session.log)) == before
        await asyncio.sleep(protocol.BURST / protocol.RATE / 4)
        answer = await seat.move({"kind": "pass"})
        assert answer["type"] == "ack"
        assert len(room.session.log) == before[1] + 1


async def test_a_newer_connection_with_the_same_code_replaces_the_older() -> None:
    server = Server()
    room = _room(server)
    async with hosted(server) as (_, port):
        first = await Client.join(port, room.codes.seats["aa"])
        second = await Client.join(port, room.codes.seats["aa"])
        notice = await first.until(lambda m: m["type"] == "error")
        assert notice["code"] == "replaced"
        with pytest.raises(ConnectionClosed):
            await first.recv()
        assert first.ws.close_code == 4001
        answer = await second.move({"kind": "pass"})
        assert answer["type"] == "ack"
        assert room.connected("aa")


async def test_a_connection_that_never_says_hello_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(protocol, "HELLO_TIMEOUT", 0.3)
    server = Server()
    _room(server)
    async with hosted(server) as (_, port):
        client = await Client.open(port)
        error = await client.recv()
        assert error["code"] == "not_joined" and "No hello within" in error["reason"]
        with pytest.raises(ConnectionClosed):
            await client.recv()
        assert client.ws.close_code == 1008
