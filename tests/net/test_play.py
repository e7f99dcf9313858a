"""A whole class on one server: six syndicates of five teams play the NPT scenario to the debrief at once."""

from __future__ import annotations

import asyncio
import random

import pytest

from game.net.server import Server
from game.net.store import Store
from game.scenario import resolve_scenario
from tests.net.helpers import Client, all_human, hosted, play_seat

pytestmark = pytest.mark.asyncio

ROOMS = 6


async def test_thirty_clients_in_six_sessions_play_whole_games_to_the_debrief(tmp_path) -> None:
    scenario = resolve_scenario("npt")
    server = Server(Store(tmp_path))
    rooms = [server.create_room(scenario, seed, all_human(scenario)) for seed in range(ROOMS)]
    async with hosted(server) as (_, port):
        seats = [await Client.join(port, code) for room in rooms for code in room.codes.seats.values()]
        facilitators = [await Client.join(port, room.codes.facilitator) for room in rooms]
        assert len(seats) == 30
        assert {c.welcome["role"] for c in seats} == {"seat"}
        moves = await asyncio.gather(*(play_seat(c, random.Random(n)) for n, c in enumerate(seats)))
        assert sum(moves) == sum(len(room.session.log) for room in rooms)
        for n, room in enumerate(rooms):
            assert room.session.over and room.session.state.phase == "debrief"
            for client in seats[5 * n : 5 * n + 5]:
                assert client.state["over"] and client.state["state"] == room.state_id
                assert client.state["view"]["ending"] == room.session.state.ending
        # The debrief: every facilitator downloads its report (one as HTML, the others as Markdown, which is quicker).
        for n, fac in enumerate(facilitators):
            report = await fac.request("report", format="html" if n == 0 else "md")
            assert report["type"] == "report", report
            assert rooms[n].session.scenario.title in report["content"]
        for room in rooms:  # every move is in the save
            saved = server.store.save_path(room.id).read_text().count('"type":"move"')
            assert saved == len(room.session.log)
        for client in [*seats, *facilitators]:
            await client.close()
