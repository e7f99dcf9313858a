"""The client side: ``RemoteSession`` (what a front end uses instead of a local Session), the terminal client, and
the ``parley host`` / ``parley join`` commands' one-line errors."""

from __future__ import annotations

import asyncio
import io
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from game.cli import run
from game.core.errors import IllegalMove
from game.core.moves import Pass
from game.net.client import RemoteError, RemoteSession, server_url
from game.net.server import Server
from game.net.terminal import run_terminal
from game.scenario import resolve_scenario
from tests.net.helpers import all_human, secretive


class ServerThread:
    """A server on its own event loop and thread, so that blocking clients can be tested from plain tests."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.server = Server()

    def call(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(30)

    def start(self) -> int:
        return self.call(self.server.start("127.0.0.1", 0))  # type: ignore[no-any-return]

    def stop(self) -> None:
        self.call(self.server.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


@pytest.fixture
def hosted_thread() -> Iterator[ServerThread]:
    host = ServerThread()
    try:
        yield host
    finally:
        host.stop()


def test_a_remote_session_answers_like_a_local_one_for_its_own_seat(hosted_thread: ServerThread) -> None:
    scenario = secretive()
    room = hosted_thread.server.create_room(scenario, 1, all_human(scenario))
    port = hosted_thread.start()
    seat = room.session.to_move()
    remote = RemoteSession.connect(f"127.0.0.1:{port}", room.codes.seats[seat])
    try:
        assert (remote.role, remote.seat, remote.room) == ("seat", seat, room.id)
        assert remote.scenario is None  # a scenario built here for the test: this machine has no such file
        assert (remote.state.round, remote.state.phase, remote.state.paused) == (1, "diplomacy", False)
        assert remote.to_move() == seat and remote.controller(seat) == "human" and not remote.over
        assert remote.view(seat) == room.session.view(seat)  # the catalogue is put back from the welcome
        assert remote.legal_moves(seat) == room.session.legal_moves(seat)
        with pytest.raises(ValueError, match="only the"):
            remote.view("zz")
        with pytest.raises(IllegalMove) as refused:
            remote.submit({"kind": "accept", "agreement": "a1"})
        assert refused.value.code == "wrong_phase"
        remote.submit(Pass(seat))
        assert remote.wait(5)
        assert remote.steps == 1 and remote.hash() == room.state_id and remote.to_move() != seat
        with pytest.raises(IllegalMove) as refused:
            remote.submit(Pass(seat))
        assert refused.value.code == "not_your_turn"
    finally:
        remote.close()


def test_a_remote_facilitator_uses_every_request(hosted_thread: ServerThread) -> None:
    scenario = secretive()
    room = hosted_thread.server.create_room(scenario, 1, all_human(scenario))
    port = hosted_thread.start()
    remote = RemoteSession.connect(f"ws://127.0.0.1:{port}", room.codes.facilitator)
    try:
        assert remote.role == "facilitator" and remote.seat is None
        assert remote.scenario is None
        assert remote.request("seat_view", seat="bb")["view"]["seat"] == "bb"
        assert remote.request("log")["entries"] == []
        remote.submit({"kind": "assign_seat", "seat": "aa", "controller": "cooperative"})
        assert remote.controller("aa") == "cooperative" or remote.wait(5)
    finally:
        remote.close()


def test_a_wrong_code_or_no_server_is_one_clear_error(hosted_thread: ServerThread) -> None:
    port = hosted_thread.start()
    with pytest.raises(RemoteError, match="No seat, facilitator or spectator has this code"):
        RemoteSession.connect(f"127.0.0.1:{port}", "AAAA-BBBB-CCCC-DDDD")
    hosted_thread.stop()
    hosted_thread.__init__()  # type: ignore[misc]  # a fresh loop for the fixture to stop
    with pytest.raises(RemoteError, match="Cannot reach a Parley server"):
        RemoteSession.connect(f"127.0.0.1:{port}", "AAAA-BBBB-CCCC-DDDD")


@pytest.mark.parametrize(
    ("address", "url"),
    [("10.0.0.5", "ws://10.0.0.5:8765"), ("localhost:9000", "ws://localhost:9000"), ("ws://h:1/x", "ws://h:1/x"),
     ("[::1]:9000", "ws://[::1]:9000")],
)  # fmt: skip
def test_addresses_become_websocket_urls(address: str, url: str) -> None:
    assert server_url(address) == url


def test_the_terminal_client_plays_a_seat_to_the_end(hosted_thread: ServerThread) -> None:
    scenario = secretive()
    seats = {a.id: "cooperative" for a in scenario.actors} | {"aa": "human"}
    room = hosted_thread.server.create_room(scenario, 1, seats)
    port = hosted_thread.start()
    remote = RemoteSession.connect(f"127.0.0.1:{port}", room.codes.seats["aa"])
    out = io.StringIO()
    try:
        assert run_terminal(remote, io.StringIO("x\n99999\n" + "1\n" * 500), out) == 0
    finally:
        remote.close()
    text = out.getvalue()
    assert "Joined" in text and "Your move:" in text and "1. pass" in text and "The game is over" in text
    assert "Type a number from 1 to" in text  # what a mistyped choice gets


def test_the_terminal_facilitator_runs_the_exercise(hosted_thread: ServerThread, tmp_path) -> None:
    scenario = secretive()
    room = hosted_thread.server.create_room(scenario, 1, all_human(scenario))
    port = hosted_thread.start()
    remote = RemoteSession.connect(f"127.0.0.1:{port}", room.codes.facilitator)
    report = tmp_path / "debrief.md"
    commands = ["status", "pause Coffee", "resume", "deadline diplomacy 30", "extend 10", "ai bb hardliner",
                "view cc", "adjust tension 12 calmer", "nonsense", "end Time is up", f"report {report}", "quit"]  # fmt: skip
    out = io.StringIO()
    try:
        assert run_terminal(remote, io.StringIO("\n".join(commands) + "\n"), out) == 0
    finally:
        remote.close()
    text = out.getvalue()
    assert text.count("done") >= 6 and "Could not read 'nonsense'" in text and f"wrote {report}" in text
    assert room.session.over and "Time is up" in report.read_text()


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return run(list(argv), out, err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["host", "npt", "--seat", "zz=human"], "no actor 'zz'"),
     (["host", "npt", "--seat", "usa=wizard"], "unknown persona 'wizard'"),
     (["host", "npt", "--seat", "usa"], "--seat expects"),
     (["host", "npt", "--deadline", "lunch=5"], "No timed phase"),
     (["host", "npt", "--port", "70000"], "--port must be"),
     (["host", "npt", "--sessions", "0"], "--sessions must be"),
     (["join", "127.0.0.1:1", "not-a-code"], "is not a Parley code"),
     (["join", "127.0.0.1:x", "AAAA-BBBB-CCCC-DDDD"], "expected HOST or HOST:PORT"),
     (["join", "127.0.0.1:1", "AAAA-BBBB-CCCC-DDDD"], "Cannot reach a Parley server")],
)  # fmt: skip
def test_host_and_join_fail_with_one_line(argv: list[str], message: str, tmp_path) -> None:
    code, _, err = _cli(*argv, *(["--data", str(tmp_path)] if argv[0] == "host" else []))
    assert code == 1
    assert message in err and err.count("\n") == 1 and err.startswith("parley: error:")


def test_host_refuses_a_port_in_use(tmp_path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        code, _, err = _cli("host", "npt", "--port", str(busy.getsockname()[1]), "--data", str(tmp_path))
    assert code == 1 and "cannot listen on 127.0.0.1" in err and err.count("\n") == 1


def test_the_scenario_catalogue_is_what_the_core_publishes() -> None:
    from game.core.view import catalogue

    scenario = resolve_scenario("npt")
    server = Server()
    room = server.create_room(scenario, 1, all_human(scenario))
    welcome = room._welcome(type("M", (), {"role": "seat", "seat": "usa"})(), None)
    assert welcome["catalogue"] == catalogue(scenario)


def test_host_names_a_damaged_server_record(tmp_path) -> None:
    (tmp_path / "npt-1.room.json").write_text("{not json", encoding="utf-8")
    code, _, err = _cli("host", "npt", "--port", "0", "--data", str(tmp_path))
    assert code == 1 and "npt-1.room.json: not a usable room record" in err and err.count("\n") == 1


def test_a_built_in_scenario_is_found_on_the_client_by_its_hash(hosted_thread: ServerThread) -> None:
    scenario = resolve_scenario("npt")
    room = hosted_thread.server.create_room(scenario, 1, all_human(scenario))
    port = hosted_thread.start()
    remote = RemoteSession.connect(f"127.0.0.1:{port}", room.codes.spectator)
    try:
        assert remote.role == "spectator" and remote.scenario is not None
        assert remote.scenario.model_dump() == scenario.model_dump()
        assert remote.view()["seat"] == "spectator" and remote.legal_moves() == []
    finally:
        remote.close()
