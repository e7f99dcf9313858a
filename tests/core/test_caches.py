"""The caches on the hot path (agreement versions, kept digests, who is to move) never change an answer.

Every state hash, view, legal-move list and turn worked out with the caches a game built up must equal the
one worked out afresh from a copy with every cache emptied. A change to an agreement that forgets
``Agreement.changed()`` shows here as a stale hash or view.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai import SimpleAI, play_game
from game.core import FACILITATOR, Session, legal_moves, state_hash, view
from game.core.belief import believed_state
from game.core.moves import Accept, Counter, Reject, Withdraw
from game.core.state import GameState
from game.scenario import resolve_scenario
from tests.builders import pass_until, tiny
from tests.core.helpers import decide, game, inspect, play_until, propose, sign, two_signed_and_decided
from tests.expand import concrete_moves

SCENARIO = tiny(rules={"rounds": 4, "actions_per_turn": 2, "counters": 1,
                       "stability": {"max_rung": "strained", "min_agreements": 1}})  # fmt: skip


def afresh(state: GameState) -> GameState:
    """A copy of ``state`` that remembers nothing it worked out before."""
    fresh = state.copy()
    for a in fresh.agreements:
        a.memo = a.shown = None
    fresh.digests = {}
    fresh.mover = None
    return fresh


def assert_as_if_afresh(state: GameState) -> None:
    fresh = afresh(state)
    assert state_hash(state) == state_hash(fresh)
    for seat in (*state.ids, FACILITATOR):
        assert view(state, seat, full=False) == view(fresh, seat, full=False), seat
        assert [o.to_dict() for o in legal_moves(state, seat)] == [o.to_dict() for o in legal_moves(fresh, seat)]
    assert view(state, FACILITATOR) == view(fresh, FACILITATOR)


def checking(session: Session) -> None:
    """Check the session's state after every move it takes from now on."""
    session.listeners.append(lambda entry: assert_as_if_afresh(session.state))


def test_every_kind_of_change_to_an_agreement_shows_in_the_next_hash_and_views() -> None:
    session = game()
    checking(session)
    aid = sign(session, measure="hotline", to=("bb", "cc"), verification="none")  # answered one by one
    decide(session, defect=("cc",))
    pass_until(session, "diplomacy")
    session.submit(Withdraw("bb", aid))  # the other two stay parties
    proposal = propose(session, "cc", measure="hotline", to=("aa", "bb"), verification="none")
    session.submit(Withdraw("cc", proposal))

    countered = game()
    checking(countered)
    aid = propose(countered, "aa", measure="hotline", to=("bb", "cc"), verification="none")
    pass_until(countered, "responses")
    countered.submit(Counter("bb", aid, "reciprocal", 3, "none"))
    countered.submit(Reject("aa", "a2"))
    countered.submit(Accept("cc", aid))

    inspected = two_signed_and_decided(defect=("bb", "cc"))
    checking(inspected)
    inspect(inspected, "aa", "a1", "bb", "delay")  # a finding, and the agreement suspected or broken
    inspect(inspected, "aa", "a2", "cc", "refuse")
    play_until(inspected, "diplomacy", round_=3)  # assessments and expiries


@pytest.mark.parametrize(("name", "players"), [("npt", "simple"), ("npt", "personas"),
                                               ("central_asia", "simple"), ("nato_russia", "personas")])  # fmt: skip
def test_cached_answers_match_fresh_ones_after_every_move_of_a_whole_game(name: str, players: str) -> None:
    scenario = resolve_scenario(name)
    seats = {a.id: SimpleAI() for a in scenario.actors} if players == "simple" else None
    played = play_game(scenario, 3, seats)
    again = Session(scenario, seed=3)
    checking(again)
    for entry in played.log:
        again.submit(entry.move)
    assert again.over and len(again.log) > 100


@settings(max_examples=25)
@given(seed=st.integers(0, 2**32), picks=st.lists(st.integers(0, 10_000), min_size=1, max_size=150))
def test_cached_answers_match_fresh_ones_for_any_sequence_of_legal_moves(seed: int, picks: list[int]) -> None:
    session = Session(SCENARIO, seed)
    checking(session)
    for pick in picks:
        if session.over:
            break
        seat = session.to_move()
        assert seat is not None
        moves = concrete_moves(seat, session.legal_moves(seat))
        session.submit(moves[pick % len(moves)])


def test_a_believed_state_is_hashed_and_seen_as_what_it_holds() -> None:
    session = Session(SCENARIO, 5)
    for step in range(120):
        if session.over:
            break
        seat = session.to_move()
        assert seat is not None
        moves = concrete_moves(seat, session.legal_moves(seat))
        session.submit(moves[step % len(moves)])
        seat = session.to_move() or seat
        state_hash(session.state)  # fill the caches the believed copy starts from
        view(session.state, seat, full=False)
        assert_as_if_afresh(believed_state(session.state, seat, seed=step))
