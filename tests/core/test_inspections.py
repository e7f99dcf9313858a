"""Inspections: who may ask, what granting, delaying and refusing do, and how a finding moves trust (Bayes)."""

from __future__ import annotations

import pytest

from game.core.moves import Adjust, GrantInspection, Pass
from tests.builders import pass_until
from tests.core.helpers import (
    ACTORS,
    FAC,
    actor,
    agreement,
    answer_all,
    approx,
    bayes_clean,
    clamp,
    decide,
    game,
    inspect,
    inspection_type,
    measure_of,
    options,
    pass_to,
    play_until,
    propose,
    request,
    sign,
    signed_and_decided,
    tension,
    texts,
    trust,
    trust_matrix,
    two_signed_and_decided,
    variant,
)


def exact_satellite():
    """Satellite imagery that never raises a false alarm (safeguards: detection 0.4 by satellite)."""
    return variant(lambda d: inspection_type(d, "sat").update(false_alarm=0.0), events=[])


def observers_of(target):
    return [j for j in ACTORS if j != target]


def test_inspections_need_a_verification_regime():
    # Only a hotline without inspections is in force: nothing can be inspected, so nobody is asked.
    session = game()
    sign(session, measure="hotline", verification="none")
    decide(session)
    assert (session.state.round, session.state.phase) == (2, "diplomacy")
    assert not any(e.phase == "verification" for e in session.log)
    assert session.view(FAC)["inspections"] == []


def test_only_agreements_with_a_verification_regime_are_offered_for_inspection():
    # a1: safeguards aa-bb verified on site; a2: a hotline cc-io without inspections.
    session = game()
    propose(session, "aa", to=("bb",))
    propose(session, "cc", measure="hotline", to=("io",), verification="none")
    pass_until(session, "responses")
    answer_all(session)
    decide(session)
    asked = []
    while session.state.phase == "verification":
        seat = session.to_move()
        asked.append(seat)
        requests = options(session, seat)["request_inspection"]["requests"]
        assert {r["agreement"] for r in requests} == {"a1"}, seat
        session.submit(Pass(seat))
    assert asked == ["aa", "bb", "io"]  # Carpania is party only to the hotline: it has nothing to inspect


def test_parties_and_mandated_organisations_may_inspect_but_other_third_parties_may_not():
    session, aid = signed_and_decided()
    assert {r["target"] for r in options(session, "aa")["request_inspection"]["requests"]} == {"bb"}
    session.submit(Pass("aa"))
    assert {r["target"] for r in options(session, "bb")["request_inspection"]["requests"]} == {"aa"}
    session.submit(Pass("bb"))
    # Carpania, neither a party nor mandated, could inspect nothing: it is not even asked.
    assert session.to_move() == "io"
    assert session.legal_moves("cc") == []
    requests = options(session, "io")["request_inspection"]["requests"]
    assert {(r["agreement"], r["target"], r["method"], r["cost"]) for r in requests} == {
        (aid, "aa", "onsite", 1),
        (aid, "bb", "onsite", 1),
    }


def test_the_requester_pays_and_the_target_must_answer_before_anyone_else_moves():
    session = two_signed_and_decided()  # Arland could inspect Borduria (a1) and Carpania (a2)
    capital = actor(session, "aa")["capital"]
    iid = request(session, "aa", "a1", "bb")
    assert actor(session, "aa")["capital"] == capital - 1
    assert session.to_move() == "bb"
    assert [o.kind for o in session.legal_moves("bb")] == ["grant_inspection", "delay_inspection", "refuse_inspection"]
    assert session.legal_moves("aa") == []
    session.submit(GrantInspection("bb", iid))
    assert session.to_move() == "aa"  # the requester's turn goes on: it could still inspect Carpania
    requests = options(session, "aa")["request_inspection"]["requests"]
    assert [(r["agreement"], r["target"]) for r in requests] == [("a2", "cc")]


def test_a_requester_with_nothing_left_to_inspect_hands_the_turn_on_once_its_request_is_answered():
    session, aid = signed_and_decided()  # Arland could inspect only Borduria
    iid = request(session, "aa", aid, "bb")
    session.submit(GrantInspection("bb", iid))
    assert session.state.phase == "verification"
    assert session.to_move() == "bb"  # Borduria may still inspect Arland
    assert session.legal_moves("aa") == []


