"""The game state: everything that changes during a game, and nothing else.

The scenario (immutable) holds the numbers; the state holds where the game
stands. Records are small slotted dataclasses and the trust matrix is one
NumPy array, so copying a state for look-ahead is cheap.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

from game.core.spec import Scenario

# Agreement lifecycle.
PROPOSED = "proposed"
COUNTERED = "countered"
REJECTED = "rejected"
IN_FORCE = "in_force"
SUSPECTED = "suspected"  # still in force, but an inspection was refused or delayed
VIOLATED = "violated"  # a violation was found; no longer in force
EXPIRED = "expired"
WITHDRAWN = "withdrawn"
ACTIVE = frozenset({IN_FORCE, SUSPECTED})
R = TypeVar("R")
SETTLED = frozenset({REJECTED, COUNTERED, VIOLATED, EXPIRED, WITHDRAWN})  # nothing about it changes any more


@dataclass(slots=True)
class Agreement:
    """A proposal and, once accepted, the agreement it becomes."""

    id: str
    measure: str
    proposer: int
    addressees: tuple[int, ...]
    initiator: int  # who commits under one-sided terms; survives counters
    reciprocity: str
    duration: int
    verification: str  # an inspection type id, or "none"
    round_proposed: int
    counter_of: str | None = None
    depth: int = 0  # how many counters led here
    status: str = PROPOSED
    answers: dict[int, str] = field(default_factory=dict)
    parties: tuple[int, ...] = ()
    started: int = 0
    ends: int = 0  # last round in force
    choices: dict[int, str] = field(default_factory=dict)  # hidden: this round's comply/defect
    history: list[tuple[int, int, str]] = field(default_factory=list)  # hidden: (round, party, choice)
    findings: list[tuple[int, int, str]] = field(default_factory=list)  # public: (round, party, result)
    memo: tuple[int, bytes] | None = None  # (version, hash input): see hashing.py
    shown: tuple[int, dict] | None = None  # (version, public view entry): see view.py
    obligated: tuple[int, ...] = ()  # parties that must decide each round whether to comply
    version: int = 0  # moved on by changed(); memo and shown hold while it stays the same

    def changed(self) -> None:
        """Call after every change to the agreement. The state hash and the views run after every move, so they
        keep its part and work it out again only when its version moved, not by comparing its content."""
        self.version += 1

    def committed(self) -> tuple[int, ...]:
        """The parties that must decide each round whether to comply (organisations verify; they have no duties)."""
        return self.obligated

    def copy(self) -> Agreement:
        return Agreement(
            self.id, self.measure, self.proposer, self.addressees, self.initiator, self.reciprocity,
            self.duration, self.verification, self.round_proposed, self.counter_of, self.depth, self.status,
            dict(self.answers), self.parties, self.started, self.ends, dict(self.choices), list(self.history),
            list(self.findings), self.memo, self.shown, self.obligated, self.version,
        )  # fmt: skip


@dataclass(slots=True)
class Inspection:
    id: str
    agreement: str
    requester: int
    target: int
    method: str
    round: int
    answer: str = ""  # "", granted, delayed, refused
    result: str = ""  # "", clean, violation


@dataclass(slots=True)
class Occurrence:
    """An event that fired (or was injected) in some round."""

    id: str
    event: str
    round: int
    injected: bool
    factor: float  # how much measures in force softened it
    pending: list[int] = field(default_factory=list)  # responders yet to choose
    choices: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something that happened, for the log and the views. ``to`` is None when public."""

    round: int
    phase: str
    text: str
    to: tuple[int, ...] | None = None
    step: int = 0  # the move that made it known (0: the start of the game); lets a log show each move's reason
    # only to those who saw the move


@dataclass(frozen=True, slots=True)
class Intel:
    round: int
    about: int
    suspicious: bool
    accuracy: float


def _by_id(records: list[R], ident: str, prefix: str) -> R | None:
    """Records are numbered "<prefix><k>" from 1 in the order made, so the lookup is by position.

    Only the exact form counts: ASCII digits, no leading zero (so "a01" or "a²" name nothing).
    """
    number = ident[1:]
    if ident[:1] != prefix or not number.isascii() or not number.isdecimal() or number.startswith("0"):
        return None
    k = int(number) - 1
    return records[k] if k < len(records) else None


