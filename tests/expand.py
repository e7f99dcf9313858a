"""Concrete moves from the structured options of ``legal_moves``, for property tests.

The expanding is the game's own (``game.ai.candidates``); this wrapper adds the checks a test wants: every option
kind is one the expander knows, and each counter option's ``unchanged`` terms are the agreement's real ones.
"""

from __future__ import annotations

from game.ai.candidates import ANSWERS
from game.ai.candidates import concrete_moves as expand
from game.core.legality import MoveOption
from game.core.moves import Move

KNOWN = {"pass", "dialogue", "propose", "withdraw", "accept", "reject", "counter", "comply", "defect",
         "request_inspection", "respond_event", *ANSWERS}  # fmt: skip


def concrete_moves(seat: str, options: list[MoveOption], current_terms: dict[str, tuple] | None = None) -> list[Move]:
    """Every move the options allow, proposals going to one addressee or to the first two.

    ``current_terms`` (agreement id -> (reciprocity, duration, verification)), if given, is checked against
    the ``unchanged`` terms each counter option names.
    """
    for option in options:
        assert option.kind in KNOWN, f"unexpected option kind {option.kind}"
        if option.kind == "counter" and current_terms is not None:
            for a, t in option.choices["agreements"].items():
                unchanged = tuple(t["unchanged"])
                if a in current_terms:
                    assert current_terms[a] == unchanged, f"{a}: options say {unchanged}, the game {current_terms[a]}"
    return expand(seat, options)
