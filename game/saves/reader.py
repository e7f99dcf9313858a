"""Reading saves: split a file into checked lines, play the log again and check every state hash."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.core.errors import IllegalMove, MalformedMove
from game.core.hashing import scenario_digest, state_hash
from game.core.moves import Move, move_from_dict
from game.core.session import LogEntry, Session
from game.core.spec import Scenario
from game.core.state import GameState, Intel, Notice
from game.saves.format import FORMAT_VERSION, MAX_LINE, OLDEST_FORMAT, CutOff, SaveError, decode
from game.saves.migrate import MIGRATIONS
from game.saves.snapshot import new_intel, new_notices, state_from_dict, state_to_dict

BOM = b"\xef\xbb\xbf"  # some editors start a UTF-8 file with it


@dataclass(frozen=True)
class Note:
    """An instructor's note on a step of the game (a bookmark when ``bookmark``)."""

    step: int
    text: str
    bookmark: bool = True
    line: int = 0


@dataclass
class Snapshot:
    step: int
    line: int
    data: dict[str, Any]
    notices: list[Notice]  # the whole notice history up to this step
    intel: list[list[Intel]]


@dataclass
class SaveFile:
    """A save split into its checked lines; nothing played yet."""

    path: Path
    header: dict[str, Any]
    scenario: Scenario
    moves: list[tuple[int, dict[str, Any], Move]] = field(default_factory=list)  # (line, record, move)
    snapshots: list[Snapshot] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    whole_bytes: int = 0  # the length of the file up to the end of its last whole line
    format: int = FORMAT_VERSION
    blank_tail: bool = False  # empty lines at the end (tolerated; cut off before appending)

    @property
    def seed(self) -> int:
        return int(self.header["seed"])

    @property
    def seats(self) -> dict[str, str]:
        return dict(self.header["seats"])

    def where(self, line: int) -> str:
        return f"{self.path}:{line}"

    def marks(self) -> tuple[int, tuple[int, ...]]:
        """How many notices and intel reports per seat the last snapshot holds (where the next one starts)."""
        if not self.snapshots:
            return 0, (0,) * len(self.scenario.actors)
        last = self.snapshots[-1]
        return len(last.notices), tuple(len(x) for x in last.intel)


