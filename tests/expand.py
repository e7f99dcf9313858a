"""Turn the structured options of ``legal_moves`` into concrete moves (a bounded sample), for property tests."""

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

ANSWERS = {"grant_inspection": GrantInspection, "delay_inspection": DelayInspection,
           "refuse_inspection": RefuseInspection}  # fmt: skip


def concrete_moves(seat: str, options: list[MoveOption], current_terms: dict[str, tuple] | None = None) -> list[Move]:
    """Every move the options allow, except that proposals are limited to one or two addressees.

    ``current_terms`` (agreement id -> (reciprocity, duration, verification)), if given, is checked against
    the ``unchanged`` terms each counter option names.
    """
    moves: list[Move] = []
    for option in options:
        c = option.choices
        if option.kind == "pass":
            moves.append(Pass(seat))
        elif option.kind == "dialogue":
            moves += [Dialogue(seat, act, (to,)) for act in c["acts"] for to in c["to"]]
        elif option.kind == "propose":
            for measure, m in c["measures"].items():
                groups = [(t,) for t in m["to"]] + ([tuple(m["to"][:2])] if m["max_to"] >= 2 else [])
                for to, rec, dur, ver in itertools.product(groups, m["reciprocity"], m["durations"], m["verification"]):
                    moves.append(Propose(seat, measure, to, rec, dur, ver))
        elif option.kind == "withdraw":
            moves += [Withdraw(seat, a) for a in c["agreements"]]
        elif option.kind == "accept":
            moves += [Accept(seat, a) for a in c["agreements"]]
        elif option.kind == "reject":
            moves += [Reject(seat, a) for a in c["agreements"]]
        elif option.kind == "counter":
            for a, t in c["agreements"].items():
                # A counter must change the terms: the option names the one combination it may not use.
                unchanged = tuple(t["unchanged"])
                if current_terms is not None and a in current_terms:
                    assert current_terms[a] == unchanged, f"{a}: options say {unchanged}, the game {current_terms[a]}"
                for terms in itertools.product(t["reciprocity"], t["durations"], t["verification"]):
                    if terms != unchanged:
                        moves.append(Counter(seat, a, *terms))
        elif option.kind == "comply":
            moves += [Comply(seat, a) for a in c["agreements"]]
        elif option.kind == "defect":
            moves += [Defect(seat, a) for a in c["agreements"]]
        elif option.kind == "request_inspection":
            moves += [RequestInspection(seat, r["agreement"], r["target"]) for r in c["requests"]]
        elif option.kind in ANSWERS:
            moves += [ANSWERS[option.kind](seat, i) for i in c["inspections"]]
        elif option.kind == "respond_event":
            moves += [RespondEvent(seat, o, opt) for o, opts in c["occurrences"].items() for opt in opts]
        else:
            raise AssertionError(f"unexpected option kind {option.kind}")
    return moves
