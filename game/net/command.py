"""``parley host`` (serve sessions to a classroom) and ``parley join`` (take a seat on a server)."""

from __future__ import annotations

import argparse
import asyncio
import gc
import signal
import sys
from pathlib import Path
from typing import TextIO

from game.net import protocol

DEFAULT_PORT = 8765


def add_parser(commands: argparse._SubParsersAction) -> None:
    host = commands.add_parser("host", help="host networked sessions and print their join codes")
    host.add_argument("scenario", metavar="SCENARIO", help="a built-in name (e.g. npt) or a path")
    host.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDR",
        help="address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for a classroom LAN)",
    )
    host.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    host.add_argument(
        "--seat",
        action="append",
        default=[],
        metavar="ACTOR=PERSONA",
        help="who plays an actor: human (the default for every actor) or an AI persona such as "
        "hardliner:hard (repeatable)",
    )
    host.add_argument(
        "--seed",
        type=int,
        default=None,
        metavar="N",
        help="seed of the first session (the next ones count up); default: random",
    )
    host.add_argument("--sessions", type=int, default=1, metavar="K", help="sessions to host at once (default 1)")
    host.add_argument(
        "--data",
        default=None,
        metavar="DIR",
        help="folder for saves and codes (default saves/server); unfinished sessions in it are resumed",
    )
    host.add_argument(
        "--new", action="store_true", help="start new sessions even when unfinished ones were resumed from --data"
    )
    host.add_argument(
        "--deadline",
        action="append",
        default=[],
        metavar="PHASE=SECONDS",
        help="time limit of each seat's turn in a phase, e.g. diplomacy=180 (repeatable)",
    )
    host.set_defaults(run=run_host)  # fmt: skip

    join = commands.add_parser("join", help="join a hosted session with a seat, facilitator or spectator code")
    join.add_argument("address", metavar="HOST[:PORT]", help=f"the server (port {DEFAULT_PORT} if not given)")
    join.add_argument("code", metavar="CODE", help="the code the host printed")
    join.add_argument("--terminal", action="store_true", help="play in this terminal instead of the game window")
    join.set_defaults(run=run_join)


def _pairs(items: list[str], flag: str, form: str) -> dict[str, str]:
    from game.cli import CommandError

    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise CommandError(f"{flag} expects {form}, got '{item}'")
        out[key] = value
    return out


def _seats(scenario, given: dict[str, str]) -> dict[str, str]:  # noqa: ANN001 - a Scenario
    from game.ai.personas import PersonaError, build, parse_choice
    from game.cli import CommandError

    actors = [a.id for a in scenario.actors]
    for actor, who in given.items():
        if actor not in actors:
            raise CommandError(f"--seat: no actor '{actor}' in scenario '{scenario.id}'; actors: {', '.join(actors)}")
        if who != "human":
            name, level = parse_choice(who)
            try:
                build(name, None, level)
            except PersonaError as exc:
                raise CommandError(f"--seat {actor}={who}: {exc}") from None
    return {actor: given.get(actor, "human") for actor in actors}


def _deadlines(given: dict[str, str]) -> dict[str, float]:
    from game.cli import CommandError
    from game.net.deadlines import read_deadlines

    try:
        parsed = read_deadlines({phase: float(seconds) for phase, seconds in given.items()})
    except ValueError as exc:
        raise CommandError(f"--deadline: {exc}") from None
    return {phase: seconds for phase, seconds in parsed.items() if seconds is not None}


