"""``parley play`` and ``parley replay``: open the game window. pygame is imported only when they run."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from game.cli import whole_number


def add_parser(commands: Any) -> None:
    play = commands.add_parser("play", help="open the game window (no scenario: the main menu)")
    play.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a built-in name (e.g. npt) or a path")
    play.add_argument("--seat", action="append", default=[], metavar="ACTOR=human|PERSONA[:LEVEL]",
                      help="who plays an actor, e.g. usa=human or russia=strategist:hard (repeatable); "
                      "others play their scenario persona, and with no --seat the first actor is human")  # fmt: skip
    play.add_argument(
        "--seed", type=whole_number(0, 2**63 - 1), default=None, help="the game's seed (default: a random one)"
    )
    play.add_argument("--demo", action="store_true", help="every seat AI: watch a whole game (for a projector)")
    _window_options(play)
    play.set_defaults(run=run_play)

    replay = commands.add_parser("replay", help="open a saved game in the debrief screen")
    replay.add_argument("save", metavar="SAVE", help="a save file (.jsonl)")
    replay.add_argument("--step", type=whole_number(0, 10**9), default=None, metavar="N",
                        help="open at step N (default: the start)")  # fmt: skip
    _window_options(replay)
    replay.set_defaults(run=run_replay)

    resume = commands.choices.get("resume")
    if resume is not None:  # the saves layer's command: without --headless it continues the game in the window
        _window_options(resume)
        resume.set_defaults(window=run_resume)


def _window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--size", metavar="WxH", default=None, help="window size, e.g. 1920x1080")
    parser.add_argument("--pace", choices=["instant", "fast", "normal", "slow"], default=None,
                        help="time between AI moves (default: the saved setting)")  # fmt: skip
    parser.add_argument(
        "--screenshot",
        metavar="PATH",
        type=Path,
        default=None,
        help="save a PNG of the window when the game ends, or after --frames frames, and quit",
    )
    parser.add_argument("--frames", type=whole_number(1, 10**9), default=None, metavar="N", help="stop after N frames")


def _size(text: str | None) -> tuple[int, int] | None:
    from game.cli import UsageError

    if text is None:
        return None
    w, sep, h = text.lower().partition("x")
    if not sep or not w.isdigit() or not h.isdigit() or not (640 <= int(w) <= 7680 and 480 <= int(h) <= 4320):
        raise UsageError(f"--size expects WIDTHxHEIGHT between 640x480 and 7680x4320, got '{text}'")
    return int(w), int(h)


def _seats(pairs: list[str], scenario: Any, demo: bool) -> dict[str, str]:
    from game.ai.personas import LEVELS, library
    from game.cli import UsageError

    seats = {a.id: a.persona for a in scenario.actors}
    if not pairs and not demo:
        seats[scenario.actors[0].id] = "human"
    for pair in pairs:
        actor, sep, who = pair.partition("=")
        if not sep or not actor or not who:
            raise UsageError(f"--seat expects ACTOR=human or ACTOR=PERSONA[:LEVEL], got '{pair}'")
        if actor not in seats:
            raise UsageError(f"--seat: no actor '{actor}' in {scenario.id}; actors: {', '.join(seats)}")
        name, _, level = who.partition(":")
        if who != "human" and (name not in library() or (level and level not in LEVELS)):
            raise UsageError(f"--seat {actor}: unknown player '{who}'; use human or one of "
                             f"{', '.join(library())} (optionally :{'/:'.join(LEVELS)})")  # fmt: skip
        seats[actor] = who
    if demo:
        seats = {k: (v if v != "human" else next(a.persona for a in scenario.actors if a.id == k))
                 for k, v in seats.items()}  # fmt: skip
    return seats


def _quiet() -> None:
    """pygame greets on import; the command line prints only what it was asked for."""
    import os

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def _app(args: argparse.Namespace) -> Any:
    _quiet()
    from game.ui.app import App
    from game.ui.settings import Settings

    settings = Settings.load()
    if args.pace:
        settings.pace = args.pace
    size = _size(args.size)
    if size is not None:
        settings.fullscreen = False
    import pygame

    from game.cli import CommandError
    from game.ui.app import invisible

    try:
        app = App(settings, size)
    except pygame.error as exc:
        raise CommandError(f"cannot open the game window: {exc} (no display? set SDL_VIDEODRIVER=dummy to run "
                           "headless)") from None  # fmt: skip
    why = invisible(getattr(args, "screenshot", None))
    if why is not None:
        app.close()
        raise CommandError(f"cannot open the game window: {why}")
    return app


def _loop(app: Any, args: argparse.Namespace) -> int:
    try:
        app.run(frames=args.frames, screenshot=args.screenshot)
    finally:
        app.close()
    return 0


def run_play(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.scenario import resolve_scenario

    scenario = resolve_scenario(args.scenario) if args.scenario else None  # a bad file raises ScenarioError
    seats = _seats(args.seat, scenario, args.demo) if scenario is not None else None
    app = _app(args)
    if scenario is None:
        from game.ui.screens.menu import MenuScreen

        app.show(MenuScreen(app))
    else:
        import random

        from game.ui.match import Match
        from game.ui.screens.table import start_table

        seed = args.seed if args.seed is not None else random.randrange(1, 100_000)
        start_table(app, Match.new(scenario, seed, seats or {}, app.settings))
    return _loop(app, args)


def run_replay(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.cli import CommandError

    _quiet()
    from game.ui import saves_link

    path = Path(args.save)
    if not path.is_file():
        raise CommandError(f"{path}: no such save file")
    app = None
    try:
        from game.ui.screens.debrief import DebriefScreen

        app = _app(args)
        screen = DebriefScreen.open(app, path)
    except saves_link.errors() as exc:
        if app is not None:
            app.close()
        raise CommandError(f"{path}: {exc}") from None
    if args.step is not None:
        if not 0 <= args.step <= len(screen.replay):
            app.close()
            raise CommandError(f"{path}: no step {args.step}; steps run from 0 to {len(screen.replay)}")
        screen.seek(args.step)
    app.show(screen)
    return _loop(app, args)


def run_resume(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``parley resume SAVE``: the game goes on in the window where it stopped, appending to the same save."""
    from game.cli import CommandError

    _quiet()
    from game.ui import saves_link

    path = Path(args.save)
    if not path.is_file():
        raise CommandError(f"{path}: no such save file")
    app = _app(args)
    try:
        from game.ui.screens.table import resume_table

        resume_table(app, path)
    except saves_link.errors() as exc:
        app.close()
        raise CommandError(_one_line(path, exc)) from None
    return _loop(app, args)


def _one_line(path: Path, exc: BaseException) -> str:
    """A save error already names its file (and line); an OS error does not."""
    if isinstance(exc, OSError):
        return f"{path}: {exc.strerror or exc}"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text if str(path) in text or path.name in text else f"{path}: {text}"
