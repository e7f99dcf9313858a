"""The round as a state machine: phase order, skipping idle phases, capital, turn order and the end of the game."""

from __future__ import annotations

from game.core.moves import Dialogue, Pass, RespondEvent
from tests.builders import pass_until
from tests.core.helpers import (
    ACTORS,
    FAC,
    actor,
    agreement,
    answer_all,
    decide,
    game,
    measure_of,
    options,
    play_until,
    propose,
    quiet,
    rules,
    sign,
    tension,
    tension_rules,
    variant,
)

ORDER = ["briefing", "diplomacy", "responses", "implementation", "verification", "events", "assessment"]


def busy_round_scenario():
    """Every phase of round 1 has something in it: a one-round measure, and an incident both sides answer."""

    def edit(data):
        measure_of(data, "safeguards")["durations"] = [1, 2]
        data["events"] = [data["events"][0]]  # the air incident, scheduled for round 1; no random raid

    return variant(edit)


def play_whole_round(session):
    """Round 1 with a signed one-round measure, compliance, quiet verification and answers to the incident."""
    sign(session, duration=1)
    decide(session)
    pass_until(session, "events")
    while session.state.phase == "events" and session.state.round == 1:
        seat = session.to_move()
        occurrence = next(iter(options(session, seat)["respond_event"]["occurrences"]))
        session.submit(RespondEvent(seat, occurrence, "calm"))


def test_a_new_game_opens_round_one_in_diplomacy_with_the_first_actor_to_move():
    session = game()
    assert (session.state.round, session.state.phase, session.to_move()) == (1, "diplomacy", "aa")
    first = session.view(FAC)["notices"][0]
    assert (first["round"], first["phase"]) == (1, "briefing")
    assert "Round 1 begins" in first["text"]


def test_a_round_runs_briefing_diplomacy_responses_implementation_verification_events_assessment():
    session = game(busy_round_scenario())
    play_whole_round(session)

    moved_in = []
    for entry in session.log:
        if not moved_in or moved_in[-1] != entry.phase:
            moved_in.append(entry.phase)
    assert moved_in == ["diplomacy", "responses", "implementation", "verification", "events"]

    round_one = [n["phase"] for n in session.view(FAC)["notices"] if n["round"] == 1]
    positions = [ORDER.index(p) for p in round_one]
    assert positions == sorted(positions), f"phases out of order: {round_one}"
    assert set(round_one) == set(ORDER), "every phase of round 1 left a trace"

    round_two = [n for n in session.view(FAC)["notices"] if n["round"] == 2]
    assert round_two[0]["phase"] == "briefing" and "Round 2 begins" in round_two[0]["text"]
    assert (session.state.round, session.state.phase, session.to_move()) == (2, "diplomacy", "bb")


def test_phases_nobody_has_to_act_in_are_skipped():
    session = game()
    for seat in ACTORS:
        session.submit(Pass(seat))
    # No proposal: nobody answers anything, has an agreement to keep or break, or anything to inspect;
    # no event needs an answer: straight through events and assessment into round 2.
    assert (session.state.round, session.state.phase) == (2, "diplomacy")
    assert {entry.phase for entry in session.log} == {"diplomacy"}


def test_responses_wait_only_on_addressees_and_implementation_only_on_parties():
    session = game()
    propose(session, "aa", to=("bb",))
    pass_until(session, "responses")
    assert session.to_move() == "bb"
    answer_all(session)
    assert session.state.phase == "implementation"
    assert session.to_move() == "aa"
    decide(session)
    assert [e.move.actor for e in session.log if e.phase == "implementation"] == ["aa", "bb"]


def test_verification_is_skipped_when_no_agreement_can_be_inspected():
    session = game()
    for seat in ACTORS:
        session.submit(Pass(seat))
    assert (session.state.round, session.state.phase) == (2, "diplomacy")
    # With an agreement in force that has no verification regime, nobody is asked either.
    sign(session, proposer="bb", to=("aa", "cc"), measure="hotline", verification="none")
    decide(session)
    assert (session.state.round, session.state.phase) == (3, "diplomacy")
    assert not any(e.phase == "verification" for e in session.log)


def test_in_verification_only_the_actors_that_could_inspect_something_are_asked_in_turn_order():
    # One-sided safeguards bind only Arland: Borduria (a party) and the Inspectorate (mandated) may inspect it;
    # Arland could inspect no one, and Carpania is neither a party nor mandated.
    session = game()
    sign(session, reciprocity="one_sided")
    decide(session)
    asked = []
    while session.state.phase == "verification":
        seat = session.to_move()
        asked.append(seat)
        assert [s for s in ACTORS if session.legal_moves(s)] == [seat]
        session.submit(Pass(seat))
    assert asked == ["bb", "io"]
    assert (session.state.round, session.state.phase) == (2, "diplomacy")


def test_capital_is_renewed_each_round_and_unspent_capital_does_not_carry_over():
    session = game()
    propose(session, "aa", measure="safeguards")  # costs 2 of Arland's 4
    assert actor(session, "aa")["capital"] == 2
    pass_until(session, "responses")
    answer_all(session, lambda seat, aid: "reject")
    pass_until(session, "diplomacy")
    assert session.state.round == 2
    assert actor(session, "aa")["capital"] == 4
    assert actor(session, "bb")["capital"] == 4  # not 8: Borduria spent nothing in round 1