def run_host(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.cli import CommandError
    from game.net.server import Server
    from game.net.store import DEFAULT_DIRECTORY, Store, StoreError
    from game.scenario import resolve_scenario

    if not 0 <= args.port <= 65535:
        raise CommandError(f"--port must be from 0 to 65535, not {args.port}")
    if not 1 <= args.sessions <= 100:
        raise CommandError(f"--sessions must be from 1 to 100, not {args.sessions}")
    if args.seed is not None and not 0 <= args.seed < 2**63:
        raise CommandError(f"--seed must be a whole number from 0, not {args.seed}")
    scenario = resolve_scenario(args.scenario)  # a ScenarioError is reported by the CLI
    seats = _seats(scenario, _pairs(args.seat, "--seat", "ACTOR=human or ACTOR=PERSONA[:LEVEL]"))
    deadlines = _deadlines(_pairs(args.deadline, "--deadline", "PHASE=SECONDS"))
    try:
        store = Store(Path(args.data) if args.data else DEFAULT_DIRECTORY)
        server = Server(store)
        resumed = server.resume_rooms()
        created = []
        if not resumed or args.new:
            for k in range(args.sessions):
                seed = None if args.seed is None else args.seed + k
                created.append(server.create_room(scenario, seed, seats, scenario_ref=args.scenario,
                                                  deadlines=deadlines))  # fmt: skip
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    # The scenario and the modules live as long as the server: keep them out of every garbage collection, whose
    # full passes otherwise rescan them and stall a move by milliseconds (see docs/PERFORMANCE.md).
    gc.freeze()
    return asyncio.run(_serve(server, args.bind, args.port, resumed, created, out, err))


def _print_rooms(server, resumed, created, out: TextIO) -> None:  # noqa: ANN001
    for room in [*resumed, *created]:
        session = room.session
        how = "resumed at step" if room in resumed else "new, seed"
        detail = len(session.log) if room in resumed else session.seed
        print(f"\nsession {room.id}: {session.scenario.title} ({how} {detail})", file=out)
        for seat, code in room.codes.seats.items():
            controller = session.controller(seat)
            label = "team" if controller == "human" else f"AI {controller} (code for a hand-over)"
            print(f"  {seat:<14} {code}   {label}", file=out)
        print(f"  {'facilitator':<14} {room.codes.facilitator}", file=out)
        print(f"  {'spectators':<14} {room.codes.spectator}   (projector: public view only)", file=out)


async def _serve(server, bind: str, port: int, resumed, created, out: TextIO, err: TextIO) -> int:  # noqa: ANN001
    from game.cli import CommandError

    try:
        bound = await server.start(bind, port)
    except OSError as exc:
        await server.close()
        raise CommandError(f"cannot listen on {bind}:{port} ({exc.strerror or exc})") from None
    shown = "this machine's address on the room's network" if bind in ("0.0.0.0", "::") else bind
    print(f"Parley server (protocol {protocol.VERSION}) listening on ws://{bind}:{bound}; "
          f"saves in {server.store.directory if server.store else 'memory'}", file=out)  # fmt: skip
    if resumed:
        print(f"resumed {len(resumed)} unfinished session(s) with their codes", file=out)
    _print_rooms(server, resumed, created, out)
    print(f"\njoin with: parley join {shown}:{bound} CODE      (stop the server with Ctrl-C)", file=out)
    out.flush()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            asyncio.get_running_loop().add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # pragma: no cover - not on this platform
            pass
    try:
        await stop.wait()
    finally:
        await server.close()
    print("server stopped; every session is saved and resumes at the next 'parley host' with the same --data",
          file=err)  # fmt: skip
    return 0


def run_join(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.cli import CommandError
    from game.net.client import RemoteError, RemoteSession, server_url
    from game.net.codes import normalise

    try:
        server_url(args.address)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    if normalise(args.code) is None:
        raise CommandError(f"'{args.code}' is not a Parley code (16 letters and digits, e.g. K7QP-3MZD-R8WX-T2HN)")
    try:
        remote = RemoteSession.connect(args.address, args.code)
    except RemoteError as exc:
        raise CommandError(exc.reason) from None
    try:
        play = None if args.terminal else _ui_entry()
        if play is not None:
            return int(play(remote))
        from game.net.terminal import run_terminal

        return run_terminal(remote, sys.stdin, out)
    finally:
        remote.close()


def _ui_entry():  # noqa: ANN202 - the front end's remote entry point, or None
    """``game.ui.remote.play_remote(remote) -> int`` if the front end offers it (it opens the window)."""
    try:
        from game.ui import remote  # type: ignore[attr-defined]
    except ImportError:
        return None
    return getattr(remote, "play_remote", None)
