"""The spectators' view is public information only: part of what every seat sees, and nothing that one seat alone sees."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai.candidates import concrete_moves
from game.core import Session
from game.net.public import PRIVATE_ACTOR_FIELDS, SPECTATOR, public_view
from tests.net.helpers import ACTORS, secretive

SCENARIO = secretive(rounds=3)


def play(seed: int, picks: list[int]) -> Session:
    session = Session(SCENARIO, seed)
    for pick in picks:
        if session.over:
            break
        seat = session.to_move()
        assert seat is not None
        moves = concrete_moves(seat, session.legal_moves(seat), 1)
        session.submit(moves[pick % len(moves)])
    return session


def _subsequence(small: list[Any], big: list[Any]) -> bool:
    rest = iter(big)
    return all(item in rest for item in small)


def assert_public(session: Session, full: bool) -> None:
    public = public_view(session, full)
    assert public["seat"] == SPECTATOR and "intel" not in public and "trust" not in public
    text = repr(public)
    assert "SECRET-" not in text
    for actor in public["actors"]:
        assert not set(PRIVATE_ACTOR_FIELDS) & set(actor), actor["id"]
    for seat in ACTORS:
        seen = session.view(seat, full)
        for key in set(seen) - {"seat", "actors", "agreements", "notices", "intel"}:
            assert public[key] == seen[key], key
        for mine, theirs in zip(public["actors"], seen["actors"], strict=True):
            assert mine == {k: v for k, v in theirs.items() if k not in PRIVATE_ACTOR_FIELDS}
        agreements = {a["id"]: a for a in seen["agreements"]}
        for a in public["agreements"]:
            assert a["compliance"] == []
            assert {**agreements[a["id"]], "compliance": []} == a  # every seat sees it, the same
            assert a["status"] not in ("proposed", "rejected", "countered", "withdrawn") or a["parties"]
        assert _subsequence(public["notices"], seen["notices"])
    state = session.state
    public_notices = [n.text for n in state.notices if n.to is None] if full else []
    assert [n["text"] for n in public["notices"]] == public_notices


@settings(max_examples=60)
@given(seed=st.integers(0, 2**31), picks=st.lists(st.integers(0, 10_000), max_size=120))
def test_the_public_view_is_what_every_seat_sees_and_no_seat_s_secret(seed: int, picks: list[int]) -> None:
    session = play(seed, picks)
    assert_public(session, full=True)
    assert_public(session, full=False)


def test_a_proposal_is_public_once_signed_and_not_before() -> None:
    session = Session(SCENARIO, 1)
    seat = session.to_move()
    assert seat is not None
    other = next(a for a in ACTORS if a != seat and a != "io")
    session.submit({"kind": "propose", "actor": seat, "measure": "hotline", "to": [other],
                    "reciprocity": "reciprocal", "duration": 2, "verification": "none"})  # fmt: skip
    proposal = session.state.agreements[-1].id
    assert proposal in {a["id"] for a in session.view(seat)["agreements"]}
    assert proposal not in {a["id"] for a in public_view(session)["agreements"]}
    while session.state.phase == "diplomacy":
        session.submit({"kind": "pass", "actor": session.to_move()})
    while session.to_move() != other:
        mover = session.to_move()
        session.submit({"kind": "reject", "actor": mover, "agreement": session.legal_moves(mover)[0].choices[
            "agreements"][0]})  # fmt: skip
    session.submit({"kind": "accept", "actor": other, "agreement": proposal})
    assert proposal in {a["id"] for a in public_view(session)["agreements"]}
