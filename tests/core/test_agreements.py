"""Proposals and agreements: cost, acceptance, counters, rejection, withdrawal, one-sided terms and expiry."""

from __future__ import annotations

from game.core.moves import Accept, Comply, Counter, Defect, Pass, Reject, Withdraw
from tests.builders import pass_until
from tests.core.helpers import (
    ACTORS,
    FAC,
    actor,
    agreement,
    answer_all,
    approx,
    decide,
    game,
    options,
    play_until,
    propose,
    quiet,
    rules,
    sign,
    tension,
    trust_matrix,
)


def test_a_proposal_costs_the_proposer_the_measures_capital():
    session = game()
    propose(session, "aa", measure="safeguards")
    assert actor(session, "aa")["capital"] == 4 - 2
    propose(session, "aa", measure="hotline", verification="none")
    assert actor(session, "aa")["capital"] == 4 - 2 - 1
    assert actor(session, "bb")["capital"] == 4


def test_a_proposal_accepted_by_every_addressee_comes_into_force_between_all_of_them():
    session = game()
    aid = propose(session, "aa", measure="hotline", to=("bb", "cc"), verification="none")
    pass_until(session, "responses")
    answer_all(session)
    entry = agreement(session, aid)
    assert entry["status"] == "in_force"
    assert entry["parties"] == ["aa", "bb", "cc"]
    assert (entry["started"], entry["ends"]) == (1, 2)


def test_signing_raises_trust_between_the_parties_and_lowers_tension():
    session = game()
    aid = propose(session, "aa", measure="safeguards", to=("bb",))
    pass_until(session, "responses")
    before, tension_before = trust_matrix(session), tension(session)
    session.submit(Accept("bb", aid))
    after = trust_matrix(session)
    # safeguards: sign trust +0.08, tension -4
    assert after["aa"]["bb"] == approx(before["aa"]["bb"] + 0.08)
    assert after["bb"]["aa"] == approx(before["bb"]["aa"] + 0.08)
    for i in ACTORS:
        for j in ACTORS:
            if i != j and {i, j} != {"aa", "bb"}:
                assert after[i][j] == before[i][j], f"{i}->{j} is not a party pair"
    assert tension(session) == approx(tension_before - 4)


def test_one_addressee_of_two_accepting_brings_it_into_force_between_those_two():
    session = game()
    aid = propose(session, "aa", measure="hotline", to=("bb", "cc"), verification="none")
    pass_until(session, "responses")
    before = trust_matrix(session)
    answer_all(session, lambda seat, _: "accept" if seat == "bb" else "reject")
    entry = agreement(session, aid)
    assert entry["status"] == "in_force"
    assert entry["parties"] == ["aa", "bb"]
    assert entry["answers"] == {"bb": "accept", "cc": "reject"}
    after = trust_matrix(session)
    assert after["aa"]["cc"] == before["aa"]["cc"] and after["cc"]["aa"] == before["cc"]["aa"]
    assert after["aa"]["bb"] > before["aa"]["bb"]


def test_a_proposal_every_addressee_rejects_is_rejected_and_changes_nothing_else():
    session = game()
    aid = propose(session, "aa", measure="hotline", to=("bb",), verification="none")
    pass_until(session, "responses")
    session.submit(Reject("bb", aid))
    assert agreement(session, aid)["status"] == "rejected"
    # Nobody is bound and nothing can be inspected, so the round runs on to the next diplomacy phase.
    assert (session.state.round, session.state.phase) == (2, "diplomacy")
    # A twin game in which the proposal was never made stands exactly where this one does, but for capital.
    twin = game()
    pass_until(twin, "diplomacy")
    play_until(twin, "diplomacy", round_=2)
    assert trust_matrix(session) == trust_matrix(twin) and tension(session) == tension(twin)