@pytest.mark.parametrize("seed", range(8))
def test_a_granted_inspection_that_never_misses_always_finds_a_defector(seed):
    # a1 is verified on site (detection 1.0, false alarm 0); a2 keeps verification open after the finding.
    session = two_signed_and_decided(seed=seed, defect=("bb",))
    aid = "a1"
    before, tension_before = trust_matrix(session), tension(session)
    found = inspect(session, "aa", aid, "bb")
    assert (found["answer"], found["result"]) == ("granted", "violation")
    assert (session.state.round, session.state.phase) == (1, "verification")  # no assessment in between
    assert agreement(session, aid)["status"] == "violated"
    assert tension(session) == approx(tension_before + 5)  # detected_violation
    after = trust_matrix(session)
    for j in observers_of("bb"):
        assert after[j]["bb"] < before[j]["bb"]
        assert after[j]["bb"] == approx(0.01)  # Bayes says certainly untrustworthy; the floor keeps it alive
    assert after["bb"] == before["bb"]


def test_a_finding_is_announced_to_every_seat():
    session, aid = signed_and_decided(defect=("bb",))
    inspect(session, "aa", aid, "bb")
    for seat in ACTORS:
        entry = agreement(session, aid, seat=seat)
        assert entry["findings"] == [{"round": 1, "party": "bb", "result": "violation"}]
        assert any("found a violation" in t for t in texts(session, seat))


def test_a_violated_agreement_is_no_longer_in_force():
    session, aid = signed_and_decided(defect=("bb",))
    inspect(session, "aa", aid, "bb")
    # Nothing is left to inspect, so the round ends at once.
    assert (session.state.round, session.state.phase) == (2, "diplomacy")
    assert agreement(session, aid)["status"] == "violated"
    assert "withdraw" not in options(session, "bb")
    play_until(session, "diplomacy", round_=3)
    assert agreement(session, aid)["status"] == "violated"
    assert not any(e.phase in ("implementation", "verification") and e.round == 2 for e in session.log)


@pytest.mark.parametrize("seed", range(5))
def test_a_complying_party_is_never_found_in_violation_without_false_alarms(seed):
    session, aid = signed_and_decided(seed=seed)
    assert inspect(session, "aa", aid, "bb")["result"] == "clean"
    assert agreement(session, aid)["status"] == "in_force"


def test_a_clean_result_raises_every_observers_trust_by_bayes_rule():
    session, aid = signed_and_decided(exact_satellite(), verification="sat")
    before = trust_matrix(session)
    assert inspect(session, "io", aid, "bb")["result"] == "clean"
    after = trust_matrix(session)
    for j in observers_of("bb"):
        expected = clamp(bayes_clean(before[j]["bb"], detection=0.4, false_alarm=0.0))
        assert after[j]["bb"] == approx(expected), j
        assert after[j]["bb"] > before[j]["bb"]
    assert after["bb"] == before["bb"]


def test_a_clean_result_from_a_weak_inspection_barely_moves_trust():
    def edit(data):
        inspection_type(data, "sat").update(false_alarm=0.0)
        measure_of(data, "safeguards")["detection"]["sat"] = 0.05

    strong, _ = signed_and_decided(exact_satellite(), verification="sat")
    weak, _ = signed_and_decided(variant(edit, events=[]), verification="sat")
    start = trust(strong, "cc", "bb")
    assert trust(weak, "cc", "bb") == start
    inspect(strong, "io", "a1", "bb")
    inspect(weak, "io", "a1", "bb")
    assert trust(weak, "cc", "bb") - start < (trust(strong, "cc", "bb") - start) / 5


def test_a_refused_inspection_costs_trust_with_everyone_raises_tension_and_casts_suspicion():
    session, aid = signed_and_decided()
    before, tension_before = trust_matrix(session), tension(session)
    refusal = inspect(session, "aa", aid, "bb", reply="refuse")
    assert (refusal["answer"], refusal["result"]) == ("refused", "")
    after = trust_matrix(session)
    for j in observers_of("bb"):
        assert after[j]["bb"] == approx(before[j]["bb"] - 0.1)  # refuse_trust
    assert after["bb"] == before["bb"]
    assert tension(session) == approx(tension_before + 4)  # refused_inspection
    entry = agreement(session, aid, seat="cc")
    assert entry["status"] == "suspected" and entry["findings"] == []


def test_a_suspected_agreement_is_still_in_force():
    session, aid = signed_and_decided()
    inspect(session, "aa", aid, "bb", reply="refuse")
    pass_until(session, "diplomacy")
    assert agreement(session, aid)["status"] == "suspected"
    pass_until(session, "implementation")
    decide(session)
    assert sum(1 for e in session.log if e.phase == "implementation" and e.round == 2) == 2


def test_a_delay_costs_some_trust_casts_suspicion_and_weakens_the_inspection():
    # Satellite imagery without false alarms; delaying halves its 0.4 detection chance (delay_factor 0.5).
    session, aid = signed_and_decided(exact_satellite(), verification="sat")
    before = trust_matrix(session)
    delayed = inspect(session, "io", aid, "bb", reply="delay")
    assert (delayed["answer"], delayed["result"]) == ("delayed", "clean")
    after = trust_matrix(session)
    for j in observers_of("bb"):
        expected = clamp(bayes_clean(before[j]["bb"] - 0.05, detection=0.2, false_alarm=0.0))
        assert after[j]["bb"] == approx(expected), j
    assert agreement(session, aid)["status"] == "suspected"


