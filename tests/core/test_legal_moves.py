"""legal_moves: every move built from the options it offers is accepted, and only the seat to move is offered any."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core import IllegalMove, check
from game.core.moves import (
    Accept,
    Adjust,
    AssignSeat,
    Comply,
    Counter,
    CustomEvent,
    Defect,
    DelayInspection,
    Dialogue,
    EndGame,
    GrantInspection,
    InjectEvent,
    Pass,
    Pause,
    Propose,
    RefuseInspection,
    Reject,
    RequestInspection,
    RespondEvent,
    Resume,
    Withdraw,
)
from tests.builders import pass_until, tiny
from tests.core.helpers import ACTORS, FAC, agreement, game, measure_of, options, pass_to, propose, variant

SCENARIO = tiny()
# A busier variant: more capital and turns, counters allowed twice, a three-way measure and a repeating incident.
BUSY = variant(
    lambda d: (
        d["rules"].update(actions_per_turn=3, counters=2),
        [a.update(capital=6) for a in d["actors"]],
        d["events"][0].update(trigger={"probability": 0.7}, once=False),
    )
)


def subset(draw, items, low=1, high=None):
    high = len(items) if high is None else high
    size = draw(st.integers(low, max(low, high)))
    return tuple(draw(st.permutations(items))[:size])


def counter_terms(terms):
    """Every combination of terms a counter option allows: all but the one it names as ``unchanged``."""
    unchanged = tuple(terms["unchanged"])
    combinations = itertools.product(terms["reciprocity"], terms["durations"], terms["verification"])
    return [t for t in combinations if t != unchanged]


def build(draw, seat, kind, choices, scenario=SCENARIO):
    """One concrete move of ``kind`` chosen among the option's ``choices``."""
    if kind == "pass":
        return Pass(seat)
    if kind == "dialogue":
        return Dialogue(seat, draw(st.sampled_from(sorted(choices["acts"]))), subset(draw, choices["to"]))
    if kind == "propose":
        measure_id = draw(st.sampled_from(sorted(choices["measures"])))
        m = choices["measures"][measure_id]
        return Propose(
            seat,
            measure_id,
            subset(draw, m["to"], 1, m["max_to"]),
            draw(st.sampled_from(m["reciprocity"])),
            draw(st.sampled_from(m["durations"])),
            draw(st.sampled_from(m["verification"])),
        )
    if kind in ("withdraw", "accept", "reject", "comply", "defect"):
        cls = {"withdraw": Withdraw, "accept": Accept, "reject": Reject, "comply": Comply, "defect": Defect}[kind]
        return cls(seat, draw(st.sampled_from(choices["agreements"])))
    if kind == "counter":
        aid = draw(st.sampled_from(sorted(choices["agreements"])))
        return Counter(seat, aid, *draw(st.sampled_from(counter_terms(choices["agreements"][aid]))))
    if kind == "request_inspection":
        r = draw(st.sampled_from(choices["requests"]))
        return RequestInspection(seat, r["agreement"], r["target"])
    if kind in ("grant_inspection", "delay_inspection", "refuse_inspection"):
        cls = {
            "grant_inspection": GrantInspection,
            "delay_inspection": DelayInspection,
            "refuse_inspection": RefuseInspection,
        }[kind]
        return cls(seat, draw(st.sampled_from(choices["inspections"])))
    if kind == "respond_event":
        occurrence = draw(st.sampled_from(sorted(choices["occurrences"])))
        return RespondEvent(seat, occurrence, draw(st.sampled_from(choices["occurrences"][occurrence])))
    if kind == "pause":
        return Pause(seat, "a pause")
    if kind == "resume":
        return Resume(seat)
    if kind == "end_game":
        return EndGame(seat, "time")
    if kind == "custom_event":
        low, high = choices["tension"]
        return CustomEvent(seat, "Leaked cable", "A newspaper prints a leaked cable.", draw(st.floats(low, high)))
    if kind == "assign_seat":
        return AssignSeat(seat, draw(st.sampled_from(choices["seats"])), draw(st.sampled_from(["human", "grit:hard"])))
    if kind == "inject_event":
        return InjectEvent(seat, draw(st.sampled_from(choices["events"])))
    if kind == "adjust":
        template = draw(st.sampled_from(choices["targets"]))
        a, b = draw(st.permutations(ACTORS))[:2]
        target = template.replace("A:B", f"{a}:{b}").replace(":A", f":{a}")
        what = target.split(":")[0]
        value = {
            "tension": draw(st.floats(0, 79)),
            "trust": draw(st.floats(scenario.trust.floor, scenario.trust.ceiling)),
            "capital": draw(st.integers(0, 100)),
            "posture": draw(st.integers(0, 5)),
            "security": draw(st.floats(-100, 100)),
        }[what]
        return Adjust(seat, target, value, "tuning")
    raise AssertionError(f"legal_moves offered an unknown kind {kind}")