def _lines(path: Path) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, bytes, ended by a newline) for each line, read as needed; refuses a line longer than
    ``MAX_LINE`` without reading it whole."""
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below; errors must become one-line SaveErrors
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save") from None
    except IsADirectoryError:
        raise SaveError(f"{path}: is a folder, not a save") from None
    except OSError as exc:
        raise SaveError(f"{path}: cannot read the save ({exc.strerror})") from None
    with f:
        number = 0
        while True:
            try:
                raw = f.readline(MAX_LINE + 1)
            except OSError as exc:
                raise SaveError(f"{path}:{number + 1}: cannot read the save ({exc.strerror})") from None
            if not raw:
                return
            number += 1
            whole = raw.endswith(b"\n")
            if not whole and len(raw) > MAX_LINE:
                raise SaveError(f"{path}:{number}: the line is longer than {MAX_LINE // 2**20} MiB; "
                                "not a Parley save or damaged")  # fmt: skip
            yield number, raw, whole


def read_save(path: Path | str, scenario: Scenario | None = None) -> SaveFile:
    """Split a save into checked lines (checksums, order, format, scenario); does not play the moves.

    A last line cut off mid-write (no newline, and the JSON runs out) is dropped with a warning: the game
    resumes from the last whole move. ``scenario``, if given, must be the one the save was made with.
    """
    path = Path(path)
    lines = _lines(path)
    first_line = next(lines, None)
    if first_line is None or not first_line[1].strip():
        raise SaveError(f"{path}: the file is empty or starts with an empty line; not a Parley save")
    _, raw, _ = first_line
    bom = len(BOM) if raw.startswith(BOM) else 0
    first = decode(raw[bom:], f"{path}:1", checked=False)
    if first.get("type") != "header":
        raise SaveError(f"{path}:1: expected the header line first, found a {first.get('type')} line")
    version = first.get("format", first.get("version"))
    if isinstance(version, bool) or not isinstance(version, int) or not OLDEST_FORMAT <= version <= FORMAT_VERSION:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION
        raise SaveError(f"{path}:1: unknown save format version {str(version)[:20]}; this Parley reads versions "
                        f"{OLDEST_FORMAT} to {FORMAT_VERSION}" + ("; a newer Parley may read it" if newer else ""))  # fmt: skip
    checked = version >= 2
    records: list[tuple[int, dict[str, Any]]] = []
    whole_bytes = 0
    warnings = []
    blank = 0  # the first of a run of empty lines: allowed only at the very end (an editor may add one)
    for number, raw, whole in itertools.chain([first_line], lines):
        if not raw.strip():
            blank = blank or number
            continue
        if blank:
            raise SaveError(f"{path}:{blank}: an empty line; the save was edited or damaged")
        skip = bom if number == 1 else 0
        try:
            record = decode(raw[skip:], f"{path}:{number}", checked)
        except CutOff:
            if whole:
                raise
            warnings.append(f"{path}:{number}: the last line was cut off mid-write (the game was interrupted); "
                            f"it is left out and the game goes on from the last whole move")  # fmt: skip
            break
        records.append((number, record))
        whole_bytes += len(raw)
    try:
        records = MIGRATIONS[version](records) if version < FORMAT_VERSION else records
    except SaveError as exc:
        raise SaveError(f"{path}:{exc}") from None
    header = records[0][1]
    save = SaveFile(path, header, _scenario(path, header, scenario), warnings=warnings, whole_bytes=whole_bytes,
                    format=version, blank_tail=bool(blank))  # fmt: skip
    _check_header(save)
    notices: list[Notice] = []
    intel: list[list[Intel]] = [[] for _ in save.scenario.actors]
    for number, record in records[1:]:
        kind, where = record["type"], save.where(number)
        if kind == "header":
            raise SaveError(f"{where}: a second header line; two saves were joined together")
        step = record.get("step")
        if isinstance(step, bool) or not isinstance(step, int):
            raise SaveError(f"{where}: the {kind} line has no whole-number 'step'")
        done = len(save.moves)
        if kind == "move":
            if step != done + 1:
                raise SaveError(f"{where}: move of step {step} where step {done + 1} was expected; "
                                "lines are missing or out of order")  # fmt: skip
            try:
                move = move_from_dict(record.get("move"))
            except MalformedMove as exc:
                raise SaveError(f"{where}: {exc}") from None
            for key, kind_ in (("hash", str), ("rationale", str), ("round", int), ("phase", str)):
                if not isinstance(record.get(key), kind_):
                    raise SaveError(f"{where}: the move line's '{key}' is missing or of the wrong type")
            if record.get("by") != move.actor:
                raise SaveError(f"{where}: the move line says it is by {record.get('by')!r:.30}, but the move is "
                                f"{move.actor}'s; the line was edited")  # fmt: skip
            save.moves.append((number, record, move))
        elif kind == "snapshot":
            if step != done:
                raise SaveError(f"{where}: a snapshot of step {step} after step {done}; lines are out of order")
            data = record.get("state")
            try:
                since = data["since"]  # type: ignore[index]
                if since["notices"] != len(notices) or list(since["intel"]) != [len(x) for x in intel]:
                    raise ValueError("its notices do not follow on from the previous snapshot")
                notices = notices + new_notices(data)  # type: ignore[arg-type]
                intel = [old + new for old, new in zip(intel, new_intel(data), strict=True)]  # type: ignore[arg-type]
            except (KeyError, TypeError, ValueError) as exc:
                raise SaveError(f"{where}: the snapshot is not in the expected form ({exc})") from None
            save.snapshots.append(Snapshot(step, number, data, notices, intel))  # type: ignore[arg-type]
        else:
            text = record.get("text")
            if not isinstance(text, str) or not 0 <= step <= done:
                raise SaveError(f"{where}: the note needs a text and a step from 0 to {done}")
            save.notes.append(Note(step, text, bool(record.get("bookmark", True)), number))
    return save


def _scenario(path: Path, header: dict[str, Any], expected: Scenario | None) -> Scenario:
    stated = header.get("scenario_hash")
    embedded = header.get("scenario")
    if embedded is not None:
        try:
            scenario = Scenario.model_validate_json(json.dumps(embedded))
        except (ValidationError, TypeError, ValueError) as exc:
            first = exc.errors()[0] if isinstance(exc, ValidationError) else {"loc": (), "msg": str(exc)}
            field_path = ".".join(str(p) for p in first["loc"])
            raise SaveError(f"{path}:1: the embedded scenario is not valid ({field_path}: {first['msg']})") from None
        if stated is not None and scenario_digest(scenario) != stated:
            raise SaveError(f"{path}:1: the embedded scenario does not match its hash; the save was edited")
    else:
        # The pinned form names a built-in scenario (never a path: a save must not make Parley read other files).
        from game.scenario import ScenarioError, builtin_scenarios, resolve_scenario

        ident = header.get("scenario_id")
        if expected is None:
            builtins = [sid for sid, _, _ in builtin_scenarios()]
            if ident not in builtins:
                raise SaveError(f"{path}:1: the save embeds no scenario and 'scenario_id' {str(ident)[:40]!r} is not "
                                f"a built-in scenario ({', '.join(builtins)})")  # fmt: skip
            try:
                expected = resolve_scenario(ident)
            except ScenarioError as exc:
                raise SaveError(f"{path}:1: the save needs scenario '{ident}', which cannot be loaded "
                                f"({exc.issues[0] if exc.issues else exc})") from None  # fmt: skip
        scenario = expected
        if scenario_digest(scenario) != stated:
            raise SaveError(f"{path}:1: the save was made with a different version of scenario '{ident}' "
                            f"(its hash {str(stated)[:12]}… is not {scenario_digest(scenario)[:12]}…)")  # fmt: skip
    if expected is not None and scenario_digest(expected) != scenario_digest(scenario):
        raise SaveError(f"{path}:1: the save was made with a different scenario ('{scenario.id}', "
                        f"hash {scenario_digest(scenario)[:12]}…), not the one given ('{expected.id}')")  # fmt: skip
    return scenario


def _check_header(save: SaveFile) -> None:
    h, where = save.header, save.where(1)
    seed = h.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise SaveError(f"{where}: the header's 'seed' must be a whole number >= 0, not {seed!r:.20}")
    seats = h.get("seats")
    ids = {a.id for a in save.scenario.actors}
    if not isinstance(seats, dict) or set(seats) - ids or not all(isinstance(v, str) for v in seats.values()):
        raise SaveError(f"{where}: the header's 'seats' must map actors of '{save.scenario.id}' to who plays them")


@dataclass
class Loaded:
    """A save played back to its last whole move: the session, ready to go on."""

    save: SaveFile
    session: Session

    @property
    def path(self) -> Path:
        return self.save.path

    @property
    def header(self) -> dict[str, Any]:
        return self.save.header

    @property
    def notes(self) -> list[Note]:
        return self.save.notes

    @property
    def warnings(self) -> list[str]:
        return self.save.warnings


def replay_moves(save: SaveFile, upto: int | None = None, snapshots: bool = False) -> Session:
    """Play the save's moves into a new session, checking each state hash; raises ``SaveError`` naming the
    first line that differs. With ``snapshots``, every snapshot is also checked against the game played."""
    session = Session(save.scenario, save.seed, save.seats)
    start = save.header.get("start_hash")
    if start is not None and session.start_hash != start:
        raise SaveError(f"{save.where(1)}: the game does not start as saved (start hash differs); it was made "
                        "by a different version of Parley's rules or its header was edited")  # fmt: skip
    checks = {s.step: s for s in save.snapshots} if snapshots else {}
    marks = (0, (0,) * len(save.scenario.actors))
    for line, record, move in save.moves[:upto]:
        step = len(session.log) + 1
        if (record["round"], record["phase"]) != (session.state.round, session.state.phase):
            raise SaveError(f"{save.where(line)}: step {step} says it was made in round {record['round']}, "
                            f"{record['phase']} phase, but the game was in round {session.state.round}, "
                            f"{session.state.phase} phase; the line was edited")  # fmt: skip
        try:
            session.submit(move, record["rationale"])
        except IllegalMove as exc:
            raise SaveError(f"{save.where(line)}: step {step} ({move.kind} by {move.actor}) is not legal here: "
                            f"{exc.reason}; the save was edited or damaged") from None  # fmt: skip
        if session.log[-1].hash != record["hash"]:
            raise SaveError(f"{save.where(line)}: step {step} ({move.kind} by {move.actor}): the state hash differs "
                            "from the one saved; the game played differently from here")  # fmt: skip
        snap = checks.get(step)
        if snap is not None:
            mine = state_to_dict(session.state, *marks)
            if json.loads(json.dumps(mine)) != snap.data:
                raise SaveError(f"{save.where(snap.line)}: the snapshot of step {step} does not match the game "
                                "played to that step")  # fmt: skip
            marks = (len(session.state.notices), tuple(len(x) for x in session.state.intel))
    return session


def load_save(path: Path | str, scenario: Scenario | None = None) -> Loaded:
    """Read a save and play it to its last whole move, checking every state hash."""
    save = read_save(path, scenario)
    return Loaded(save, replay_moves(save))


def restore(save: SaveFile, snapshot: Snapshot) -> GameState:
    """The state at a snapshot, checked against the hash saved for that step."""
    try:
        state = state_from_dict(save.scenario, snapshot.data, list(snapshot.notices), [list(x) for x in snapshot.intel])
    except (KeyError, TypeError, ValueError) as exc:
        raise SaveError(f"{save.where(snapshot.line)}: the snapshot is not in the expected form ({exc})") from None
    if snapshot.step and state_hash(state) != save.moves[snapshot.step - 1][1]["hash"]:
        raise SaveError(f"{save.where(snapshot.line)}: the snapshot of step {snapshot.step} does not match the "
                        "state hash saved for that step")  # fmt: skip
    return state


def entries(save: SaveFile) -> list[LogEntry]:
    return [LogEntry(r["step"], r["round"], r["phase"], move, r["rationale"], r["hash"]) for _, r, move in save.moves]
