"""The ``parley`` command line: validate scenarios, list them, print the schema, simulate AI games.

Every failure is one clear line on stderr and a non-zero exit: 1 for bad files
or games, 2 for bad arguments, 3 for an internal error (set PARLEY_DEBUG=1 to
see its traceback).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from game import __version__
from game.scenario import ScenarioError, builtin_scenarios, resolve_scenario, schema_json, validate_paths


class UsageError(Exception):
    """Bad command-line arguments; exit 2."""


class CommandError(Exception):
    """A command could not do its job for a reason the user can fix (a bad save, a busy port); exit 1.

    The message is one line and names the file, line or field at fault.
    """


# Commands that live with their layer: each module has ``add_parser(commands)``, which adds its subcommands and
# sets ``run=function(args, out, err) -> int`` as their default. They must import heavy things (pygame) lazily.
EXTENSIONS = ("game.saves.command", "game.ui.command", "game.net.command")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def whole_number(low: int, high: int):  # noqa: ANN202 - an argparse type factory, shared by every subcommand
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected a whole number from {low} to {high}, got {value}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="parley", description="Parley: a negotiation game for confidence-building exercises.")
    parser.add_argument("--version", action="version", version=f"parley {__version__}")
    parser.add_argument("--saves", metavar="DIR", help="the folder for saves (default: $PARLEY_SAVES, else ./saves)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    validate = commands.add_parser("validate", help="check scenario files or folders")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a scenario file, or a folder of them")

    commands.add_parser("scenarios", help="list the built-in scenarios")
    commands.add_parser("personas", help="list the built-in AI personas and their parameters")
    commands.add_parser("schema", help="print the JSON Schema of the scenario format")

    simulate = commands.add_parser("simulate", help="play AI-only games and print each outcome")
    simulate.add_argument("scenario", metavar="SCENARIO", help="a built-in name (e.g. npt) or a path")
    simulate.add_argument(
        "--seed", type=whole_number(0, 2**63 - 1), default=1, help="seed of the first game (default 1)"
    )
    simulate.add_argument(
        "--games", type=whole_number(1, 1_000_000), default=1, help="games to play, seeds counting up"
    )
    simulate.add_argument("--json", action="store_true", help="print one JSON object per game")
    simulate.add_argument(
        "--persona",
        action="append",
        default=[],
        metavar="ACTOR=NAME[:LEVEL]",
        help="the persona on an actor's seat, e.g. usa=strategist:hard (repeatable)",
    )
    simulate.add_argument("--jobs", type=whole_number(1, 64), default=1, help="processes to spread the games over")
    simulate.add_argument("--save", metavar="DIR", help="also write each game as a save in DIR (for replay, report)")
    for name in EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise
            continue  # that layer is not built yet
        module.add_parser(commands)
    return parser


def _commands() -> list[str]:
    for action in build_parser()._subparsers._group_actions:  # type: ignore[union-attr]
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []  # pragma: no cover


def _validate(paths: list[str], out: TextIO, err: TextIO) -> int:
    issues = validate_paths(paths)
    for issue in issues:
        print(issue, file=err)
    if issues:
        return 1
    print(f"ok: {', '.join(paths)}", file=out)
    return 0


def _scenarios(out: TextIO) -> int:
    found = builtin_scenarios()
    if not found:
        print("no built-in scenarios found", file=out)
        return 0
    width = max(len(sid) for sid, _, _ in found)
    for sid, title, _ in found:
        print(f"{sid:<{width}}  {title}", file=out)
    return 0


def _personas(out: TextIO) -> int:
    from game.ai.personas import describe

    for persona in describe():
        print(f"{persona['name']:<13} {persona['description']}", file=out)
        params = ", ".join(f"{k}={v:g}" for k, v in persona["params"].items())
        print(f"{'':<13} {params}", file=out)
    return 0


def _choices(pairs: list[str]) -> dict[str, str]:
    choices: dict[str, str] = {}
    for pair in pairs:
        actor, sep, name = pair.partition("=")
        if not sep or not actor or not name:
            raise UsageError(f"--persona expects ACTOR=NAME or ACTOR=NAME:LEVEL, got '{pair}'")
        choices[actor] = name
    return choices


def _line(outcome: dict) -> str:
    scores = ", ".join(f"{k} {v:.2f}" for k, v in outcome["scores"].items())
    return (
        f"seed {outcome['seed']}: {outcome['ending'].replace('_', ' ')} after {outcome['rounds']} rounds; "
        f"tension {outcome['tension']:.1f} ({outcome['rung']}); agreements signed {outcome['agreements_signed']}, "
        f"in force {outcome['agreements_in_force']}; violations {outcome['violations']} "
        f"(detected {outcome['violations_detected']}); scores: {scores}; hash {outcome['hash']}"
    )


def _progress(done: int, total: int, err: TextIO) -> None:
    width = 30
    filled = width * done // total
    err.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} games")
    if done == total:
        err.write("\n")
    err.flush()


def _simulate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.ai.personas import PersonaError  # imported here so validate/schema stay quick
    from game.ai.tournament import check_choices, format_summary, play_many, summarise

    scenario = resolve_scenario(args.scenario)
    # The scenario and the modules live as long as the run: keep them out of every garbage collection,
    # which otherwise rescans them all and stalls a decision by milliseconds.
    gc.freeze()
    choices = _choices(args.persona)
    try:
        check_choices(scenario, choices)
    except (PersonaError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    show_progress = args.games > 1 and err.isatty()
    seeds = range(args.seed, args.seed + args.games)
    from game.saves import SaveError  # light: no pygame, no report

    try:
        keep = None
        if args.save is not None:
            from game.saves.command import saver

            keep = saver(args.save)
        records = play_many(
            scenario, seeds, choices, args.jobs, (lambda d, t: _progress(d, t, err)) if show_progress else None, keep
        )
    except SaveError as exc:  # a folder or a save that could not be written, here or in a worker process
        raise CommandError(str(exc)) from None
    for record in records:
        print(json.dumps(record, sort_keys=True) if args.json else _line(record), file=out)
    if args.games > 1 and not args.json:
        print("", file=out)
        print(format_summary(summarise(records)), file=out)
    return 0


def run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Run one command; returns the exit code. Raises nothing a user could cause."""
    try:
        args = build_parser().parse_args(list(argv))
        if args.saves:
            os.environ["PARLEY_SAVES"] = args.saves  # read by game.saves.default_directory, here and in workers
        if args.command is None:
            raise UsageError(f"no command given; commands: {', '.join(_commands())} (see 'parley --help')")
        if getattr(args, "run", None) is not None:
            return int(args.run(args, out, err))
        if args.command == "validate":
            return _validate(args.paths, out, err)
        if args.command == "scenarios":
            return _scenarios(out)
        if args.command == "personas":
            return _personas(out)
        if args.command == "schema":
            out.write(schema_json())
            return 0
        return _simulate(args, out, err)
    except UsageError as exc:
        print(f"parley: error: {exc}", file=err)
        return 2
    except CommandError as exc:
        print(f"parley: error: {exc}", file=err)
        return 1
    except ScenarioError as exc:
        for issue in exc.issues:
            print(issue, file=err)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``parley`` command."""
    try:
        return run(sys.argv[1:] if argv is None else argv, sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        print("parley: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `parley simulate ... | head`): not an error worth a traceback.
        sys.stderr.close()
        return 0
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        if os.environ.get("PARLEY_DEBUG"):
            raise
        print(f"parley: internal error: {type(exc).__name__}: {exc} (set PARLEY_DEBUG=1 for details)", file=sys.stderr)
        return 3
