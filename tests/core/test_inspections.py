"""Inspections: who may ask, what granting, delaying and refusing do, and how a finding moves trust (Bayes)."""

from __future__ import annotations

import pytest

from game.core.moves import GrantInspection, Pass
from tests.builders import pass_until
from tests.core.helpers import (
    ACTORS,
    FAC,
    actor,
    agreement,
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
    request,
    sign,
    signed_and_decided,
    tension,
    texts,
    trust,
    trust_matrix,
    variant,
)


def exact_satellite():
    """Satellite imagery that never raises a false alarm (safeguards: detection 0.4 by satellite)."""
    return variant(lambda d: inspection_type(d, "sat").update(false_alarm=0.0), events=[])


def observers_of(target):
    return [j for j in ACTORS if j != target]


def test_inspections_need_a_verification_regime():
    session, aid = signed_and_decided(measure="hotline", verification="none")
    assert "request_inspection" not in options(session, "aa")
    assert [o.kind for o in session.legal_moves("aa")] == ["pass"]


def test_parties_and_mandated_organisations_may_inspect_but_other_third_parties_may_not():
    session, aid = signed_and_decided()
    assert {r["target"] for r in options(session, "aa")["request_inspection"]["requests"]} == {"bb"}
    session.submit(Pass("aa"))
    assert {r["target"] for r in options(session, "bb")["request_inspection"]["requests"]} == {"aa"}
    session.submit(Pass("bb"))
    assert "request_inspection" not in options(session, "cc")
    session.submit(Pass("cc"))
    requests = options(session, "io")["request_inspection"]["requests"]
    assert {(r["agreement"], r["target"], r["method"], r["cost"]) for r in requests} == {
        (aid, "aa", "onsite", 1),
        (aid, "bb", "onsite", 1),
    }


def test_the_requester_pays_and_the_target_must_answer_before_anyone_else_moves():
    session, aid = signed_and_decided()
    capital = actor(session, "aa")["capital"]
    iid = request(session, "aa", aid, "bb")
    assert actor(session, "aa")["capital"] == capital - 1
    assert session.to_move() == "bb"
    assert [o.kind for o in session.legal_moves("bb")] == ["grant_inspection", "delay_inspection", "refuse_inspection"]
    assert session.legal_moves("aa") == []
    session.submit(GrantInspection("bb", iid))
    assert session.to_move() == "aa"  # the requester's turn goes on


@pytest.mark.parametrize("seed", range(8))
def test_a_granted_inspection_that_never_misses_always_finds_a_defector(seed):
    session, aid = signed_and_decided(seed=seed, defect=("bb",))  # onsite: detection 1.0, false alarm 0
    before, tension_before = trust_matrix(session), tension(session)
    found = inspect(session, "aa", aid, "bb")
    assert (found["answer"], found["result"]) == ("granted", "violation")
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
    pass_until(session, "diplomacy")
    assert agreement(session, aid)["status"] == "violated"
    assert "withdraw" not in options(session, "bb")
    pass_until(session, "verification")
    assert not any(e.phase == "implementation" and e.round == 2 for e in session.log)


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
    session, aid = signed_and_decided(reciprocity="one_sided")
    assert options(session, "aa").get("request_inspection") is None
    session.submit(Pass("aa"))
    requests = options(session, "bb")["request_inspection"]["requests"]
    assert [r["target"] for r in requests] == ["aa"]


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
    session, aid = signed_and_decided()
    pass_until(session, "verification")
    for seat in ("aa", "bb", "cc"):
        session.submit(Pass(seat))
    inspect(session, "io", aid, "aa")
    inspect(session, "io", aid, "bb")
    assert "request_inspection" not in options(session, "io")
    assert actor(session, "io")["capital"] == 0


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