def test_a_delayed_inspection_misses_some_violations_a_granted_one_would_find():
    outcomes = {"grant": set(), "delay": set()}
    for seed in range(24):
        for reply in outcomes:
            session, aid = signed_and_decided(seed=seed, defect=("bb",))
            outcomes[reply].add(inspect(session, "aa", aid, "bb", reply=reply)["result"])
    assert outcomes["grant"] == {"violation"}
    assert outcomes["delay"] == {"violation", "clean"}  # onsite 1.0 x delay_factor 0.5


def test_only_obliged_parties_can_be_inspected_under_one_sided_terms():
    session, aid = signed_and_decided(reciprocity="one_sided")  # only Arland, the initiator, is bound
    # Arland could inspect no one (Borduria has no obligations), so Borduria is asked first.
    assert session.to_move() == "bb"
    assert session.legal_moves("aa") == []
    requests = options(session, "bb")["request_inspection"]["requests"]
    assert [r["target"] for r in requests] == ["aa"]
    session.submit(Pass("bb"))
    assert session.to_move() == "io"
    assert [r["target"] for r in options(session, "io")["request_inspection"]["requests"]] == ["aa"]


def test_an_inspection_result_is_the_same_for_the_same_seed_and_moves():
    results = set()
    for _ in range(3):
        session, aid = signed_and_decided(seed=11, defect=("bb",))
        results.add((inspect(session, "aa", aid, "bb", reply="delay")["result"], session.hash()))
    assert len(results) == 1


def test_the_facilitator_sees_the_inspection_and_its_answer_like_everyone():
    session, aid = signed_and_decided()
    iid = request(session, "aa", aid, "bb")
    for seat in (*ACTORS, FAC):
        entry = next(i for i in session.view(seat)["inspections"] if i["id"] == iid)
        assert (entry["requester"], entry["target"], entry["answer"]) == ("aa", "bb", "")


def test_an_inspector_may_inspect_each_obliged_party_once_per_round():
    session = two_signed_and_decided()
    session.submit(Adjust(FAC, "capital:io", 5, "a larger budget, so that capital is not what stops it"))
    for seat in ("aa", "bb", "cc"):
        session.submit(Pass(seat))
    inspect(session, "io", "a1", "aa")
    inspect(session, "io", "a1", "bb")
    assert session.to_move() == "io"
    requests = options(session, "io")["request_inspection"]["requests"]
    assert {(r["agreement"], r["target"]) for r in requests} == {("a2", "aa"), ("a2", "cc")}  # nothing under a1
    assert actor(session, "io")["capital"] == 3


def test_verification_ends_once_everything_has_been_inspected_this_round():
    session, aid = signed_and_decided()
    for seat in ("aa", "bb"):
        session.submit(Pass(seat))
    inspect(session, "io", aid, "aa")
    inspect(session, "io", aid, "bb")
    # Both bound parties were inspected under the only agreement: no one could inspect anything more.
    assert (session.state.round, session.state.phase) == (2, "diplomacy")
    assert [(i["requester"], i["target"], i["round"]) for i in session.view("cc")["inspections"]] == [
        ("io", "aa", 1),
        ("io", "bb", 1),
    ]


def test_an_actor_that_cannot_afford_an_inspection_is_still_asked_so_capital_stays_secret():
    broke, flush = signed_and_decided()[0], signed_and_decided()[0]
    broke.submit(Adjust(FAC, "capital:aa", 0, "spent at the summit"))
    assert broke.view("bb")["to_move"] == flush.view("bb")["to_move"] == "aa"
    assert options(broke, "aa") == {"pass": {}}  # asked all the same, though it can only pass
    assert "request_inspection" in options(flush, "aa")
    asked = []
    for session in (broke, flush):
        seats = []
        while session.state.phase == "verification":
            seats.append(session.to_move())
            session.submit(Pass(session.to_move()))
        asked.append(seats)
    assert asked == [["aa", "bb", "io"], ["aa", "bb", "io"]]  # the same seats: being asked reveals no capital


def test_a_round_two_request_is_possible_again():
    session, aid = signed_and_decided()
    inspect(session, "aa", aid, "bb")
    pass_until(session, "implementation")
    decide(session)
    pass_to(session, "aa")  # round 2: Borduria moves first
    requests = options(session, "aa")["request_inspection"]["requests"]
    assert [r["target"] for r in requests] == ["bb"]


def test_sign_helper_defaults_are_onsite_safeguards():
    session = game()
    aid = sign(session)
    entry = agreement(session, aid)
    assert (entry["measure"], entry["verification"], entry["parties"]) == ("safeguards", "onsite", ["aa", "bb"])
