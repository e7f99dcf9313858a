"""The stand-in move for a seat whose turn ran out: legal in every phase, never a secret defection, never escalating."""

from __future__ import annotations

import pytest

from game.core import Session
from game.core.moves import Comply, GrantInspection, Pass, Reject, RespondEvent
from game.net.deadlines import read_deadlines, stand_in_move
from tests.builders import pass_until, tiny
from tests.core.helpers import game, play_until, propose, request, signed_and_decided


def test_in_diplomacy_the_stand_in_passes() -> None:
    session = game()
    assert stand_in_move(session, session.to_move()) == Pass(session.to_move())


def test_in_responses_the_stand_in_rejects_what_it_has_not_read() -> None:
    session = game()
    aid = propose(session, "aa", to=("bb",))
    pass_until(session, "responses")
    assert stand_in_move(session, "bb") == Reject("bb", aid)


def test_in_implementation_the_stand_in_complies() -> None:
    session = game()
    propose(session, "aa", to=("bb",))
    pass_until(session, "responses")
    session.submit({"kind": "accept", "actor": "bb", "agreement": session.state.agreements[-1].id})
    assert session.state.phase == "implementation"
    seat = session.to_move()
    assert stand_in_move(session, seat) == Comply(seat, session.state.agreements[-1].id)


def test_in_verification_the_stand_in_grants_a_requested_inspection_and_otherwise_passes() -> None:
    session, aid = signed_and_decided()
    seat = session.to_move()
    assert stand_in_move(session, seat) == Pass(seat)
    iid = request(session, "aa", aid, "bb")
    assert stand_in_move(session, "bb") == GrantInspection("bb", iid)


@pytest.mark.parametrize("reverse", [False, True])
def test_in_events_the_stand_in_picks_the_least_escalating_response(reverse: bool) -> None:
    scenario = tiny()
    if reverse:  # the calm option listed last: the choice follows the numbers, not the order
        data = scenario.model_dump(by_alias=True)
        data["events"][0]["responses"].reverse()
        scenario = type(scenario).model_validate(data)
    session = Session(scenario, 1)
    play_until(session, "events")
    seat = session.to_move()
    occurrence = session.view(seat)["events"][-1]["id"]
    assert stand_in_move(session, seat) == RespondEvent(seat, occurrence, "calm")


@pytest.mark.parametrize("seed", range(4))
def test_stand_in_moves_alone_play_a_whole_game_to_the_end(seed: int) -> None:
    session = game(tiny(), seed)
    while not session.over:
        seat = session.to_move()
        move = stand_in_move(session, seat)
        assert move.kind not in ("defect", "refuse_inspection")
        session.submit(move)
    assert session.state.phase == "debrief"


@pytest.mark.parametrize(
    ("given", "problem"),
    [({"lunch": 10}, "No timed phase"), ({"diplomacy": "ten"}, "number of seconds"),
     ({"diplomacy": 0.5}, "between 1 and"), ({"diplomacy": float("inf")}, "number of seconds"),
     ({"briefing": 10}, "No timed phase")],
)  # fmt: skip
def test_a_bad_deadline_is_refused_with_a_reason(given: dict, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        read_deadlines(given)


def test_a_zero_or_null_deadline_clears_it() -> None:
    assert read_deadlines({"diplomacy": 0, "responses": None, "events": 30}) == {
        "diplomacy": None, "responses": None, "events": 30.0}  # fmt: skip
