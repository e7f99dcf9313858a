"""Replay a session's log from its start, one state after another: the pass every debrief view is built on."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from game.core.engine import apply, new_game
from game.core.session import LogEntry
from game.core.spec import Scenario
from game.core.state import GameState


class ReplayError(ValueError):
    """The log does not replay from the start: one of its moves is refused (a wrong log, scenario or seed)."""


def replay(scenario: Scenario, seed: int, log: Sequence[LogEntry]) -> Iterator[tuple[LogEntry | None, GameState]]:
    """Yield ``(None, start)`` and then ``(entry, state after it)`` for each log entry.

    The state is one object changed in place: read what you need before asking for the next.

    >>> [entry.step for entry, _ in replay(scenario, 7, session.log) if entry]  # doctest: +SKIP
    [1, 2, 3]
    """
    state = new_game(scenario, seed)
    yield None, state
    for entry in log:
        try:
            apply(state, entry.move)
        except ValueError as err:  # IllegalMove and MalformedMove are ValueErrors
            raise ReplayError(
                f"step {entry.step} ({entry.move.kind} by {entry.move.actor}) does not replay: {err}"
            ) from err
        yield entry, state
