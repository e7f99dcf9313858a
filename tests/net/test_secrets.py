"""No message the server sends to a seat (or a spectator) ever holds another seat's hidden information.

Hypothesis plays random games through the server's own request path (``Server._receive``: parsing, roles, the
room, the broadcast), with seat moves, facilitator powers (injects, adjustments, AI hand-overs, pauses,
rollbacks), stale and wrong-seat moves, and checks every message each connection was sent. Only the socket is
left out: each connection is a recorder of the texts it would have been sent.
"""

from __future__ import annotations

import asyncio
import json
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from game.core import Scenario
from game.core.moves import FACILITATOR
from game.net.room import FACILITATOR_ROLE, SEAT, SPECTATOR_ROLE, Room
from game.net.server import Server
from tests.net.helpers import ACTORS, all_human, pick, secretive

SCENARIO = secretive(rounds=3)
PRIVATE = ("briefing", "private_objectives", "capital", "security", "score", "trust")
FACILITATOR_ONLY_NOTICES = ("The facilitator injected", "The facilitator set")
PERSONAS = ["human", "cooperative", "hardliner", "grudger:hard", "simple", "opportunist"]


class Recorder:
    """A connection as the server sees it, keeping every text it is sent."""

    def __init__(self, role: str, seat: str | None = None, detail: str = "full") -> None:
        self.role, self.seat, self.detail = role, seat, detail
        self.room: Room | None = None
        self.bad_codes = 0
        self.sent: list[str] = []
        self.read = 0  # how many of ``sent`` have been checked

        class _Unlimited:
            def take(self) -> bool:
                return True

        self.bucket = _Unlimited()

    def push(self, text: str, *, state: bool = False) -> None:
        self.sent.append(text)

    def replace(self, text: str) -> None:
        self.sent.append(text)

    def close_after(self, text: str, code: int, reason: str) -> None:  # pragma: no cover - not reached here
        self.sent.append(text)

    def fresh(self) -> list[tuple[str, dict[str, Any]]]:
        new = self.sent[self.read :]
        self.read = len(self.sent)
        return [(text, json.loads(text)) for text in new]

    def latest_state(self) -> dict[str, Any]:
        return next(json.loads(t) for t in reversed(self.sent) if '"type":"state"' in t)


def visible_texts(room: Room, seat: str | None) -> set[str]:
    """Texts of the notices ``seat`` may see now (``None``: the public ones)."""
    state = room.session.state
    me = state.index.get(seat, -2) if seat is not None else -2
    return {n.text for n in state.notices if n.to is None or me in n.to}


def check_seat_message(text: str, message: dict[str, Any], seat: str, allowed: set[str]) -> None:
    for other in ACTORS:
        if other != seat:
            assert f"SECRET-BRIEFING-OF-{other}" not in text, f"{seat} was sent {other}'s briefing"
            assert f"SECRET-OBJECTIVE-OF-{other}" not in text, f"{seat} was sent {other}'s private objectives"
    for phrase in FACILITATOR_ONLY_NOTICES:
        assert phrase not in text, f"{seat} was sent a notice for the facilitator only"
    if message["type"] in ("state", "seat_view"):
        view = message["view"]
        assert view["seat"] == seat
        for actor in view["actors"]:
            if actor["id"] != seat:
                leaked = [f for f in PRIVATE if f in actor]
                assert not leaked, f"{seat} was sent {actor['id']}'s {leaked}"
        for agreement in view["agreements"]:
            assert all(c["party"] == seat for c in agreement["compliance"]), f"{seat} was sent others' compliance"
        assert all(i["seat"] == seat for i in view.get("intel", [])), f"{seat} was sent others' intelligence"
        assert "trust" not in view and "injected" not in view
        assert {n["text"] for n in view["notices"]} <= allowed, f"{seat} was sent a notice addressed to others"
        if message["type"] == "state" and not message["your_turn"]:
            assert message["legal_moves"] == []


def check_public_message(text: str, message: dict[str, Any], allowed: set[str]) -> None:
    assert "SECRET-" not in text
    for phrase in FACILITATOR_ONLY_NOTICES:
        assert phrase not in text
    if message["type"] == "state":
        view = message["view"]
        assert view["seat"] == "spectator"
        for actor in view["actors"]:
            assert not [f for f in PRIVATE if f in actor], f"spectators were sent {actor['id']}'s secrets"
        assert all(a["compliance"] == [] for a in view["agreements"])
        assert all(a["status"] not in ("proposed", "rejected", "countered", "withdrawn") or a["parties"]
                   for a in view["agreements"]), "spectators were sent a proposal not yet public"  # fmt: skip
        assert "intel" not in view and "trust" not in view
        assert {n["text"] for n in view["notices"]} <= allowed


