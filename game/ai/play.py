"""Play a whole game with AI on every seat, and build each seat's AI from the scenario and the command line."""

from __future__ import annotations

from collections.abc import Mapping

from game.ai.personas import AI, build, parse_choice
from game.ai.turn import Turn
from game.core.belief import believed_state
from game.core.errors import IllegalMove
from game.core.session import Session
from game.core.spec import Scenario

MAX_STEPS = 100_000  # far beyond any real game: a guard against a rules bug that never ends


def seat_ais(scenario: Scenario, choices: Mapping[str, str] | None = None) -> dict[str, AI]:
    """Each actor's AI: its scenario persona (with the scenario's overrides), or ``choices[actor]`` (``NAME[:LEVEL]``)."""
    ais: dict[str, AI] = {}
    for actor in scenario.actors:
        choice = (choices or {}).get(actor.id)
        if choice is None:
            ais[actor.id] = build(actor.persona, actor.persona_params)
        else:
            name, level = parse_choice(choice)
            overrides = actor.persona_params if name == actor.persona else None
            ais[actor.id] = build(name, overrides, level)
    return ais


def turn_for(session: Session, seat: str) -> Turn:
    """What an AI seat is given: its legal moves, its view on demand, and beliefs for look-ahead."""
    state = session.state
    return Turn(
        seat,
        session.legal_moves(seat),
        session.seed,
        len(session.log),
        lambda: session.view(seat, full=False),
        lambda seed, honesty: believed_state(state, seat, seed, honesty),
    )


def play_game(scenario: Scenario, seed: int, seats: Mapping[str, AI] | None = None) -> Session:
    """Play from the first briefing to the debrief. ``seats`` defaults to every actor's scenario persona."""
    ais = dict(seats) if seats is not None else seat_ais(scenario)
    session = Session(scenario, seed)
    for actor in scenario.actors:
        ais.setdefault(actor.id, build("simple"))
    while not session.over:
        seat = session.to_move()
        if seat is None:  # pragma: no cover - settle() always leaves someone to move or the debrief
            raise RuntimeError(f"the game stalled in round {session.state.round}, {session.state.phase} phase")
        ai = ais[seat]
        decision = ai.decide(turn_for(session, seat))
        try:
            session.submit(decision.move, decision.rationale)
        except IllegalMove as err:  # pragma: no cover - an AI must only pick legal moves
            raise RuntimeError(f"AI '{ai.name}' for {seat} chose an illegal move {decision.move}: {err}") from err
        if len(session.log) > MAX_STEPS:  # pragma: no cover
            raise RuntimeError(f"the game did not end within {MAX_STEPS} moves")
    return session
