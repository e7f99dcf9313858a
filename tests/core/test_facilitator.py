"""The white cell: pause and resume, adjust a value with a recorded reason, inject events, end the game."""

from __future__ import annotations

import pytest

from game.core.moves import Adjust, AssignSeat, CustomEvent, EndGame, InjectEvent, Pass, Pause, Resume
from game.core.session import Session
from tests.builders import pass_until, tiny
from tests.core.helpers import (
    ACTORS,
    FAC,
    actor,
    approx,
    game,
    inspect,
    play_until,
    quiet,
    refused,
    rules,
    sign,
    signed_and_decided,
    tension,
    texts,
    trust,
    variant,
)


def test_a_pause_stops_every_actor_until_the_facilitator_resumes():
    session = game()
    session.submit(Pause(FAC, "a question from the floor"))
    assert session.view("aa")["paused"] is True
    for seat in ACTORS:
        assert session.legal_moves(seat) == []
    refused(session, Pass("aa"), "paused")
    assert [o.kind for o in session.legal_moves(FAC)][0] == "resume"
    session.submit(Resume(FAC))
    assert session.view("aa")["paused"] is False
    session.submit(Pass("aa"))
    assert session.to_move() == "bb"


def test_a_pause_and_resume_are_logged_and_announced():
    session = game()
    session.submit(Pause(FAC, "fire drill"), "white cell")
    session.submit(Resume(FAC))
    assert [e.move.kind for e in session.log] == ["pause", "resume"]
    assert session.log[0].move.reason == "fire drill" and session.log[0].rationale == "white cell"
    assert any("paused the game: fire drill" in t for t in texts(session, "cc"))


def test_the_facilitator_may_still_act_during_a_pause():
    session = game(tiny())
    session.submit(Pause(FAC, "break"))
    session.submit(Adjust(FAC, "tension", 25, "calmer after the break"))
    session.submit(InjectEvent(FAC, "raid"))
    assert tension(session) == 25
    assert session.view(FAC)["injected"] == ["raid"]
    assert session.view(FAC)["paused"] is True


@pytest.mark.parametrize(
    ("target", "value", "read"),
    [
        ("tension", 12.5, lambda s: tension(s)),
        ("trust:bb:aa", 0.9, lambda s: trust(s, "bb", "aa")),
        ("capital:cc", 7, lambda s: actor(s, "cc")["capital"]),
        ("posture:bb", 5, lambda s: actor(s, "bb", seat="aa")["posture"]),
        ("security:aa", -4.5, lambda s: actor(s, "aa")["security"]),
    ],
)
def test_an_adjustment_sets_the_value_and_is_logged_with_its_reason(target, value, read):
    session = game()
    session.submit(Adjust(FAC, target, value, "to restart the exercise"))
    assert read(session) == approx(value)
    entry = session.log[-1]
    assert entry.move == Adjust(FAC, target, value, "to restart the exercise")
    assert entry.hash == session.hash()
    assert any("to restart the exercise" in t for t in texts(session, FAC))


def test_a_trust_adjustment_changes_only_that_cell():
    session = game()
    before = session.view(FAC)["trust"]
    session.submit(Adjust(FAC, "trust:cc:io", 0.2, "a scandal"))
    after = session.view(FAC)["trust"]
    assert after["cc"]["io"] == 0.2
    assert {(i, j) for i in before for j in before[i] if before[i][j] != after[i][j]} == {("cc", "io")}


def test_an_adjustment_to_the_top_rung_ends_the_game_as_collective_failure():
    session = game()
    session.submit(Adjust(FAC, "tension", 85, "war scare"))
    assert session.state.phase == "debrief"
    assert session.state.ending == "collective_failure"


def test_an_adjusted_capital_lasts_only_until_the_next_briefing():
    session = game()
    session.submit(Adjust(FAC, "capital:aa", 10, "a windfall"))
    for seat in ACTORS:
        session.submit(Pass(seat))
    pass_until(session, "diplomacy")
    assert actor(session, "aa")["capital"] == 4


def test_ending_the_game_settles_an_ending_and_records_the_reason():
    session = game()
    session.submit(EndGame(FAC, "the room is booked"))
    state = session.state
    assert state.phase == "debrief"
    assert state.ending in ("stability", "stalemate", "collective_failure")
    assert state.ending == "stalemate"  # no agreement in force
    assert "the room is booked" in state.end_reason
    assert session.outcome()["end_reason"] == state.end_reason
    assert session.to_move() is None
    assert session.legal_moves(FAC) == [] and all(session.legal_moves(s) == [] for s in ACTORS)