def assert_counters_name_their_unchanged_terms(session, seat, option):
    """Each counter option names the proposal's own terms as ``unchanged``, and check refuses exactly those."""
    for aid, terms in option.choices["agreements"].items():
        a = agreement(session, aid)
        assert terms["unchanged"] == [a["reciprocity"], a["duration"], a["verification"]]
        assert counter_terms(terms), f"{aid} is offered for countering with no terms to change"
        try:
            check(session.state, Counter(seat, aid, *terms["unchanged"]))
        except IllegalMove as error:
            assert error.code == "bad_terms"
        else:
            raise AssertionError(f"a counter of {aid} with its unchanged terms was accepted")


def assert_offers_are_accepted(draw, session, seat, tries=3):
    for option in session.legal_moves(seat):
        for key, values in option.choices.items():
            if isinstance(values, list | dict) and key not in ("to",):
                assert values, f"{option.kind} offers an empty '{key}'"
        if option.kind == "counter":
            assert_counters_name_their_unchanged_terms(session, seat, option)
        for _ in range(tries):
            move = build(draw, seat, option.kind, option.choices, session.state.scenario)
            try:
                check(session.state, move)
            except IllegalMove as error:
                raise AssertionError(
                    f"legal_moves offered {move} but check refused it: {error.code}: {error}"
                ) from None


@settings(max_examples=30)
@given(data=st.data(), seed=st.integers(0, 2**32), busy=st.booleans())
def test_every_move_built_from_the_offered_options_is_legal(data, seed, busy):
    session = game(BUSY if busy else SCENARIO, seed)
    draw = data.draw
    for _ in range(120):
        if session.over:
            assert all(session.legal_moves(s) == [] for s in (*ACTORS, FAC))
            break
        seat = session.to_move()
        assert seat is not None
        assert session.legal_moves(seat), f"{seat} is to move but has no options"
        for other in ACTORS:
            if other != seat:
                assert session.legal_moves(other) == [], f"{other} is offered moves on {seat}'s turn"
        assert session.legal_moves("zz") == []
        assert_offers_are_accepted(draw, session, seat)
        assert_offers_are_accepted(draw, session, FAC, tries=1)
        # Play on: mostly the seat's own moves, now and then a nudge from the white cell.
        option = draw(st.sampled_from(session.legal_moves(seat)))
        session.submit(build(draw, seat, option.kind, option.choices, session.state.scenario))
        if not session.over and draw(st.integers(0, 20)) == 0:
            fac = build(draw, FAC, "inject_event", options(session, FAC)["inject_event"])
            session.submit(fac)


def test_the_options_are_plain_data():
    import json

    session = game(SCENARIO)
    for seat in (*ACTORS, FAC):
        json.dumps([o.to_dict() for o in session.legal_moves(seat)])


def test_a_diplomacy_turn_offers_what_the_actor_can_afford():
    session = game(SCENARIO)
    offered = options(session, "aa")
    assert set(offered) == {"dialogue", "propose", "pass"}
    assert offered["dialogue"]["to"] == ["bb", "cc", "io"]
    assert offered["propose"]["measures"]["safeguards"] == {
        "cost": 2,
        "to": ["bb", "cc", "io"],
        "max_to": 3,
        "reciprocity": ["reciprocal", "one_sided"],
        "durations": [2, 3],
        "verification": ["onsite", "sat", "none"],
    }
    session.submit(Propose("aa", "safeguards", ("bb",), "reciprocal", 2, "onsite"))
    session.submit(Propose("aa", "safeguards", ("cc",), "reciprocal", 2, "onsite"))  # capital 0, turn used up
    assert set(options(session, "aa")) == {"pass"}  # the turn's two moves are used up
    session.submit(Pass("aa"))
    session.submit(Pass("bb"))
    assert "propose" in options(session, "cc")
    assert set(options(session, "cc")["propose"]["measures"]) == {"hotline", "safeguards", "trade"}


