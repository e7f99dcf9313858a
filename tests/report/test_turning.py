"""Turning points: what the debrief stops at, found by replaying the log and comparing the state around each move."""

from __future__ import annotations

from typing import Any

from game.core import Session
from game.core.moves import Adjust, AssignSeat, CustomEvent, EndGame, Pause, Resume
from game.report import KINDS, turning_points
from tests.core.helpers import FAC, game, inspect, inspection_type, play_until, quiet, signed_and_decided, tiny, variant
from tests.report.conftest import caught_violations


def points(session: Session, kind: str | None = None) -> list[Any]:
    found = turning_points(session.scenario, session.seed, session.log)
    return [p for p in found if kind is None or p.kind == kind]


def test_an_inspection_that_catches_a_defector_is_a_detected_violation() -> None:
    session, aid = signed_and_decided(defect=("bb",))
    inspect(session, "aa", aid, "bb")  # on-site inspection: never misses
    [point] = points(session, "violation_detected")
    assert point.step == len(session.log) and point.round == 1
    assert "Arland" in point.text and "caught Borduria breaking agreement a1 (Safeguards)" in point.text


def test_a_refused_inspection_says_what_the_refusal_hid() -> None:
    session, aid = signed_and_decided(defect=("bb",))
    inspect(session, "aa", aid, "bb", reply="refuse")
    [point] = points(session, "inspection_refused")
    assert point.text.startswith("Borduria refused inspection i1")
    assert "it had defected that round, and the inspection would have caught it with chance 100%" in point.text


def test_a_refusal_with_nothing_to_hide_is_told_as_such() -> None:
    session, aid = signed_and_decided()
    inspect(session, "aa", aid, "bb", reply="refuse")
    [point] = points(session, "inspection_refused")
    assert "it had complied that round, so the refusal hid nothing" in point.text


def test_a_false_alarm_is_not_a_detected_violation() -> None:
    scenario = variant(lambda data: inspection_type(data, "onsite").update(false_alarm=1.0), events=[])
    session, aid = signed_and_decided(scenario)
    inspect(session, "aa", aid, "bb")
    assert points(session, "violation_detected") == []
    [point] = points(session, "false_alarm")
    assert "but Borduria had complied" in point.text


def hotline_game(**changes: Any) -> Session:
    """The tiny scenario (with its air incident in round 1, softened by a hotline) played to round 1's events."""
    session = game(tiny(**changes))
    play_until(session, "events", round_=1)
    return session


def test_an_event_softened_by_a_measure_in_force_is_a_crisis_defused() -> None:
    session = hotline_game(agreements=[{"measure": "hotline", "parties": ["aa", "bb"], "duration": 3}])
    [point] = points(session, "crisis_defused")
    assert point.round == 1
    assert "Air incident (Arland, Borduria) struck in round 1 while Hotline was in force" in point.text
    assert "tension rose by 5.0 instead of 10.0" in point.text


def test_an_event_that_nothing_softened_is_no_crisis_defused() -> None:
    session = hotline_game()
    assert any(o.event == "incident" for o in session.state.occurrences)
    assert points(session, "crisis_defused") == []


def test_a_round_that_ends_on_another_rung_is_a_rung_change() -> None:
    session = game()  # tension starts at 30, on Strained (20 to 40)
    session.submit(Adjust(FAC, "tension", 50.0, "a leak"))
    play_until(session, "diplomacy", round_=2)
    facilitator, ladder = points(session, "facilitator"), points(session, "rung_change")
    assert [p.text for p in facilitator] == ["The facilitator set tension to 50: a leak."]
    assert [p.text for p in ladder] == ["Round 1 ended on Crisis (46.4), up from Strained at its start."]


def test_a_higher_rung_touched_within_a_round_is_told_at_the_move_that_reached_it() -> None:
    session = game()
    session.submit(Adjust(FAC, "tension", 50.0, "a leak"))
    session.submit(Adjust(FAC, "tension", 30.0, "a denial"))
    play_until(session, "diplomacy", round_=2)
    [point] = points(session, "rung_change")
    assert point.step == 1
    assert point.text.startswith("Tension touched Crisis (50.0) in round 1, after the facilitator set tension to 50")


def test_tension_crossing_back_and_forth_within_a_round_is_not_a_rung_change() -> None:
    session = game()
    session.submit(Adjust(FAC, "tension", 35.0, "nothing much"))
    session.submit(Adjust(FAC, "tension", 15.0, "calmer"))  # Stable for a moment
    session.submit(Adjust(FAC, "tension", 30.0, "back"))
    play_until(session, "diplomacy", round_=2)
    assert points(session, "rung_change") == []


def test_the_facilitators_interventions_are_told_in_plain_words() -> None:
    session = game()
    session.submit(Pause(FAC, "a question"))
    session.submit(Resume(FAC))  # pausing is not a turn in the game
    session.submit(AssignSeat(FAC, "aa", "hardliner:hard"))
    session.submit(Adjust(FAC, "trust:aa:bb", 0.9, "a secret deal"))
    session.submit(CustomEvent(FAC, "Leak", "A cable is printed.", 4))
    session.submit(EndGame(FAC, "out of time"))
    assert [(p.step, p.kind, p.text) for p in points(session)] == [
        (3, "facilitator", "The facilitator handed Arland to the hardliner AI (hard)."),
        (4, "facilitator", "The facilitator set how far Arland trusts Borduria to 0.9: a secret deal."),
        (5, "facilitator", "The facilitator brought in an event of their own, Leak: A cable is printed. (tension +4)."),
        (6, "facilitator", "The facilitator ended the game: out of time."),
        (6, "ending", "The game ended in stalemate in round 1 (ended by the facilitator: out of time)."),
    ]


def test_the_turning_points_of_a_real_game_are_in_step_order_and_end_with_the_ending(real_game: Session) -> None:
    found = points(real_game)
    assert [p.step for p in found] == sorted(p.step for p in found)
    assert {p.kind for p in found} <= set(KINDS)
    assert found[-1].kind == "ending" and found[-1].step == len(real_game.log)
    ending = str(real_game.state.ending).replace("_", " ")
    assert found[-1].text == f"The game ended in {ending} in round 12 (the last round was played)."


def test_every_violation_caught_in_a_real_game_is_a_turning_point_at_the_answer(real_game: Session) -> None:
    state = real_game.state
    answered = {e.move.inspection: e.step for e in real_game.log if hasattr(e.move, "inspection")}
    detected = {p.step: p.text for p in points(real_game, "violation_detected")}
    assert caught_violations(real_game)
    for aid, round_, party in caught_violations(real_game):
        inspection = next(i for i in state.inspections
                          if (i.agreement, i.round, i.target, i.result) == (aid, round_, party, "violation"))  # fmt: skip
        assert state.name(party) in detected[answered[inspection.id]]


def test_a_quiet_game_has_only_its_ending() -> None:
    session = game(quiet(rules={**tiny().rules.model_dump(), "rounds": 1}))
    play_until(session, "debrief")
    assert [p.kind for p in points(session)] == ["ending"]
