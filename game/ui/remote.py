"""Networked play in the window (``parley join``): a seat at the table, the facilitator's console, or the
projector's public view, over a ``game.net.client.RemoteSession``.

The server is authoritative: the window shows the states it is sent and sends moves; it plays no AI (the server
plays the AI seats). A move is sent against the state the player was shown; if the game moved on first, the server
refuses it as stale, and the window says so and shows the new state.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.core.moves import FACILITATOR, Move
from game.net.client import RemoteError, RemoteSession

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402 - here, so that without pygame 'parley join' falls back to its terminal client

if TYPE_CHECKING:
    from game.core.spec import Scenario
    from game.ui.app import App
    from game.ui.settings import Settings

RETRIES = 4  # a facilitator's action means "now": after a stale refusal it is sent again on the newest state


class RemoteGame:
    """The few ``Session`` methods the screens use, answered from the latest state the server sent.

    ``scenario`` is this machine's copy of the scenario (the same by content hash), or None when it has none.
    """

    log: list[Any] = []  # the move log stays on the server (the facilitator asks for it with a request)

    def __init__(self, remote: RemoteSession, scenario: Scenario | None) -> None:
        self.remote = remote
        self.scenario = scenario
        self.shown_state = remote.hash()  # the state id of the last view handed to a screen

    def view(self, seat: str | None = None, full: bool = True) -> dict[str, Any]:
        while True:  # the state id and the view of one state message (a new one may arrive in between)
            state_id = self.remote.hash()
            view = self.remote.view(seat)
            if self.remote.hash() == state_id:
                self.shown_state = state_id
                return view

    def legal_moves(self, seat: str | None = None) -> list[Any]:
        return self.remote.legal_moves(seat)

    def to_move(self) -> str | None:
        return self.remote.to_move()

    def controller(self, seat: str) -> str:
        """Who plays ``seat``, or "" when this connection is not told (a seat knows its own and hand-overs)."""
        latest = self.remote.latest
        if self.remote.role == "seat" and seat == self.remote.seat:
            return str(latest.get("controller", "human"))
        if "seats" in latest:
            return str(latest["seats"].get(seat, {}).get("controller", ""))
        return str(latest.get("view", {}).get("controllers", {}).get(seat, ""))

    @property
    def over(self) -> bool:
        return self.remote.over

    def outcome(self) -> dict[str, Any]:
        """What the end of the game shows, as far as this connection's view tells it."""
        view = self.remote.view()
        return {
            "scores": {a["id"]: a["score"] for a in view["actors"] if "score" in a},
            "agreements_in_force": sum(a["status"] in ("in_force", "suspected") for a in view["agreements"]),
            "violations_detected": sum(r.get("violations_found", 0) for r in view.get("record", {}).values()),
        }


