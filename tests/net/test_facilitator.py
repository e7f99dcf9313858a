"""The facilitator's console over the network: the live table, pause, clocks, injects, AI hand-overs, rollback, the end."""

from __future__ import annotations

import asyncio
import json

import pytest

from game.net.deadlines import STAND_IN_NOTE
from game.net.server import Server
from game.net.store import Store
from game.saves import load_save
from tests.net.helpers import Client, all_human, hosted, secretive

pytestmark = pytest.mark.asyncio
FAC = "facilitator"


async def _class(port: int, room) -> tuple[dict[str, Client], Client]:  # noqa: ANN001
    seats = {seat: await Client.join(port, code) for seat, code in room.codes.seats.items()}
    return seats, await Client.join(port, room.codes.facilitator)


async def _pass(seats: dict[str, Client], room) -> None:  # noqa: ANN001
    mover = room.session.to_move()
    await seats[mover].my_turn()
    assert (await seats[mover].move({"kind": "pass"}))["type"] == "ack"


def _room(server: Server, **kwargs):  # noqa: ANN003, ANN202
    scenario = secretive()
    return server.create_room(scenario, 1, all_human(scenario), **kwargs)


async def test_the_facilitator_sees_every_seat_who_has_acted_and_who_the_game_waits_on() -> None:
    server = Server()
    room = _room(server)
    async with hosted(server) as (_, port):
        seats, fac = await _class(port, room)
        first = room.session.to_move()
        await _pass(seats, room)
        panel = await fac.until(lambda m: m["type"] == "state" and m["step"] == 1 and all(
            s["connected"] for s in m["seats"].values()))  # fmt: skip
        assert panel["seats"][first]["acted"] and panel["seats"][first]["code"] == room.codes.seats[first]
        assert panel["seats"][room.session.to_move()]["to_move"]
        assert panel["view"]["seat"] == FAC and "trust" in panel["view"]  # the omniscient view
        for seat in seats:
            shown = await fac.request("seat_view", seat=seat)
            assert shown["view"] == {k: v for k, v in room.session.view(seat).items() if k != "catalogue"}
        log = await fac.request("log")
        assert [e["move"]["actor"] for e in log["entries"]] == [first]


async def test_pause_stops_every_seat_until_resume() -> None:
    server = Server()
    room = _room(server)
    async with hosted(server) as (_, port):
        seats, fac = await _class(port, room)
        assert (await fac.move({"kind": "pause", "reason": "Questions from the floor"}))["type"] == "ack"
        mover = room.session.to_move()
        paused = await seats[mover].until(lambda m: m["type"] == "state" and m["paused"])
        assert not paused["your_turn"] and paused["legal_moves"] == []
        refused = await seats[mover].move({"kind": "pass"})
        assert refused["code"] == "paused" and refused["source"] == "rules"
        await fac.settle()
        assert (await fac.move({"kind": "resume"}))["type"] == "ack"
        await seats[mover].until(lambda m: m["type"] == "state" and m["your_turn"])
        assert (await seats[mover].move({"kind": "pass"}))["type"] == "ack"


async def test_a_seat_that_lets_its_turn_run_out_gets_the_stand_in_move_and_the_class_goes_on() -> None:
    server = Server()
    room = _room(server)
    async with hosted(server) as (_, port):
        seats, fac = await _class(port, room)
        absent = room.session.to_move()
        answer = await fac.request("deadlines", deadlines={"diplomacy": 1})
        assert answer["type"] == "ack"
        clock = await seats[absent].until(lambda m: m["type"] == "state" and m["deadline"] is not None)
        assert clock["deadline"]["seat"] == absent and clock["deadline"]["limit"] == 1
        await seats[absent].until(lambda m: m["type"] == "state" and m["step"] == 1, timeout=5)
        entry = room.session.log[0]
        assert (entry.move.actor, entry.move.kind, entry.rationale) == (absent, "pass", STAND_IN_NOTE)
        nxt = room.session.to_move()
        clock = await seats[nxt].until(lambda m: m["type"] == "state" and (m["deadline"] or {}).get("seat") == nxt)
        assert nxt != absent and clock["deadline"]["running"]
        # A seat that acts in time is not touched; the limit applies to each turn afresh.
        await seats[nxt].my_turn()
        assert (await seats[nxt].move({"kind": "pass"}))["type"] == "ack"
        assert room.session.log[1].rationale == ""


