"""Properties that hold for any sequence of legal moves, and for any illegal move."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core import MOVE_TYPES, IllegalMove, Session, legal_moves, move_from_dict, state_hash, view
from game.core.phases import ORDER
from game.core.state import GameState
from tests.builders import tiny
from tests.expand import concrete_moves

SCENARIO = tiny(rules={"rounds": 4, "actions_per_turn": 2, "counters": 1,
                       "stability": {"max_rung": "strained", "min_agreements": 1}})  # fmt: skip
PRIVATE_FIELDS = ("capital", "security", "score", "briefing", "private_objectives", "trust")


def current_terms(state: GameState) -> dict[str, tuple]:
    return {a.id: (a.reciprocity, a.duration, a.verification) for a in state.agreements}


def play(seed: int, picks: list[int]) -> Session:
    """Play a game choosing, at each step, the legal move the next pick points at."""
    session = Session(SCENARIO, seed)
    for pick in picks:
        if session.over:
            break
        seat = session.to_move()
        assert seat is not None
        moves = concrete_moves(seat, session.legal_moves(seat), current_terms(session.state))
        assert moves, f"{seat} is to move but has no legal move in {session.state.phase}"
        session.submit(moves[pick % len(moves)])
        assert_invariants(session.state)
    return session


def assert_invariants(state: GameState) -> None:
    rules = state.scenario.trust
    off = ~np.eye(state.n, dtype=bool)
    assert np.all(state.trust[off] >= rules.floor - 1e-12) and np.all(state.trust[off] <= rules.ceiling + 1e-12)
    assert np.all((state.trust >= 0.0) & (state.trust <= 1.0))
    assert all(c >= 0 for c in state.capital), state.capital
    assert 0.0 <= state.tension <= 100.0
    assert isinstance(state.phase, str) and state.phase in ORDER
    assert (state.phase == "debrief") == (state.ending is not None)
    for seat in state.ids:
        assert_no_foreign_secrets(state, seat)


def assert_no_foreign_secrets(state: GameState, seat: str) -> None:
    seen = view(state, seat)
    for actor in seen["actors"]:
        if actor["id"] != seat:
            leaked = [f for f in PRIVATE_FIELDS if f in actor]
            assert not leaked, f"{seat} sees {actor['id']}'s {leaked}"
    for agreement in seen["agreements"]:
        assert all(c["party"] == seat for c in agreement["compliance"]), f"{seat} sees others' compliance"
    assert all(i["seat"] == seat for i in seen["intel"])
    me = state.index[seat]
    visible = [n for n in state.notices if n.to is None or me in n.to]
    assert len(seen["notices"]) == len(visible)


@settings(max_examples=60)
@given(seed=st.integers(0, 2**32), picks=st.lists(st.integers(0, 10_000), min_size=1, max_size=150))
def test_any_sequence_of_legal_moves_keeps_the_invariants(seed: int, picks: list[int]) -> None:
    play(seed, picks)


@settings(max_examples=25)
@given(seed=st.integers(0, 2**32), picks=st.lists(st.integers(0, 10_000), max_size=200))
def test_the_same_seed_and_moves_give_the_same_hash_at_every_step(seed: int, picks: list[int]) -> None:
    first = play(seed, picks)
    again = Session(SCENARIO, seed)
    for entry in first.log:
        again.submit(entry.move)
        assert again.log[-1].hash == entry.hash


FIELD_VALUES = {
    "actor": st.sampled_from(["aa", "bb", "cc", "io", "facilitator", "zz", ""]),
    "act": st.sampled_from(["reassure", "accuse", "clarify", "shout", ""]),
    "to": st.one_of(st.lists(st.sampled_from(["aa", "bb", "cc", "io", "zz"]), max_size=5), st.integers()),
    "measure": st.sampled_from(["hotline", "safeguards", "trade", "nuke", ""]),
    "reciprocity": st.sampled_from(["reciprocal", "one_sided", "bilateral"]),
    "duration": st.one_of(st.integers(-3, 5), st.floats(allow_nan=True), st.text(max_size=3)),
    "verification": st.sampled_from(["onsite", "sat", "none", "x"]),
    "agreement": st.sampled_from(["a1", "a2", "a3", "a99", "x", ""]),
    "target": st.sampled_from(["aa", "bb", "io", "tension", "trust:aa:bb", "trust:aa:aa", "capital:zz", "posture:cc"]),
    "inspection": st.sampled_from(["i1", "i2", "q"]),
    "occurrence": st.sampled_from(["e1", "e2", "e9"]),
    "option": st.sampled_from(["calm", "escalate", "flee"]),
    "event": st.sampled_from(["incident", "raid", "meteor"]),
    "value": st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 200)),
    "reason": st.text(max_size=5),
    "seat": st.sampled_from(["aa", "io", "zz", "facilitator", ""]),
    "name": st.sampled_from(["Leak", "", "x" * 90]),
    "text": st.sampled_from(["A cable leaked.", " ", ""]),
    "tension": st.one_of(st.floats(-40, 40), st.sampled_from([float("nan"), 30.0, -30.0])),
    "controller": st.sampled_from(["human", "grudger:hard", "Grudger", "x:", ""]),
}


@st.composite
def move_dicts(draw: st.DrawFn) -> dict:
    """A move's dict form with its own fields, random values, and now and then a broken shape."""
    kind = draw(st.sampled_from([*MOVE_TYPES, "nonsense"]))
    names = [f.name for f in fields(MOVE_TYPES[kind])] if kind in MOVE_TYPES else ["actor"]
    data = {"kind": kind, **{name: draw(FIELD_VALUES[name]) for name in names}}
    shape = draw(st.sampled_from(["whole"] * 8 + ["missing", "extra"]))
    if shape == "missing":
        del data[draw(st.sampled_from(names))]
    elif shape == "extra":
        data["extra"] = 1
    return data


@settings(max_examples=300)
@given(seed=st.integers(0, 1000), picks=st.lists(st.integers(0, 10_000), max_size=40), data=move_dicts())
def test_an_illegal_move_leaves_the_state_hash_unchanged(seed: int, picks: list[int], data: dict) -> None:
    session = play(seed, picks)
    before, steps = state_hash(session.state), len(session.log)
    try:
        session.submit(data)
    except IllegalMove as refused:
        assert refused.code and refused.reason
        assert state_hash(session.state) == before
        assert len(session.log) == steps
    else:
        # A random dict can be legal; then it went through the one way in, like any other move.
        assert len(session.log) == steps + 1
        assert session.log[-1].move == move_from_dict(data)


@settings(max_examples=40)
@given(seed=st.integers(0, 2**32), picks=st.lists(st.integers(0, 10_000), max_size=120))
def test_only_the_seat_to_move_has_legal_moves(seed: int, picks: list[int]) -> None:
    session = play(seed, picks)
    owner = session.to_move()
    for seat in session.state.ids:
        options = legal_moves(session.state, seat)
        assert bool(options) == (seat == owner and not session.state.paused)
