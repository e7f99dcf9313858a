"""Statements: what they cost, how credibility scales friendly words, exposed lies, and accusations with evidence."""

from __future__ import annotations

from game.core.moves import Dialogue, Pass
from tests.builders import pass_until
from tests.core.helpers import (
    ACTORS,
    actor,
    answer_all,
    approx,
    bayes_clean,
    clamp,
    decide,
    game,
    inspect,
    inspection_type,
    measure_of,
    pass_to,
    propose,
    quiet,
    tension,
    texts,
    trust_matrix,
    variant,
)


def rumour_mill():
    """An inspection that always reports a violation: its finding tells Bayes nothing (posterior = prior),
    so any trust it costs is the price of exposed lies alone."""

    def edit(data):
        data["inspections"]["types"].append({"id": "rumour", "name": "Rumour mill", "cost": 1, "false_alarm": 1.0})
        measure_of(data, "safeguards")["detection"]["rumour"] = 1.0

    return variant(edit, events=[])


def changed_cells(before, after):
    return {(i, j) for i in before for j in before[i] if after[i][j] != before[i][j]}


def test_a_reassurance_raises_the_addressees_trust_in_the_speaker_scaled_by_credibility():
    session = game()
    before, tension_before = trust_matrix(session), tension(session)
    session.submit(Dialogue("aa", "reassure", ("bb",)))
    after = trust_matrix(session)
    assert after["bb"]["aa"] == approx(0.5 + 0.1 * 0.5)  # trust 0.1 x Borduria's trust in Arland (0.5)
    assert changed_cells(before, after) == {("bb", "aa")}
    assert tension(session) == approx(tension_before - 1)
    assert actor(session, "aa")["capital"] == 3


def test_the_same_words_buy_less_from_an_addressee_who_trusts_the_speaker_less():
    doubting = game(quiet(trust={"default": 0.5, "pairs": [{"from": "bb", "to": "aa", "value": 0.2}]}))
    doubting.submit(Dialogue("aa", "reassure", ("bb",)))
    assert trust_matrix(doubting)["bb"]["aa"] == approx(0.2 + 0.1 * 0.2)


def test_a_statement_to_several_actors_reaches_each_of_them_once_and_costs_once():
    session = game(quiet(trust={"default": 0.5, "pairs": [{"from": "cc", "to": "aa", "value": 0.8}]}))
    session.submit(Dialogue("aa", "clarify", ("bb", "cc")))
    after = trust_matrix(session)
    assert after["bb"]["aa"] == approx(0.5 + 0.02 * 0.5)
    assert after["cc"]["aa"] == approx(0.8 + 0.02 * 0.8)
    assert actor(session, "aa")["capital"] == 3


def test_friendly_statements_each_have_their_own_cost_trust_and_tension():
    # (act, cost, trust, tension) from the tiny scenario
    for act, cost, gain, calm in [
        ("clarify", 1, 0.02, 0),
        ("propose_consultations", 2, 0.03, -2),
        ("express_regret", 1, 0.03, -1),
    ]:
        session = game()
        tension_before = tension(session)
        session.submit(Dialogue("aa", act, ("cc",)))
        assert trust_matrix(session)["cc"]["aa"] == approx(0.5 + gain * 0.5), act
        assert tension(session) == approx(tension_before + calm), act
        assert actor(session, "aa")["capital"] == 4 - cost, act


def test_raising_a_concern_sours_the_addressee_by_the_full_amount_whatever_its_trust():
    session = game()
    tension_before = tension(session)
    session.submit(Dialogue("aa", "raise_concern", ("bb",)))
    assert trust_matrix(session)["bb"]["aa"] == approx(0.5 - 0.02)
    assert tension(session) == approx(tension_before + 1)


def test_an_accusation_without_evidence_only_sours_the_accused_towards_the_accuser():
    session = game()
    before, tension_before = trust_matrix(session), tension(session)
    session.submit(Dialogue("aa", "accuse", ("bb",)))
    after = trust_matrix(session)
    assert after["bb"]["aa"] == approx(before["bb"]["aa"] - 0.05)
    assert changed_cells(before, after) == {("bb", "aa")}
    assert tension(session) == approx(tension_before + 3)
    assert not any("evidence" in t for t in texts(session, "cc"))


