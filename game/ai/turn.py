"""What an AI seat is given when it is to move: its seat, its legal moves, and its view on demand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.core.legality import MoveOption
from game.core.state import GameState


class Turn:
    """A seat's turn. ``view`` is built on first use only (many decisions need just the legal moves)."""

    def __init__(self, seat: str, options: list[MoveOption], seed: int, step: int,
                 look: Callable[[], dict[str, Any]],
                 believe: Callable[[int, float], GameState] | None = None) -> None:  # fmt: skip
        self.seat = seat
        # For look-ahead: a state as this seat may believe it to be, from a seed and its prior that others comply.
        self.believe = believe
        self.options = options
        self.seed = seed
        self.step = step
        self._look = look
        self._view: dict[str, Any] | None = None

    @property
    def view(self) -> dict[str, Any]:
        if self._view is None:
            self._view = self._look()
        return self._view

    def choices(self) -> dict[str, dict[str, Any]]:
        """The legal move kinds, each with its choices."""
        return {o.kind: o.choices for o in self.options}
