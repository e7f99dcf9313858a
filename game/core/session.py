"""The session: one game, its log, and the single API every client (CLI, AI, saves, UI, network) goes through.

>>> session = Session(scenario, seed=1)                  # doctest: +SKIP
>>> session.submit(Pass(session.to_move()), "nothing to add")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from game.core import phases, scoring
from game.core.engine import apply, new_game
from game.core.hashing import state_hash
from game.core.legality import MoveOption, legal_moves
from game.core.moves import Move, move_from_dict
from game.core.spec import Scenario
from game.core.state import GameState, Notice
from game.core.view import view


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One applied move: its position, the move, why (an AI's rationale, a human's note), and the hash after it."""

    step: int
    round: int
    phase: str
    move: Move
    rationale: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "round": self.round, "phase": self.phase, "move": self.move.to_dict(),
                "rationale": self.rationale, "hash": self.hash}  # fmt: skip


class Session:
    """A game and its log. Every change goes through ``submit``; listeners hear of each entry (autosave)."""

    def __init__(self, scenario: Scenario, seed: int, seats: Mapping[str, str] | None = None) -> None:
        """``seats`` says who plays each actor at the start: ``"human"`` or ``"PERSONA[:LEVEL]"``; an actor
        left out plays its scenario persona. The facilitator may hand seats over later (``AssignSeat``)."""
        self.scenario = scenario
        self.seed = seed
        known = {a.id for a in scenario.actors}
        unknown = sorted(set(seats or {}) - known)
        if unknown:
            raise ValueError(f"no actor '{unknown[0]}' in scenario '{scenario.id}'; actors: {', '.join(sorted(known))}")
        self.seats: dict[str, str] = {a.id: (seats or {}).get(a.id, a.persona) for a in scenario.actors}
        self.state: GameState = new_game(scenario, seed)
        self.start_hash = state_hash(self.state)
        self.log: list[LogEntry] = []
        self.listeners: list[Callable[[LogEntry], None]] = []

    def submit(self, move: Move | dict[str, Any], rationale: str = "") -> list[Notice]:
        """Apply a move (object or dict form); an illegal one raises ``IllegalMove`` and nothing changes."""
        if not isinstance(move, Move):
            move = move_from_dict(move)  # refuses anything that is not a move's dict form
        round_, phase = self.state.round, self.state.phase
        notices = apply(self.state, move)
        entry = LogEntry(len(self.log) + 1, round_, phase, move, rationale, state_hash(self.state))
        self.log.append(entry)
        for listener in self.listeners:
            listener(entry)
        return notices

    def to_move(self) -> str | None:
        owner = phases.to_move(self.state)
        return self.state.ids[owner] if owner is not None else None

    def controller(self, seat: str) -> str:
        """Who plays ``seat`` now: ``"human"`` or an AI persona (``"NAME[:LEVEL]"``), after any hand-over."""
        override = self.state.controllers.get(self.state.index[seat])
        return override if override is not None else self.seats[seat]

    def legal_moves(self, seat: str) -> list[MoveOption]:
        return legal_moves(self.state, seat)

    def view(self, seat: str, full: bool = True) -> dict[str, Any]:
        return view(self.state, seat, full)

    @property
    def over(self) -> bool:
        return self.state.ending is not None

    def hash(self) -> str:
        return state_hash(self.state)

    def outcome(self) -> dict[str, Any]:
        """The result of the game so far, as plain data (what ``parley simulate`` prints)."""
        s = self.state
        signed = [a for a in s.agreements if a.parties]
        violations = sum(1 for a in s.agreements for _, _, c in a.history if c == "defect")
        detected = sum(1 for a in s.agreements for _, _, r in a.findings if r == "violation")
        return {
            "scenario": self.scenario.id,
            "seed": self.seed,
            "rounds": s.round,
            "ending": s.ending,
            "end_reason": s.end_reason,
            "tension": round(s.tension, 6),
            "rung": s.scenario.tension.rungs[s.rung()].id,
            "scores": scoring.scores(s),
            "stability": round(s.stability, 6),
            "welfare": round(scoring.welfare(s), 6),
            "agreements_signed": len(signed),
            "agreements_in_force": sum(1 for a in signed if a.status in ("in_force", "suspected")),
            "violations": violations,
            "violations_detected": detected,
            "moves": len(self.log),
            "hash": self.hash(),
            "actors": {
                s.ids[i]: {
                    "score": round(scoring.score(s, i), 6),
                    "signed": sum(1 for a in signed if i in a.parties),
                    "violations": sum(1 for a in s.agreements for _, p, c in a.history if p == i and c == "defect"),
                    "detected": sum(1 for a in s.agreements for _, p, r in a.findings if p == i and r == "violation"),
                }
                for i in range(s.n)
            },
        }
