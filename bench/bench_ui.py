"""Benchmark the front end: start-up to the first frame, and frame times on the table screen late in a busy game.

Run: python bench/bench_ui.py [SCENARIO] [--frames N] [--size WxH]

Headless (SDL's dummy video driver) unless DISPLAY is set and --window is given. Three frame-time runs on the
table in round 12 (many agreements, a long log):
- idle: the human seat's turn, composer open, nothing changing (what a player sees while thinking);
- log tab: the same with the log tab (the largest text box) open;
- AI moving: a demo seat view at the "fast" pace, where each AI move rebuilds the widgets.
Start-up is measured as a fresh process running ``parley play SCENARIO --frames 1`` and, inside one process, from
creating the window to the first frame drawn.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def row(label: str, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return (f"{label:<44} {len(ms):>6} {statistics.median(ms):>9.2f} {percentile(ms, 0.99):>9.2f} "
            f"{1000 / statistics.median(ms):>8.0f}")  # fmt: skip


def busy_session(scenario_id: str, seed: int, human: str):  # noqa: ANN201 - a Session
    """A game played by AI (the human seat too) up to the human seat's diplomacy turn in the last round."""
    from game.ai.play import seat_ais, turn_for
    from game.core.session import Session
    from game.scenario import resolve_scenario

    scenario = resolve_scenario(scenario_id)
    session = Session(scenario, seed, {human: "human"})
    ais = seat_ais(scenario)
    last = scenario.rules.rounds
    while not session.over:
        seat = session.to_move()
        if session.state.round == last and session.state.phase == "diplomacy" and seat == human:
            return session
        session.submit(*_decide(ais[seat], turn_for(session, seat)))
    raise SystemExit("the game ended before its last round; try another --seed")


def _decide(ai, turn):  # noqa: ANN001, ANN202
    decision = ai.decide(turn)
    return decision.move, decision.rationale


def frame_times(app, count: int) -> list[float]:  # noqa: ANN001
    times = []
    for _ in range(count):
        start = time.perf_counter()
        app.tick(1 / 60)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default="npt")
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--window", action="store_true", help="use the real display instead of the dummy driver")
    args = parser.parse_args()
    if not args.window:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    folder = tempfile.mkdtemp(prefix="parley-bench-")
    os.environ["PARLEY_SAVES"] = os.path.join(folder, "saves")
    os.environ["PARLEY_CONFIG_DIR"] = os.path.join(folder, "config")
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    size = tuple(int(x) for x in args.size.split("x"))

    print(f"machine: {platform.machine()}, Python {platform.python_version()}; scenario {args.scenario}; "
          f"window {size[0]}x{size[1]}; video driver {os.environ.get('SDL_VIDEODRIVER', 'default')}")  # fmt: skip
    walls = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "game", "play", args.scenario, "--frames", "1", "--size", args.size],
                       check=True, capture_output=True, env=os.environ)  # fmt: skip
        walls.append(time.perf_counter() - start)
    print(f"start-up, fresh process to first frame and exit (median of 3): {statistics.median(walls) * 1000:.0f} ms")

    import pygame

    from game.ui.app import App
    from game.ui.match import Match
    from game.ui.screens.table import TableScreen
    from game.ui.settings import Settings

    start = time.perf_counter()
    app = App(Settings(pace="fast"), size=size)
    window = time.perf_counter() - start
    from game.scenario import resolve_scenario

    human = resolve_scenario(args.scenario).actors[0].id
    session = busy_session(args.scenario, args.seed, human)
    match = Match(session, app.settings)
    start = time.perf_counter()
    app.show(TableScreen(app, match, human))
    app.tick(1 / 60)
    table = time.perf_counter() - start
    print(f"in process: window, theme and fonts {1000 * window:.0f} ms; the table's first frame in round 12 "
          f"{1000 * table:.0f} ms")  # fmt: skip
    v = session.view(human)
    print(f"table state: round {v['round']}, {len(v['agreements'])} agreements in view, {len(v['notices'])} notices, "
          f"{len(session.log)} moves")  # fmt: skip
    print(f"{'frames on the table':<44} {'frames':>6} {'p50 ms':>9} {'p99 ms':>9} {'p50 fps':>8}")
    frame_times(app, 30)  # warm caches
    print(row("idle (composer open)", frame_times(app, args.frames)))
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_3, mod=0, unicode="3", scancode=0))
    frame_times(app, 30)
    print(row("idle (log tab open)", frame_times(app, args.frames)))
    from game.core.moves import FACILITATOR, AssignSeat

    match.submit(AssignSeat(FACILITATOR, human, "hardliner"))  # the rest by AI, watched from the same seat
    app.settings.pace = "fast"
    for key, tab in ((pygame.K_1, "act tab"), (pygame.K_3, "log tab")):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
        moves_before = len(session.log)
        times = frame_times(app, args.frames)
        print(row(f"AI moving, fast pace, {tab} ({len(session.log) - moves_before} moves)", times))
    app.close()


if __name__ == "__main__":
    main()