def exposed_borduria():
    """Round 2 diplomacy after Borduria broke safeguards in round 1 and the rumour mill 'found' it."""
    session = game(rumour_mill())
    propose(session, "aa", to=("bb",), verification="rumour")
    pass_until(session, "responses")
    answer_all(session)
    decide(session, defect=("bb",))
    result = inspect(session, "aa", "a1", "bb")
    assert result["result"] == "violation"
    pass_until(session, "diplomacy")
    return session


def test_an_accusation_backed_by_a_finding_turns_third_parties_against_the_accused():
    session = exposed_borduria()
    pass_to(session, "cc")
    before, tension_before = trust_matrix(session), tension(session)
    session.submit(Dialogue("cc", "accuse", ("bb",)))
    after = trust_matrix(session)
    for third in ("aa", "io"):
        assert after[third]["bb"] == approx(before[third]["bb"] - 0.05 * 2)  # |trust| x evidence_factor
    assert changed_cells(before, after) == {("aa", "bb"), ("io", "bb")}
    assert tension(session) == approx(tension_before + 3)
    assert any("with evidence from an inspection" in t for t in texts(session, "aa"))


def test_an_accusation_with_evidence_weighs_more_than_one_without():
    without = game(rumour_mill())
    for seat in ("aa", "bb"):
        without.submit(Pass(seat))
    before = trust_matrix(without)
    without.submit(Dialogue("cc", "accuse", ("bb",)))
    loss_without = sum(before[j]["bb"] - trust_matrix(without)[j]["bb"] for j in ACTORS if j != "bb")

    backed = exposed_borduria()
    pass_to(backed, "cc")
    before = trust_matrix(backed)
    backed.submit(Dialogue("cc", "accuse", ("bb",)))
    loss_with = sum(before[j]["bb"] - trust_matrix(backed)[j]["bb"] for j in ACTORS if j != "bb")
    assert loss_without == 0
    assert loss_with == approx(0.2)


def test_an_exposed_reassurance_costs_exposed_lie_factor_times_what_it_bought():
    session = game(rumour_mill())
    before = trust_matrix(session)
    session.submit(Dialogue("aa", "reassure", ("bb", "cc")))
    bought = {j: trust_matrix(session)[j]["aa"] - before[j]["aa"] for j in ("bb", "cc")}
    assert bought["bb"] > 0 and bought["cc"] > 0
    session.submit(Pass("aa"))
    propose(session, "bb", to=("aa",), verification="rumour")
    pass_until(session, "responses")
    answer_all(session)
    decide(session, defect=("aa",))
    pass_to(session, "bb")
    before_finding = trust_matrix(session)
    assert inspect(session, "bb", "a1", "aa")["result"] == "violation"
    after = trust_matrix(session)
    for j in ("bb", "cc"):
        assert after[j]["aa"] == approx(clamp(before_finding[j]["aa"] - 3 * bought[j])), j  # exposed_lie_factor 3
    assert after["io"]["aa"] == approx(before_finding["io"]["aa"])  # Arland never reassured the Inspectorate


def test_a_lie_is_repaid_only_once():
    session = game(rumour_mill())
    session.submit(Dialogue("aa", "reassure", ("cc",)))
    session.submit(Pass("aa"))
    propose(session, "bb", to=("aa",), verification="rumour")
    propose(session, "cc", to=("aa",), verification="rumour")
    pass_until(session, "responses")
    answer_all(session)
    decide(session, defect=("aa",))
    inspect(session, "bb", "a1", "aa")
    after_first = trust_matrix(session)["cc"]["aa"]
    inspect(session, "cc", "a2", "aa")
    assert trust_matrix(session)["cc"]["aa"] == approx(after_first)


def test_an_honest_reassurer_keeps_what_its_words_bought_when_inspected_clean():
    def edit(data):
        inspection_type(data, "sat").update(false_alarm=0.0)

    session = game(variant(edit, events=[]))
    session.submit(Dialogue("aa", "reassure", ("bb",)))
    session.submit(Pass("aa"))
    propose(session, "bb", to=("aa",), verification="sat")
    pass_until(session, "responses")
    answer_all(session)
    decide(session)
    pass_to(session, "bb")
    prior = trust_matrix(session)["bb"]["aa"]
    assert inspect(session, "bb", "a1", "aa")["result"] == "clean"
    assert trust_matrix(session)["bb"]["aa"] == approx(clamp(bayes_clean(prior, 0.4, 0.0)))
