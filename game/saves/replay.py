"""Walking through a saved game for the debrief: seek, step, bookmark, see any seat's view, branch off.

>>> replay = Replay.open("saves/npt-20261124T091452-seed3.jsonl")   # doctest: +SKIP
>>> replay.seek_round(4, "verification"); replay.view("debrief")    # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from game.core.engine import apply
from game.core.errors import IllegalMove
from game.core.hashing import state_hash
from game.core.session import LogEntry, Session
from game.core.state import GameState
from game.core.view import view
from game.saves.format import FORMAT_VERSION, SaveError
from game.saves.reader import Note, SaveFile, entries, read_save, replay_moves, restore
from game.saves.writer import Autosave, note_line, reopen


class Replay:
    """A save opened for the debrief. Positions are steps: 0 is the start, ``len(replay)`` the last move."""

    def __init__(self, save: SaveFile) -> None:
        self.save = save
        self.entries: list[LogEntry] = entries(save)
        self._snapshot_steps = [s.step for s in save.snapshots]
        self._restored: dict[int, GameState] = {}
        self._state = self._at_snapshot(0).copy()  # the cached states stay as restored
        self._step = 0
        self._session: Session | None = None

    @classmethod
    def open(cls, path: Path | str) -> Replay:
        return cls(read_save(path))

    # --- what the save holds ----------------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.save.path

    @property
    def header(self) -> dict[str, Any]:
        return self.save.header

    @property
    def scenario(self):  # noqa: ANN201 - a Scenario
        return self.save.scenario

    @property
    def seed(self) -> int:
        return self.save.seed

    @property
    def seats(self) -> dict[str, str]:
        return self.save.seats

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def session(self) -> Session:
        """The whole game as a session, every hash checked (for the report)."""
        if self._session is None:
            self._session = replay_moves(self.save)
        return self._session

    # --- moving about -----------------------------------------------------------------------------------------

    @property
    def step(self) -> int:
        return self._step

    @property
    def state(self) -> GameState:
        """The state after ``step`` moves. Read it; do not change it."""
        return self._state

    def seek(self, step: int) -> GameState:
        """Go to the state after ``step`` moves (0 = the start)."""
        if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step <= len(self):
            raise ValueError(f"step {step!r} is not in this game: steps run from 0 to {len(self)}")
        if step == self._step:
            return self._state
        if self._step < step <= self._step + 100 and state_hash(self._state) == self._hash_at(self._step):
            state = self._state.copy()  # play on from here (unless a caller changed the state it was given)
            start = self._step
        else:
            k = bisect.bisect_right(self._snapshot_steps, step) - 1
            start = self._snapshot_steps[k] if k >= 0 else 0
            state = self._at_snapshot(start).copy()
        self._play(state, start, step)
        self._state, self._step = state, step
        return state

    def _hash_at(self, step: int) -> str:
        return self.entries[step - 1].hash if step else str(self.save.header.get("start_hash") or "")

    def forward(self) -> GameState:
        return self.seek(min(self._step + 1, len(self)))

    def back(self) -> GameState:
        return self.seek(max(self._step - 1, 0))

    def seek_round(self, round_: int, phase: str | None = None) -> GameState:
        """Go to where ``round_`` (and ``phase``, if given) began: the state before its first move."""
        for i, e in enumerate(self.entries):
            if e.round == round_ and (phase is None or e.phase == phase):
                return self.seek(i)
        where = f"round {round_}" + (f", {phase} phase" if phase else "")
        phases = list(dict.fromkeys(e.phase for e in self.entries if e.round == round_))
        rounds = sorted({e.round for e in self.entries})
        if phases:
            raise ValueError(f"no move was made in {where}; phases with moves in round {round_}: {', '.join(phases)}")
        raise ValueError(f"no move was made in {where}; rounds with moves: {rounds[0]} to {rounds[-1]}"
                         if rounds else f"no move was made in {where}; the save has no moves")  # fmt: skip

    def view(self, seat: str) -> dict[str, Any]:
        """The current state as ``seat`` saw it (an actor id), or everything (``"facilitator"``, ``"debrief"``)."""
        return view(self._state, seat)

    def _at_snapshot(self, step: int) -> GameState:
        state = self._restored.get(step)
        if state is None:
            if step == 0:
                state = replay_moves(self.save, upto=0).state  # the start, checked against the saved start hash
            else:
                state = restore(self.save, self.save.snapshots[self._snapshot_steps.index(step)])
            self._restored[step] = state
        return state

    def _play(self, state: GameState, start: int, end: int) -> None:
        for line, record, move in self.save.moves[start:end]:
            try:
                apply(state, move)
            except IllegalMove as exc:
                raise SaveError(f"{self.save.where(line)}: step {record['step']} is not legal here: {exc.reason}; "
                                "the save was edited or damaged") from None  # fmt: skip
        if end and state_hash(state) != self.save.moves[end - 1][1]["hash"]:
            line = self.save.moves[end - 1][0]
            raise SaveError(f"{self.save.where(line)}: step {end}: the state hash differs from the one saved "
                            f"(run 'parley verify {self.save.path}' to find the first step that differs)")  # fmt: skip

    # --- the instructor's marks -------------------------------------------------------------------------------

    @property
    def bookmarks(self) -> list[Note]:
        return [n for n in self.save.notes if n.bookmark]

    @property
    def notes(self) -> list[Note]:
        return list(self.save.notes)

    def bookmark(self, text: str, step: int | None = None, bookmark: bool = True) -> Note:
        """Mark a step to discuss (default: the current one), with a note; kept in the save file at once.

        A line cut off by a crash is removed first; a save of an older format is rewritten in the current one.
        """
        at = self._step if step is None else step
        line = note_line(text, at, len(self), bookmark)  # raises ValueError on an empty note or a bad step
        file = reopen(self.save.path, self.save.whole_bytes)
        if self.save.format < FORMAT_VERSION:
            Autosave.rewrite(self.session, self.save.path, self.save.header, file, self.save.format).close()
            self.save = read_save(self.save.path, self.save.scenario)
            file = reopen(self.save.path, self.save.whole_bytes)
        with file:
            try:
                file.seek(0, os.SEEK_END)
                file.write(line)
                file.flush()
                os.fsync(file.fileno())
                self.save.whole_bytes = file.tell()
            except OSError as exc:
                file.truncate(self.save.whole_bytes)
                raise SaveError(f"{self.save.path}: cannot write the note ({exc.strerror})") from None
        self.save.warnings.clear()
        note = Note(at, text.strip(), bookmark, 0)
        self.save.notes.append(note)
        return note

    # --- what if ----------------------------------------------------------------------------------------------

    def branch(
        self, directory: Path | str | None = None, seats: Mapping[str, str] | None = None
    ) -> tuple[Session, Autosave]:
        """A new session from the current step, saved as a new file that records where it came from.

        ``seats`` changes who plays some seats (``{"kessaria": "human"}``); the others keep their players."""
        if self._state.ending is not None:
            raise ValueError(f"the game is over at step {self._step}; branch from an earlier step")
        session = Session(self.save.scenario, self.save.seed, {**self.save.seats, **(seats or {})})
        for entry in self.entries[: self._step]:
            session.submit(entry.move, entry.rationale)
        origin = {"save": self.save.path.name, "step": self._step,
                  "hash": self.entries[self._step - 1].hash if self._step else session.start_hash}  # fmt: skip
        folder = directory if directory is not None else self.save.path.parent
        name = f"{self.save.path.stem}-branch-step{self._step}"
        return session, Autosave.start(session, folder, name=name, branched_from=origin)