def test_a_counter_is_a_new_proposal_the_proposer_must_answer():
    session = game()
    aid = propose(session, "aa", measure="safeguards", to=("bb",), duration=2, verification="onsite")
    pass_until(session, "responses")
    session.submit(Counter("bb", aid, "reciprocal", 3, "sat"))
    assert agreement(session, aid)["status"] == "countered"
    counter = agreement(session, "a2")
    assert counter["counter_of"] == aid
    assert (counter["proposer"], counter["addressees"], counter["status"]) == ("bb", ["aa"], "proposed")
    assert (counter["duration"], counter["verification"]) == (3, "sat")
    assert session.to_move() == "aa"
    assert options(session, "aa")["accept"]["agreements"] == ["a2"]
    session.submit(Accept("aa", "a2"))
    entry = agreement(session, "a2")
    assert (entry["status"], entry["parties"], entry["ends"]) == ("in_force", ["aa", "bb"], 3)
    assert agreement(session, aid)["status"] == "countered"


def test_a_counter_costs_no_capital():
    session = game()
    aid = propose(session, "aa", to=("bb",))
    pass_until(session, "responses")
    session.submit(Counter("bb", aid, "reciprocal", 3, "onsite"))
    assert actor(session, "bb")["capital"] == 4


def test_the_rules_limit_how_many_times_a_proposal_is_countered():
    session = game(quiet(rules=rules(counters=2)))
    aid = propose(session, "aa", to=("bb",))
    pass_until(session, "responses")
    session.submit(Counter("bb", aid, "reciprocal", 3, "onsite"))  # a2, depth 1
    assert "counter" in options(session, "aa")
    session.submit(Counter("aa", "a2", "reciprocal", 3, "sat"))  # a3, depth 2, back to Borduria
    assert session.to_move() == "bb"
    assert "counter" not in options(session, "bb")
    session.submit(Accept("bb", "a3"))
    assert agreement(session, "a3")["parties"] == ["aa", "bb"]


def test_no_counter_is_offered_when_the_rules_allow_none():
    session = game(quiet(rules=rules(counters=0)))
    propose(session, "aa", to=("bb",))
    pass_until(session, "responses")
    assert "counter" not in options(session, "bb")


def test_a_countering_addressee_is_left_out_when_another_accepts():
    session = game()
    aid = propose(session, "aa", measure="hotline", to=("bb", "cc"), verification="none")
    pass_until(session, "responses")
    session.submit(Counter("bb", aid, "reciprocal", 3, "none"))
    session.submit(Reject("aa", "a2"))
    session.submit(Accept("cc", aid))
    assert agreement(session, aid)["parties"] == ["aa", "cc"]
    assert agreement(session, "a2")["status"] == "rejected"


def test_a_proposer_may_withdraw_its_proposal_before_the_answers():
    session = game()
    aid = propose(session, "aa", measure="hotline", to=("bb",), verification="none")
    session.submit(Withdraw("aa", aid))
    assert agreement(session, aid)["status"] == "withdrawn"
    assert "withdraw" not in options(session, "aa")
    play_until(session, "diplomacy", round_=2)
    assert not any(e.phase == "responses" for e in session.log)  # nothing left to answer


def test_a_party_may_withdraw_from_an_agreement_in_force():
    session = game()
    aid = sign(session, measure="hotline", verification="none")
    decide(session)
    pass_until(session, "diplomacy")
    assert session.to_move() == "bb"  # round 2 starts with Borduria
    session.submit(Withdraw("bb", aid))
    assert agreement(session, aid)["status"] == "withdrawn"
    session.submit(Pass("bb"))
    play_until(session, "diplomacy", round_=3)
    assert not any(e.phase == "implementation" and e.round == 2 for e in session.log)


def test_leaving_a_three_party_agreement_keeps_it_in_force_between_the_other_two():
    session = game()
    aid = sign(session, measure="hotline", to=("bb", "cc"), verification="none")
    decide(session)
    pass_until(session, "diplomacy")
    session.submit(Withdraw("bb", aid))
    entry = agreement(session, aid)
    assert (entry["status"], entry["parties"]) == ("in_force", ["aa", "cc"])


def test_reciprocal_terms_bind_every_state_party_each_round():
    session = game()
    aid = sign(session, to=("bb",))
    assert options(session, "aa")["comply"]["agreements"] == [aid]
    session.submit(Comply("aa", aid))
    assert session.to_move() == "bb"
    assert options(session, "bb")["defect"]["agreements"] == [aid]


