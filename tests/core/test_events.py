"""Events: scheduled, random, conditional and injected incidents, how measures in force soften them, and responses."""

from __future__ import annotations

import copy

from game.core.moves import Comply, InjectEvent, Pass, RespondEvent
from tests.builders import BASE, pass_until
from tests.core.helpers import (
    FAC,
    actor,
    approx,
    decide,
    game,
    options,
    pass_to,
    play_until,
    sign,
    tension,
    texts,
    trust,
    variant,
)

INCIDENT = BASE["events"][0]  # round 1; aa and bb; +10 tension, bb's trust in aa -0.1; a hotline halves it
RAID = BASE["events"][1]  # 50% each round; cc; +2 tension


def deck(*events):
    return variant(lambda d: d.update(events=[copy.deepcopy(e) for e in events]))


def event_like(base, **changes):
    e = copy.deepcopy(base)
    e.update(changes)
    return e


def occurrences(session, seat=FAC):
    return session.view(seat)["events"]


def to_events_phase(session):
    play_until(session, "events")


def test_a_scheduled_event_is_announced_at_the_briefing_and_fires_in_its_round():
    later = event_like(INCIDENT, id="clash", name="Border clash", trigger={"round": 2}, responders=[], responses=[])
    session = game(deck(later))
    assert not any("Border clash" in t for t in texts(session, "cc"))
    while session.state.round == 1:
        session.submit(Pass(session.to_move()))
    assert occurrences(session) == []  # nothing fired in round 1
    assert any(
        n["round"] == 2 and "Scheduled this round: Border clash" in n["text"] for n in session.view("cc")["notices"]
    )
    while session.state.round == 2:
        session.submit(Pass(session.to_move()))
    fired = occurrences(session, "cc")
    assert [(o["event"], o["round"], o["injected"]) for o in fired] == [("clash", 2, False)]


def test_an_event_fires_only_once_unless_it_repeats():
    once = event_like(RAID, trigger={"probability": 1.0})
    again = event_like(RAID, id="smuggling", trigger={"probability": 1.0}, once=False)
    session = game(deck(once, again))
    pass_until(session, "debrief")
    fired = [(o["event"], o["round"]) for o in occurrences(session)]
    assert fired == [("raid", 1), ("smuggling", 1), ("smuggling", 2), ("smuggling", 3)]


def test_an_event_with_no_chance_never_fires():
    session = game(deck(event_like(RAID, trigger={"probability": 0.0})))
    pass_until(session, "debrief")
    assert occurrences(session) == []


def test_a_conditional_event_fires_only_while_its_condition_holds():
    unchecked = event_like(RAID, id="smuggling", trigger={"when": {"measure_not_in_force": "trade"}}, once=False)
    session = game(deck(unchecked))
    sign(session, measure="trade", duration=3, verification="none")
    play_until(session, "debrief")
    assert occurrences(session) == []

    session = game(deck(unchecked))
    pass_until(session, "debrief")
    assert [o["round"] for o in occurrences(session)] == [1, 2, 3]


def incident_tension_spike(with_hotline: bool) -> tuple[float, float, dict]:
    """Play round 1 to the incident; return the rise in tension and the fall in bb's trust in aa it caused."""
    session = game(deck(INCIDENT), seed=4)
    sign(
        session,
        measure="hotline" if with_hotline else "trade",
        duration=3 if not with_hotline else 2,
        verification="none",
    )
    assert session.state.phase == "implementation"
    session.submit(Comply("aa", "a1"))
    assert session.state.phase == "implementation" and session.to_move() == "bb"  # the last decision is left
    before = (tension(session), trust(session, "bb", "aa"))
    session.submit(Comply("bb", "a1"))
    # Nothing can be inspected (no verification regime), so verification is skipped: straight to the events.
    assert session.state.phase == "events"
    assert not any(e.phase == "verification" for e in session.log)
    return tension(session) - before[0], before[1] - trust(session, "bb", "aa"), occurrences(session)[0]


def test_a_hotline_in_force_between_the_events_actors_halves_the_incident():
    spike_with, loss_with, occurrence = incident_tension_spike(with_hotline=True)
    spike_without, loss_without, plain = incident_tension_spike(with_hotline=False)
    assert spike_without == approx(10)
    assert spike_with == approx(5)
    assert loss_without == approx(0.1)
    assert loss_with == approx(0.05)
    assert occurrence["softened"] and not plain["softened"]


def test_a_hotline_between_other_actors_does_not_soften_the_incident():
    session = game(deck(INCIDENT))
    sign(session, proposer="cc", to=("io",), measure="hotline", verification="none")
    decide(session)
    while session.state.phase != "events":
        session.submit(Pass(session.to_move()))
    assert not occurrences(session)[0]["softened"]