class RemoteMatch:
    """What the screens need of a game being played (see ``game.ui.match.Match``), for a game on a server."""

    networked = True

    def __init__(self, remote: RemoteSession, settings: Settings, scenario: Scenario | None = None) -> None:
        self.remote = remote
        self.settings = settings
        self.session = RemoteGame(remote, scenario)
        self.autosave = None  # the server keeps the save
        self.error = ""
        self.notice = ""
        self.seen_events: dict[str, set[str]] = {}
        self.thinking = None  # no AI decides on this machine
        self.hot_seat = False
        self._closed_seen = False
        self._state_seen = ("", time.monotonic())  # the newest state id and when it arrived, for the turn clock

    @property
    def step(self) -> int:
        return self.remote.steps

    @property
    def role(self) -> str:
        return self.remote.role

    def humans(self) -> list[str]:
        seat = self.remote.seat
        return [seat] if seat is not None else []

    def human_to_move(self) -> str | None:
        latest = self.remote.latest
        return self.remote.seat if latest.get("your_turn") else None

    def ai_to_move(self) -> str | None:
        return None

    def deciding(self) -> str | None:
        return None  # the server's AI seats decide out of sight

    @property
    def save_error(self) -> str:
        """The server's trouble writing the save (the facilitator is told), or ""."""
        return str(self.remote.latest.get("save_error") or "")

    def status(self) -> str:
        if self.remote.closed_reason:
            return f"Disconnected: {self.remote.closed_reason}"
        return self.error or self.save_error or self.notice

    def clock(self) -> str:
        """The running turn clock, e.g. "United States: 42 s left", or ""."""
        deadline = self.remote.latest.get("deadline")
        if not deadline:
            return ""
        left = float(deadline.get("seconds_left") or 0.0)
        if deadline.get("running"):
            left = max(0.0, left - (time.monotonic() - self._state_seen[1]))
        who = deadline.get("seat", "")
        name = next((a["name"] for a in self.remote.actors if a["id"] == who), who)
        if who == self.remote.seat:
            name = "Your turn"
        return f"{name}: {left:.0f} s left" + ("" if deadline.get("running") else " (paused)")

    # -- moves and requests -------------------------------------------------------------------------------------

    def submit(self, move: Move | dict[str, Any], rationale: str = "") -> str | None:
        """Send a move against the state the player was shown; the refusal's reason, or None if it was applied.

        A facilitator's move is sent again on the newest state when an AI seat moved first (it means "now")."""
        data = move.to_dict() if isinstance(move, Move) else dict(move)
        facilitator = data.get("actor") == FACILITATOR or self.role == "facilitator"
        state = self.remote.hash() if facilitator else self.session.shown_state
        for attempt in range(RETRIES + 1):
            fields: dict[str, Any] = {"state": state, "move": data}
            if rationale and rationale != "facilitator":
                fields["note"] = rationale[:500]
            try:
                answer = self.remote.request("move", **fields)
            except RemoteError as exc:
                self.error = exc.reason
                return self.error
            if answer.get("type") != "error":
                self.error = ""
                self._wait_for(int(answer.get("step", 0)))
                return None
            if answer.get("code") == "stale_state" and facilitator and attempt < RETRIES:
                state = str(answer.get("state") or self.remote.hash())
                continue
            self.error = str(answer.get("reason") or answer.get("code") or "refused")
            return self.error
        return self.error  # pragma: no cover - the loop always returns

    def request(self, kind: str, **fields: Any) -> dict[str, Any]:
        """A request of docs/PROTOCOL.md; raises ``RemoteError`` if the server refuses it or cannot be reached."""
        answer = self.remote.request(kind, **fields)
        if answer.get("type") == "error":
            raise RemoteError(str(answer.get("code")), str(answer.get("reason")))
        return answer

    def _wait_for(self, step: int, timeout: float = 2.0) -> None:
        """The state a move made follows its ack: wait for it briefly so the next frame shows the move."""
        end = time.monotonic() + timeout
        while self.remote.steps < step and not self.remote.closed_reason and time.monotonic() < end:
            time.sleep(0.002)

    # -- the frame ----------------------------------------------------------------------------------------------

    def update(self, dt: float) -> bool:
        """True when a new state has arrived since the last frame."""
        fresh = self.remote.poll()
        if self.remote.closed_reason and not self._closed_seen:  # say so once: nothing more will arrive
            self._closed_seen = fresh = True
        state_id = self.remote.hash()
        if state_id != self._state_seen[0] or fresh:
            self._state_seen = (state_id, time.monotonic())
        return fresh

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Nothing runs in the background here (the server plays the AI seats)."""

    def close(self) -> None:
        """The connection belongs to ``parley join``, which closes it when the window is gone."""


def open_remote(app: App, remote: RemoteSession) -> None:
    """Show the screen for the code's role: the table for a seat, the console for the facilitator, the projector
    view for spectators. Raises ``ValueError`` when a seat's table needs a scenario this machine does not have."""
    role = remote.role
    scenario = remote.scenario
    match = RemoteMatch(remote, app.settings, scenario)
    if role == "seat":
        if scenario is None:
            info = remote.scenario_title or "the hosted scenario"
            raise ValueError(f"the table needs the scenario ({info}) on this machine, and this Parley does not have "
                             "it built in in the same version; play with 'parley join … --terminal'")  # fmt: skip
        from game.ui.screens.table import TableScreen

        assert remote.seat is not None
        app.show(TableScreen(app, match, remote.seat))  # type: ignore[arg-type]
    elif role == "facilitator":
        from game.ui.screens.console import ConsoleScreen

        app.show(ConsoleScreen(app, match))
    else:
        from game.ui.screens.spectator import SpectatorScreen

        app.show(SpectatorScreen(app, match))


def play_remote(remote: RemoteSession, run: Callable[[Any], None] | None = None) -> int:
    """``parley join``'s window: open the screen for the code and run until the window is closed."""
    from game.cli import CommandError
    from game.ui.app import App
    from game.ui.settings import Settings

    try:
        app = App(Settings.load())
    except pygame.error as exc:
        raise CommandError(f"cannot open the game window: {exc} (no display? 'parley join … --terminal' plays in "
                           "the terminal)") from None  # fmt: skip
    from game.ui.app import invisible

    if invisible() is not None:
        app.close()
        raise CommandError("cannot open the game window: there is no screen to show it on (no DISPLAY or "
                           "WAYLAND_DISPLAY); 'parley join … --terminal' plays in the terminal")  # fmt: skip
    try:
        try:
            open_remote(app, remote)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        (run or (lambda a: a.run()))(app)
    finally:
        app.close()
    return 0


def report_path(room: str, fmt: str) -> Path:
    """Where the console saves a downloaded debrief report by default."""
    return Path(f"{room}-report.{fmt}")
