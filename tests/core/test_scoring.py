"""Assessment: how tension settles each round, how each actor scores against its objectives, and the shared figures."""

from __future__ import annotations

import math

from tests.builders import pass_until
from tests.core.helpers import (
    ACTORS,
    FAC,
    actor,
    approx,
    decide,
    game,
    inspect,
    play_until,
    quiet,
    sign,
    tension,
    tension_rules,
    variant,
)


def round_one_tension(start=30.0, signed=0.0, in_force=0.0, posture_points=3, weight=0.5, decay=0.1):
    """Tension after round 1's assessment: posture above 1 adds weight per point, then decay takes its share."""
    return (start + signed + in_force + weight * posture_points) * (1 - decay)


def scores(session):
    return session.outcome()["scores"]


def test_tension_rises_with_posture_and_then_decays_at_assessment():
    session = game()
    play_until(session, "diplomacy", round_=2)
    # postures 2, 3, 1, 0: points above 1 are 1 + 2 = 3
    assert tension(session) == approx(round_one_tension())


def test_each_objective_scores_its_weight_times_its_metric_every_round():
    session = game()
    play_until(session, "diplomacy", round_=2)
    calm = 1 - round_one_tension() / 100
    got = scores(session)
    assert got["aa"] == approx(0.0)  # agreements: none in force; security 0
    assert got["bb"] == approx(0.0)  # security only
    assert got["cc"] == approx(2 * calm)  # stability, weight 2
    assert got["io"] == approx(0.5)  # trust_held: mean trust the others have in it
    assert session.view(FAC)["stability"] == approx(calm)
    play_until(session, "diplomacy", round_=3)
    assert scores(session)["io"] == approx(1.0)


def test_agreements_in_force_score_for_their_parties():
    session = game()
    sign(session, measure="hotline", verification="none")  # comply costs 0.5 security
    decide(session)
    play_until(session, "diplomacy", round_=2)
    # Arland: 1 agreement x weight 1, plus security weight 0.5 x (-0.5)
    assert scores(session)["aa"] == approx(1 - 0.25)
    assert scores(session)["bb"] == approx(-0.5)


def test_security_is_a_stock_counted_once_not_every_round():
    session = game()
    sign(session, to=("bb",))  # safeguards: defecting gains 3, complying costs 1
    decide(session, defect=("bb",))
    play_until(session, "implementation", round_=2)
    decide(session)
    pass_until(session, "debrief")
    assert actor(session, "bb")["security"] == approx(3 - 1)
    assert scores(session)["bb"] == approx(2)


def test_connectivity_counts_cooperation_agreements_only():
    def edit(data):
        cc = next(a for a in data["actors"] if a["id"] == "cc")
        cc["objectives"] = {"public": [{"metric": "connectivity", "weight": 1, "text": "Trade"}]}

    session = game(variant(edit, events=[]))
    sign(session, proposer="aa", to=("cc",), measure="hotline", verification="none")
    decide(session)
    play_until(session, "diplomacy", round_=2)
    assert scores(session)["cc"] == approx(0)
    sign(session, proposer="bb", to=("cc",), measure="trade", duration=3, verification="none")
    decide(session)
    play_until(session, "diplomacy", round_=3)
    assert scores(session)["cc"] == approx(1)


def test_a_score_is_only_in_its_own_seats_view():
    session = game()
    play_until(session, "diplomacy", round_=2)
    assert actor(session, "cc", seat="cc")["score"] == approx(scores(session)["cc"])
    assert "score" not in actor(session, "cc", seat="aa")


def test_welfare_is_the_geometric_mean_of_the_scores_lifted_above_zero():
    session = game()
    sign(session, to=("bb",))
    decide(session, defect=("bb",))
    play_until(session, "debrief")
    values = list(scores(session).values())
    low = min(values)
    expected = math.exp(sum(math.log(v - low + 1) for v in values) / len(values))
    assert session.outcome()["welfare"] == approx(expected)
    assert session.view("debrief")["welfare"] == approx(expected)


def test_the_outcome_counts_agreements_violations_and_detections():
    session = game()
    sign(session, to=("bb",))
    decide(session, defect=("bb",))
    inspect(session, "aa", "a1", "bb")
    play_until(session, "debrief")
    out = session.outcome()
    assert out["agreements_signed"] == 1
    assert out["agreements_in_force"] == 0
    assert (out["violations"], out["violations_detected"]) == (1, 1)
    assert out["ending"] == "stalemate" and out["rounds"] == 3
    assert out["moves"] == len(session.log) and out["hash"] == session.hash()
    assert set(out["scores"]) == set(ACTORS)


def test_a_stable_game_shares_a_higher_stability_score_than_a_tense_one():
    calm, tense = game(quiet()), game(quiet(tension=tension_rules(start=60)))
    for session in (calm, tense):
        play_until(session, "debrief")
    assert calm.outcome()["stability"] > tense.outcome()["stability"]