async def test_extending_the_clock_and_pausing_the_game_both_hold_off_the_stand_in_move() -> None:
    server = Server()
    room = _room(server, deadlines={"diplomacy": 1.0})
    async with hosted(server) as (_, port):
        seats, fac = await _class(port, room)
        assert (await fac.request("extend", seconds=1))["type"] == "ack"
        assert room.clock is not None and room.clock.limit == 2.0
        await asyncio.sleep(1.2)
        assert len(room.session.log) == 0  # 1 s passed, the extended limit is 2 s
        paused = await fac.move({"kind": "pause", "reason": "Coffee"})
        assert paused["type"] == "ack", paused
        await asyncio.sleep(1.2)
        assert len(room.session.log) == 1  # only the pause: the frozen clock did not run out
        left = room.clock.left
        assert left is not None and 0 < left < 1.0
        assert (await fac.move({"kind": "resume"}))["type"] == "ack"
        await fac.until(lambda m: m["type"] == "state" and m["step"] == 3, timeout=5)
        assert room.session.log[2].rationale == STAND_IN_NOTE
        bad = await fac.request("deadlines", deadlines={"briefing": 10})
        assert bad["code"] == "bad_message" and "phase" in bad["reason"]
        bad = await fac.request("extend", seconds=0)
        assert bad["code"] == "bad_message"


async def test_an_ai_takes_a_seat_plays_it_and_hands_it_back() -> None:
    server = Server()
    room = _room(server)
    async with hosted(server) as (_, port):
        seats, fac = await _class(port, room)
        seat = room.session.to_move()
        state = fac.state["state"]
        refused = await fac.move({"kind": "assign_seat", "seat": seat, "controller": "wizard"}, state)
        assert refused["code"] == "unknown_persona" and len(room.session.log) == 0
        ack = await fac.move({"kind": "assign_seat", "seat": seat, "controller": "cooperative"}, state)
        assert ack["type"] == "ack"
        played = await fac.until(lambda m: m["type"] == "state" and any(
            e["move"]["actor"] == seat for e in [x.to_dict() for x in room.session.log[1:]]), timeout=5)  # fmt: skip
        assert played["seats"][seat]["controller"] == "cooperative"
        assert any(e.move.actor == seat for e in room.session.log[1:])  # the server played the seat
        await seats[seat].settle()
        assert seats[seat].state["controller"] == "cooperative" and not seats[seat].state["your_turn"]
        await fac.settle()
        back = await fac.move({"kind": "assign_seat", "seat": seat, "controller": "human"})
        assert back["type"] == "ack"
        assert room.session.controller(seat) == "human"


async def test_a_seat_played_by_an_ai_cannot_move_itself() -> None:
    server = Server()
    scenario = secretive()
    room = server.create_room(scenario, 1, {**all_human(scenario), "aa": "cooperative"})
    async with hosted(server) as (_, port):
        fac = await Client.join(port, room.codes.facilitator)
        await fac.settle()
        assert (await fac.move({"kind": "pause", "reason": "Check the seats"}))["type"] == "ack"
        client = await Client.join(port, room.codes.seats["aa"])
        assert client.state["controller"] == "cooperative" and not client.state["your_turn"]
        before = (room.session.hash(), len(room.session.log))
        answer = await client.move({"kind": "pass"})
        assert answer["code"] == "ai_seat" and "cooperative" in answer["reason"]
        assert (room.session.hash(), len(room.session.log)) == before