def test_an_actor_without_capital_is_offered_only_pass_and_its_own_proposals():
    session = game(SCENARIO)
    aid = propose(session, "aa", measure="hotline", verification="none")
    session.submit(Adjust(FAC, "capital:aa", 0, "spent elsewhere"))
    assert options(session, "aa") == {"withdraw": {"agreements": [aid]}, "pass": {}}


def test_no_seat_but_the_one_to_move_is_offered_moves_at_any_step_of_a_scripted_round():
    session = game(SCENARIO)
    propose(session, "aa", to=("bb",))
    while not session.over and session.state.round == 1:
        seat = session.to_move()
        assert [s for s in ACTORS if session.legal_moves(s)] == [seat]
        kinds = [o.kind for o in session.legal_moves(seat)]
        first = session.legal_moves(seat)[0]
        if "pass" in kinds:
            session.submit(Pass(seat))
        elif first.kind == "accept":
            session.submit(Accept(seat, first.choices["agreements"][0]))
        elif first.kind == "comply":
            session.submit(Comply(seat, first.choices["agreements"][0]))
        else:
            occurrence, choices = next(iter(first.choices["occurrences"].items()))
            session.submit(RespondEvent(seat, occurrence, choices[0]))


def test_counter_options_name_the_unchanged_terms_and_every_other_combination_is_legal():
    session = game(SCENARIO)
    aid = propose(session, "aa", to=("bb",), duration=2, verification="onsite")
    pass_until(session, "responses")
    terms = options(session, "bb")["counter"]["agreements"][aid]
    assert terms == {
        "reciprocity": ["reciprocal", "one_sided"],
        "durations": [2, 3],
        "verification": ["onsite", "sat", "none"],
        "unchanged": ["reciprocal", 2, "onsite"],
    }
    allowed = counter_terms(terms)
    assert len(allowed) == 2 * 2 * 3 - 1
    for reciprocity, duration, verification in allowed:
        check(session.state, Counter("bb", aid, reciprocity, duration, verification))
    with pytest.raises(IllegalMove) as info:
        check(session.state, Counter("bb", aid, "reciprocal", 2, "onsite"))
    assert info.value.code == "bad_terms"


def test_an_organisation_is_not_offered_one_sided_terms():
    only_one_sided = variant(lambda d: measure_of(d, "trade").update(reciprocity=["one_sided"]), events=[])
    session = game(only_one_sided)
    pass_to(session, "io")
    measures = options(session, "io")["propose"]["measures"]
    assert measures["safeguards"]["reciprocity"] == ["reciprocal"]
    assert "trade" not in measures  # one-sided terms only: nothing an organisation could offer
    assert set(measures) == {"hotline", "safeguards"}
    session = game(only_one_sided)
    assert options(session, "aa")["propose"]["measures"]["safeguards"]["reciprocity"] == ["reciprocal", "one_sided"]
    assert "trade" in options(session, "aa")["propose"]["measures"]


def test_a_counter_to_an_organisations_proposal_is_not_offered_one_sided_terms():
    session = game(SCENARIO)
    aid = propose(session, "io", to=("aa",))  # the Inspectorate offers Arland reciprocal safeguards
    pass_until(session, "responses")
    terms = options(session, "aa")["counter"]["agreements"][aid]
    assert terms["reciprocity"] == ["reciprocal"]
    assert terms["unchanged"] == ["reciprocal", 2, "onsite"]
    # The other way round, the initiator is a state, so the organisation may counter with one-sided terms.
    session = game(SCENARIO)
    aid = propose(session, "aa", to=("io",))
    pass_until(session, "responses")
    assert options(session, "io")["counter"]["agreements"][aid]["reciprocity"] == ["reciprocal", "one_sided"]