def test_one_sided_terms_only_oblige_the_initiator():
    session = game()
    aid = sign(session, to=("bb",), reciprocity="one_sided")
    assert session.to_move() == "aa"
    session.submit(Comply("aa", aid))
    assert session.state.phase == "verification"  # Borduria owes no decision
    assert [e.move.actor for e in session.log if e.phase == "implementation"] == ["aa"]


def test_one_sided_terms_keep_the_original_proposer_as_the_one_bound_through_a_counter():
    session = game()
    aid = propose(session, "aa", to=("bb",), reciprocity="one_sided")
    pass_until(session, "responses")
    session.submit(Counter("bb", aid, "one_sided", 3, "onsite"))
    session.submit(Accept("aa", "a2"))
    assert session.state.phase == "implementation"
    assert session.to_move() == "aa"
    session.submit(Defect("aa", "a2"))
    assert session.state.phase == "verification"


def test_an_organisation_may_counter_a_states_proposal_with_one_sided_terms_that_bind_the_state():
    session = game()
    aid = propose(session, "aa", to=("io",))  # reciprocal safeguards: only Arland, a state, would be bound anyway
    pass_until(session, "responses")
    session.submit(Counter("io", aid, "one_sided", 3, "onsite"))
    session.submit(Accept("aa", "a2"))
    entry = agreement(session, "a2")
    assert (entry["status"], entry["reciprocity"], entry["parties"], entry["obligated"]) == (
        "in_force",
        "one_sided",
        ["aa", "io"],
        ["aa"],
    )


def test_complying_costs_and_defecting_gains_security_at_once_and_in_secret():
    session = game()
    aid = sign(session, to=("bb",))  # safeguards: comply costs 1, defecting gains 3
    session.submit(Comply("aa", aid))
    session.submit(Defect("bb", aid))
    assert actor(session, "aa", seat="aa")["security"] == -1
    assert actor(session, "bb", seat="bb")["security"] == 3
    assert "security" not in actor(session, "bb", seat="aa")


def test_an_agreement_expires_after_its_duration():
    session = game(quiet(rules=rules(rounds=3)))
    aid = sign(session, measure="hotline", duration=2, verification="none")
    decide(session)
    pass_until(session, "diplomacy")
    assert (session.state.round, agreement(session, aid)["status"]) == (2, "in_force")
    pass_until(session, "implementation")
    decide(session)  # still binding in its second round
    assert sum(1 for e in session.log if e.phase == "implementation" and e.round == 2) == 2
    pass_until(session, "diplomacy")
    assert (session.state.round, agreement(session, aid)["status"]) == (3, "expired")
    assert any(f"Agreement {aid}" in n["text"] and "expired" in n["text"] for n in session.view("cc")["notices"])
    pass_until(session, "debrief")
    assert not any(e.phase == "implementation" and e.round == 3 for e in session.log)


def test_a_measure_in_force_keeps_easing_tension_each_round():
    with_line, without = game(seed=3), game(seed=3)
    sign(with_line, measure="hotline", verification="none")  # in force: -1 tension per round
    sign(without, measure="trade", duration=3, verification="none")
    # hotline signs at -3, trade at -1; after assessment the hotline's -1 in force shows on top (then decays 10%).
    gap_before = tension(without) - tension(with_line)
    assert gap_before == approx(2)
    for session in (with_line, without):
        decide(session)
        play_until(session, "diplomacy", round_=2)
    assert tension(without) - tension(with_line) == approx((2 + 1) * 0.9)


def test_proposals_are_seen_only_by_those_involved_until_signed():
    session = game()
    aid = propose(session, "aa", measure="hotline", to=("bb",), verification="none")
    assert aid in [a["id"] for a in session.view("bb")["agreements"]]
    assert aid not in [a["id"] for a in session.view("cc")["agreements"]]
    pass_until(session, "responses")
    answer_all(session)
    assert agreement(session, aid, seat="cc")["status"] == "in_force"
    assert agreement(session, aid, seat=FAC)["status"] == "in_force"
