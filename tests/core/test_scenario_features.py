"""Scenario features the rules honour: agreements in force from the start, and objectives that name a measure."""

from __future__ import annotations

from game.core import Scenario, Session
from game.core.moves import Comply, Defect
from tests.builders import BASE, scenario_data

START = [{"measure": "safeguards", "parties": ["bb", "io"], "duration": 2, "verification": "onsite"},
         {"measure": "hotline", "parties": ["aa", "bb"], "duration": 5}]  # fmt: skip


def starting(**changes: object) -> Scenario:
    return Scenario.model_validate(scenario_data(agreements=START, events=[], **changes))


def errors_of(data: dict) -> list[tuple[tuple, str]]:
    return Scenario.model_validate(data).reference_errors()


def test_starting_agreements_are_in_force_in_round_one_and_bind_only_states() -> None:
    session = Session(starting(), 1)
    first, second = session.view("facilitator")["agreements"][:2]
    assert (first["status"], first["parties"], first["obligated"], first["started"], first["ends"]) == (
        "in_force", ["bb", "io"], ["bb"], 1, 2)  # fmt: skip
    assert (second["status"], second["parties"], second["obligated"]) == ("in_force", ["aa", "bb"], ["aa", "bb"])
    assert any("In force at the start" in n["text"] for n in session.view("cc")["notices"])


def test_starting_agreements_do_not_apply_signing_effects() -> None:
    plain = Session(Scenario.model_validate(scenario_data(events=[])), 1)
    assert Session(starting(), 1).view("facilitator")["trust"] == plain.view("facilitator")["trust"]


def test_a_starting_agreement_asks_for_compliance_and_can_be_inspected_in_round_one() -> None:
    session = Session(starting(), 1)
    while session.state.phase != "implementation":
        session.submit({"kind": "pass", "actor": session.to_move()})
    assert session.to_move() == "aa"  # the hotline binds aa and bb; safeguards binds bb
    session.submit(Comply("aa", "a2"))
    session.submit(Defect("bb", "a1"))
    session.submit(Comply("bb", "a2"))
    assert session.state.phase == "verification"
    assert session.to_move() == "io"  # the inspectorate is a party to the safeguards agreement


def test_a_starting_agreement_expires_after_its_duration() -> None:
    session = Session(starting(), 1)
    for _ in range(400):
        if session.state.round == 3:
            break
        seat = session.to_move()
        options = {o.kind: o.choices for o in session.legal_moves(seat)}
        if "comply" in options:
            session.submit(Comply(seat, options["comply"]["agreements"][0]))
        else:
            session.submit({"kind": "pass", "actor": seat})
    statuses = {a["id"]: a["status"] for a in session.view("facilitator")["agreements"]}
    assert statuses["a1"] == "expired" and statuses["a2"] == "in_force"


def test_an_objective_can_count_agreements_of_one_measure() -> None:
    actors = [dict(a) for a in BASE["actors"]]
    actors[2] = {**actors[2], "objectives": {"public": [
        {"metric": "agreements", "measure": "safeguards", "weight": 1, "text": "Safeguards everywhere"}]}}  # fmt: skip
    scenario = Scenario.model_validate(scenario_data(actors=actors, agreements=[
        {"measure": "safeguards", "parties": ["cc", "io"], "duration": 5},
        {"measure": "hotline", "parties": ["cc", "aa"], "duration": 5}], events=[]))  # fmt: skip
    session = Session(scenario, 1)
    while session.state.round == 1:
        session.submit({"kind": "pass", "actor": session.to_move()} if session.state.phase != "implementation"
                       else {"kind": "comply", "actor": session.to_move(),
                             "agreement": session.legal_moves(session.to_move())[0].choices["agreements"][0]})  # fmt: skip
    assert session.outcome()["scores"]["cc"] == 1.0  # one round, one safeguards agreement; the hotline not counted


def test_starting_agreements_are_checked_against_the_scenario() -> None:
    bad = [
        ({"measure": "nope", "parties": ["aa", "bb"], "duration": 2}, ("agreements", 0, "measure"), "not defined"),
        ({"measure": "hotline", "parties": ["aa", "zz"], "duration": 2}, ("agreements", 0, "parties", 1), "not defined"),
        ({"measure": "hotline", "parties": ["aa", "aa"], "duration": 2}, ("agreements", 0, "parties", 1), "twice"),
        ({"measure": "safeguards", "parties": ["aa", "io"], "reciprocity": "one_sided", "initiator": "io",
          "duration": 2}, ("agreements", 0, "initiator"), "organisation"),
        ({"measure": "safeguards", "parties": ["aa", "bb"], "reciprocity": "one_sided", "duration": 2},
         ("agreements", 0, "initiator"), "initiator among the parties"),
        ({"measure": "hotline", "parties": ["aa", "bb"], "duration": 2, "verification": "onsite"},
         ("agreements", 0, "verification"), "cannot verify"),
    ]  # fmt: skip
    for start, path, fragment in bad:
        found = errors_of(scenario_data(agreements=[start]))
        assert [(p, fragment in m) for p, m in found] == [(path, True)], (start, found)


def test_a_measure_filter_on_another_metric_is_refused() -> None:
    actors = [dict(a) for a in BASE["actors"]]
    actors[0] = {**actors[0], "objectives": {"public": [
        {"metric": "stability", "measure": "hotline", "weight": 1, "text": "Calm"}]}}  # fmt: skip
    found = errors_of(scenario_data(actors=actors))
    assert found == [(("actors", 0, "objectives", "public", 0, "metric"),
                      "measure and category filter only the 'agreements' metric")]  # fmt: skip


def test_an_organisation_without_a_mandate_cannot_inspect_even_as_a_party() -> None:
    actors = [dict(a) for a in BASE["actors"]]
    actors[3] = {**actors[3], "can_inspect": False}
    scenario = Scenario.model_validate(scenario_data(actors=actors, events=[], agreements=[
        {"measure": "safeguards", "parties": ["aa", "io"], "duration": 3, "verification": "onsite"}]))  # fmt: skip
    session = Session(scenario, 1)
    while session.state.phase != "implementation":
        session.submit({"kind": "pass", "actor": session.to_move()})
    session.submit(Comply("aa", "a1"))
    # Only the organisation could inspect aa here, and it has no mandate: verification is skipped.
    assert (session.state.round, session.state.phase) == (2, "diplomacy")
    assert session.view("facilitator")["inspections"] == []
