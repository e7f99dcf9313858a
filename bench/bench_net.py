"""Benchmark networked play: move-to-update latency for 30 clients on loopback, and memory per hosted session.

Run: python bench/bench_net.py [--moves N] [--sessions K]

Latency: ``parley host`` runs in a process of its own (saves on, as in class) with one NPT session; this process
opens 30 connections to it (the 5 seats, the facilitator and 24 spectators) and plays. For each move the time is
taken from just before the seat sends it to when the last of the 30 clients has received and decoded the state it
made. All 30 clients share this one process (and the second core), so their decoding is serial here; on 30 laptops
it would happen in parallel. Measured for both ``detail`` levels of docs/PROTOCOL.md.

Memory: K sessions hosted in this process, measured with tracemalloc (Python allocations) when fresh and after every
one has played a whole game (AI on every seat, so the log, notices and agreements have grown to their full size).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from websockets.asyncio.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.candidates import concrete_moves  # noqa: E402
from game.core.legality import MoveOption  # noqa: E402
from game.net import protocol  # noqa: E402

CODE = r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"


def start_host(data: str) -> tuple[subprocess.Popen, int, dict[str, str]]:
    command = [sys.executable, "-m", "game", "host", "npt", "--port", "0", "--data", data, "--seed", "11"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines = []
    assert process.stdout is not None
    while not lines or not lines[-1].startswith("join with"):
        lines.append(process.stdout.readline())
    text = "".join(lines)
    port = int(re.search(r"127\.0\.0\.1:(\d+)", text).group(1))  # type: ignore[union-attr]
    codes = {m.group(1): m.group(2) for m in re.finditer(rf"^\s+(\w+)\s+({CODE})", text, re.M)}
    return process, port, codes


STEP = re.compile(r'"type":"state".*?"step":(\d+)')


class Watcher:
    """One connection that decodes every message, as a client would (or, with ``decode`` off, only finds the
    step number near the start of each state message: the server's and the network's share of the time)."""

    def __init__(self, ws) -> None:  # noqa: ANN001
        self.ws, self.state, self.welcome = ws, {}, {}
        self.decode = True

    async def read_until_step(self, step: int) -> None:
        while self.state.get("step", -1) < step:
            raw = await self.ws.recv()
            head = raw[:400]
            if self.decode or '"your_turn":true' in head:  # the seat to move needs its legal moves
                message = json.loads(raw)
                if message["type"] == "state":
                    self.state = message
            else:
                found = STEP.search(head)
                if found:
                    self.state = {"step": int(found.group(1)), "over": '"over":true' in head, "legal_moves": []}


async def join(port: int, code: str, detail: str) -> Watcher:
    ws = await connect(f"ws://127.0.0.1:{port}", max_size=None, compression=None)
    await ws.send(json.dumps({"v": 1, "type": "hello", "code": code, "detail": detail}))
    watcher = Watcher(ws)
    while not watcher.state:
        message = json.loads(await ws.recv())
        if message["type"] == "state":
            watcher.state = message
        elif message["type"] == "welcome":
            watcher.welcome = message
    return watcher


async def latency(port: int, codes: dict[str, str], detail: str, moves: int, decode: bool = True) -> list[float]:
    seats = {seat: await join(port, code, detail) for seat, code in codes.items()
             if seat not in ("facilitator", "spectators")}  # fmt: skip
    others = [await join(port, codes["facilitator"], detail)]
    others += [await join(port, codes["spectators"], detail) for _ in range(24)]
    everyone = [*seats.values(), *others]
    assert len(everyone) == 30
    for w in everyone:
        w.decode = decode
    others[0].decode = True  # the facilitator's state says who is to move
    rng = random.Random(1)
    times: list[float] = []
    sent: dict[Watcher, float] = {}
    while len(times) < moves:
        state = others[0].state
        if state["over"]:
            break
        seat = seats[state["to_move"]]
        options = [
            MoveOption(o["kind"], {k: v for k, v in o.items() if k != "kind"}) for o in seat.state["legal_moves"]
        ]
        candidates = concrete_moves(seat.welcome["seat"], options, 1)
        passes = [m for m in candidates if m.kind == "pass"]
        move = passes[0] if passes and rng.random() < 0.8 else rng.choice(candidates)
        step = state["step"] + 1
        # Keep within the server's rate limit (people never reach it; a script does), outside the timed part.
        await asyncio.sleep(max(0.0, sent.get(seat, 0.0) + 1.05 / protocol.RATE - time.perf_counter()))
        start = sent[seat] = time.perf_counter()
        await seat.ws.send(json.dumps({"v": 1, "type": "move", "state": state["state"], "move": move.to_dict()}))
        await asyncio.gather(*(w.read_until_step(step) for w in everyone))
        times.append(time.perf_counter() - start)
    for w in everyone:
        await w.ws.close()
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def memory(sessions: int) -> tuple[float, float, float]:
    """Bytes per session (tracemalloc): fresh, and after a whole game each; and the RSS growth per finished game."""
    from game.net.server import Server
    from game.scenario import resolve_scenario

    scenario = resolve_scenario("npt")
    server = Server()
    server.create_room(scenario, 0, {})  # one first session pays for imports and caches
    await server.start("127.0.0.1", 0)
    gc.collect()
    rss0 = _rss()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    rooms = [server.create_room(scenario, seed, {}) for seed in range(1, sessions + 1)]  # the scenario's AI seats
    gc.collect()
    fresh = (tracemalloc.get_traced_memory()[0] - base) / sessions
    while not all(room.over for room in rooms):  # the rooms' drivers play every seat
        await asyncio.sleep(0.05)
    gc.collect()
    played = (tracemalloc.get_traced_memory()[0] - base) / sessions
    tracemalloc.stop()
    rss = (_rss() - rss0) / sessions
    await server.close()
    return fresh, played, rss


def _rss() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return float(line.split()[1]) * 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=300, help="moves to time per detail level")
    parser.add_argument("--sessions", type=int, default=20, help="sessions hosted for the memory figure")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    for detail in ("full", "current"):
        for decode in (True, False):
            with tempfile.TemporaryDirectory() as data:
                process, port, codes = start_host(data)
                try:
                    times = asyncio.run(latency(port, codes, detail, args.moves, decode))
                finally:
                    process.send_signal(signal.SIGTERM)
                    process.wait(15)
            ms = [t * 1000 for t in times]
            what = "received and decoded" if decode else "received"
            print(
                f"detail={detail}: {len(ms)} moves, move to update {what} at all 30 clients: median "
                f"{statistics.median(ms):.1f} ms, p99 {percentile(ms, 0.99):.1f} ms, max {max(ms):.1f} ms"
            )
    fresh, played, rss = asyncio.run(memory(args.sessions))
    print(f"memory per session ({args.sessions} hosted): fresh {fresh / 1024:.0f} KiB, after a whole game "
          f"{played / 1024:.0f} KiB (tracemalloc); RSS growth {rss / 1024:.0f} KiB per finished session")  # fmt: skip


if __name__ == "__main__":
    main()
