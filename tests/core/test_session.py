"""The session and determinism: the same scenario, seed and moves give the same states, step by step."""

from __future__ import annotations

import random

import pytest

from game.core import IllegalMove, apply, check, is_legal, new_game, state_hash, view
from game.core.moves import (
    Accept,
    Comply,
    Counter,
    Defect,
    DelayInspection,
    Dialogue,
    GrantInspection,
    Pass,
    Propose,
    RefuseInspection,
    Reject,
    RequestInspection,
    RespondEvent,
    Withdraw,
)
from tests.builders import tiny
from tests.core.helpers import ACTORS, FAC, game

SCENARIO = tiny()


def random_move(session, rng):
    """A legal move for the seat to move, chosen by a seeded Python generator."""
    seat = session.to_move()
    option = rng.choice(session.legal_moves(seat))
    c = option.choices
    k = option.kind
    if k == "pass":
        return Pass(seat)
    if k == "dialogue":
        return Dialogue(seat, rng.choice(sorted(c["acts"])), (rng.choice(c["to"]),))
    if k == "propose":
        mid = rng.choice(sorted(c["measures"]))
        m = c["measures"][mid]
        return Propose(
            seat,
            mid,
            (rng.choice(m["to"]),),
            rng.choice(m["reciprocity"]),
            rng.choice(m["durations"]),
            rng.choice(m["verification"]),
        )
    if k == "counter":
        aid = rng.choice(sorted(c["agreements"]))
        return Reject(seat, aid) if rng.random() < 0.5 else Accept(seat, aid)
    simple = {"withdraw": Withdraw, "accept": Accept, "reject": Reject, "comply": Comply, "defect": Defect}
    if k in simple:
        return simple[k](seat, rng.choice(c["agreements"]))
    if k == "request_inspection":
        r = rng.choice(c["requests"])
        return RequestInspection(seat, r["agreement"], r["target"])
    answers = {
        "grant_inspection": GrantInspection,
        "delay_inspection": DelayInspection,
        "refuse_inspection": RefuseInspection,
    }
    if k in answers:
        return answers[k](seat, c["inspections"][0])
    occurrence, responses = next(iter(c["occurrences"].items()))
    return RespondEvent(seat, occurrence, rng.choice(responses))


def random_game(seed, look=False):
    session = game(SCENARIO, seed)
    rng = random.Random(seed)
    while not session.over:
        session.submit(random_move(session, rng))
        if look:
            for seat in (*ACTORS, FAC):
                session.view(seat)
                session.view(seat, False)
    return session


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_replaying_the_log_gives_the_same_hash_at_every_step(seed):
    played = random_game(seed)
    replay = game(SCENARIO, seed)
    assert replay.hash() == played.start_hash
    for entry in played.log:
        replay.submit(entry.move, entry.rationale)
        assert replay.hash() == entry.hash, f"step {entry.step} diverged"
    assert replay.outcome() == played.outcome()
    assert replay.view("debrief") == played.view("debrief")


def test_the_function_api_and_the_session_agree():
    played = random_game(4)
    state = new_game(SCENARIO, 4)
    for entry in played.log:
        check(state, entry.move)
        apply(state, entry.move)
        assert state_hash(state) == entry.hash
    assert view(state, "debrief") == played.view("debrief")


def test_looking_at_views_between_moves_does_not_change_the_game():
    assert [e.hash for e in random_game(5, look=True).log] == [e.hash for e in random_game(5).log]


def test_every_applied_move_changes_the_hash():
    played = random_game(6)
    hashes = [played.start_hash, *(e.hash for e in played.log)]
    assert len(set(hashes)) == len(hashes)


def test_different_seeds_start_from_different_hashes():
    assert game(SCENARIO, 1).hash() != game(SCENARIO, 2).hash()
    assert game(SCENARIO, 1).hash() == game(SCENARIO, 1).hash()


def test_a_hidden_choice_changes_the_hash():
    hashes = set()
    for choice in (Comply, Defect):
        session = game(SCENARIO, 1)
        session.submit(Propose("aa", "hotline", ("bb",), "reciprocal", 2, "none"))
        for seat in ACTORS:
            session.submit(Pass(seat))
        session.submit(Accept("bb", "a1"))
        session.submit(choice("aa", "a1"))
        hashes.add(session.hash())
    assert len(hashes) == 2


def test_the_log_records_where_and_when_each_move_was_made():
    session = game(SCENARIO, 1)
    session.submit(Pass("aa"), "nothing to say")
    entry = session.log[0]
    assert (entry.step, entry.round, entry.phase, entry.move, entry.rationale) == (
        1,
        1,
        "diplomacy",
        Pass("aa"),
        "nothing to say",
    )
    assert entry.hash == session.hash()
    assert entry.to_dict()["move"] == {"kind": "pass", "actor": "aa"}


def test_a_seed_must_be_a_whole_number_not_below_zero():
    for seed in (-1, 1.5, True, "7"):
        with pytest.raises(ValueError):
            game(SCENARIO, seed)


def test_is_legal_mirrors_check():
    state = new_game(SCENARIO, 1)
    assert is_legal(state, Pass("aa")) and not is_legal(state, Pass("bb"))
    with pytest.raises(IllegalMove):
        apply(state, Pass("bb"))


def test_a_copied_state_plays_on_without_touching_the_original():
    played = random_game(7)
    state = new_game(SCENARIO, 7)
    for entry in played.log[: len(played.log) // 2]:
        apply(state, entry.move)
    copy = state.copy()
    assert state_hash(copy) == state_hash(state)
    before = state_hash(state)
    for entry in played.log[len(played.log) // 2 :]:
        apply(copy, entry.move)
    assert state_hash(state) == before
    assert state_hash(copy) == played.hash()


def test_a_counter_keeps_the_game_deterministic():
    hashes = set()
    for _ in range(2):
        session = game(SCENARIO, 9)
        session.submit(Propose("aa", "safeguards", ("bb",), "reciprocal", 2, "onsite"))
        for seat in ACTORS:
            session.submit(Pass(seat))
        session.submit(Counter("bb", "a1", "reciprocal", 3, "onsite"))
        session.submit(Accept("aa", "a2"))
        hashes.add(session.hash())
    assert len(hashes) == 1
