"""The ``parley resume``, ``parley verify`` and ``parley report`` commands."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from game.saves.format import SaveError


def add_parser(commands: Any) -> None:
    resume = commands.add_parser("resume", help="continue a saved game in the game window (or --headless)")
    resume.add_argument("save", metavar="SAVE", help="a save file (.jsonl)")
    resume.add_argument("--headless", action="store_true",
                        help="no window: AI plays every seat, human ones too, to the end")  # fmt: skip
    # The front end (game.ui.command) adds its window options and sets ``window`` to open the game in it.
    resume.set_defaults(run=_resume, window=None)

    verify = commands.add_parser("verify", help="replay a save and check every state hash")
    verify.add_argument("save", metavar="SAVE", help="a save file (.jsonl)")
    verify.set_defaults(run=_verify)

    report = commands.add_parser("report", help="write the debrief report of a saved game (HTML or Markdown)")
    report.add_argument("save", metavar="SAVE", help="a save file (.jsonl)")
    report.add_argument("-o", "--output", metavar="FILE", help="where to write it (default: next to the save)")
    report.add_argument("--format", choices=["html", "md"], default=None,
                        help="html (default, or from the -o suffix) or md (Markdown for course notes)")  # fmt: skip
    report.set_defaults(run=_report)


def saver(directory: str) -> Any:
    """What ``parley simulate --save DIR`` hands each finished game to (picklable, for ``--jobs``)."""
    import functools

    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise SaveError(f"{folder}: not a folder; --save needs a folder to write the saves into")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(f"{folder}: cannot create the folder for saves ({exc.strerror})") from None
    if not folder.is_dir():  # pragma: no cover - mkdir refuses this already
        raise SaveError(f"{folder}: not a folder")
    return functools.partial(_save_game, folder)


def _save_game(folder: Path, session: Any, seats: Any) -> None:
    from game.saves.writer import write_save

    write_save(session, folder, seats, name=f"{session.scenario.id}-seed{session.seed}")


def _fail(exc: Exception) -> Exception:
    from game.cli import CommandError

    return CommandError(str(exc))


def _resume(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not args.headless:
        if args.window is None:
            from game.cli import CommandError

            raise CommandError("the game window is not available in this installation; use "
                               f"'parley resume {args.save} --headless'")  # fmt: skip
        return int(args.window(args, out, err))
    return _resume_headless(args, out, err)


def _resume_headless(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.ai.personas import PersonaError, build, parse_choice
    from game.ai.play import MAX_STEPS, turn_for
    from game.core.moves import FACILITATOR, Resume
    from game.saves import load_save, resume_save

    try:
        loaded = load_save(args.save)
        if loaded.session.over:  # nothing to write: a finished game is only read
            for warning in loaded.warnings:
                print(f"parley: warning: {warning}", file=err)
            print(f"{args.save}: the game is already over ({loaded.session.state.ending}); "
                  f"see 'parley report {args.save}'", file=out)  # fmt: skip
            return 0
        loaded, autosave = resume_save(args.save)
    except SaveError as exc:
        raise _fail(exc) from None
    for warning in loaded.warnings:
        print(f"parley: warning: {warning}", file=err)
    session = loaded.session
    with autosave:
        print(f"{args.save}: resumed at step {len(session.log)} (round {session.state.round}, "
              f"{session.state.phase}); AI plays every seat until the end", file=out)  # fmt: skip
        if session.state.paused:  # headless, there is no facilitator to resume it: say so in the log
            session.submit(Resume(FACILITATOR), "resumed by 'parley resume' (headless, AI on every seat)")
        ais: dict[str, Any] = {}
        while not session.over and len(session.log) < MAX_STEPS:
            seat = session.to_move()
            if seat is None:  # pragma: no cover - settle() always leaves someone to move or the debrief
                break
            choice = session.controller(seat)
            if choice == "human":  # headless: a human seat is played by its scenario persona
                choice = next(a.persona for a in session.scenario.actors if a.id == seat)
            if choice not in ais:
                try:
                    name, level = parse_choice(choice)
                    params = next(a.persona_params for a in session.scenario.actors if a.id == seat)
                    ais[choice] = build(name, params if name == choice.split(":")[0] else None, level)
                except PersonaError as exc:
                    raise _fail(SaveError(f"{args.save}: seat {seat} is played by '{choice}': {exc}")) from None
            decision = ais[choice].decide(turn_for(session, seat))
            session.submit(decision.move, decision.rationale)
            if autosave.error:
                print(f"parley: warning: {autosave.error}", file=err)
    if autosave.error:
        raise _fail(SaveError(autosave.error))
    outcome = session.outcome()
    print(f"{args.save}: {str(outcome['ending']).replace('_', ' ')} after {outcome['rounds']} rounds, "
          f"{outcome['moves']} moves; saved", file=out)  # fmt: skip
    return 0


def _verify(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.saves import verify_save

    try:
        loaded = verify_save(args.save)
    except SaveError as exc:
        raise _fail(exc) from None
    for warning in loaded.warnings:
        print(f"parley: warning: {warning}", file=err)
    state = loaded.session.state
    status = f"over ({state.ending})" if state.ending else f"in round {state.round}, {state.phase} phase"
    print(f"ok: {args.save}: {len(loaded.session.log)} moves replayed, every state hash matches; the game is "
          f"{status}", file=out)  # fmt: skip
    return 0


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.saves import Replay, write_atomically

    fmt = args.format
    if fmt is None:
        fmt = "md" if args.output and Path(args.output).suffix.lower() in (".md", ".markdown") else "html"
    target = Path(args.output) if args.output else Path(args.save).with_suffix(f".{fmt}")
    if target.resolve() == Path(args.save).resolve():
        raise _fail(SaveError(f"{target}: the report would overwrite the save; give another file with -o"))
    try:
        replay = Replay.open(args.save)
        session = replay.session
    except SaveError as exc:
        raise _fail(exc) from None
    for warning in replay.save.warnings:
        print(f"parley: warning: {warning}", file=err)
    from game.report import render_report

    text = render_report(session, fmt=fmt, seats=replay.seats, notes=[(n.step, n.text) for n in replay.notes])
    try:
        write_atomically(target, text.encode())
    except OSError as exc:
        raise _fail(SaveError(f"{target}: cannot write the report ({exc.strerror})")) from None
    print(f"wrote {target}", file=out)
    return 0
