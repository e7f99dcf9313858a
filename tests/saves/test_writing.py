"""Going on writing a save safely: after a crash, an old format, a full disk, or with another writer at work."""

from __future__ import annotations

import io

import pytest

from game.ai import build, play_game
from game.ai.play import turn_for
from game.cli import run
from game.core.moves import FACILITATOR, Pause
from game.core.session import Session
from game.saves import Autosave, Replay, SaveError, load_save, read_save, resume_save, verify_save
from game.scenario import resolve_scenario
from tests.saves.format1 import FIXTURE

NPT = resolve_scenario("npt")


def play(session: Session, moves: int) -> None:
    ai = build("simple")
    for _ in range(moves):
        decision = ai.decide(turn_for(session, session.to_move()))
        session.submit(decision.move, decision.rationale)


def started(tmp_path, moves: int = 30) -> Autosave:
    session = Session(NPT, 12)
    autosave = Autosave.start(session, tmp_path)
    play(session, moves)
    autosave.close()
    return autosave


def test_a_bookmark_on_a_save_cut_off_by_a_crash_removes_the_broken_line_first(tmp_path):
    path = started(tmp_path).path
    path.write_bytes(path.read_bytes()[:-30])
    replay = Replay.open(path)
    assert replay.save.warnings and len(replay) == 29
    replay.bookmark("what happened here?", step=10)
    checked = verify_save(path)
    assert not checked.warnings and len(checked.session.log) == 29
    assert [(n.step, n.text) for n in checked.notes] == [(10, "what happened here?")]


def test_resuming_a_format_1_save_rewrites_it_in_the_current_format_and_keeps_the_old_one(tmp_path):
    path = tmp_path / FIXTURE.name
    path.write_bytes(FIXTURE.read_bytes())
    loaded, autosave = resume_save(path)
    with autosave:
        play(loaded.session, 5)
    checked = verify_save(path)
    assert checked.save.format == 2 and len(checked.session.log) == 65
    assert (tmp_path / f"{FIXTURE.name}.format1.bak").read_bytes() == FIXTURE.read_bytes()


def test_bookmarking_a_format_1_save_rewrites_it_in_the_current_format(tmp_path):
    path = tmp_path / FIXTURE.name
    path.write_bytes(FIXTURE.read_bytes())
    Replay.open(path).bookmark("an old exercise", step=3)
    checked = verify_save(path)
    assert checked.save.format == 2 and [n.text for n in checked.notes] == ["an old exercise"]


class FlakyFile:
    """A file whose writes fail while ``full`` is set, like a full disk."""

    def __init__(self, real):
        self.real = real
        self.full = False

    def write(self, data):
        if self.full:
            self.real.write(data[: len(data) // 2])  # half a line reaches the disk before the error
            raise OSError(28, "No space left on device")
        return self.real.write(data)

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_a_full_disk_loses_no_move_and_leaves_no_broken_line(tmp_path):
    session = Session(NPT, 12)
    autosave = Autosave.start(session, tmp_path)
    autosave._file = flaky = FlakyFile(autosave._file)
    play(session, 10)
    flaky.full = True
    play(session, 3)
    assert autosave.error is not None and "No space left" in autosave.error and "3 line(s)" in autosave.error
    assert len(load_save(autosave.path).session.log) == 10  # the file holds whole lines only
    flaky.full = False
    play(session, 2)
    assert autosave.error is None
    autosave.close()
    checked = verify_save(autosave.path)
    assert len(checked.session.log) == 15 and checked.session.hash() == session.hash()


def test_a_save_being_written_cannot_be_resumed_by_a_second_parley(tmp_path):
    session = Session(NPT, 12)
    with Autosave.start(session, tmp_path) as autosave:
        play(session, 5)
        with pytest.raises(SaveError, match="another Parley is writing this save"):
            resume_save(autosave.path)
        out, err = io.StringIO(), io.StringIO()
        assert run(["resume", str(autosave.path), "--headless"], out, err) == 1 and "another Parley" in err.getvalue()
    assert len(verify_save(autosave.path).session.log) == 5
    loaded, again = resume_save(autosave.path)  # free once the first writer is done
    again.close()


def test_resume_of_a_paused_game_records_that_it_resumed_it(tmp_path):
    session = Session(NPT, 12)
    with Autosave.start(session, tmp_path) as autosave:
        play(session, 3)
        session.submit(Pause(FACILITATOR, "lunch"))
    out, err = io.StringIO(), io.StringIO()
    assert run(["resume", str(autosave.path), "--headless"], out, err) == 0, err.getvalue()
    log = verify_save(autosave.path).session.log
    assert log[4].move.kind == "resume" and "parley resume" in log[4].rationale
    assert log[-1].move.kind != "resume" and verify_save(autosave.path).session.over


def test_a_branch_keeps_the_players_of_the_seats_it_does_not_change(tmp_path):
    session = Session(NPT, 12, {"usa": "strategist:easy"})
    with Autosave.start(session, tmp_path) as autosave:
        play(session, 20)
    replay = Replay.open(autosave.path)
    replay.seek(10)
    branch, branch_save = replay.branch(seats={"kessaria": "human"})
    branch_save.close()
    assert branch.seats["usa"] == "strategist:easy" and branch.seats["kessaria"] == "human"
    replay.seek(len(replay))
    finished = play_game(NPT, 12)
    from game.saves import write_save

    done = Replay.open(write_save(finished, tmp_path))
    done.seek(len(done))
    with pytest.raises(ValueError, match="the game is over"):
        done.branch()


def test_changing_the_state_a_replay_hands_out_does_not_spoil_later_seeks(tmp_path):
    path = started(tmp_path).path
    replay = Replay.open(path)
    replay.state.tension = 99.0  # a careless caller
    replay.seek(20)
    replay.seek(0)
    assert replay.state.tension == NPT.tension.start


@pytest.mark.parametrize("step", [True, 3.0, "3", -1, 10_000])
def test_a_bookmark_with_a_bad_step_is_refused_and_the_save_unchanged(tmp_path, step):
    path = started(tmp_path).path
    before = path.read_bytes()
    with pytest.raises(ValueError):
        Replay.open(path).bookmark("note", step=step)
    assert path.read_bytes() == before


def test_a_bom_and_empty_lines_at_the_end_are_tolerated(tmp_path):
    path = started(tmp_path).path
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes() + b"\n\n")
    assert len(verify_save(path).session.log) == 30
    loaded, autosave = resume_save(path)
    with autosave:
        play(loaded.session, 2)
    assert len(read_save(path).moves) == 32
