"""A plain-terminal client for ``parley join``: a seat picks numbered moves, the facilitator types commands,
a spectator watches the public state scroll by. It works anywhere; the game window is the richer way to play."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from game.ai.candidates import concrete_moves
from game.core.errors import IllegalMove
from game.core.moves import Move
from game.net.client import RemoteError, RemoteSession

SHOWN = 80  # moves listed at once; a long list says how many more there are

FACILITATOR_HELP = """commands:
  status                      the seats, who has acted, who the game waits on
  pause REASON | resume       stop and restart the clock and the moves
  end REASON                  end the game now
  inject EVENT                queue an event from the deck for this round
  adjust TARGET VALUE REASON  e.g. adjust tension 40 calm things down
  ai SEAT PERSONA | human SEAT  put an AI on a seat, or hand it back to its team
  deadline PHASE SECONDS      time limit of each seat's turn in a phase (0: none)
  extend SECONDS              more time for the turn now running
  rollback STEP REASON        go back to step STEP (the save branches there)
  view SEAT                   what a seat sees now
  report FILE                 write the debrief report (HTML; .md for Markdown)
  quit"""


def describe(move: Move) -> str:
    data = move.to_dict()
    kind = data.pop("kind").replace("_", " ")
    data.pop("actor", None)
    parts = [f"{k} {','.join(v) if isinstance(v, list) else v}" for k, v in data.items()]
    return f"{kind} {'; '.join(parts)}".strip()


def summary(state: dict[str, Any]) -> str:
    view = state.get("view", {})
    mover = state.get("to_move") or "no one"
    paused = ", PAUSED" if state.get("paused") else ""
    clock = state.get("deadline")
    timed = f", {clock['seconds_left']:.0f}s left for {clock['seat']}" if clock else ""
    return (f"step {state.get('step')}, round {state.get('round')} {state.get('phase')}: tension "
            f"{view.get('tension', 0):.1f} ({view.get('rung', '?')}); waiting on {mover}{paused}{timed}")  # fmt: skip


def _ending(state: dict[str, Any]) -> str:
    view = state.get("view", {})
    return f"The game is over: {str(view.get('ending', '')).replace('_', ' ')} ({view.get('end_reason', '')})."


def run_terminal(remote: RemoteSession, inp: TextIO, out: TextIO) -> int:
    who = remote.seat if remote.role == "seat" else remote.role
    print(f"Joined {remote.room} ({remote.scenario_title}) as {who}.", file=out)
    if remote.role == "seat":
        return _play(remote, inp, out)
    if remote.role == "facilitator":
        return _facilitate(remote, inp, out)
    return _watch(remote, out)


def _play(remote: RemoteSession, inp: TextIO, out: TextIO) -> int:
    seat = remote.seat
    assert seat is not None
    last = None
    while True:
        state = remote.latest
        if state.get("state") != last:
            last = state.get("state")
            print(summary(state), file=out)
        if state.get("over"):
            print(_ending(state), file=out)
            return 0
        if remote.closed_reason:
            print(f"Disconnected: {remote.closed_reason}", file=out)
            return 1
        if not state.get("your_turn"):
            remote.wait(1.0)
            continue
        moves = concrete_moves(seat, remote.legal_moves(), max_addressees=1)
        moves.sort(key=lambda m: m.kind != "pass")
        print("Your move:", file=out)
        for n, move in enumerate(moves[:SHOWN], 1):
            print(f"  {n:>3}. {describe(move)}", file=out)
        if len(moves) > SHOWN:
            print(f"  ... and {len(moves) - SHOWN} more (numbers up to {len(moves)})", file=out)
        out.write("number (q to leave)> ")
        out.flush()
        line = inp.readline()
        if not line or line.strip().lower() in ("q", "quit"):
            return 0
        try:
            choice = moves[int(line) - 1]
        except (ValueError, IndexError):
            print(f"Type a number from 1 to {len(moves)}.", file=out)
            continue
        try:
            remote.submit(choice)
        except IllegalMove as exc:
            print(f"Refused: {exc.reason}", file=out)
        except RemoteError as exc:
            print(f"Not sent: {exc.reason}", file=out)


def _watch(remote: RemoteSession, out: TextIO) -> int:
    last = None
    while True:
        state = remote.latest
        if state.get("state") != last:
            last = state.get("state")
            print(summary(state), file=out)
            out.flush()
        if state.get("over"):
            print(_ending(state), file=out)
            return 0
        if remote.closed_reason:
            print(f"Disconnected: {remote.closed_reason}", file=out)
            return 1
        remote.wait(5.0)


def _panel(state: dict[str, Any]) -> str:
    lines = [summary(state)]
    for seat, s in state.get("seats", {}).items():
        lines.append(f"  {seat:<14} {s['controller']:<18} {'online ' if s['connected'] else 'offline'} "
                     f"{'acted' if s['acted'] else '     '} {'<- to move' if s['to_move'] else ''}")  # fmt: skip
    return "\n".join(lines)


def _facilitate(remote: RemoteSession, inp: TextIO, out: TextIO) -> int:
    print(_panel(remote.latest), file=out)
    print(FACILITATOR_HELP, file=out)
    while True:
        out.write("facilitator> ")
        out.flush()
        line = inp.readline()
        if not line:
            return 0
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            return 0
        try:
            print(_command(remote, words), file=out)
        except (IllegalMove, RemoteError) as exc:
            print(f"Refused: {exc.reason}", file=out)
        except (ValueError, IndexError):
            print(f"Could not read '{line.strip()}'; type 'help' for the commands", file=out)


def _answer(reply: dict[str, Any]) -> str:
    if reply["type"] == "error":
        raise RemoteError(reply["code"], reply["reason"])
    return "done"


def _submit_now(remote: RemoteSession, move: dict[str, Any]) -> None:
    """A facilitator's command means "now, whatever the AI seats just did": on a stale state, catch up and retry."""
    for attempt in range(5):
        try:
            remote.submit(move)
            return
        except IllegalMove as exc:
            if exc.code != "stale_state" or attempt == 4:
                raise
            remote.request("sync")


