"""A team whose laptop drops off the network gets its seat back, with the current view, by joining with its code."""

from __future__ import annotations

import asyncio

import pytest

from game.net.client import AsyncRemote
from game.net.server import Server
from tests.net.helpers import Client, all_human, hosted, secretive

pytestmark = pytest.mark.asyncio


async def test_a_seat_that_drops_mid_phase_rejoins_with_the_same_code_and_sees_the_current_state() -> None:
    server = Server()
    scenario = secretive()
    room = server.create_room(scenario, 1, all_human(scenario))
    async with hosted(server) as (_, port):
        clients = {seat: await Client.join(port, code) for seat, code in room.codes.seats.items()}
        facilitator = await Client.join(port, room.codes.facilitator)
        first = room.session.to_move()
        assert (await clients[first].move({"kind": "pass"}))["type"] == "ack"
        second = room.session.to_move()
        leaver = next(s for s in clients if s not in (first, second))
        clients[leaver].ws.transport.abort()  # no closing handshake: a closed laptop lid
        panel = await facilitator.until(lambda m: m["type"] == "state" and not m["seats"][leaver]["connected"])
        assert panel["seats"][leaver]["connected"] is False
        await clients[second].my_turn()
        assert (await clients[second].move({"kind": "pass"}))["type"] == "ack"  # the class goes on meanwhile
        assert room.session.state.phase == "diplomacy"
        back = await Client.join(port, room.codes.seats[leaver])
        assert back.welcome["seat"] == leaver
        assert back.state["state"] == room.state_id and back.state["step"] == 2
        assert back.state["view"] == _lean(room.session.view(leaver))
        assert back.state["your_turn"] == (room.session.to_move() == leaver)
        panel = await facilitator.until(lambda m: m["type"] == "state" and m["seats"][leaver]["connected"])
        assert panel["seats"][leaver]["connected"] is True
        while room.session.to_move() != leaver:  # the seat plays on from where the game is
            mover = room.session.to_move()
            await clients[mover].my_turn()
            assert (await clients[mover].move({"kind": "pass"}))["type"] == "ack"
        await back.my_turn()
        assert (await back.move({"kind": "pass"}))["type"] == "ack"


def _lean(view: dict) -> dict:
    return {k: v for k, v in view.items() if k != "catalogue"}


async def test_the_client_reconnects_by_itself_after_a_drop_and_can_move_again() -> None:
    server = Server()
    scenario = secretive()
    room = server.create_room(scenario, 1, all_human(scenario))
    async with hosted(server) as (_, port):
        seat = room.session.to_move()
        remote = AsyncRemote(f"ws://127.0.0.1:{port}", room.codes.seats[seat], reconnect_for=10)
        await remote.open()
        assert remote.state["your_turn"]
        server_side = room.seating.members[f"seat:{seat}"]
        server_side.websocket.transport.abort()
        loop = asyncio.get_running_loop()
        end = loop.time() + 10
        while room.seating.members.get(f"seat:{seat}") in (None, server_side):
            assert loop.time() < end, "the client did not come back"
            await asyncio.sleep(0.05)
        assert remote.closed_reason is None
        ack = await remote.submit({"kind": "pass"})
        assert ack["type"] == "ack" and len(room.session.log) == 1
        await remote.close()
