"""The simple AI: a seeded, weighted random choice among legal moves, good enough to play whole games.

It sees only its seat's view and legal moves, and draws from its own generator
seeded by (game seed, step, seat), so a resumed game plays on exactly as the
uninterrupted one would.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from typing import Any

from game.ai.turn import Turn
from game.core.moves import (
    Accept,
    Comply,
    Counter,
    Defect,
    DelayInspection,
    Dialogue,
    GrantInspection,
    Move,
    Pass,
    Propose,
    RefuseInspection,
    Reject,
    RequestInspection,
    RespondEvent,
)

FRIENDLY = ("reassure", "clarify", "propose_consultations", "express_regret")


@dataclass(frozen=True, slots=True)
class Decision:
    move: Move
    rationale: str


def seeded(seed: int, step: int, seat: str) -> random.Random:
    """The generator for one decision: the same seat at the same step of the same game draws the same."""
    mix = seed * 1_000_003 + step
    for ch in seat:
        mix = mix * 131 + ord(ch)
    return random.Random(mix)


class SimpleAI:
    """Weighted random play: proposes and talks while capital lasts, mostly complies, sometimes inspects."""

    name = "simple"

    def __init__(self, comply: float = 0.8, inspect: float = 0.4) -> None:
        self.comply = comply
        self.inspect = inspect

    def decide(self, turn: Turn) -> Decision:
        me = turn.seat
        rng = seeded(turn.seed, turn.step, me)
        by_kind = turn.choices()
        if "propose" in by_kind or "dialogue" in by_kind or "withdraw" in by_kind:
            return self._diplomacy(turn, by_kind, rng)
        if "accept" in by_kind:
            return self._respond(turn.view, by_kind, self._trust(turn), rng)
        if "comply" in by_kind:
            agreement = by_kind["comply"]["agreements"][0]
            if rng.random() < self.comply:
                return Decision(Comply(me, agreement), f"complied with {agreement}: keeping its word this time")
            return Decision(Defect(me, agreement), f"defected on {agreement}: tempted by the gain")
        if "grant_inspection" in by_kind:
            inspection = by_kind["grant_inspection"]["inspections"][0]
            roll = rng.random()
            if roll < 0.7:
                return Decision(GrantInspection(me, inspection), "granted the inspection: refusing looks guilty")
            if roll < 0.9:
                return Decision(DelayInspection(me, inspection), "delayed the inspection to buy time")
            return Decision(RefuseInspection(me, inspection), "refused the inspection as an intrusion")
        if "request_inspection" in by_kind and rng.random() < self.inspect:
            req = rng.choice(by_kind["request_inspection"]["requests"])
            return Decision(RequestInspection(me, req["agreement"], req["target"]),
                            f"asked to inspect {req['target']}: trust but verify")  # fmt: skip
        if "respond_event" in by_kind:
            occurrence, choices = next(iter(by_kind["respond_event"]["occurrences"].items()))
            option = rng.choice(choices)
            return Decision(RespondEvent(me, occurrence, option), f"responded to the event with '{option}'")
        return Decision(Pass(me), "nothing worth doing now")

    @staticmethod
    def _trust(turn: Turn) -> dict[str, float]:
        mine = next(a for a in turn.view["actors"] if a["id"] == turn.seat)
        return mine.get("trust", {})

    def _diplomacy(self, turn: Turn, by_kind: dict, rng: random.Random) -> Decision:
        me = turn.seat
        weights = {"propose": 1.5 if "propose" in by_kind else 0.0, "dialogue": 1.5 if "dialogue" in by_kind else 0.0,
                   "pass": 3.0}  # fmt: skip
        kind = rng.choices(list(weights), list(weights.values()))[0]
        if kind == "propose":
            measures = by_kind["propose"]["measures"]
            measure_id = rng.choice(sorted(measures))
            m = measures[measure_id]
            count = rng.randint(1, max(1, min(2, m["max_to"])))
            to = tuple(sorted(rng.sample(m["to"], count)))
            move = Propose(me, measure_id, to, rng.choice(m["reciprocity"]), rng.choice(m["durations"]),
                           rng.choice(m["verification"]))  # fmt: skip
            return Decision(move, f"proposed {measure_id} to {', '.join(to)}")
        if kind == "dialogue":
            acts = by_kind["dialogue"]["acts"]
            friendly = [a for a in FRIENDLY if a in acts]
            act = rng.choice(friendly) if friendly and rng.random() < 0.8 else rng.choice(sorted(acts))
            if act in ("raise_concern", "accuse"):
                # Only here does the choice need the seat's view (for its trust), so only here is it built.
                trust = self._trust(turn)
                target = min(by_kind["dialogue"]["to"], key=lambda t: (trust.get(t, 0.5), t))
            else:
                target = rng.choice(by_kind["dialogue"]["to"])
            return Decision(Dialogue(me, act, (target,)), f"chose to {act.replace('_', ' ')} towards {target}")
        return Decision(Pass(me), "done for this turn")

    def _respond(
        self, seat_view: dict[str, Any], by_kind: dict, trust: dict[str, float], rng: random.Random
    ) -> Decision:
        me = seat_view["seat"]
        agreement = by_kind["accept"]["agreements"][0]
        proposer = next(a["proposer"] for a in seat_view["agreements"] if a["id"] == agreement)
        t = trust.get(proposer, 0.5)
        roll = rng.random()
        if roll < 0.1 + 0.6 * t:
            return Decision(Accept(me, agreement), f"accepted {agreement}: trust in {proposer} is {t:.2f}")
        counter = by_kind.get("counter", {}).get("agreements", {}).get(agreement)
        if counter and rng.random() < 0.4:
            current = next((a["reciprocity"], a["duration"], a["verification"])
                           for a in seat_view["agreements"] if a["id"] == agreement)  # fmt: skip
            other = [t for t in itertools.product(counter["reciprocity"], counter["durations"], counter["verification"])
                     if t != current]  # fmt: skip
            if other:
                return Decision(Counter(me, agreement, *rng.choice(other)), f"countered {agreement} with other terms")
        return Decision(Reject(me, agreement), f"rejected {agreement}: trust in {proposer} is only {t:.2f}")