async def test_rollback_rebuilds_the_game_at_an_earlier_step_and_the_save_branches_there(tmp_path) -> None:
    server = Server(Store(tmp_path))
    room = _room(server)
    async with hosted(server) as (_, port):
        seats, fac = await _class(port, room)
        for _ in range(4):
            await _pass(seats, room)
        hashes = [e.hash for e in room.session.log]
        old_save = server.store.save_path(room.id)
        await fac.settle()
        bad = await fac.request("rollback", state=fac.state["state"], step=9, reason="typo")
        assert bad["code"] == "bad_rollback"
        stale = await fac.request("rollback", state="1-000000000000", step=1, reason="typo")
        assert stale["code"] == "stale_state"
        ack = await fac.request("rollback", state=fac.state["state"], step=2, reason="Borduria misclicked")
        assert ack["type"] == "ack" and ack["step"] == 2
        assert len(room.session.log) == 2 and room.session.hash() == hashes[1]
        for client in seats.values():
            await client.until(lambda m: m["type"] == "state" and m["step"] == 2)
        new_save = server.store.save_path(room.id)
        assert new_save != old_save and old_save.exists()
        assert load_save(old_save).session.hash() == hashes[3]  # the old branch is kept whole
        branched = load_save(new_save)
        assert branched.session.hash() == hashes[1]
        assert branched.header["branched_from"]["step"] == 2
        assert branched.header["branched_from"]["save"] == old_save.name
        record = json.loads(server.store.record_path(room.id).read_text())
        assert record["save"] == new_save.name and record["rollbacks"][0]["reason"] == "Borduria misclicked"
        await _pass(seats, room)  # play goes on from step 2, into the new save
        assert load_save(new_save).session.hash() == room.session.hash()


async def test_inject_adjust_and_end_the_game_then_download_the_report() -> None:
    server = Server()
    room = _room(server)
    async with hosted(server) as (_, port):
        seats, fac = await _class(port, room)
        event = room.session.scenario.events[0].id
        assert (await fac.move({"kind": "inject_event", "event": event}))["type"] == "ack"
        await fac.settle()
        ack = await fac.move({"kind": "adjust", "target": "tension", "value": 10, "reason": "A calmer start"})
        assert ack["type"] == "ack" and room.session.state.tension == 10
        await fac.settle()
        bad = await fac.move({"kind": "adjust", "target": "tension", "value": 10, "reason": " "})
        assert bad["code"] == "no_reason" and bad["source"] == "rules"
        assert (await fac.move({"kind": "end_game", "reason": "Out of time"}))["type"] == "ack"
        for client in seats.values():
            await client.until(lambda m: m["type"] == "state" and m["over"])
        report = await fac.request("report", format="md")
        assert report["type"] == "report" and "Out of time" in report["content"]
        assert (await fac.request("report", format="pdf"))["code"] == "bad_message"


class _FullDisk:
    """A save file whose disk is full: every write fails, as the operating system says."""

    def __init__(self, real) -> None:  # noqa: ANN001
        self.real = real

    def write(self, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self.real, name)


async def test_a_full_disk_is_shown_to_the_facilitator_and_the_moves_are_saved_once_there_is_room(tmp_path) -> None:
    server = Server(Store(tmp_path))
    room = _room(server)
    async with hosted(server) as (_, port):
        seats, fac = await _class(port, room)
        autosave = server.store._saves[room.id]
        real = autosave._file
        autosave._file = _FullDisk(real)
        await _pass(seats, room)  # the game goes on
        warned = await fac.until(lambda m: m["type"] == "state" and m["save_error"] is not None)
        assert "No space left on device" in warned["save_error"] and "the game goes on" in warned["save_error"]
        autosave._file = real
        await _pass(seats, room)
        cleared = await fac.until(lambda m: m["type"] == "state" and m["step"] == 2)
        assert cleared["save_error"] is None
        assert load_save(server.store.save_path(room.id)).session.hash() == room.session.hash()
