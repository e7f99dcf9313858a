"""A game being played in the window: the session, its AI seats moving at a visible pace, and the autosave.

AI decisions run in a worker thread so frames keep coming while a Strategist thinks; the result is applied on
the main thread. Facilitator moves made while an AI thinks wait for it, so the session never changes under a
thinking AI. At the "instant" pace AI moves run on the main thread within a small time budget per frame.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from game.ai.personas import AI, build, parse_choice
from game.ai.play import turn_for
from game.ai.simple import Decision
from game.core.errors import IllegalMove
from game.core.moves import FACILITATOR, Move
from game.core.session import Session
from game.core.spec import Scenario
from game.ui import saves_link
from game.ui.settings import Settings

HUMAN = "human"
INSTANT_BUDGET = 0.02  # seconds of AI moves per frame at the instant pace
SAY_DECIDING_AFTER = 0.25  # seconds an AI decides before the table says so


class Match:
    """A session with its AIs. ``update(dt)`` lets AI seats move; humans and the facilitator call ``submit``."""

    networked = False  # a game on this machine (``game.ui.remote.RemoteMatch`` is one on a server)

    def __init__(self, session: Session, settings: Settings, autosave: Any = None) -> None:
        self.session = session
        self.settings = settings
        self.autosave = autosave
        self.error = ""  # the last refusal or AI failure, shown to the player
        self._ais: dict[tuple[str, str], AI] = {}
        self._executor: ThreadPoolExecutor | None = None
        self._future: Future[Decision] | None = None
        self._thinking: tuple[str, str, int] | None = None  # (seat, controller, step) the AI was asked about
        self._wait = 0.0
        self._asked_at = 0.0
        self._queue: list[tuple[Move, str]] = []
        self.seen_events: dict[str, set[str]] = {}  # per seat, the events already shown to it as pop-ups
        self.notice = ""  # what loading the save warned about (a line cut off by a crash), until a human acts

    @classmethod
    def new(
        cls, scenario: Scenario, seed: int, seats: dict[str, str], settings: Settings, autosave: bool = True
    ) -> Match:
        session = Session(scenario, seed, seats)
        saver = None
        if autosave and saves_link.available():
            saver = saves_link.module().Autosave.start(session)  # type: ignore[union-attr]
        return cls(session, settings, saver)

    @classmethod
    def resume(cls, path: Path, settings: Settings) -> Match:
        saves = saves_link.module()
        if saves is None:
            raise ValueError("saves are not available in this installation")
        loaded, autosave = saves.resume_save(path)
        match = cls(loaded.session, settings, autosave)
        if loaded.warnings:  # the file's name is enough in the window (the warnings name its whole path)
            match.notice = "; ".join(w.replace(str(autosave.path), autosave.path.name) for w in loaded.warnings)
        return match

    @property
    def save_error(self) -> str:
        """Why the last move could not be written to the save (a full disk), or "": the game goes on meanwhile."""
        error = str(getattr(self.autosave, "error", None) or "")
        path = getattr(self.autosave, "path", None)
        return error.replace(str(path), path.name) if path is not None else error

    def status(self) -> str:
        """The line for the bottom of the window: a refusal or AI failure, else a save problem, else a notice."""
        return self.error or self.save_error or self.notice

    def clock(self) -> str:
        """The running turn clock: none in a game on this machine (hosted games have them)."""
        return ""

    # -- who plays --------------------------------------------------------------------------------------------

    @property
    def step(self) -> int:
        return len(self.session.log)

    def humans(self) -> list[str]:
        return [a.id for a in self.session.scenario.actors if self.session.controller(a.id) == HUMAN]

    @property
    def hot_seat(self) -> bool:
        """Two or more people share the screen: each seat's view must be hidden from the others."""
        return len(self.humans()) >= 2

    def human_to_move(self) -> str | None:
        seat = self.session.to_move()
        if seat is None or self.session.over or self.session.state.paused:
            return None
        return seat if self.session.controller(seat) == HUMAN else None

    def ai_to_move(self) -> str | None:
        seat = self.session.to_move()
        if seat is None or self.session.over or self.session.state.paused:
            return None
        return None if self.session.controller(seat) == HUMAN else seat

    @property
    def thinking(self) -> str | None:
        """The seat whose AI is deciding in the background, if any."""
        return self._thinking[0] if self._future is not None and self._thinking else None

    def deciding(self) -> str | None:
        """The seat whose AI has been deciding long enough to say so (a quick decision would only flash by)."""
        if self.thinking is None or time.perf_counter() - self._asked_at < SAY_DECIDING_AFTER:
            return None
        return self.thinking

    def ai_for(self, seat: str) -> AI:
        controller = self.session.controller(seat)
        key = (seat, controller)
        ai = self._ais.get(key)
        if ai is None:
            name, level = parse_choice(controller)
            actor = next(a for a in self.session.scenario.actors if a.id == seat)
            overrides = actor.persona_params if name == actor.persona else None
            ai = self._ais[key] = build(name, overrides, level)
        return ai

    # -- moves ------------------------------------------------------------------------------------------------

    def submit(self, move: Move, rationale: str = "") -> str | None:
        """Apply a human's or the facilitator's move; the refusal's reason, or None if it was applied."""
        if move.actor == FACILITATOR and self._future is not None:
            self._queue.append((move, rationale))
            return None
        try:
            self.session.submit(move, rationale)
        except IllegalMove as err:
            self.error = str(err)
            return self.error
        self.error = ""
        return None

    def update(self, dt: float) -> bool:
        """Let AI seats move when their time comes; True if the game changed."""
        changed = self._collect()
        while self._queue and self._future is None:
            move, rationale = self._queue.pop(0)
            changed = self.submit(move, rationale) is None or changed
        if self.ai_to_move() is None:
            self._wait = 0.0
            return changed
        pace = self.settings.pace_seconds
        if self._future is not None:
            return changed
        self._wait = min(self._wait, pace) - dt  # a pace made quicker in the settings applies at once
        if self._wait > 0:
            return changed
        if pace <= 0:
            deadline = time.perf_counter() + INSTANT_BUDGET
            while (seat := self.ai_to_move()) is not None and time.perf_counter() < deadline:
                self._apply(seat, self.ai_for(seat).decide(turn_for(self.session, seat)))
                changed = True
            return changed
        seat = self.ai_to_move()
        assert seat is not None
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parley-ai")
        self._thinking = (seat, self.session.controller(seat), self.step)
        self._asked_at = time.perf_counter()
        self._future = self._executor.submit(self.ai_for(seat).decide, turn_for(self.session, seat))
        return changed

    def _collect(self) -> bool:
        """Apply a finished background decision if it still fits the game."""
        if self._future is None or not self._future.done():
            return False
        future, asked = self._future, self._thinking
        self._future, self._thinking = None, None
        self._wait = self.settings.pace_seconds
        try:
            decision = future.result()
        except Exception as err:  # noqa: BLE001 - an AI failure must not take the window down
            self.error = f"The AI for {asked[0] if asked else '?'} failed: {type(err).__name__}: {err}"
            return False
        seat = self.ai_to_move()
        if asked is None or seat != asked[0] or self.session.controller(seat) != asked[1] or self.step != asked[2]:
            return False  # the game moved on (a hand-over, a pause): ask again
        return self._apply(seat, decision)

    def _apply(self, seat: str, decision: Decision) -> bool:
        try:
            self.session.submit(decision.move, decision.rationale)
        except IllegalMove as err:
            # An AI must only pick legal moves; if one does not, say so and let the facilitator take the seat.
            self.error = f"The AI for {seat} chose an illegal move: {err}"
            self.settings_pause(f"AI error on {seat}")
            return False
        return True

    def settings_pause(self, reason: str) -> None:
        from game.core.moves import Pause

        if not self.session.state.paused and not self.session.over:
            self.session.submit(Pause(FACILITATOR, reason), "paused by the front end after an AI error")

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Block until a background decision is done (tests, shutting down)."""
        if self._future is not None:
            self._future.exception(timeout=timeout)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
        closer = getattr(self.autosave, "close", None)
        if callable(closer):
            closer()
