"""What each seat may see: its own secrets, of others only what is public; the facilitator and debrief see all.

The leak tests build two games that differ only in one seat's secret and check that
every other seat's view is identical in both.
"""

from __future__ import annotations

import pytest

from game.core.moves import Pass
from tests.builders import pass_until, scenario_data
from tests.core.helpers import (
    ACTORS,
    FAC,
    actor,
    agreement,
    decide,
    game,
    play_until,
    sign,
    variant,
)

OMNISCIENT = (FAC, "debrief")


def others(seat):
    return [s for s in ACTORS if s != seat]


def assert_same_views(first, second, seats):
    for seat in seats:
        assert first.view(seat) == second.view(seat), f"{seat}'s view tells the two games apart"


def with_secret_of_bb(**changes):
    """The tiny scenario (no events) with Borduria's secret fields changed."""

    def edit(data):
        bb = next(a for a in data["actors"] if a["id"] == "bb")
        bb.update(changes)

    return variant(edit, events=[])


def test_a_seat_does_not_see_another_seats_compliance_choice():
    honest, cheat = game(seed=2), game(seed=2)
    for session, choice in ((honest, ()), (cheat, ("bb",))):
        sign(session)
        decide(session, defect=choice)
    assert honest.hash() != cheat.hash()
    assert_same_views(honest, cheat, others("bb"))
    assert honest.view("bb") != cheat.view("bb")
    mine = agreement(cheat, "a1", seat="bb")["compliance"]
    assert {"round": 1, "party": "bb", "choice": "defect"} in mine
    assert all(c["party"] == "bb" for c in mine)


def test_a_compliance_choice_stays_hidden_through_the_rest_of_the_round():
    honest, cheat = game(seed=2), game(seed=2)
    for session, choice in ((honest, ()), (cheat, ("bb",))):
        sign(session)
        decide(session, defect=choice)
        pass_until(session, "diplomacy")  # through verification, events and assessment
    assert honest.state.round == 2
    # Round 2's briefing hands out intelligence about last round: Arland's, Carpania's and the Inspectorate's
    # reports on Borduria may differ, and that is the point of intelligence. Nothing else may.
    for seat in others("bb"):
        first, second = honest.view(seat), cheat.view(seat)
        for v in (first, second):
            v.pop("intel")
            v["notices"] = [n for n in v["notices"] if not n["text"].startswith("Intelligence")]
        assert first == second, seat


@pytest.mark.parametrize(
    "secret",
    [
        {"briefing": "Borduria secretly plans to arm."},
        {"objectives": {"private": [{"metric": "trust_held", "weight": 3, "text": "Be loved"}]}},
        {"capital": 9},
        {"intel_accuracy": 0.95},
    ],
    ids=["briefing", "private_objectives", "capital", "intel_accuracy"],
)
def test_a_seat_does_not_see_another_seats_secrets(secret):
    plain, secretive = game(with_secret_of_bb(), seed=3), game(with_secret_of_bb(**secret), seed=3)
    assert_same_views(plain, secretive, others("bb"))
    for session in (plain, secretive):
        sign(session, proposer="aa", to=("cc",), measure="hotline", verification="none")
        decide(session)
        play_until(session, "diplomacy", round_=2)  # Borduria gets intelligence on Arland and Carpania
    assert_same_views(plain, secretive, others("bb"))
    assert plain.view("bb") != secretive.view("bb")


def test_a_seat_does_not_see_another_seats_trust():
    def trusting(value):
        data = scenario_data()["trust"]
        data["pairs"] = [*data["pairs"], {"from": "bb", "to": "cc", "value": value}]
        return variant(lambda d: d.update(trust=data), events=[])

    low, high = game(trusting(0.1), seed=3), game(trusting(0.9), seed=3)
    for session in (low, high):
        sign(session, proposer="cc", to=("bb",), measure="hotline", verification="none")
        decide(session)
        play_until(session, "diplomacy", round_=2)
    assert_same_views(low, high, others("bb"))
    assert actor(low, "bb", seat="bb")["trust"]["cc"] != actor(high, "bb", seat="bb")["trust"]["cc"]


def test_a_seat_does_not_see_another_seats_intelligence():
    plain, sharp = (
        game(with_secret_of_bb(intel_accuracy=0.05), seed=9),
        game(with_secret_of_bb(intel_accuracy=0.95), seed=9),
    )
    for session in (plain, sharp):
        sign(session, proposer="aa", to=("cc",), measure="hotline", verification="none")
        decide(session, defect=("aa",))
        play_until(session, "diplomacy", round_=2)
    assert [x["accuracy"] for x in plain.view("bb")["intel"]] != [x["accuracy"] for x in sharp.view("bb")["intel"]]
    assert_same_views(plain, sharp, others("bb"))
    assert all(x["seat"] == "aa" for x in plain.view("aa")["intel"])


