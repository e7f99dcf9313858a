"""The replay API: seek anywhere, step both ways, see any seat's view, bookmark, branch."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai import play_game
from game.core.hashing import state_hash
from game.core.session import Session
from game.saves import Replay, load_save, read_save, verify_save, write_save
from game.scenario import resolve_scenario
from tests.saves.helpers import picture, saved_game

NPT = resolve_scenario("npt")


@pytest.fixture(scope="module")
def game(tmp_path_factory):
    return saved_game(tmp_path_factory.mktemp("replay"), "npt", 3)


def test_seeking_gives_the_state_hash_saved_for_every_step(game):
    session, path = game
    replay = Replay.open(path)
    for k in [*range(0, len(session.log) + 1, 37), len(session.log), 99, 100, 101, 0]:
        state = replay.seek(k)
        assert state_hash(state) == (session.log[k - 1].hash if k else session.start_hash)
        assert replay.step == k


def test_stepping_back_and_forth_walks_the_log_one_move_at_a_time(game):
    session, path = game
    replay = Replay.open(path)
    replay.seek(120)
    replay.back()
    assert replay.step == 119 and state_hash(replay.state) == session.log[118].hash
    replay.forward()
    replay.forward()
    assert replay.step == 121 and state_hash(replay.state) == session.log[120].hash
    replay.seek(0)
    replay.back()
    assert replay.step == 0
    replay.seek(len(replay))
    replay.forward()
    assert replay.step == len(replay) and replay.state.ending is not None


def test_seek_by_round_and_phase_lands_before_the_first_move_made_there(game):
    _, path = game
    replay = Replay.open(path)
    state = replay.seek_round(4, "verification")
    assert (state.round, state.phase) == (4, "verification")
    assert replay.entries[replay.step - 1].phase != "verification"
    assert replay.seek_round(2).round == 2
    with pytest.raises(ValueError, match="no move was made in round 40"):
        replay.seek_round(40)


def test_seeking_outside_the_game_is_refused_and_the_position_kept(game):
    _, path = game
    replay = Replay.open(path)
    replay.seek(10)
    for bad in (-1, len(replay) + 1, "3", True):
        with pytest.raises(ValueError, match="steps run from 0 to"):
            replay.seek(bad)
    assert replay.step == 10


def test_a_seat_sees_the_replay_as_it_saw_the_game_and_the_facilitator_sees_everything(game):
    session, path = game
    replay = Replay.open(path)
    replay.seek(len(replay))
    assert replay.view("usa") == session.view("usa")
    assert replay.view("facilitator") == session.view("facilitator")
    hidden = [c for a in replay.view("facilitator")["agreements"] for c in a["compliance"] if c["party"] != "usa"]
    assert hidden and not [c for a in replay.view("usa")["agreements"] for c in a["compliance"] if c["party"] != "usa"]


def test_bookmarks_are_kept_in_the_save_and_the_save_still_verifies(tmp_path):
    _, path = saved_game(tmp_path)
    replay = Replay.open(path)
    replay.seek(42)
    replay.bookmark("Why did Kessaria refuse here?")
    replay.bookmark("The crisis that was defused", step=300)
    again = Replay.open(path)
    assert [(n.step, n.text) for n in again.bookmarks] == [(42, "Why did Kessaria refuse here?"),
                                                          (300, "The crisis that was defused")]  # fmt: skip
    verify_save(path)
    for bad_step, text in ((len(replay) + 1, "too far"), (3, "  ")):
        with pytest.raises(ValueError):
            replay.bookmark(text, step=bad_step)
    assert len(Replay.open(path).bookmarks) == 2


def test_a_branch_plays_on_from_the_chosen_step_in_a_new_save_that_names_its_origin(tmp_path):
    session, path = saved_game(tmp_path)
    replay = Replay.open(path)
    replay.seek(150)
    branch, autosave = replay.branch(seats={"kessaria": "human"})
    with autosave:
        assert branch.hash() == session.log[149].hash
        seat = branch.to_move()
        option = branch.legal_moves(seat)[-1]
        assert option.kind in ("pass", "comply", "defect", "respond_event", "accept", "reject")
    header = read_save(autosave.path).header
    assert header["branched_from"] == {"save": path.name, "step": 150, "hash": session.log[149].hash}
    assert header["seats"]["kessaria"] == "human"
    assert autosave.path != path and len(load_save(autosave.path).session.log) == 150
    assert len(load_save(path).session.log) == len(session.log)  # the original is untouched


@settings(max_examples=12)
@given(seed=st.integers(0, 10_000), at=st.floats(0, 1))
def test_seeking_to_k_then_stepping_forward_equals_playing_k_plus_1_moves(tmp_path_factory, seed, at):
    session = play_game(NPT, seed)
    path = write_save(session, tmp_path_factory.mktemp("prop"))
    loaded = load_save(path)
    assert [e.hash for e in loaded.session.log] == [e.hash for e in session.log]
    replay = Replay.open(path)
    k = int(at * (len(session.log) - 1))
    replay.seek(k)
    replay.forward()
    played = Session(NPT, seed)
    for entry in session.log[: k + 1]:
        played.submit(entry.move)
    assert picture(replay.state) == picture(played.state)