class GameState:
    """Where a game stands. Build one with ``new_game``; change it only with ``apply``."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.scenario = scenario
        self.seed = seed
        self.ids: tuple[str, ...] = tuple(a.id for a in scenario.actors)
        self.index: dict[str, int] = {a: i for i, a in enumerate(self.ids)}
        self.n = n = len(self.ids)
        self.order: tuple[int, ...] = tuple(range(n))  # turn order this round (see begin_round)
        self.rng = np.random.Generator(np.random.PCG64(seed))
        self.round = 0
        self.phase = "briefing"
        self.paused = False
        self.ending: str | None = None
        self.end_reason = ""
        self.trust = np.full((n, n), scenario.trust.default, dtype=np.float64)
        for pair in scenario.trust.pairs:
            self.trust[self.index[pair.source], self.index[pair.target]] = pair.value
        np.fill_diagonal(self.trust, 1.0)
        self.tension = float(scenario.tension.start)
        self.capital = [0] * n
        self.posture = [a.posture for a in scenario.actors]
        self.security = [0.0] * n
        self.score = [0.0] * n
        self.stability = 0.0  # the shared score
        self.agreements: list[Agreement] = []
        self.inspections: list[Inspection] = []
        self.occurrences: list[Occurrence] = []
        self.injected: list[str] = []  # event ids queued by the facilitator for the events phase
        self.fired: set[str] = set()
        self.done: set[int] = set()  # actors finished with the current phase
        self.actions = 0  # moves made in the current diplomacy turn
        self.bought: np.ndarray = np.zeros((n, n))  # trust[j, i] that i's reassurances bought from j
        self.exposed: set[int] = set()  # actors with a violation found against them
        self.rung_rounds = [0] * len(scenario.tension.rungs)
        self.intel: list[list[Intel]] = [[] for _ in range(n)]
        self.notices: list[Notice] = []
        self.controllers: dict[int, str] = {}  # seats the facilitator has handed over: "human" or "PERSONA[:LEVEL]"
        self.steps = 0  # moves applied
        self.digests: dict[str, tuple[Any, Any]] = {}  # running hashes of history: see hashing.py
        self.mover: tuple[tuple[int, int, str], int | None] | None = None  # who is to move: see phases.to_move

    def copy(self) -> GameState:
        """An independent copy (for look-ahead); notices and intel are shared read-only history."""
        new = copy.copy(self)
        new.rng = np.random.Generator(np.random.PCG64())
        new.rng.bit_generator.state = self.rng.bit_generator.state
        new.trust = self.trust.copy()
        new.bought = self.bought.copy()
        new.capital = list(self.capital)
        new.posture = list(self.posture)
        new.security = list(self.security)
        new.score = list(self.score)
        new.agreements = [a.copy() for a in self.agreements]
        new.inspections = [copy.copy(i) for i in self.inspections]
        new.occurrences = [
            Occurrence(o.id, o.event, o.round, o.injected, o.factor, list(o.pending), dict(o.choices))
            for o in self.occurrences
        ]
        new.injected = list(self.injected)
        new.fired = set(self.fired)
        new.done = set(self.done)
        new.exposed = set(self.exposed)
        new.rung_rounds = list(self.rung_rounds)
        new.intel = [list(x) for x in self.intel]
        new.notices = list(self.notices)
        new.digests = dict(self.digests)
        new.controllers = dict(self.controllers)
        return new

    def agreement(self, agreement_id: str) -> Agreement | None:
        return _by_id(self.agreements, agreement_id, "a")

    def inspection(self, inspection_id: str) -> Inspection | None:
        return _by_id(self.inspections, inspection_id, "i")

    def occurrence(self, occurrence_id: str) -> Occurrence | None:
        return _by_id(self.occurrences, occurrence_id, "e")

    def rung(self) -> int:
        """Index of the rung the tension is on."""
        rungs = self.scenario.tension.rungs
        level = 0
        for i, r in enumerate(rungs):
            if self.tension >= r.at:
                level = i
        return level

    def turn_order(self) -> tuple[int, ...]:
        """Actors in turn order this round: the scenario order, rotated one place each round."""
        return self.order

    def rotate(self) -> None:
        start = (max(self.round, 1) - 1) % self.n
        self.order = tuple((start + k) % self.n for k in range(self.n))

    def notify(self, text: str, to: tuple[int, ...] | None = None) -> None:
        self.notices.append(Notice(self.round, self.phase, text, to))

    def name(self, i: int) -> str:
        return self.scenario.actors[i].name
