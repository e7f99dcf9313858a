"""Refused moves: each carries a stable code and a reason in words, and leaves the game exactly as it was.

``refused`` (tests/core/helpers.py) checks the code, that the reason reads as a sentence,
and that the state hash, the log, the facilitator's view and legal moves did not change.
"""

from __future__ import annotations

import pytest

from game.core import IllegalMove
from game.core.moves import (
    Accept,
    Adjust,
    Comply,
    Counter,
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
from tests.core.helpers import (
    FAC,
    actor,
    answer_all,
    decide,
    game,
    inspect,
    measure_of,
    options,
    pass_to,
    propose,
    quiet,
    refused,
    request,
    sign,
    signed_and_decided,
    two_signed_and_decided,
    variant,
)

# --- situations -----------------------------------------------------------------------------------------------


def at_responses():
    """Round 1 responses: Arland offered Borduria safeguards (a1); Carpania offered the Inspectorate a hotline (a2)."""
    session = game()
    propose(session, "aa", to=("bb",))
    propose(session, "cc", measure="hotline", to=("io",), verification="none")
    pass_until(session, "responses")
    assert session.to_move() == "bb"
    return session


def at_implementation():
    """Round 1 implementation: a1 (aa-bb safeguards) and a2 (cc-io hotline) in force; Arland decides first."""
    session = at_responses()
    answer_all(session)
    assert session.state.phase == "implementation" and session.to_move() == "aa"
    return session


def at_inspection_request():
    """Round 1 verification: Arland asked to inspect Borduria under a1 (i1); Borduria must answer.

    Arland could also inspect Carpania under a2 (a hotline verified by satellite), so its turn goes on afterwards.
    """
    session = two_signed_and_decided()
    aid = "a1"
    iid = request(session, "aa", aid, "bb")
    assert session.to_move() == "bb"
    return session, aid, iid


def inspection_refused(session, move):
    """A request refused as ``bad_inspection``, whose reason reads as a sentence; returns the reason."""
    reason = refused(session, move, "bad_inspection")
    assert reason[0].isupper(), reason
    return reason


def at_events():
    """Round 1 events: the air incident (e1) waits on Arland's then Borduria's response."""
    session = game(variant(lambda d: d.update(events=[d["events"][0]])))
    pass_until(session, "events")
    assert session.to_move() == "aa"
    return session


# --- phase, turn and who -----------------------------------------------------------------------------------------


def test_a_move_outside_its_phase_is_refused_with_the_phase_named():
    session = at_responses()
    reason = refused(session, Propose("aa", "hotline", ("bb",), "reciprocal", 2, "none"), "wrong_phase")
    assert reason == "Arland cannot propose now: it is the responses phase"


def test_a_pass_in_the_responses_phase_is_refused_as_wrong_phase():
    session = at_responses()
    assert "cannot pass now" in refused(session, Pass("bb"), "wrong_phase")


def test_a_move_out_of_turn_is_refused_naming_whose_turn_it_is():
    session = game()
    reason = refused(session, Pass("bb"), "not_your_turn")
    assert "Borduria" in reason and "Arland's turn" in reason


def test_an_unknown_actor_is_refused():
    session = game()
    assert "'zz'" in refused(session, Pass("zz"), "unknown_actor")


def test_an_unknown_addressee_is_refused():
    session = game()
    assert "'zz'" in refused(session, Dialogue("aa", "reassure", ("zz",)), "unknown_actor")


def test_the_facilitator_cannot_make_an_actors_move():
    session = game()
    assert "facilitator" in refused(session, Pass(FAC), "not_an_actor").lower()


def test_an_actor_cannot_make_the_facilitators_moves():
    session = game()
    refused(session, Pause("aa", "coffee"), "not_facilitator")
    refused(session, Adjust("aa", "tension", 0, "calm"), "not_facilitator")
    refused(session, InjectEvent("bb", "incident"), "not_facilitator")
    refused(session, EndGame("aa", "bored"), "not_facilitator")


def test_no_actor_may_move_while_the_game_is_paused():
    session = game()
    session.submit(Pause(FAC, "a question from the floor"))
    assert "paused" in refused(session, Pass("aa"), "paused")


def test_no_move_is_accepted_once_the_game_is_over():
    session = game()
    session.submit(EndGame(FAC, "out of time"))
    refused(session, Pass("aa"), "game_over")
    refused(session, Resume(FAC), "game_over")
    refused(session, Adjust(FAC, "tension", 10, "late"), "game_over")


# --- diplomacy ----------------------------------------------------------------------------------------------------


def test_a_measure_not_in_the_catalogue_is_refused():
    session = game()
    reason = refused(session, Propose("aa", "nukes", ("bb",), "reciprocal", 2, "none"), "unknown_measure")
    assert "'nukes'" in reason and "hotline" in reason


def test_an_unknown_statement_is_refused():
    session = game()
    refused(session, Dialogue("aa", "threaten", ("bb",)), "unknown_act")


def test_a_proposal_costing_more_than_the_capital_left_is_refused():
    session = game()
    session.submit(Adjust(FAC, "capital:aa", 1, "spent on a summit"))
    reason = refused(session, Propose("aa", "safeguards", ("bb",), "reciprocal", 2, "onsite"), "insufficient_capital")
    assert "1" in reason and "2" in reason


def test_a_statement_costing_more_than_the_capital_left_is_refused():
    session = game()
    session.submit(Adjust(FAC, "capital:aa", 0, "spent"))
    refused(session, Dialogue("aa", "reassure", ("bb",)), "insufficient_capital")


@pytest.mark.parametrize(
    ("measure", "reciprocity", "duration", "verification", "fragment"),
    [
        ("hotline", "one_sided", 2, "none", "one_sided"),
        ("hotline", "reciprocal", 5, "none", "5"),
        ("hotline", "reciprocal", 2, "onsite", "onsite"),
        ("safeguards", "mutual", 2, "onsite", "mutual"),
    ],
)
def test_terms_the_measure_does_not_allow_are_refused(measure, reciprocity, duration, verification, fragment):
    session = game()
    reason = refused(session, Propose("aa", measure, ("bb",), reciprocity, duration, verification), "bad_terms")
    assert fragment in reason


def test_addressing_oneself_is_refused():
    session = game()
    assert "itself" in refused(session, Propose("aa", "hotline", ("aa",), "reciprocal", 2, "none"), "bad_addressee")


def test_naming_an_addressee_twice_is_refused():
    session = game()
    refused(session, Dialogue("aa", "reassure", ("bb", "bb")), "bad_addressee")


def test_more_addressees_than_the_measure_allows_are_refused():
    session = game(variant(lambda d: measure_of(d, "hotline").update(max_parties=2), events=[]))
    refused(session, Propose("aa", "hotline", ("bb", "cc"), "reciprocal", 2, "none"), "bad_addressee")


@pytest.mark.parametrize(
    "move",
    [Propose("aa", "hotline", (), "reciprocal", 2, "none"), Dialogue("aa", "reassure", ())],
    ids=["propose", "dialogue"],
)
def test_a_proposal_or_statement_to_nobody_is_refused(move):
    session = game()
    assert "addressee" in refused(session, move, "bad_addressee")
    assert actor(session, "aa")["capital"] == 4  # nothing was spent


def test_an_organisation_cannot_propose_one_sided_terms():
    session = game()
    pass_to(session, "io")
    reason = refused(session, Propose("io", "safeguards", ("aa",), "one_sided", 2, "onsite"), "bad_terms")
    assert "Inspectorate" in reason and "organisation" in reason
    session.submit(Propose("io", "safeguards", ("aa",), "reciprocal", 2, "onsite"))  # the same, reciprocal, is fine
    assert session.log[-1].move.kind == "propose"


def test_more_moves_than_a_turn_allows_are_refused_until_the_actor_passes():
    session = game()
    session.submit(Dialogue("aa", "clarify", ("bb",)))
    session.submit(Dialogue("aa", "clarify", ("cc",)))
    refused(session, Dialogue("aa", "clarify", ("io",)), "turn_limit")
    refused(session, Propose("aa", "hotline", ("bb",), "reciprocal", 2, "none"), "turn_limit")
    session.submit(Pass("aa"))
    session.submit(Dialogue("bb", "clarify", ("aa",)))  # the next actor's turn starts afresh


def test_withdrawing_an_unknown_agreement_is_refused():
    session = game()
    assert "'a9'" in refused(session, Withdraw("aa", "a9"), "unknown_agreement")


def test_withdrawing_someone_elses_proposal_is_refused():
    session = game()
    propose(session, "aa", to=("bb",))
    session.submit(Pass("aa"))
    refused(session, Withdraw("bb", "a1"), "not_a_party")


PREFIX = {"agreement": "a", "inspection": "i", "occurrence": "e"}


def with_id(kind, ident):
    """A situation owing an answer to a1, i1 or e1, and the answer naming ``ident`` instead; then the real one."""
    if kind == "agreement":
        return at_responses(), Accept("bb", ident), "unknown_agreement", Accept("bb", "a1")
    if kind == "inspection":
        return at_inspection_request()[0], GrantInspection("bb", ident), "no_answer_owed", GrantInspection("bb", "i1")
    return at_events(), RespondEvent("aa", ident, "calm"), "no_answer_owed", RespondEvent("aa", "e1", "calm")


@pytest.mark.parametrize("kind", ["agreement", "inspection", "occurrence"])
def test_an_id_with_a_superscript_digit_is_refused_not_a_crash(kind):
    session, move, code, real = with_id(kind, PREFIX[kind] + "\u00b2")
    refused(session, move, code)
    session.submit(real)  # the real id still works
    assert session.log[-1].move == real


@pytest.mark.parametrize("kind", ["agreement", "inspection", "occurrence"])
@pytest.mark.parametrize("alias", ["{}01", "{}\u0661", "{}+1", "{} 1", "{}1 ", " {}1", "{}0"])
def test_a_record_is_named_only_by_its_own_id(kind, alias):
    session, move, code, real = with_id(kind, alias.format(PREFIX[kind]))
    refused(session, move, code)
    session.submit(real)
    assert session.log[-1].move == real


@pytest.mark.parametrize("alias", ["A1", "i1", "e1", "1", ""])
def test_an_agreement_id_needs_its_own_prefix(alias):
    session = at_responses()
    refused(session, Accept("bb", alias), "unknown_agreement")


# --- responses ----------------------------------------------------------------------------------------------------


def test_answering_a_proposal_one_was_not_offered_is_refused():
    session = at_responses()
    refused(session, Accept("bb", "a2"), "no_answer_owed")
    refused(session, Reject("bb", "a2"), "no_answer_owed")


def test_answering_an_unknown_proposal_is_refused():
    session = at_responses()
    refused(session, Accept("bb", "a7"), "unknown_agreement")


def test_a_counter_of_a_counter_beyond_the_rules_limit_is_refused():
    session = at_responses()
    session.submit(Counter("bb", "a1", "reciprocal", 3, "onsite"))  # a3, addressed to Arland
    assert session.to_move() == "aa"
    reason = refused(session, Counter("aa", "a3", "reciprocal", 2, "sat"), "counter_limit")
    assert "a3" in reason


def test_a_counter_with_unchanged_terms_is_refused():
    session = at_responses()
    assert "accept" in refused(session, Counter("bb", "a1", "reciprocal", 2, "onsite"), "bad_terms")


def test_a_counter_cannot_make_an_organisations_proposal_one_sided():
    session = game()
    propose(session, "io", to=("aa",))  # the Inspectorate offers Arland reciprocal safeguards (a1)
    pass_until(session, "responses")
    reason = refused(session, Counter("aa", "a1", "one_sided", 2, "onsite"), "bad_terms")
    assert "Inspectorate" in reason and "organisation" in reason
    session.submit(Counter("aa", "a1", "reciprocal", 3, "onsite"))  # other terms are fine


def test_a_counter_with_terms_the_measure_does_not_allow_is_refused():
    session = at_responses()
    refused(session, Counter("bb", "a1", "reciprocal", 9, "onsite"), "bad_terms")


# --- implementation -----------------------------------------------------------------------------------------------


def test_deciding_on_an_agreement_one_is_not_bound_by_is_refused():
    session = at_implementation()
    refused(session, Comply("aa", "a2"), "no_decision_owed")
    refused(session, Defect("aa", "a2"), "no_decision_owed")


def test_deciding_on_an_agreement_between_others_is_refused():
    session = at_implementation()
    session.submit(Comply("aa", "a1"))
    session.submit(Comply("bb", "a1"))
    assert session.to_move() == "cc"
    refused(session, Defect("cc", "a1"), "no_decision_owed")


def test_deciding_twice_on_the_same_agreement_in_a_round_is_refused():
    session = game()
    propose(session, "aa", to=("bb",))
    propose(session, "aa", measure="hotline", to=("cc",), verification="none")
    pass_until(session, "responses")
    answer_all(session)
    session.submit(Comply("aa", "a1"))
    assert session.to_move() == "aa"  # a2 is still to decide
    refused(session, Defect("aa", "a1"), "no_decision_owed")


# --- verification -------------------------------------------------------------------------------------------------


def test_inspecting_under_an_agreement_without_a_verification_regime_is_refused():
    session = at_implementation()
    decide(session)
    assert "verification" in inspection_refused(session, RequestInspection("aa", "a2", "cc"))


def test_inspecting_oneself_is_refused():
    session, aid = signed_and_decided()
    assert "itself" in inspection_refused(session, RequestInspection("aa", aid, "aa"))


def test_a_third_party_without_an_inspection_mandate_cannot_inspect():
    session = two_signed_and_decided()  # Carpania is party to a2 (with Arland), not to a1 (Arland-Borduria)
    pass_to(session, "cc")
    requests = options(session, "cc")["request_inspection"]["requests"]
    assert [(r["agreement"], r["target"]) for r in requests] == [("a2", "aa")]
    assert "mandate" in inspection_refused(session, RequestInspection("cc", "a1", "bb"))


def test_a_party_without_obligations_cannot_be_inspected():
    session, aid = signed_and_decided(reciprocity="one_sided")  # only Arland, the initiator, is bound
    pass_to(session, "io")
    assert "obligations" in inspection_refused(session, RequestInspection("io", aid, "bb"))
    session.submit(Pass("io"))  # the Inspectorate may still pass
    assert session.state.phase != "verification"


def test_the_same_party_cannot_be_inspected_twice_under_one_agreement_in_a_round():
    session, aid, iid = at_inspection_request()
    session.submit(GrantInspection("bb", iid))
    assert session.to_move() == "aa"
    assert "already" in inspection_refused(session, RequestInspection("aa", aid, "bb"))
    pass_to(session, "io")  # by anyone else either
    assert "already" in inspection_refused(session, RequestInspection("io", aid, "bb"))


def test_an_inspection_the_requester_cannot_afford_is_refused():
    session, aid = signed_and_decided()
    session.submit(Adjust(FAC, "capital:aa", 0, "spent at the summit"))
    assert "capital" in inspection_refused(session, RequestInspection("aa", aid, "bb"))


def test_inspecting_under_an_agreement_no_longer_in_force_is_refused():
    session = two_signed_and_decided(defect=("bb",))
    assert inspect(session, "aa", "a1", "bb")["result"] == "violation"  # a1 is broken; a2 keeps Arland's turn
    assert session.to_move() == "aa"
    assert "not in force" in inspection_refused(session, RequestInspection("aa", "a1", "bb"))


def test_inspecting_under_an_unknown_agreement_is_refused():
    session, _ = signed_and_decided()
    refused(session, RequestInspection("aa", "a5", "bb"), "unknown_agreement")


def test_inspecting_an_unknown_actor_is_refused():
    session, aid = signed_and_decided()
    refused(session, RequestInspection("aa", aid, "zz"), "unknown_actor")


def test_an_inspected_party_must_answer_before_passing_or_requesting():
    session, aid, _ = at_inspection_request()
    assert "answer" in refused(session, Pass("bb"), "answer_first")
    refused(session, RequestInspection("bb", aid, "aa"), "answer_first")
    refused(session, Pass("aa"), "not_your_turn")


def test_answering_an_inspection_that_was_not_requested_of_one_is_refused():
    session, _, iid = at_inspection_request()
    refused(session, GrantInspection("bb", "i9"), "no_answer_owed")
    session.submit(DelayInspection("bb", iid))
    refused(session, RefuseInspection("aa", iid), "no_answer_owed")  # answered already, and not Arland's to answer


# --- events -------------------------------------------------------------------------------------------------------


def test_a_response_the_event_does_not_offer_is_refused():
    session = at_events()
    reason = refused(session, RespondEvent("aa", "e1", "dance"), "unknown_option")
    assert "calm" in reason and "escalate" in reason


def test_responding_to_an_event_one_owes_nothing_is_refused():
    session = at_events()
    refused(session, RespondEvent("aa", "e7", "calm"), "no_answer_owed")
    session.submit(RespondEvent("aa", "e1", "calm"))
    refused(session, RespondEvent("aa", "e1", "calm"), "not_your_turn")
    refused(session, RespondEvent("bb", "e2", "calm"), "no_answer_owed")


# --- the facilitator ----------------------------------------------------------------------------------------------


def test_pausing_twice_and_resuming_a_running_game_are_refused():
    session = game()
    refused(session, Resume(FAC), "not_paused")
    session.submit(Pause(FAC, "break"))
    refused(session, Pause(FAC, "again"), "already_paused")


@pytest.mark.parametrize("target", ["morale", "trust:aa", "trust:aa:aa", "capital", "posture:aa:bb", "security:zz"])
def test_adjusting_something_that_cannot_be_adjusted_is_refused(target):
    session = game()
    with pytest.raises(IllegalMove) as info:
        session.submit(Adjust(FAC, target, 0.5, "testing"))
    assert info.value.code in ("bad_target", "unknown_actor")
    refused(session, Adjust(FAC, target, 0.5, "testing"), info.value.code)


@pytest.mark.parametrize(
    ("target", "value"),
    [
        ("tension", 101),
        ("tension", -1),
        ("trust:aa:bb", 1.5),
        ("trust:aa:bb", 1.0),  # above the scenario's ceiling, 0.99
        ("trust:aa:bb", 0.0),  # below its floor, 0.01
        ("capital:aa", 2.5),
        ("posture:aa", 6),
        ("capital:aa", -1),
        ("trust:aa:bb", float("nan")),
    ],
)
def test_an_adjustment_out_of_range_is_refused(target, value):
    session = game()
    refused(session, Adjust(FAC, target, value, "testing"), "bad_value")


def test_an_adjustment_pause_or_ending_without_a_reason_is_refused():
    session = game()
    refused(session, Adjust(FAC, "tension", 10, "   "), "no_reason")
    refused(session, Pause(FAC, " "), "no_reason")
    refused(session, EndGame(FAC, ""), "no_reason")


def test_injecting_an_event_not_in_the_deck_is_refused():
    session = game(tiny())
    reason = refused(session, InjectEvent(FAC, "alien_landing"), "unknown_event")
    assert "incident" in reason


# --- dict forms ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"actor": "aa"},
        {"kind": "dance", "actor": "aa"},
        {"kind": "pass"},
        {"kind": "pass", "actor": "aa", "mood": "grumpy"},
        {"kind": "pass", "actor": ""},
        {"kind": "pass", "actor": 7},
        {"kind": "dialogue", "actor": "aa", "act": "reassure", "to": []},
        {"kind": "dialogue", "actor": "aa", "act": "reassure", "to": "bb"},
        {"kind": "dialogue", "actor": "aa", "act": "reassure", "to": ["bb", 3]},
        {
            "kind": "propose",
            "actor": "aa",
            "measure": "hotline",
            "to": ["bb"],
            "reciprocity": "reciprocal",
            "duration": "2",
            "verification": "none",
        },
        {
            "kind": "propose",
            "actor": "aa",
            "measure": "hotline",
            "to": ["bb"],
            "reciprocity": "reciprocal",
            "duration": True,
            "verification": "none",
        },
        {"kind": "adjust", "actor": "facilitator", "target": "tension", "value": float("nan"), "reason": "x"},
        {"kind": "adjust", "actor": "facilitator", "target": "tension", "value": "10", "reason": "x"},
        {"kind": "pause", "actor": "facilitator", "reason": ""},
        {"kind": "pass", "actor": "a" * 501},
    ],
)
def test_a_malformed_dict_form_is_refused_and_changes_nothing(data):
    session = game()
    refused(session, data, "malformed")


