"""Parley's rules engine: state, moves, rules, the phase machine, the seeded generator and the log. No I/O."""

from game.core.engine import apply, is_legal, new_game
from game.core.errors import IllegalMove, MalformedMove
from game.core.hashing import state_hash
from game.core.legality import MoveOption, check, legal_moves
from game.core.moves import FACILITATOR, MOVE_TYPES, Move, move_from_dict
from game.core.session import LogEntry, Session
from game.core.spec import Scenario
from game.core.state import GameState
from game.core.view import view

__all__ = [
    "FACILITATOR",
    "MOVE_TYPES",
    "GameState",
    "IllegalMove",
    "LogEntry",
    "MalformedMove",
    "Move",
    "MoveOption",
    "Scenario",
    "Session",
    "apply",
    "check",
    "is_legal",
    "legal_moves",
    "move_from_dict",
    "new_game",
    "state_hash",
    "view",
]