def test_a_seat_sees_its_own_secrets_and_only_the_public_part_of_others():
    session = game()
    view = session.view("aa")
    me = actor(session, "aa", seat="aa")
    assert me["briefing"] == "Arland's secret briefing."
    assert me["private_objectives"] == [{"metric": "security", "weight": 0.5, "text": "Stay strong"}]
    assert me["capital"] == 4 and me["security"] == 0
    assert set(me["trust"]) == {"bb", "cc", "io"} and me["trust"]["bb"] == 0.3
    bb = actor(session, "bb", seat="aa")
    for secret in ("briefing", "private_objectives", "capital", "security", "score", "trust"):
        assert secret not in bb, secret
    assert bb["posture"] == 3 and "public_objectives" in bb
    assert "trust" not in view and "welfare" not in view and "stability" not in view and "injected" not in view


@pytest.mark.parametrize("seat", OMNISCIENT)
def test_the_facilitator_and_the_debrief_see_everything(seat):
    session = game(seed=2)
    sign(session)
    decide(session, defect=("bb",))
    play_until(session, "diplomacy", round_=2)
    view = session.view(seat)
    for entry in view["actors"]:
        assert {"briefing", "private_objectives", "capital", "security", "score", "trust"} <= set(entry)
    assert set(view["trust"]) == set(ACTORS)
    choices = {(c["party"], c["choice"]) for c in agreement(session, "a1", seat=seat)["compliance"]}
    assert choices == {("aa", "comply"), ("bb", "defect")}
    assert {x["seat"] for x in view["intel"]} == set(ACTORS)
    assert {"stability", "welfare", "injected"} <= set(view)
    assert len(view["notices"]) >= max(len(session.view(s)["notices"]) for s in ACTORS)


def test_private_notices_reach_only_their_seat():
    session = game(seed=2)
    sign(session)
    decide(session, defect=("bb",))
    assert any("You chose to defect" in n["text"] for n in session.view("bb")["notices"])
    for seat in others("bb"):
        assert not any("defect" in n["text"] for n in session.view(seat)["notices"])


def test_a_view_after_the_game_shows_the_ending_to_everyone():
    session = game()
    pass_until(session, "debrief")
    for seat in (*ACTORS, *OMNISCIENT):
        view = session.view(seat)
        assert (view["phase"], view["ending"], view["to_move"]) == ("debrief", "stalemate", None)


def test_every_seat_sees_the_public_state_of_play():
    session = game()
    session.submit(Pass("aa"))
    for seat in (*ACTORS, *OMNISCIENT):
        view = session.view(seat)
        assert (view["round"], view["rounds"], view["phase"], view["to_move"]) == (1, 3, "diplomacy", "bb")
        assert view["rung"] == "strained" and view["tension"] == 30
        assert [a["id"] for a in view["actors"]] == list(ACTORS)


def test_an_unknown_seat_raises():
    session = game()
    with pytest.raises(ValueError, match="zz"):
        session.view("zz")
    with pytest.raises(ValueError):
        session.view("Arland")


def test_a_view_is_plain_data():
    import json

    session = game(seed=2)
    sign(session)
    for seat in (*ACTORS, *OMNISCIENT):
        json.dumps(session.view(seat))


def test_looking_changes_nothing():
    session = game(seed=2)
    sign(session)
    before = session.hash()
    for seat in (*ACTORS, *OMNISCIENT):
        session.view(seat)
        session.legal_moves(seat)
    assert session.hash() == before


def test_private_notices_say_whom_they_were_for_and_reach_only_them():
    session = game(seed=2)
    sign(session)
    decide(session, defect=("bb",))
    private = [n for n in session.view(FAC)["notices"] if n["to"] is not None]
    assert private and all(set(n["to"]) <= set(ACTORS) for n in private)
    for seat in ACTORS:
        mine = [n for n in session.view(seat)["notices"] if n["to"] is not None]
        assert all(seat in n["to"] for n in mine)
        assert [n for n in private if seat in n["to"]] == mine


def test_each_notice_names_the_step_of_the_move_that_made_it_known():
    session = game(seed=2)
    sign(session)
    decide(session, defect=("bb",))
    notices = session.view(FAC)["notices"]
    assert [n["step"] for n in notices] == sorted(n["step"] for n in notices)
    assert {n["step"] for n in notices} <= set(range(len(session.log) + 1))
    defect = next(e.step for e in session.log if e.move.kind == "defect")
    assert [n["to"] for n in notices if n["step"] == defect] == [["bb"]]  # a secret move is told to its maker only
