"""A game killed mid-play (SIGKILL, as in a power cut) loses at most the move being written."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time

from game.ai import build
from game.ai.play import turn_for
from game.cli import run
from game.core.session import Session
from game.saves import Autosave, resume_save, verify_save
from game.scenario import resolve_scenario


def whole_move_lines(path) -> int:
    return sum(1 for line in path.read_bytes().split(b"\n")[:-1] if line.startswith(b'{"type":"move"'))


def test_a_killed_game_resumes_with_every_move_made_before_the_kill(tmp_path):
    scenario = resolve_scenario("npt")
    seats = {a.id: "strategist:normal" for a in scenario.actors}  # slow enough to be caught mid-game
    session = Session(scenario, 8, seats)
    with Autosave.start(session, tmp_path) as autosave:
        pass
    path = autosave.path
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen([sys.executable, "-m", "game", "resume", str(path), "--headless"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while whole_move_lines(path) < 40 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert child.poll() is None, f"the game ended before it could be killed: {child.stderr.read()!r}"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:  # pragma: no cover - only if an assertion above failed
            child.kill()
    on_disk = whole_move_lines(path)
    assert on_disk >= 40

    loaded, autosave = resume_save(path)
    assert len(loaded.session.log) == on_disk  # every whole move line is there; a cut-off one is reported
    assert len(loaded.warnings) <= 1
    resumed = loaded.session
    ai = build("simple")
    with autosave:
        for _ in range(25):  # the game goes on
            seat = resumed.to_move()
            decision = ai.decide(turn_for(resumed, seat))
            resumed.submit(decision.move, decision.rationale)
    out, err = io.StringIO(), io.StringIO()
    assert run(["verify", str(path)], out, err) == 0, err.getvalue()  # as the instructor would check it
    assert f"{on_disk + 25} moves replayed, every state hash matches" in out.getvalue()
    checked = verify_save(path)
    assert len(checked.session.log) == on_disk + 25
    assert checked.session.hash() == resumed.hash()
    assert not checked.warnings
