"""Join codes are random, long enough not to be guessed, and forgiving to type; the rate limit refills over time."""

from __future__ import annotations

import math

import pytest

from game.net.codes import ALPHABET, LENGTH, new_code, normalise
from game.net.server import Server, TokenBucket
from tests.net.helpers import all_human, secretive


def test_a_code_carries_at_least_64_random_bits_in_an_unambiguous_alphabet() -> None:
    assert LENGTH * math.log2(len(ALPHABET)) >= 64
    assert not set("ILOU") & set(ALPHABET)
    codes = {new_code() for _ in range(5000)}
    assert len(codes) == 5000
    assert all(normalise(c) == c and len(c) == LENGTH + 3 for c in codes)
    assert {ch for c in codes for ch in c.replace("-", "")} == set(ALPHABET)  # every symbol turns up


@pytest.mark.parametrize(
    ("typed", "read"),
    [("k7qp-3mzd-r8wx-t2hn", "K7QP-3MZD-R8WX-T2HN"), (" K7QP 3MZD R8WX T2HN ", "K7QP-3MZD-R8WX-T2HN"),
     ("K7QP3MZDR8WXT2HO", "K7QP-3MZD-R8WX-T2H0"), ("KIQP-3MZD-R8WX-T2HL", "K1QP-3MZD-R8WX-T2H1"),
     ("K7QP-3MZD-R8WX", None), ("K7QP-3MZD-R8WX-T2H!", None), ("", None), ("U" * 16, None)],
)  # fmt: skip
def test_typed_codes_are_read_leniently_or_not_at_all(typed: str, read: str | None) -> None:
    assert normalise(typed) == read


def test_every_code_of_every_session_on_a_server_is_different() -> None:
    server = Server()
    scenario = secretive()
    rooms = [server.create_room(scenario, seed, all_human(scenario)) for seed in range(10)]
    codes = [code for room in rooms for code, _, _ in room.codes.roles()]
    assert len(codes) == len(set(codes)) == 10 * (4 + 2)
    assert len({room.id for room in rooms}) == 10


def test_the_rate_limit_allows_a_burst_then_refills_at_its_rate() -> None:
    now = [0.0]
    bucket = TokenBucket(rate=10, burst=5, clock=lambda: now[0])
    assert [bucket.take() for _ in range(6)] == [True] * 5 + [False]
    now[0] += 0.25  # 2.5 tokens back
    assert [bucket.take() for _ in range(3)] == [True, True, False]
    now[0] += 100  # never more than the burst
    assert sum(bucket.take() for _ in range(10)) == 5
