"""``parley resume SAVE`` and the menu's Continue: the game goes on in the window, appended to the same save."""

from __future__ import annotations

import io
from pathlib import Path

import pygame

from game.cli import run
from game.core.session import Session
from game.saves import Autosave, load_save, verify_save
from game.scenario import resolve_scenario
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.handover import HandoverScreen
from game.ui.screens.table import TableScreen, resume_table
from tests.ui.helpers import drawn, frames, press, run_until


def saved_game(folder: Path, seats: dict[str, str], moves: int = 0, seed: int = 4) -> Path:
    """A save of an npt game after ``moves`` moves (each seat passing or answering as its AI would)."""
    from game.ai import build
    from game.ai.play import turn_for

    session = Session(resolve_scenario("npt"), seed, seats)
    ai = build("simple")
    with Autosave.start(session, folder) as autosave:
        for _ in range(moves):
            seat = session.to_move()
            decision = ai.decide(turn_for(session, seat))
            session.submit(decision.move, decision.rationale)
    return autosave.path


def parley(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_parley_resume_opens_the_table_and_a_key_press_is_appended_to_the_same_save(tmp_path):
    path = saved_game(tmp_path, {"usa": "human"})  # usa moves first
    # Posted before the window opens: the first frame hands them to the table, as if the player pressed E at once.
    pygame.init()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_e, mod=0, unicode="e", scancode=0))
    code, _, err = parley("resume", str(path), "--pace", "instant", "--frames", "20")
    assert code == 0, err
    log = verify_save(path).session.log
    assert log[0].move.actor == "usa" and log[0].move.kind == "pass"
    assert len(log) > 1  # and the AI seats moved on after it, all in the same file
    assert [p.name for p in tmp_path.glob("*.jsonl")] == [path.name]


def test_resume_shows_the_human_seat_at_the_table_and_plays_on(app, tmp_path):
    path = saved_game(tmp_path, {"russia": "human"}, moves=1)  # usa (AI) has moved; russia is next
    resume_table(app, path)
    frames(app, 2)
    assert isinstance(app.screen, TableScreen) and app.screen.seat == "russia"
    assert "You are Russian Federation" in drawn(app)
    press(app, pygame.K_e)
    run_until(app, lambda: app.screen.match.session.to_move() == "russia" or app.screen.match.step > 8)
    app.screen.match.close()  # the save is written as the game goes; closing releases it
    log = load_save(path).session.log
    assert [e.move.actor for e in log[:2]] == ["usa", "russia"] and log[1].move.kind == "pass"


def test_resume_without_a_human_seat_plays_as_a_demo_in_the_facilitator_view(app, tmp_path):
    scenario = resolve_scenario("npt")
    path = saved_game(tmp_path, {a.id: a.persona for a in scenario.actors}, moves=3)
    resume_table(app, path)
    frames(app, 2)
    assert isinstance(app.screen, TableScreen) and app.screen.seat == "facilitator"
    run_until(app, lambda: app.screen.match.step >= 10)  # the AI pace (instant here) drives the game on
    assert "Facilitator view" in drawn(app)


def test_resume_of_a_hot_seat_game_opens_the_hand_over(app, tmp_path):
    path = saved_game(tmp_path, {"usa": "human", "russia": "human"})
    resume_table(app, path)
    frames(app, 2)
    assert isinstance(app.screen, HandoverScreen)
    assert "Pass to the United States delegation" in drawn(app)


def test_a_save_cut_off_by_a_crash_resumes_and_says_so_in_the_window(app, tmp_path):
    path = saved_game(tmp_path, {"usa": "human"}, moves=6)
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"\n", 0, len(data) - 1) + 30])  # the last line cut mid-write
    resume_table(app, path)
    frames(app, 2)
    text = drawn(app)
    assert "the last line was cut off mid-write" in text and "goes on from the last whole move" in text


class FullDisk:
    """The save's file while the disk is full: every write fails."""

    def __init__(self, real):
        self.real = real

    def write(self, data):
        raise OSError(28, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_a_full_disk_is_shown_in_the_window_and_the_game_goes_on(app, tmp_path):
    app.settings.pace = "slow"  # the AI seats wait 1.8 s: time to look at the window between moves
    path = saved_game(tmp_path, {"usa": "human"})
    resume_table(app, path)
    frames(app, 2)
    match = app.screen.match
    match.autosave._file = FullDisk(match.autosave._file)
    press(app, pygame.K_e)
    frames(app, 2)
    assert 1 <= match.step <= 2  # the move was made all the same (and the first AI answer, at once)
    assert "No space left on device" in drawn(app) and "the game goes on" in drawn(app)
    match.autosave._file = match.autosave._file.real  # the disk has room again
    steps = match.step
    run_until(app, lambda: match.step > steps)  # the next move writes the lines kept back too
    frames(app, 2)
    assert not match.save_error and "No space left" not in drawn(app)
    match.close()
    assert [e.move.actor for e in load_save(path).session.log[:2]] == ["usa", "russia"]


def test_resume_of_a_finished_game_opens_its_debrief(app, tmp_path):
    scenario = resolve_scenario("npt")
    path = saved_game(tmp_path, {a.id: a.persona for a in scenario.actors}, moves=0)
    code, _, err = parley("resume", str(path), "--headless")  # play it to the end without a window
    assert code == 0, err
    resume_table(app, path)
    frames(app, 2)
    assert isinstance(app.screen, DebriefScreen) and app.screen.step == len(app.screen.replay)


def test_resume_errors_are_one_line_without_opening_a_game(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not a save\n")
    code, out, err = parley("resume", str(bad))
    assert code == 1 and err.count("\n") == 1 and "bad.jsonl:1" in err and "Traceback" not in err
    code, _, err = parley("resume", str(tmp_path / "missing.jsonl"))
    assert code == 1 and "no such save file" in err and err.count("\n") == 1
    path = saved_game(tmp_path, {"usa": "human"})
    session = load_save(path)  # a second writer: another Parley has this save open
    from game.saves import resume_save

    _, writer = resume_save(path)
    try:
        code, _, err = parley("resume", str(path))
        assert code == 1 and "another Parley" in err and err.count("\n") == 1
    finally:
        writer.close()
    assert len(load_save(path).session.log) == len(session.session.log)
