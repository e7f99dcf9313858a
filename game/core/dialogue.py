"""Dialogue moves: what statements do to trust and tension, and the price of exposed lies."""

from __future__ import annotations

from game.core import tension, trust
from game.core.state import GameState

VERBS = {
    "reassure": "reassured",
    "clarify": "offered clarifications to",
    "raise_concern": "raised concerns with",
    "accuse": "accused",
    "propose_consultations": "proposed consultations to",
    "express_regret": "expressed regret to",
}


def speak(state: GameState, speaker: int, act: str, to: tuple[int, ...]) -> None:
    """Apply a statement.

    Friendly words move the addressee's trust in the speaker by ``trust`` scaled by
    how credible the speaker already is to it. An accusation backed by a violation
    found against the accused lowers every third party's trust in the accused by
    ``|trust| x evidence_factor``; an unbacked one only sours the accused towards
    the speaker. Trust a reassurance buys is remembered, and repaid
    ``exposed_lie_factor`` times over if the speaker's violation is later found.
    """
    effect = getattr(state.scenario.dialogue, act)
    state.capital[speaker] -= effect.cost
    for j in to:
        if act == "accuse" and j in state.exposed:
            for k in range(state.n):
                if k not in (j, speaker):
                    trust.shift(state, k, j, -abs(effect.trust) * effect.evidence_factor)
            continue
        delta = effect.trust * float(state.trust[j, speaker]) if effect.trust > 0 else effect.trust
        made = trust.shift(state, j, speaker, delta)
        if act == "reassure" and made > 0:
            state.bought[j, speaker] += made
    tension.raise_by(state, effect.tension)
    names = ", ".join(state.name(j) for j in to)
    backed = " with evidence from an inspection" if act == "accuse" and any(j in state.exposed for j in to) else ""
    state.notify(f"{state.name(speaker)} {VERBS[act]} {names}{backed}.")


def expose(state: GameState, liar: int) -> None:
    """A violation by ``liar`` was found: reassurances it gave are repaid with interest."""
    factor = state.scenario.dialogue.reassure.exposed_lie_factor
    for j in range(state.n):
        bought = float(state.bought[j, liar])
        if bought > 0:
            trust.shift(state, j, liar, -factor * bought)
            state.bought[j, liar] = 0.0
    state.exposed.add(liar)
