"""docs/PROTOCOL.md is enough to write a client: its examples are what the server accepts and sends, and a client
built only from the document (plain ``websockets`` and ``json``, nothing from ``game``) plays a whole game."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import connect

from game.core.moves import move_from_dict
from game.net import protocol
from game.net.server import Server
from game.scenario import resolve_scenario

DOC = Path(__file__).resolve().parents[2] / "docs" / "PROTOCOL.md"
TEXT = DOC.read_text(encoding="utf-8")
SERVER_TYPES = {"welcome", "state", "ack", "error", "seat_view", "log", "report"}


def examples() -> list[dict[str, Any]]:
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", TEXT, re.S)]


def request_table() -> dict[str, tuple[str, set[str]]]:
    """The table of requests: type -> (who may send it, the documented answer types)."""
    section = TEXT.split("## Requests (client to server)")[1].split("###")[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`"):
            kind = cells[0].strip("`")
            rows[kind] = (cells[1], set(re.findall(r"`(\w+)`", cells[3])))
    return rows


def test_every_example_is_json_and_of_a_documented_type() -> None:
    found = examples()
    assert len(found) >= 20
    requests = request_table()
    assert set(requests) == set(protocol.REQUESTS)
    for example in found:
        if "v" not in example:  # a move, or a legal-move option
            if "actor" in example:
                move_from_dict(example)
            else:
                assert f"`{example['kind']}`" in TEXT.split("### Legal moves")[1].split("```")[0]
            continue
        assert example["v"] == protocol.VERSION
        if example["type"] in requests and "re" not in example:  # answers carry "re"; requests never do
            protocol.parse(json.dumps(example))
        else:
            assert example["type"] in SERVER_TYPES, example


def test_every_error_code_is_documented() -> None:
    table = TEXT.split("Protocol codes:")[1].split("Rules codes")[0]
    assert set(re.findall(r"^\| `(\w+)` \|", table, re.M)) == set(protocol.ERRORS)


@pytest.mark.asyncio
async def test_each_request_example_is_accepted_and_answered_with_a_documented_type() -> None:
    scenario = resolve_scenario("npt")
    server = Server()
    room = server.create_room(scenario, 1, {"usa": "human"} | {a.id: "cooperative" for a in scenario.actors[1:]})
    port = await server.start("127.0.0.1", 0)
    table = request_table()
    try:
        async with connect(f"ws://127.0.0.1:{port}", max_size=None) as seat, \
                connect(f"ws://127.0.0.1:{port}", max_size=None) as fac:  # fmt: skip
            latest: dict[Any, dict[str, Any]] = {}

            async def ask(ws: Any, message: dict[str, Any]) -> dict[str, Any]:
                await ws.send(json.dumps(message))
                while True:
                    answer = json.loads(await asyncio.wait_for(ws.recv(), 10))
                    if answer["type"] == "state":
                        latest[ws] = answer
                    if answer.get("re") == message["id"]:
                        return answer

            for example in examples():
                kind = example.get("type")
                if kind not in table or "re" in example:
                    continue
                ws = fac if table[kind][0] == "facilitator" else seat
                message = dict(example)
                if kind == "hello":  # the example's code stands for the real ones
                    await ask(fac, {**message, "code": room.codes.facilitator})
                    message["code"] = room.codes.seats["usa"]
                if "state" in message:
                    await asyncio.sleep(0.3)  # let the AI seats move, then quote the newest state
                    await ask(ws, {"v": 1, "type": "sync", "id": "sync"})
                    message["state"] = latest[ws]["state"]
                while kind == "extend" and (latest.get(fac) or {}).get("deadline") is None:
                    await asyncio.sleep(0.05)  # a turn clock runs once the game waits on the human seat again
                    await ask(fac, {"v": 1, "type": "sync", "id": "sync"})
                if kind == "rollback":
                    message["step"] = min(message["step"], latest[ws]["step"] - 1)
                answer = await ask(ws, message)
                assert answer["type"] in table[kind][1] and answer["type"] != "error", (kind, answer)
    finally:
        await server.close()


# --- a client written from the document alone ------------------------------------------------------------------

PREFERRED = ["pass", "comply", "reject", "grant_inspection", "respond_event", "accept", "request_inspection"]


def choose(legal: list[dict[str, Any]]) -> dict[str, Any]:
    """A move from the legal moves, by the document's table of their choices."""
    options = {o["kind"]: o for o in legal}
    kind = next(k for k in PREFERRED if k in options)
    option = options[kind]
    if kind == "pass":
        return {"kind": "pass"}
    if kind in ("comply", "reject", "accept"):
        return {"kind": kind, "agreement": option["agreements"][0]}
    if kind == "grant_inspection":
        return {"kind": kind, "inspection": option["inspections"][0]}
    if kind == "respond_event":
        occurrence, choices = next(iter(option["occurrences"].items()))
        return {"kind": kind, "occurrence": occurrence, "option": choices[0]}
    request = option["requests"][0]
    return {"kind": kind, "agreement": request["agreement"], "target": request["target"]}


async def doc_client(port: int, code: str) -> dict[str, Any]:
    """Join with a code and play the seat until the game is over; returns the last state."""
    async with connect(f"ws://127.0.0.1:{port}", max_size=None) as ws:
        await ws.send(json.dumps({"v": 1, "type": "hello", "id": 1, "code": code}))
        welcome = json.loads(await ws.recv())
        assert welcome["type"] == "welcome", welcome
        state: dict[str, Any] = {}
        asked = None  # the state a move was sent against, until it is answered
        n = 1
        while not state.get("over"):
            message = json.loads(await asyncio.wait_for(ws.recv(), 20))
            if message["type"] == "state":
                state = message
            elif message["type"] == "error":
                assert message["code"] in ("stale_state", "rate_limited"), message
                asked = None
            elif message["type"] == "ack":
                asked = None
            if state.get("your_turn") and asked != state["state"] and not state.get("over"):
                n += 1
                asked = state["state"]
                await ws.send(json.dumps({"v": 1, "type": "move", "id": n, "state": state["state"],
                                          "move": choose(state["legal_moves"])}))  # fmt: skip
        return state


@pytest.mark.asyncio
async def test_a_client_written_from_the_document_plays_a_whole_game() -> None:
    scenario = resolve_scenario("npt")
    server = Server()
    room = server.create_room(scenario, 4, {a.id: "human" for a in scenario.actors})
    port = await server.start("127.0.0.1", 0)
    try:
        finals = await asyncio.gather(*(doc_client(port, code) for code in room.codes.seats.values()))
        assert room.session.over
        assert {f["state"] for f in finals} == {room.state_id}
        assert all(f["view"]["ending"] == room.session.state.ending for f in finals)
    finally:
        await server.close()