def test_ending_the_game_with_an_agreement_in_force_on_a_low_rung_is_stability():
    session = game()
    sign(session, measure="hotline", verification="none")
    session.submit(EndGame(FAC, "time"))
    assert session.state.ending == "stability"


def test_the_facilitator_may_end_a_paused_game_which_is_then_no_longer_paused():
    session = game()
    session.submit(Pause(FAC, "time"))
    session.submit(EndGame(FAC, "time is up"))
    assert session.over
    assert session.state.paused is False
    assert session.view("aa")["paused"] is False and session.view(FAC)["paused"] is False


def test_a_paused_game_that_reaches_the_top_rung_ends_and_is_no_longer_paused():
    session = game()
    session.submit(Pause(FAC, "a crisis meeting"))
    session.submit(Adjust(FAC, "tension", 85, "war scare"))
    assert (session.state.phase, session.state.ending) == ("debrief", "collective_failure")
    assert session.view("cc")["paused"] is False


def test_a_paused_game_struck_by_an_inject_that_reaches_the_top_rung_ends_and_is_no_longer_paused():
    def edit(data):
        data["events"][1]["effects"]["tension"] = 60  # the raid

    session = game(variant(edit))
    play_until(session, "events")  # the air incident waits on its responders
    session.submit(Pause(FAC, "a briefing"))
    session.submit(InjectEvent(FAC, "raid"))  # strikes at once: 30-odd + 60 is past the top rung at 80
    assert (session.state.phase, session.state.ending) == ("debrief", "collective_failure")
    assert session.view(FAC)["paused"] is False


def test_the_facilitators_options_follow_the_pause():
    session = game(tiny())
    kinds = [o.kind for o in session.legal_moves(FAC)]
    assert kinds == ["pause", "inject_event", "custom_event", "adjust", "assign_seat", "end_game"]
    inject = next(o for o in session.legal_moves(FAC) if o.kind == "inject_event")
    assert inject.choices["events"] == ["incident", "raid"]
    session.submit(Pause(FAC, "break"))
    assert [o.kind for o in session.legal_moves(FAC)] == [
        "resume",
        "inject_event",
        "custom_event",
        "adjust",
        "assign_seat",
        "end_game",
    ]


def test_a_paused_game_does_not_run_on_by_itself():
    session = game(quiet(rules=rules(rounds=1)))
    for seat in ACTORS[:-1]:
        session.submit(Pass(seat))
    session.submit(Pause(FAC, "hold"))
    before = session.hash()
    assert session.state.phase == "diplomacy" and session.to_move() == "io"
    session.submit(Resume(FAC))
    assert session.hash() != before
    session.submit(Pass("io"))
    # Resumed, it runs on by itself through the phases nobody acts in, to the end of its only round.
    assert (session.state.phase, session.state.ending) == ("debrief", "stalemate")
    assert [e.move.kind for e in session.log] == ["pass", "pass", "pass", "pause", "resume", "pass"]


def test_facilitator_moves_pass_through_the_dict_form():
    session = game()
    session.submit({"kind": "adjust", "actor": "facilitator", "target": "tension", "value": 10, "reason": "calm"})
    assert tension(session) == 10
    assert session.log[-1].move == Adjust(FAC, "tension", 10.0, "calm")


def test_adjusted_trust_stays_where_evidence_can_still_move_it():
    session, aid = signed_and_decided(defect=("bb",))
    reason = refused(session, Adjust(FAC, "trust:cc:bb", 1.0, "blind faith"), "bad_value")
    assert "0.01" in reason and "0.99" in reason  # the scenario's floor and ceiling
    session.submit(Adjust(FAC, "trust:cc:bb", 0.99, "blind faith"))  # the ceiling itself is allowed
    assert trust(session, "cc", "bb") == approx(0.99)
    assert inspect(session, "aa", aid, "bb")["result"] == "violation"  # onsite never misses, never false-alarms
    assert trust(session, "cc", "bb") == approx(0.01)  # certain evidence: down to the floor
    assert trust(session, "cc", "bb") == approx(trust(session, "io", "bb"))