@pytest.mark.parametrize("data", [["pass", "aa"], "pass", None, 7, ("pass", "aa"), Pass, b"pass"])
def test_something_that_is_neither_a_move_nor_a_dict_is_refused_as_malformed(data):
    session = game()
    assert "kind" in refused(session, data, "malformed")
    session.submit(Pass("aa"))  # the session still plays on
    assert session.to_move() == "bb"


def test_a_well_formed_dict_form_is_played_like_the_move_object():
    session = game()
    session.submit({"kind": "dialogue", "actor": "aa", "act": "reassure", "to": ["bb"]}, "a friendly start")
    assert session.log[-1].move == Dialogue("aa", "reassure", ("bb",))
    assert session.log[-1].rationale == "a friendly start"


def test_a_dict_form_that_reads_but_breaks_the_rules_is_refused_with_the_rules_code():
    session = game()
    refused(session, {"kind": "pass", "actor": "bb"}, "not_your_turn")


def test_a_refused_move_does_not_reach_the_log_listeners():
    session = game()
    heard = []
    session.listeners.append(heard.append)
    refused(session, Pass("bb"), "not_your_turn")
    session.submit(Pass("aa"))
    assert [entry.move for entry in heard] == [Pass("aa")]


def test_every_refusal_is_a_value_error_with_a_code_for_clients():
    session = game()
    with pytest.raises(ValueError) as info:
        session.submit(Pass("bb"))
    assert info.value.as_dict() == {"code": "not_your_turn", "reason": info.value.reason}


def test_refusals_leave_a_later_game_identical_to_one_that_never_tried_them():
    tried, clean = game(quiet(), seed=5), game(quiet(), seed=5)
    for session in (tried, clean):
        sign(session)
    for move in (Pass("cc"), Propose("aa", "nukes", ("bb",), "reciprocal", 2, "none"), Comply("cc", "a1")):
        with pytest.raises(IllegalMove):
            tried.submit(move)
    decide(tried)
    decide(clean)
    assert tried.hash() == clean.hash()
    assert [e.hash for e in tried.log] == [e.hash for e in clean.log]