def test_the_events_responders_must_each_answer_in_turn_order():
    session = game(deck(INCIDENT))
    to_events_phase(session)
    occurrence = occurrences(session)[0]
    assert occurrence["waiting_on"] == ["aa", "bb"]
    assert session.to_move() == "aa"
    assert options(session, "aa") == {"respond_event": {"occurrences": {occurrence["id"]: ["calm", "escalate"]}}}
    assert session.legal_moves("cc") == []
    tension_before = tension(session)
    session.submit(RespondEvent("aa", occurrence["id"], "escalate"))  # +4 tension, Arland's posture +1
    assert tension(session) == approx(tension_before + 4)
    assert actor(session, "aa", seat="bb")["posture"] == 3
    assert session.to_move() == "bb" and session.state.phase == "events"
    session.submit(RespondEvent("bb", occurrence["id"], "calm"))
    assert occurrences(session, "cc")[0]["choices"] == {"aa": "escalate", "bb": "calm"}
    assert (session.state.round, session.state.phase) == (2, "diplomacy")


def test_an_event_without_responders_passes_straight_on_to_the_next_round():
    session = game(deck(event_like(RAID, trigger={"round": 1})))
    while session.state.round == 1:
        session.submit(Pass(session.to_move()))
    assert [o["event"] for o in occurrences(session)] == ["raid"]
    assert session.state.phase == "diplomacy"


def test_a_facilitator_inject_waits_for_the_events_phase_of_the_round():
    session = game(deck(event_like(RAID, trigger={"round": 3})))
    session.submit(InjectEvent(FAC, "raid"))
    assert session.view(FAC)["injected"] == ["raid"]
    assert "injected" not in session.view("cc")
    assert not any("inject" in t for t in texts(session, "cc"))
    assert occurrences(session) == []
    while session.state.round == 1:
        session.submit(Pass(session.to_move()))
    assert [(o["event"], o["round"], o["injected"]) for o in occurrences(session, "cc")] == [("raid", 1, True)]
    assert session.view(FAC)["injected"] == []


def test_an_inject_does_not_use_up_a_one_time_event_which_still_comes_in_its_own_round():
    session = game(deck(event_like(RAID, trigger={"round": 2})))  # once, by default
    session.submit(InjectEvent(FAC, "raid"))
    play_until(session, "diplomacy", round_=2)
    assert [(o["event"], o["round"], o["injected"]) for o in occurrences(session)] == [("raid", 1, True)]
    assert any(
        n["round"] == 2 and "Scheduled this round: Smuggling raid" in n["text"] for n in session.view("cc")["notices"]
    )
    play_until(session, "debrief")
    assert [(o["event"], o["round"], o["injected"]) for o in occurrences(session, "cc")] == [
        ("raid", 1, True),
        ("raid", 2, False),
    ]


def test_injecting_an_event_in_the_round_it_is_scheduled_for_does_not_make_it_strike_twice():
    session = game(deck(event_like(RAID, trigger={"round": 1})))
    session.submit(InjectEvent(FAC, "raid"))
    play_until(session, "diplomacy", round_=2)
    assert [(o["event"], o["round"], o["injected"]) for o in occurrences(session)] == [("raid", 1, False)]
    assert session.view(FAC)["injected"] == []


def test_a_one_time_event_that_fired_may_still_be_injected_and_then_never_fires_by_itself_again():
    session = game(deck(event_like(RAID, trigger={"probability": 1.0})))  # once: fires in round 1
    play_until(session, "diplomacy", round_=2)
    assert [(o["event"], o["round"]) for o in occurrences(session)] == [("raid", 1)]
    session.submit(InjectEvent(FAC, "raid"))
    play_until(session, "debrief")
    assert [(o["event"], o["round"], o["injected"]) for o in occurrences(session)] == [
        ("raid", 1, False),
        ("raid", 2, True),
    ]


def test_a_facilitator_inject_during_the_events_phase_strikes_at_once():
    session = game(deck(INCIDENT, event_like(RAID, trigger={"round": 3})))
    to_events_phase(session)
    tension_before = tension(session)
    session.submit(InjectEvent(FAC, "raid"))
    assert [o["event"] for o in occurrences(session)] == ["incident", "raid"]
    assert tension(session) == approx(tension_before + 2)
    assert session.view(FAC)["injected"] == []


def test_an_injected_event_with_responders_waits_for_their_answers():
    session = game(deck(event_like(INCIDENT, trigger={"round": 3})))
    session.submit(InjectEvent(FAC, "incident"))
    to_events_phase(session)
    assert session.to_move() == "aa"
    occurrence = occurrences(session)[0]
    assert occurrence["injected"] and occurrence["waiting_on"] == ["aa", "bb"]


def test_responses_are_owed_in_the_rounds_rotated_order():
    session = game(deck(event_like(INCIDENT, trigger={"round": 2})))
    while session.state.round == 1:
        session.submit(Pass(session.to_move()))
    pass_to(session, "bb")
    to_events_phase(session)
    assert occurrences(session)[0]["waiting_on"] == ["bb", "aa"]  # round 2 order: bb, cc, io, aa
