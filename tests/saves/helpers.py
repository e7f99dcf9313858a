"""Small builders for save tests: games saved to a folder, and a deep, type-exact picture of a state."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import numpy as np

from game.ai import play_game
from game.core.session import Session
from game.core.state import GameState
from game.saves import write_save
from game.scenario import resolve_scenario

# Derived speed-ups, rebuilt on demand: not part of what a game is.
CACHES = {"digests", "memo", "shown", "version", "mover"}


def picture(value: Any) -> Any:
    """Everything in ``value``, recursively, with types kept (a tuple is not a list, a set is not a list)."""
    if isinstance(value, GameState):
        return {k: picture(v) for k, v in sorted(vars(value).items()) if k not in CACHES | {"scenario"}} | {
            "rng": value.rng.bit_generator.state,
            "scenario": value.scenario.model_dump_json(),
        }
    if is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            {f.name: picture(getattr(value, f.name)) for f in fields(value) if f.name not in CACHES},
        )
    if isinstance(value, np.ndarray):
        return ("ndarray", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, np.random.Generator):
        return None  # compared through its bit generator's state above
    if isinstance(value, dict):
        return ("dict", [(picture(k), picture(v)) for k, v in value.items()])  # order counts: code walks dicts
    if isinstance(value, list | tuple):
        return (type(value).__name__, [picture(v) for v in value])
    if isinstance(value, set | frozenset):
        return (type(value).__name__, sorted(map(repr, value)))
    return (type(value).__name__, value)


def saved_game(tmp_path: Path, scenario: str = "npt", seed: int = 3) -> tuple[Session, Path]:
    session = play_game(resolve_scenario(scenario), seed)
    return session, write_save(session, tmp_path)


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)
