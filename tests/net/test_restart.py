"""A server killed mid-game (SIGKILL) and started again resumes every session from its save, with the same codes."""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.net.helpers import Client, pick, play_seat

pytestmark = pytest.mark.asyncio

CODE = r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"


async def _host(data: Path) -> tuple[subprocess.Popen, int, dict[str, dict[str, str]], str]:
    """Start ``parley host`` in a process of its own; returns it, its port, the codes per session and its output."""
    command = [sys.executable, "-m", "game", "host", "npt", "--port", "0", "--data", str(data), "--seed", "7",
               "--sessions", "2", "--seat", "usa=hardliner"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})  # fmt: skip
    lines: list[str] = []
    assert process.stdout is not None
    while not lines or not lines[-1].startswith("join with"):
        line = await asyncio.wait_for(asyncio.to_thread(process.stdout.readline), 30)
        assert line, f"the server ended early: {''.join(lines)} {process.stderr.read() if process.stderr else ''}"
        lines.append(line)
    text = "".join(lines)
    port = int(re.search(r"127\.0\.0\.1:(\d+)", text).group(1))  # type: ignore[union-attr]
    codes: dict[str, dict[str, str]] = {}
    room = ""
    for line in lines:
        if line.startswith("session "):
            room = line.split()[1].rstrip(":")
            codes[room] = {}
        found = re.match(rf"\s+(\w+)\s+({CODE})", line)
        if found:
            codes[room][found.group(1)] = found.group(2)
    return process, port, codes, text


async def _play_until(fac: Client, seats: dict[str, Client], steps: int, rng: random.Random) -> None:
    """Move for whichever human seat the game waits on until the log is ``steps`` long (AI seats move meanwhile)."""
    while fac.state["step"] < steps:
        mover = fac.state["to_move"]
        if mover not in seats or fac.state["over"]:
            await fac.recv()
            continue
        client = seats[mover]
        await client.my_turn()
        await client.move(pick(client.state, mover, rng))  # a stale refusal is simply tried again
        await fac.until(lambda m, step=client.state["step"]: m["type"] == "state" and m["step"] >= step)


async def test_a_killed_server_restarts_with_every_session_where_it_was_and_the_same_codes(tmp_path) -> None:
    process, port, codes, _ = await _host(tmp_path)
    try:
        assert len(codes) == 2 and all(len(c) == 7 for c in codes.values())  # five seats, facilitator, spectators
        humans = {room: {s: c for s, c in cs.items() if s not in ("usa", "facilitator", "spectators")}
                  for room, cs in codes.items()}  # fmt: skip
        facilitators = {room: await Client.join(port, cs["facilitator"]) for room, cs in codes.items()}
        clients = {room: {s: await Client.join(port, code) for s, code in hs.items()} for room, hs in humans.items()}
        rng = random.Random(3)
        for room, seats in clients.items():
            await _play_until(facilitators[room], seats, 20, rng)
        logs = {}
        for room, fac in facilitators.items():
            await fac.settle()
            logs[room] = (await fac.request("log"))["entries"]
            assert len(logs[room]) >= 20
        # A move on its way as the server dies: it may or may not have been saved, but nothing acknowledged is lost.
        room0 = next(iter(clients))
        await _play_until(facilitators[room0], clients[room0], len(logs[room0]) + 1, rng)
        logs[room0] = (await facilitators[room0].request("log"))["entries"]
        while facilitators[room0].state["to_move"] not in clients[room0]:  # an AI seat is moving
            await facilitators[room0].recv()
        mover = clients[room0][facilitators[room0].state["to_move"]]
        await mover.my_turn()
        await mover.send({"v": 1, "type": "move", "state": mover.state["state"], "id": "last",
                          "move": pick(mover.state, mover.welcome["seat"], rng)})  # fmt: skip
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    for room in clients:
        for client in [*clients[room].values(), facilitators[room]]:
            await client.ws.close()

    process, port, again, text = await _host(tmp_path)
    try:
        assert "resumed 2 unfinished session(s)" in text
        assert again == codes
        for room, cs in codes.items():
            fac = await Client.join(port, cs["facilitator"])
            await fac.settle()
            entries = (await fac.request("log"))["entries"]
            assert entries[: len(logs[room])] == logs[room]  # every acknowledged move, with the same state hashes
            assert len(entries) - len(logs[room]) <= (1 if room == room0 else 0) + 40  # and only AI moves after
            seats = [await Client.join(port, code) for code in humans[room].values()]
            for seat in seats:
                assert seat.state["state"] == fac.state["state"]
            # Play on to the debrief after the restart.
            await asyncio.gather(*(play_seat(c, random.Random(n)) for n, c in enumerate(seats)))
            assert all(c.state["over"] for c in seats)
            await fac.settle()
            for client in [*seats, fac]:
                await client.close()
        listing = sorted(p.name for p in tmp_path.iterdir())
        assert listing == ["npt-1.jsonl", "npt-1.room.json", "npt-2.jsonl", "npt-2.room.json"]
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
    assert process.returncode == 0
    # Both games are over: a third start resumes nothing and starts new sessions.
    process, port, third, text = await _host(tmp_path)
    process.send_signal(signal.SIGTERM)
    process.wait(15)
    assert "resumed" not in text and set(third) == {"npt-3", "npt-4"}
