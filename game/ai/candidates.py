"""Concrete moves from the structured legal options: what a look-ahead AI chooses among."""

from __future__ import annotations

import itertools

from game.core.legality import MoveOption
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
    Withdraw,
)

ANSWERS: dict[str, type[Move]] = {
    "grant_inspection": GrantInspection,
    "delay_inspection": DelayInspection,
    "refuse_inspection": RefuseInspection,
}


def concrete_moves(seat: str, options: list[MoveOption], max_addressees: int = 2) -> list[Move]:
    """Every move the options allow, except that proposals go to one addressee, or the first ``max_addressees``."""
    moves: list[Move] = []
    for option in options:
        c = option.choices
        kind = option.kind
        if kind == "pass":
            moves.append(Pass(seat))
        elif kind == "dialogue":
            moves += [Dialogue(seat, act, (to,)) for act in c["acts"] for to in c["to"]]
        elif kind == "propose":
            for measure, m in c["measures"].items():
                groups = [(t,) for t in m["to"]]
                if m["max_to"] >= 2 and max_addressees >= 2:
                    groups.append(tuple(m["to"][: min(max_addressees, m["max_to"])]))
                for to, rec, dur, ver in itertools.product(groups, m["reciprocity"], m["durations"], m["verification"]):
                    moves.append(Propose(seat, measure, to, rec, dur, ver))
        elif kind in ("withdraw", "accept", "reject", "comply", "defect"):
            cls = {"withdraw": Withdraw, "accept": Accept, "reject": Reject, "comply": Comply, "defect": Defect}[kind]
            moves += [cls(seat, a) for a in c["agreements"]]  # type: ignore[call-arg]
        elif kind == "counter":
            for a, t in c["agreements"].items():
                unchanged = tuple(t["unchanged"])
                for terms in itertools.product(t["reciprocity"], t["durations"], t["verification"]):
                    if terms != unchanged:
                        moves.append(Counter(seat, a, *terms))
        elif kind == "request_inspection":
            moves += [RequestInspection(seat, r["agreement"], r["target"]) for r in c["requests"]]
        elif kind in ANSWERS:
            moves += [ANSWERS[kind](seat, i) for i in c["inspections"]]  # type: ignore[call-arg]
        elif kind == "respond_event":
            moves += [RespondEvent(seat, o, opt) for o, opts in c["occurrences"].items() for opt in opts]
    return moves