def test_turn_order_rotates_one_place_each_round():
    session = game(quiet(rules=rules(rounds=3)))
    orders = []
    while not session.over:
        if session.state.phase == "diplomacy" and (not orders or len(orders[-1]) == 4):
            orders.append([])
        seat = session.to_move()
        if session.state.phase == "diplomacy":
            orders[-1].append(seat)
        session.submit(Pass(seat))
    assert orders == [["aa", "bb", "cc", "io"], ["bb", "cc", "io", "aa"], ["cc", "io", "aa", "bb"]]


def test_answers_are_also_owed_in_the_rotated_order():
    session = game()
    play_until(session, "diplomacy", round_=3)  # round 3, where Carpania moves first
    assert session.to_move() == "cc"
    propose(session, "aa", measure="hotline", to=("bb", "cc"), verification="none")
    pass_until(session, "responses")
    assert session.to_move() == "cc"


def test_the_game_ends_in_the_debrief_after_the_last_round():
    session = game()
    pass_until(session, "debrief", limit=100)
    state = session.state
    assert (state.round, state.phase) == (3, "debrief")
    assert state.ending == "stalemate"  # no agreement in force at the end
    assert state.end_reason == "the last round was played"
    assert session.to_move() is None
    assert all(session.legal_moves(seat) == [] for seat in ACTORS)
    assert session.outcome()["ending"] == "stalemate" and session.outcome()["rounds"] == 3
    assert any("The game is over: stalemate" in n["text"] for n in session.view("aa")["notices"])


def test_an_agreement_in_force_on_a_low_rung_at_the_end_is_stability():
    session = game(quiet(rules=rules(rounds=1)))
    sign(session, measure="hotline", verification="none")
    decide(session)
    pass_until(session, "debrief")
    assert session.state.ending == "stability"
    assert session.view("cc")["rung"] in ("stable", "strained")


def test_an_agreement_whose_last_round_is_the_last_round_of_the_game_counts_for_the_ending():
    session = game(quiet(rules=rules(rounds=2)))
    aid = sign(session, measure="hotline", duration=2, verification="none")  # in force in rounds 1 and 2
    decide(session)
    play_until(session, "implementation", round_=2)
    decide(session)
    pass_until(session, "debrief")
    assert session.view(FAC)["rung"] in ("stable", "strained")
    assert session.state.ending == "stability"  # it did not expire before the ending was classified
    assert agreement(session, aid)["status"] == "in_force"
    assert agreement(session, aid)["ends"] == 2
    assert session.outcome()["ending"] == "stability"


def test_an_agreement_that_expired_before_the_last_round_does_not_count_for_the_ending():
    session = game(quiet(rules=rules(rounds=3)))
    aid = sign(session, measure="hotline", duration=2, verification="none")  # in force in rounds 1 and 2
    decide(session)
    play_until(session, "debrief")
    assert session.view(FAC)["rung"] in ("stable", "strained")
    assert agreement(session, aid)["status"] == "expired"
    assert session.state.ending == "stalemate"


def test_the_agreements_counted_for_the_ending_must_reach_min_agreements():
    stability = {"max_rung": "strained", "min_agreements": 2}
    for count, ending in ((1, "stalemate"), (2, "stability")):
        session = game(quiet(rules=rules(rounds=2, stability=stability)))
        propose(session, "aa", measure="hotline", to=("bb",), duration=2, verification="none")
        if count == 2:
            propose(session, "bb", measure="hotline", to=("cc",), duration=2, verification="none")
        pass_until(session, "responses")
        answer_all(session)
        play_until(session, "debrief")  # in force in rounds 1 and 2: they end with the game
        assert len([a for a in session.view(FAC)["agreements"] if a["status"] == "in_force"]) == count
        assert session.view(FAC)["rung"] in ("stable", "strained")
        assert session.state.ending == ending, count


def test_agreements_in_force_on_a_high_rung_at_the_end_are_a_stalemate():
    session = game(quiet(rules=rules(rounds=1), tension=tension_rules(start=50)))
    sign(session, measure="hotline", verification="none")
    decide(session)
    pass_until(session, "debrief")
    assert session.view(FAC)["rung"] == "crisis"
    assert session.state.ending == "stalemate"


def test_reaching_the_top_rung_ends_the_game_at_once_as_collective_failure():
    session = game(quiet(tension=tension_rules(start=78)))
    session.submit(Dialogue("aa", "accuse", ("bb",)))  # +3 tension: 81, on the top rung at 80
    state = session.state
    assert (state.round, state.phase, state.ending) == (1, "debrief", "collective_failure")
    assert "Conflict" in state.end_reason
    assert session.to_move() is None
    assert tension(session) >= 80


def test_an_event_that_reaches_the_top_rung_ends_the_game_before_anyone_answers_it():
    def edit(data):
        data["events"] = [data["events"][0]]
        data["events"][0]["effects"]["tension"] = 60

    session = game(variant(edit))
    pass_until(session, "debrief")
    assert session.state.round == 1
    assert session.state.ending == "collective_failure"
    assert not any(e.move.kind == "respond_event" for e in session.log)


def test_posture_pushing_tension_to_the_top_at_assessment_ends_the_game_early():
    session = game(quiet(tension=tension_rules(start=75, posture_weight=5)))
    pass_until(session, "debrief")
    assert session.state.round == 1  # not the last round: the ladder ended it
    assert session.state.ending == "collective_failure"
