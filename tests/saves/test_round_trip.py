"""A saved game loads back as the same game: every field, not only the hash."""

from __future__ import annotations

import json

import pytest

from game.ai import play_game
from game.core.moves import FACILITATOR, Adjust, AssignSeat, Pass
from game.core.session import Session
from game.saves import Autosave, Replay, SaveError, load_save, read_save, verify_save, write_save
from game.saves.reader import restore
from game.scenario import resolve_scenario
from tests.saves.helpers import lines, picture, saved_game


@pytest.mark.parametrize("scenario", ["npt", "nato_russia", "central_asia"])
def test_a_loaded_game_equals_the_saved_one_in_every_field(tmp_path, scenario):
    session, path = saved_game(tmp_path, scenario, 5)
    loaded = load_save(path)
    assert picture(loaded.session.state) == picture(session.state)
    assert loaded.session.log == session.log
    assert loaded.session.seats == session.seats
    assert (loaded.session.seed, loaded.session.scenario) == (session.seed, session.scenario)


def test_every_snapshot_restores_the_state_of_its_step_in_every_field(tmp_path):
    session, path = saved_game(tmp_path)
    save = read_save(path)
    assert len(save.snapshots) >= 3  # a 12-round NPT game is several hundred moves
    again = Session(session.scenario, session.seed)
    moves = iter(session.log)
    for snapshot in save.snapshots:
        while len(again.log) < snapshot.step:
            entry = next(moves)
            again.submit(entry.move, entry.rationale)
        assert picture(restore(save, snapshot)) == picture(again.state)


def test_a_restored_state_plays_on_exactly_like_the_original(tmp_path):
    session, path = saved_game(tmp_path)
    replay = Replay.open(path)
    replay.seek(250)
    state = replay.state.copy()
    original = Session(session.scenario, session.seed)
    for entry in session.log[:250]:
        original.submit(entry.move)
    assert state.rng.random() == original.state.rng.random()  # the generator carries on from the same place


def test_the_generator_state_and_secrets_survive_a_save_mid_game(tmp_path):
    session = Session(resolve_scenario("nato_russia"), 11, {"lithuania": "human"})
    autosave = Autosave.start(session, tmp_path)
    finished = play_game(session.scenario, 11)
    for entry in finished.log[:180]:  # stop mid-game, secrets (this round's compliance choices) and all
        session.submit(entry.move, entry.rationale)
    autosave.close()
    loaded = load_save(autosave.path)
    assert picture(loaded.session.state) == picture(session.state)
    assert loaded.session.seats["lithuania"] == "human"


def test_facilitator_moves_and_seat_hand_overs_are_saved_and_replayed(tmp_path):
    session = Session(resolve_scenario("npt"), 2)
    with Autosave.start(session, tmp_path) as autosave:
        session.submit(Adjust(FACILITATOR, "tension", 20, "a calmer start"), "white cell")
        session.submit(AssignSeat(FACILITATOR, "usa", "hardliner:hard"))
        session.submit(Pass(session.to_move()))
    loaded = verify_save(autosave.path)
    assert loaded.session.controller("usa") == "hardliner:hard"
    assert loaded.session.log[0].rationale == "white cell"
    assert picture(loaded.session.state) == picture(session.state)


def test_each_line_is_one_json_object_with_its_type_and_the_header_says_what_is_needed(tmp_path):
    session, path = saved_game(tmp_path)
    records = [json.loads(line) for line in lines(path)]
    header = records[0]
    assert header["type"] == "header" and header["format"] == 2
    assert header["seed"] == 3 and header["scenario_id"] == "npt" and header["scenario"]["id"] == "npt"
    assert header["start_hash"] == session.start_hash
    moves = [r for r in records if r["type"] == "move"]
    assert [m["step"] for m in moves] == list(range(1, len(session.log) + 1))
    assert [m["hash"] for m in moves] == [e.hash for e in session.log]
    assert all(m["by"] == m["move"]["actor"] for m in moves)
    assert [r["step"] for r in records if r["type"] == "snapshot"] == list(range(100, len(session.log) + 1, 100))


def test_saving_the_same_game_twice_never_overwrites_the_first(tmp_path):
    session, first = saved_game(tmp_path)
    second = write_save(session, tmp_path, name=first.stem)
    assert second != first and first.exists() and second.exists()
    assert read_save(first).header["seed"] == read_save(second).header["seed"]


def test_a_format_1_save_loads_through_the_migration_and_plays_on(tmp_path):
    from tests.saves.format1 import FIXTURE, write_format1

    loaded = verify_save(FIXTURE)
    assert loaded.save.format == 1 and loaded.save.header["format"] == 2
    assert len(loaded.session.log) == 60 and loaded.session.scenario.id == "central_asia"
    reference = play_game(resolve_scenario("central_asia"), 2)
    assert [e.hash for e in loaded.session.log] == [e.hash for e in reference.log[:60]]
    # A damaged format-1 save is still caught: its hashes are checked when the moves are played again.
    damaged = tmp_path / "damaged.jsonl"
    write_format1(reference, damaged, moves=30)
    damaged.write_text(damaged.read_text().replace(reference.log[20].hash, "0" * 64))
    with pytest.raises(SaveError, match=":22: step 21"):
        load_save(damaged)


def test_the_example_save_shipped_in_saves_examples_verifies():
    from pathlib import Path

    example = Path(__file__).parents[2] / "saves" / "examples" / "npt-seed7.jsonl"
    loaded = verify_save(example)
    assert loaded.session.over and loaded.session.seed == 7
