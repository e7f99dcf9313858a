"""Writing saves: the session log as it happens (autosave), one line per move, durable after every move."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game import __version__
from game.core.hashing import scenario_digest
from game.core.session import LogEntry, Session
from game.saves.format import FORMAT_VERSION, SNAPSHOT_EVERY, SaveError, encode
from game.saves.snapshot import state_to_dict

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

SUFFIX = ".jsonl"


def default_directory() -> Path:
    """Where saves go unless told otherwise: ``$PARLEY_SAVES``, else ``saves/`` in the current folder."""
    return Path(os.environ.get("PARLEY_SAVES") or "saves")


def header(session: Session, seats: Mapping[str, str] | None = None, *, embed: bool = True,
           branched_from: Mapping[str, Any] | None = None, started: str | None = None) -> dict[str, Any]:  # fmt: skip
    """The first line of a save: what is needed to play the log again, and where it came from."""
    scenario = session.scenario
    record: dict[str, Any] = {
        "type": "header",
        "format": FORMAT_VERSION,
        "parley": __version__,
        "scenario_id": scenario.id,
        "scenario_hash": scenario_digest(scenario),
        "seed": session.seed,
        "seats": dict(seats if seats is not None else session.seats),
        "started": started or datetime.now(UTC).isoformat(timespec="seconds"),
        "start_hash": session.start_hash,
        "snapshot_every": SNAPSHOT_EVERY,
        "branched_from": dict(branched_from) if branched_from else None,
    }
    if embed:
        record["scenario"] = scenario.model_dump(mode="json", by_alias=True)
    return record


class _Lines:
    """Turns log entries into save lines: a move line each, and a snapshot line every ``SNAPSHOT_EVERY`` moves."""

    def __init__(self, session: Session, every: int = SNAPSHOT_EVERY, notices: int = 0,
                 intel: tuple[int, ...] | None = None) -> None:  # fmt: skip
        self.session = session
        self.every = every
        self.notices = notices  # the notices and intel already in an earlier snapshot
        self.intel = intel or (0,) * len(session.scenario.actors)

    def of(self, entry: LogEntry) -> list[bytes]:
        lines = [encode({"type": "move", "step": entry.step, "round": entry.round, "phase": entry.phase,
                         "by": entry.move.actor, "move": entry.move.to_dict(), "rationale": entry.rationale,
                         "hash": entry.hash})]  # fmt: skip
        if entry.step % self.every == 0:
            state = self.session.state
            data = state_to_dict(state, self.notices, self.intel)
            lines.append(encode({"type": "snapshot", "step": entry.step, "state": data}))
            self.notices = len(state.notices)
            self.intel = tuple(len(x) for x in state.intel)
        return lines


def _replayed_lines(session: Session, seats: Mapping[str, str]) -> tuple[list[bytes], _Lines]:
    """The lines for the moves already in ``session``'s log, made by playing them again (snapshots need the
    state after each of their steps). Returns the lines and a line-maker positioned after them."""
    again = Session(session.scenario, session.seed, seats)
    maker = _Lines(again)
    lines: list[bytes] = []
    for entry in session.log:
        again.submit(entry.move, entry.rationale)
        if again.log[-1].hash != entry.hash:  # pragma: no cover - the engine is deterministic
            raise SaveError(f"step {entry.step} plays differently the second time; the game cannot be saved")
        lines += maker.of(again.log[-1])
    maker.session = session
    return lines, maker


def _unique_path(directory: Path, stem: str) -> Path:
    path = directory / f"{stem}{SUFFIX}"
    k = 2
    while path.exists():
        path = directory / f"{stem}-{k}{SUFFIX}"
        k += 1
    return path


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - some platforms cannot open a folder
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Write a whole file so that it is either all there or not there at all: temp file, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the usual permissions (umask applies)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def lock(f: Any, path: Path) -> None:
    """Take the save for this process alone: two writers would interleave their lines."""
    if fcntl is None:  # pragma: no cover - Windows: no advisory locks; one writer per save is up to the user
        return
    try:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        f.close()
        raise SaveError(f"{path}: another Parley is writing this save (a game or a resume is running)") from None


def reopen(path: Path, whole_bytes: int) -> Any:
    """Open a save to go on writing it: locked, cut back to its last whole line (a line cut off by a crash, or
    empty lines an editor added, are removed), and ending with a newline."""
    try:
        f = open(path, "r+b")  # noqa: SIM115 - returned to the caller, who closes it
    except OSError as exc:
        raise SaveError(f"{path}: cannot write the save ({exc.strerror})") from None
    lock(f, path)
    try:
        f.truncate(whole_bytes)
        if whole_bytes:
            f.seek(whole_bytes - 1)
            if f.read(1) != b"\n":
                f.write(b"\n")
        f.flush()
        os.fsync(f.fileno())
    except OSError as exc:
        f.close()
        raise SaveError(f"{path}: cannot write the save ({exc.strerror})") from None
    return f


class Autosave:
    """Keeps a session's save up to date: every move is on disk (fsync) before ``submit`` returns.

    If a write fails (a full disk), the file is cut back to its last whole line, ``error`` says what happened, and
    the lines not yet written are kept and written with the next move: the game goes on and nothing is lost
    unless the process dies before the disk recovers.

    >>> autosave = Autosave.start(session)            # doctest: +SKIP
    >>> session.submit(move)  # now in autosave.path     # doctest: +SKIP
    """

    def __init__(self, session: Session, path: Path, maker: _Lines, durable: bool = True, file: Any = None) -> None:
        self.session = session
        self.path = path
        self.durable = durable
        self.error: str | None = None
        self._maker = maker
        self._pending = b""
        if file is None:
            try:
                file = open(path, "ab")  # noqa: SIM115 - kept open for the session's life; closed in close()
            except OSError as exc:
                raise SaveError(f"{path}: cannot write the save ({exc.strerror})") from None
            lock(file, path)
        self._file: Any = file
        self._file.seek(0, os.SEEK_END)
        self._good = self._file.tell()
        session.listeners.append(self._record)

    @classmethod
    def start(cls, session: Session, directory: Path | str | None = None, *, seats: Mapping[str, str] | None = None,
              name: str | None = None, branched_from: Mapping[str, Any] | None = None, embed: bool = True,
              durable: bool = True) -> Autosave:  # fmt: skip
        """Create a new save for ``session`` (with any moves it already has) and keep it up to date."""
        folder = Path(directory) if directory is not None else default_directory()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SaveError(f"{folder}: cannot create the saves folder ({exc.strerror})") from None
        first = header(session, seats, embed=embed, branched_from=branched_from)
        lines, maker = _replayed_lines(session, first["seats"])
        stamp = first["started"].replace(":", "").replace("-", "")[:15]
        path = _unique_path(folder, name or f"{session.scenario.id}-{stamp}-seed{session.seed}")
        try:
            write_atomically(path, encode(first) + b"".join(lines))
        except OSError as exc:
            raise SaveError(f"{path}: cannot write the save ({exc.strerror})") from None
        return cls(session, path, maker, durable)

    @classmethod
    def rewrite(cls, session: Session, path: Path, first: dict[str, Any], file: Any, old_format: int) -> Autosave:
        """Write ``session`` anew over ``path`` in the current format (an older save being continued), keeping the
        old file as ``<name>.format<N>.bak``; ``file`` is the old file, open and locked."""
        lines, maker = _replayed_lines(session, first["seats"])
        backup = path.with_name(f"{path.name}.format{old_format}.bak")
        first = {**first, "format": FORMAT_VERSION, "start_hash": session.start_hash}
        try:
            backup.write_bytes(path.read_bytes())
            write_atomically(path, encode(first) + b"".join(lines))
            new = open(path, "ab")  # noqa: SIM115 - handed to the Autosave, which closes it
        except OSError as exc:
            raise SaveError(f"{path}: cannot write the save ({exc.strerror})") from None
        finally:
            file.close()
        lock(new, path)
        return cls(session, path, maker, True, new)

    @classmethod
    def attach(cls, session: Session, path: Path, notices: int, intel: tuple[int, ...], file: Any) -> Autosave:
        """Go on writing an existing save through ``file`` (opened and locked by ``resume_save``)."""
        return cls(session, path, _Lines(session, SNAPSHOT_EVERY, notices, intel), True, file)

    def _write(self, data: bytes) -> None:
        self._pending += data
        try:
            self._file.write(self._pending)
            self._file.flush()
            if self.durable:
                os.fsync(self._file.fileno())
        except OSError as exc:
            waiting = self._pending.count(b"\n")
            self.error = (f"{self.path}: cannot write the save ({exc.strerror}); the game goes on, and the "
                          f"{waiting} line(s) not yet saved are written with the next move")  # fmt: skip
            try:  # leave no half-written line behind: later lines must follow whole ones
                self._file.truncate(self._good)
                self._file.seek(self._good)
            except OSError:  # pragma: no cover - the disk refuses even that; the reader drops a cut-off tail
                pass
            return
        self._good += len(self._pending)
        self._pending = b""
        self.error = None

    def _record(self, entry: LogEntry) -> None:
        self._write(b"".join(self._maker.of(entry)))

    def note(self, text: str, step: int | None = None, bookmark: bool = True) -> None:
        """Add an instructor's note (a bookmark by default) at ``step`` (default: the latest)."""
        at = len(self.session.log) if step is None else step
        self._write(note_line(text, at, len(self.session.log), bookmark))

    def close(self) -> None:
        if self._record in self.session.listeners:
            self.session.listeners.remove(self._record)
        if self._pending and not self._file.closed:
            self._write(b"")  # one last try
        if not self._file.closed:
            self._file.close()

    def __enter__(self) -> Autosave:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def note_line(text: str, step: int, steps: int, bookmark: bool = True) -> bytes:
    if not isinstance(text, str):
        raise ValueError(f"a note is a text, not {type(text).__name__}")
    if isinstance(step, bool) or not isinstance(step, int):
        raise ValueError(f"a note's step is a whole number, not {step!r:.20}")
    text = text.strip()
    if not text:
        raise ValueError("a note needs some text")
    if len(text) > 2000:
        raise ValueError(f"a note is at most 2000 characters, not {len(text)}")
    if not 0 <= step <= steps:
        raise ValueError(f"step {step} is not in this game: steps run from 0 to {steps}")
    return encode({"type": "note", "step": step, "text": text, "bookmark": bookmark,
                   "at": datetime.now(UTC).isoformat(timespec="seconds")})  # fmt: skip


def write_save(session: Session, directory: Path | str | None = None, seats: Mapping[str, str] | None = None,
               name: str | None = None) -> Path:  # fmt: skip
    """Save a whole game at once (``parley simulate --save``); returns the file written."""
    autosave = Autosave.start(session, directory, seats=seats, name=name, durable=False)
    autosave.close()
    return autosave.path
