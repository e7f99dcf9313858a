"""Play a whole game with AI on every seat."""

from __future__ import annotations

from collections.abc import Mapping

from game.ai.simple import SimpleAI
from game.ai.turn import Turn
from game.core.errors import IllegalMove
from game.core.session import Session
from game.core.spec import Scenario

MAX_STEPS = 100_000  # far beyond any real game: a guard against a rules bug that never ends


def play_game(scenario: Scenario, seed: int, seats: Mapping[str, SimpleAI] | None = None) -> Session:
    """Play from the first briefing to the debrief; every seat not in ``seats`` gets the simple AI."""
    session = Session(scenario, seed)
    default = SimpleAI()
    while not session.over:
        seat = session.to_move()
        if seat is None:  # pragma: no cover - settle() always leaves someone to move or the debrief
            raise RuntimeError(f"the game stalled in round {session.state.round}, {session.state.phase} phase")
        ai = (seats or {}).get(seat, default)
        turn = Turn(seat, session.legal_moves(seat), seed, len(session.log), lambda: session.view(seat, full=False))  # noqa: B023
        decision = ai.decide(turn)
        try:
            session.submit(decision.move, decision.rationale)
        except IllegalMove as err:  # pragma: no cover - an AI must only pick legal moves
            raise RuntimeError(f"AI '{ai.name}' for {seat} chose an illegal move {decision.move}: {err}") from err
        if len(session.log) > MAX_STEPS:  # pragma: no cover
            raise RuntimeError(f"the game did not end within {MAX_STEPS} moves")
    return session