def _command(remote: RemoteSession, words: list[str]) -> str:
    verb, rest = words[0], words[1:]
    text = " ".join(rest)
    fac = "facilitator"
    moves: dict[str, Callable[[], dict[str, Any]]] = {
        "pause": lambda: {"kind": "pause", "actor": fac, "reason": text},
        "resume": lambda: {"kind": "resume", "actor": fac},
        "end": lambda: {"kind": "end_game", "actor": fac, "reason": text},
        "inject": lambda: {"kind": "inject_event", "actor": fac, "event": rest[0]},
        "adjust": lambda: {
            "kind": "adjust",
            "actor": fac,
            "target": rest[0],
            "value": float(rest[1]),
            "reason": " ".join(rest[2:]),
        },  # fmt: skip
        "ai": lambda: {"kind": "assign_seat", "actor": fac, "seat": rest[0], "controller": rest[1]},
        "human": lambda: {"kind": "assign_seat", "actor": fac, "seat": rest[0], "controller": "human"},
    }
    if verb in moves:
        _submit_now(remote, moves[verb]())
        return "done"
    if verb == "status":
        return _panel(remote.latest)
    if verb == "help":
        return FACILITATOR_HELP
    if verb == "deadline":
        return _answer(remote.request("deadlines", deadlines={rest[0]: float(rest[1])}))
    if verb == "extend":
        return _answer(remote.request("extend", seconds=float(rest[0])))
    if verb == "rollback":
        return _answer(remote.request("rollback", state=remote.hash(), step=int(rest[0]), reason=" ".join(rest[1:])))
    if verb == "view":
        reply = remote.request("seat_view", seat=rest[0])
        _answer(reply)
        return summary({**remote.latest, "view": reply["view"]})
    if verb == "report":
        path = Path(rest[0])
        reply = remote.request("report", format="md" if path.suffix == ".md" else "html")
        _answer(reply)
        path.write_text(reply["content"], encoding="utf-8")
        return f"wrote {path}"
    raise ValueError(verb)
