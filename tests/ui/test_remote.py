"""``parley join`` in the window: a seat at the table, the facilitator's console and the projector's view, each
against a real server on loopback (tests/net/helpers.py's ``hosted``, on a thread of its own)."""

from __future__ import annotations

import asyncio
import contextlib
import io
import random
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pygame
import pytest

from game.cli import run
from game.core.errors import IllegalMove
from game.net.client import RemoteSession
from game.net.room import Room
from game.scenario import resolve_scenario
from game.ui.remote import open_remote
from game.ui.screens.console import ConsoleScreen
from game.ui.screens.spectator import SpectatorScreen
from game.ui.screens.table import TableScreen
from tests.net.helpers import all_human, hosted, pick, secretive
from tests.ui.helpers import choose, click, drawn, find, frames, press


class Host:
    """A server on loopback, run by ``hosted`` on its own event loop and thread, for the window's blocking client."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self._hosted = hosted()
        self.server, self.port = self.call(self._hosted.__aenter__())
        self.remotes: list[RemoteSession] = []

    def call(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(30)

    def room(self, scenario: Any, seats: dict[str, str], seed: int = 1) -> Room:
        async def create() -> Room:  # on the server's loop: the room starts its AI driver there
            return self.server.create_room(scenario, seed, seats)

        return self.call(create())  # type: ignore[no-any-return]

    def join(self, code: str) -> RemoteSession:
        remote = RemoteSession.connect(f"127.0.0.1:{self.port}", code, reconnect_for=2)
        self.remotes.append(remote)
        return remote

    def close(self) -> None:
        for remote in self.remotes:
            remote.close()
        self.call(self._hosted.__aexit__(None, None, None))
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


@pytest.fixture
def host() -> Iterator[Host]:
    server = Host()
    try:
        yield server
    finally:
        server.close()


def until(app: Any, done: Callable[[], bool], seconds: float = 10.0) -> None:
    """Run frames (and let the network thread deliver) until ``done``."""
    end = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < end, f"not reached in {seconds} s on {type(app.screen).__name__}"
        app.tick(1 / 60)
        time.sleep(0.003)


def npt_room(host: Host, **seats: str) -> Room:
    scenario = resolve_scenario("npt")  # built in here too: the table finds the same scenario by its hash
    return host.room(scenario, {a.id: seats.get(a.id, "human") for a in scenario.actors})


def test_a_seat_joins_at_the_table_and_its_move_reaches_the_server(app, host):
    room = npt_room(host)
    open_remote(app, host.join(room.codes.seats["usa"]))
    frames(app, 2)
    assert isinstance(app.screen, TableScreen) and app.screen.seat == "usa"
    text = drawn(app)
    assert "You are United States" in text and "your move" in text
    assert "White cell" not in text  # the facilitator's powers are the console's, with its own code
    press(app, pygame.K_e)  # pass
    until(app, lambda: len(room.session.log) == 1)
    assert (room.session.log[0].move.kind, room.session.log[0].move.actor) == ("pass", "usa")
    until(app, lambda: app.screen.view["to_move"] == "russia")
    frames(app, 2)
    assert "Russian Federation to move" in drawn(app) and "Waiting for Russian Federation" in drawn(app)


def test_a_move_on_a_state_the_game_has_left_is_refused_and_the_new_state_shown(app, host):
    room = npt_room(host)
    seat = host.join(room.codes.seats["usa"])
    open_remote(app, seat)
    frames(app, 2)
    facilitator = host.join(room.codes.facilitator)
    facilitator.submit({"kind": "adjust", "target": "tension", "value": 50.0, "reason": "a border incident"})
    end = time.monotonic() + 5
    while seat.steps < 1 and time.monotonic() < end:  # the seat has the new state; the window has not drawn it
        time.sleep(0.005)
    press(app, pygame.K_e)  # decided on the state shown: before the adjustment
    assert len(room.session.log) == 1  # refused: nothing applied
    assert "The game has moved on" in drawn(app)
    assert app.screen.view["tension"] == 50.0  # and the table shows the state it moved on to
    press(app, pygame.K_e)
    until(app, lambda: len(room.session.log) == 2)
    assert room.session.log[1].move.kind == "pass"


def test_the_facilitator_console_shows_every_seat_and_pauses_and_resumes(app, host):
    room = npt_room(host, russia="cooperative")
    open_remote(app, host.join(room.codes.facilitator))
    frames(app, 2)
    assert isinstance(app.screen, ConsoleScreen)
    text = drawn(app)
    assert "waiting on United States" in text and "TO MOVE" in text
    assert "AI: cooperative" in text and "offline" in text and "AI on server" in text
    assert room.codes.seats["usa"] not in text  # codes only when asked for
    click(app, find(app, "#fac_pause"))
    until(app, lambda: room.session.state.paused)
    until(app, lambda: "PAUSED" in drawn(app))
    assert find(app, "#fac_pause").text == "Resume"
    assert room.session.log[-1].move.kind == "pause"
    click(app, find(app, "#fac_pause"))
    until(app, lambda: not room.session.state.paused)
    until(app, lambda: find(app, "#fac_pause").text == "Pause")
    choose(app, find(app, "#view_menu"), "Seen by Russian Federation")  # one seat's view, on the board
    frames(app, 2)
    assert app.screen.seen == "russia" and "Your trust in them:" in drawn(app)
    click(app, find(app, "#con_codes"))
    assert room.codes.seats["usa"] in drawn(app)


def test_the_console_sets_time_limits_rolls_back_and_downloads_the_report(app, host, tmp_path):
    room = npt_room(host)
    seat = host.join(room.codes.seats["usa"])
    seat.submit({"kind": "pass"})
    open_remote(app, host.join(room.codes.facilitator))
    until(app, lambda: app.screen.match.step == 1)
    press(app, pygame.K_2)  # clock and record
    find(app, "#con_limit_diplomacy").set_text("120")
    click(app, find(app, "#con_deadlines"))
    until(app, lambda: room.deadlines.get("diplomacy") == 120)
    assert "Time limits set" in drawn(app)
    find(app, "#con_rollback_step").set_text("0")
    find(app, "#con_rollback_reason").set_text("usa misclicked")
    click(app, find(app, "#con_rollback"))
    until(app, lambda: len(host.server.rooms[room.id].session.log) == 0)
    until(app, lambda: app.screen.match.step == 0)
    target = tmp_path / "debrief.md"
    choose(app, find(app, "#con_format"), "Markdown")
    find(app, "#con_report_path").set_text(str(target))
    click(app, find(app, "#con_report"))
    assert target.read_text(encoding="utf-8").startswith("#") and "Wrote the debrief report" in drawn(app)
    press(app, pygame.K_3)  # the log
    assert "Round 1" in drawn(app)


def test_the_projector_view_draws_no_private_text(app, host):
    scenario = secretive(rounds=2)  # not built in here: the projector needs nothing but the server's states
    room = host.room(scenario, all_human(scenario), seed=3)
    open_remote(app, host.join(room.codes.spectator))
    frames(app, 2)
    assert isinstance(app.screen, SpectatorScreen)
    seen = set(app.drawn_texts())
    facilitator = host.join(room.codes.facilitator)
    player = host.join(room.codes.seats["aa"])  # one team, played here between frames; the others by the server
    rng = random.Random(5)
    for actor in scenario.actors[1:]:
        for _ in range(20):  # the AI seats move in between: a stale state is tried again on the newest one
            try:
                facilitator.submit({"kind": "assign_seat", "seat": actor.id, "controller": "cooperative"})
                break
            except IllegalMove as exc:
                assert exc.code == "stale_state", exc
                time.sleep(0.01)
    end = time.monotonic() + 20
    steps = set()
    while not app.screen.match.session.over:
        assert time.monotonic() < end, "the game did not end"
        if player.latest.get("your_turn"):
            with contextlib.suppress(IllegalMove):  # stale: the next frame tries again
                player.submit(pick(player.latest, "aa", rng, pass_bias=0.3))
        app.tick(1 / 60)
        seen.update(app.drawn_texts())
        view = app.screen.view
        steps.add(app.screen.match.step)
        assert not [a for a in view["actors"] if {"briefing", "private_objectives", "capital", "trust"} & set(a)]
        assert not [n for n in view["notices"] if n.get("to")] and "intel" not in view
        time.sleep(0.002)
    assert len(steps) >= 5  # the projector followed the game as it went
    frames(app, 2)
    seen.update(app.drawn_texts())
    text = "\n".join(seen)
    assert "SECRET-" not in text  # no briefing, no private objective
    private = [n["text"] for n in room.session.view("facilitator")["notices"] if n["to"]]
    assert private  # the game had secrets to keep
    assert not [p for p in private if p in text]
    assert "Game over" in text and "In force" in text


def test_join_without_a_display_or_with_a_bad_code_is_one_line(host, monkeypatch):
    room = npt_room(host)
    out, err = io.StringIO(), io.StringIO()
    assert run(["join", f"127.0.0.1:{host.port}", "AAAA-BBBB-CCCC-DDDD"], out, err) == 1
    assert err.getvalue().count("\n") == 1 and "Traceback" not in err.getvalue()
    monkeypatch.setenv("SDL_VIDEODRIVER", "no-such-driver")
    err = io.StringIO()
    assert run(["join", f"127.0.0.1:{host.port}", room.codes.spectator], out, err) == 1
    assert "cannot open the game window" in err.getvalue() and err.getvalue().count("\n") == 1


def test_parley_join_opens_the_window_for_the_code_and_ends_when_it_is_closed(host):
    room = npt_room(host)
    pygame.init()
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # the window's close button, on the first frame
    out, err = io.StringIO(), io.StringIO()
    assert run(["join", f"127.0.0.1:{host.port}", room.codes.spectator], out, err) == 0, err.getvalue()


def test_a_seat_of_a_scenario_this_machine_lacks_is_sent_to_the_terminal_in_one_line(host):
    scenario = secretive()
    room = host.room(scenario, all_human(scenario))
    out, err = io.StringIO(), io.StringIO()
    assert run(["join", f"127.0.0.1:{host.port}", room.codes.seats["aa"]], out, err) == 1
    assert "--terminal" in err.getvalue() and err.getvalue().count("\n") == 1


def test_a_lost_server_is_said_at_the_table(app, host):
    room = npt_room(host)
    open_remote(app, host.join(room.codes.seats["usa"]))  # gives up reconnecting after 2 s
    frames(app, 2)
    host.call(host.server.close())
    until(app, lambda: "Disconnected: Lost the connection" in drawn(app), seconds=15)
