"""Games to report on: one real 12-round game played by the AI seats, found once and shared by the report tests."""

from __future__ import annotations

import pytest

from game.ai import play_game
from game.core import Session
from game.scenario import resolve_scenario


def caught_violations(session: Session) -> list[tuple[str, int, int]]:
    """(agreement, round, party) of each real violation an inspection found."""
    return [(a.id, r, p) for a in session.state.agreements for r, p, result in a.findings
            if result == "violation" and (r, p, "defect") in a.history]  # fmt: skip


def unseen_defections(session: Session) -> list[tuple[str, int, int]]:
    """(agreement, round, party) of each defection no inspection found."""
    return [(a.id, r, p) for a in session.state.agreements for r, p, choice in a.history
            if choice == "defect" and (r, p, "violation") not in a.findings]  # fmt: skip


@pytest.fixture(scope="session")
def real_game() -> Session:
    """An NPT game (12 rounds) played to the end in which a violation was caught and another defection was not."""
    scenario = resolve_scenario("npt")
    assert scenario.rules.rounds == 12
    for seed in range(1, 51):
        session = play_game(scenario, seed)
        if session.state.round == 12 and caught_violations(session) and unseen_defections(session):
            return session
    pytest.fail("no NPT game in seeds 1 to 50 had 12 rounds, a caught violation and an unseen defection")