@pytest.mark.parametrize(("floor", "ceiling"), [(0.01, 0.99), (0.2, 0.8)])
def test_trust_is_adjusted_only_within_the_scenarios_floor_and_ceiling(floor, ceiling):
    session = game(quiet(trust={"default": 0.5, "floor": floor, "ceiling": ceiling}))
    for value in (floor - 0.001, ceiling + 0.001, 0.0, 1.0):
        refused(session, Adjust(FAC, "trust:aa:bb", value, "out of bounds"), "bad_value")
    for value in (floor, ceiling):
        session.submit(Adjust(FAC, "trust:aa:bb", value, "at the bound"))
        assert trust(session, "aa", "bb") == approx(value)


def test_the_facilitator_hands_a_seat_to_an_ai_and_back_and_every_seat_sees_it():
    session = game()
    assert session.controller("bb") == session.scenario.actors[1].persona  # the scenario's persona to begin with
    session.submit(AssignSeat(FAC, "bb", "hardliner:hard"), "the delegation left for lunch")
    assert session.controller("bb") == "hardliner:hard"
    assert session.view("cc")["controllers"] == {"bb": "hardliner:hard"}
    assert any("handed" in t and "hardliner:hard" in t for t in texts(session, "aa"))
    session.submit(AssignSeat(FAC, "bb", "human"))
    assert session.controller("bb") == "human"
    assert [e.move.kind for e in session.log] == ["assign_seat", "assign_seat"]


def test_a_seat_hand_over_changes_the_state_hash_but_not_whose_turn_it_is():
    session = game()
    before, turn = session.hash(), session.to_move()
    session.submit(AssignSeat(FAC, "aa", "cooperative"))
    assert session.hash() != before
    assert session.to_move() == turn


def test_a_seat_can_be_handed_over_during_a_pause():
    session = game()
    session.submit(Pause(FAC, "a student left"))
    session.submit(AssignSeat(FAC, "aa", "grudger:easy"))
    assert session.controller("aa") == "grudger:easy"


@pytest.mark.parametrize(
    ("move", "code"),
    [
        (AssignSeat(FAC, "zz", "human"), "unknown_actor"),
        (AssignSeat(FAC, "aa", "Hard Liner"), "bad_controller"),
        (AssignSeat(FAC, "aa", "hardliner:"), "bad_controller"),
        (AssignSeat("aa", "bb", "human"), "not_facilitator"),
    ],
)
def test_bad_seat_hand_overs_are_refused_and_change_nothing(move, code):
    refused(game(), move, code)


def test_a_session_refuses_seats_for_actors_the_scenario_does_not_have():
    with pytest.raises(ValueError, match="no actor 'zz'"):
        Session(quiet(), 1, {"zz": "human"})
    assert Session(quiet(), 1, {"aa": "human"}).seats["aa"] == "human"


def test_an_adjustment_by_a_whole_number_is_the_same_as_by_its_decimal_form():
    by_int, by_float = game(), game()
    by_int.submit(Adjust(FAC, "tension", 20, "calm"))
    by_float.submit({"kind": "adjust", "actor": "facilitator", "target": "tension", "value": 20.0, "reason": "calm"})
    assert by_int.hash() == by_float.hash()


def test_a_custom_event_strikes_at_once_moves_the_tension_and_is_told_to_everyone():
    session = game(tiny())
    before = tension(session)
    session.submit(CustomEvent(FAC, "Leaked cable", "A newspaper prints a leaked cable on the talks.", 12))
    assert tension(session) == approx(before + 12)
    for seat in ACTORS:
        assert any("Leaked cable" in t and "rose by 12" in t for t in texts(session, seat))
    session.submit(CustomEvent(FAC, "Good news", "A hostage is released.", -5.5))
    assert tension(session) == approx(before + 6.5)


def test_a_custom_event_that_reaches_the_top_rung_ends_the_game():
    session = game(tiny())
    session.submit(Adjust(FAC, "tension", 70, "a crisis already"))
    session.submit(CustomEvent(FAC, "Border clash", "Shots are fired across the border.", 30))
    assert session.state.ending == "collective_failure"


@pytest.mark.parametrize(
    ("move", "code"),
    [
        (CustomEvent(FAC, " ", "text", 5), "bad_event"),
        (CustomEvent(FAC, "x" * 81, "text", 5), "bad_event"),
        (CustomEvent(FAC, "Leak", "  ", 5), "bad_event"),
        (CustomEvent(FAC, "Leak", "text", 30.5), "bad_value"),
        (CustomEvent(FAC, "Leak", "text", -31), "bad_value"),
        (CustomEvent("aa", "Leak", "text", 5), "not_facilitator"),
    ],
)
def test_bad_custom_events_are_refused_and_change_nothing(move, code):
    refused(game(tiny()), move, code)