async def play(seed: int, actions: list[tuple[str, int]], scenario: Scenario = SCENARIO) -> int:
    server = Server()
    room = server.create_room(scenario, seed, all_human(scenario))
    seats = {a: Recorder(SEAT, a, "full" if i % 2 == 0 else "current") for i, a in enumerate(ACTORS)}
    fac, spectator = Recorder(FACILITATOR_ROLE), Recorder(SPECTATOR_ROLE, detail="full")
    for rec, code in [*((seats[a], room.codes.seats[a]) for a in ACTORS), (fac, room.codes.facilitator),
                      (spectator, room.codes.spectator)]:  # fmt: skip
        await server._receive(rec, json.dumps({"v": 1, "type": "hello", "code": code, "detail": rec.detail}))
    rng = random.Random(seed)
    allowed: dict[str | None, set[str]] = {a: set() for a in [*ACTORS, None]}
    steps = 0

    async def send(rec: Recorder, kind: str, **fields: Any) -> None:
        await server._receive(rec, json.dumps({"v": 1, "type": kind, "id": 1, **fields}))

    for action, n in actions:
        if room.session.over:
            break
        now = room.state_id
        mover = room.session.to_move()
        if action == "seat" and mover is not None and room.session.controller(mover) == "human":
            state = seats[mover].latest_state()
            if state["your_turn"]:
                await send(seats[mover], "move", state=state["state"], move=pick(state, mover, rng, 0.5))
        elif action == "fac":
            choice = n % 6
            moves = [
                {"kind": "inject_event", "event": scenario.events[n % len(scenario.events)].id},
                {"kind": "adjust", "target": ["tension", "trust:aa:bb", "capital:bb"][n % 3], "value": n % 3,
                 "reason": "A test"},
                {"kind": "assign_seat", "seat": ACTORS[n % 4], "controller": PERSONAS[n % len(PERSONAS)]},
                {"kind": "pause" if not room.session.state.paused else "resume", "reason": "A test"},
                {"kind": "resume"},
                {"kind": "assign_seat", "seat": ACTORS[n % 4], "controller": "human"},
            ]  # fmt: skip
            move = moves[choice]
            if move["kind"] == "resume":
                move.pop("reason", None)
            await send(fac, "move", state=now, move={**move, "actor": FACILITATOR})
        elif action == "stale":
            await send(seats[ACTORS[n % 4]], "move", state="0-000000000000", move={"kind": "pass"})
        elif action == "wrong_seat":
            await send(seats[ACTORS[n % 4]], "move", state=now, move={"kind": "pass", "actor": ACTORS[(n + 1) % 4]})
        elif action == "rollback" and room.session.log:
            await send(fac, "rollback", state=now, step=n % len(room.session.log), reason="A test")
        elif action == "sync":
            rec = seats[ACTORS[n % 4]]
            await send(rec, "sync", detail="full" if n % 2 else "current")
        elif action == "peek":  # a seat asking for the facilitator's powers is refused, and learns nothing
            await send(seats[ACTORS[n % 4]], "seat_view", seat=ACTORS[(n + 1) % 4])
        await room._advance()  # AI seats move, as the room's driver would
        steps = max(steps, len(room.session.log))
        for seat in [*ACTORS, None]:
            allowed[seat] |= visible_texts(room, seat)
        for seat, rec in seats.items():
            for text, message in rec.fresh():
                check_seat_message(text, message, seat, allowed[seat])
            last = rec.latest_state()
            if last["state"] == room.state_id:  # the newest state it was sent is exactly its view now
                full = rec.detail == "full"
                assert last["view"] == {k: v for k, v in room.session.view(seat, full).items() if k != "catalogue"}
        for text, message in spectator.fresh():
            check_public_message(text, message, allowed[None])
    await room.stop()
    return steps


ACTIONS = st.lists(
    st.tuples(st.sampled_from(["seat"] * 8 + ["fac", "fac", "stale", "wrong_seat", "rollback", "sync", "peek"]),
              st.integers(0, 10_000)),
    min_size=1, max_size=120,
)  # fmt: skip


@settings(max_examples=40)
@given(seed=st.integers(0, 2**31), actions=ACTIONS)
def test_no_message_to_a_seat_or_a_spectator_holds_another_seat_s_secrets(seed: int, actions: list) -> None:
    asyncio.run(play(seed, actions))


def test_a_long_game_with_every_power_reveals_nothing() -> None:
    rng = random.Random(5)
    kinds = ["seat"] * 12 + ["fac", "stale", "wrong_seat", "sync", "peek"]
    actions = [(rng.choice(kinds), rng.randrange(10_000)) for _ in range(300)] + [("rollback", 7)]
    actions += [(rng.choice(kinds), rng.randrange(10_000)) for _ in range(900)]
    assert asyncio.run(play(2, actions, secretive(rounds=8))) > 60
