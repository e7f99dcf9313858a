"""A game state as one seat may believe it to be: its own knowledge kept, everything hidden from it replaced.

Look-ahead (the Strategist persona) plays futures from such a state, so it can
never profit from what its seat cannot see: other seats' secret choices,
capital, security points, trust and intelligence, the facilitator's queued
injects, and the generator's future draws are all replaced by guesses drawn
from a seed of the seat's own.

>>> guess = believed_state(state, "usa", seed=3)  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np

from game.core.spec import Objectives, Scenario
from game.core.state import GameState

_SCENARIOS: dict[tuple[int, str], tuple[Scenario, Scenario]] = {}


def believed_scenario(scenario: Scenario, seat: str) -> Scenario:
    """The scenario as ``seat`` may know it: other actors' private fields (capital grant, intelligence accuracy,
    briefing, private objectives, persona) replaced by the seat's own, so that no look-ahead can learn them
    from a later briefing. Cached: scenarios are immutable."""
    cached = _SCENARIOS.get((id(scenario), seat))
    if cached is None or cached[0] is not scenario:
        me = next(a for a in scenario.actors if a.id == seat)
        actors = [
            a if a.id == seat else a.model_copy(update={
                "capital": me.capital, "intel_accuracy": me.intel_accuracy, "briefing": "", "persona": "simple",
                "persona_params": {}, "objectives": Objectives(public=a.objectives.public, private=[]),
            })
            for a in scenario.actors
        ]  # fmt: skip
        cached = _SCENARIOS[(id(scenario), seat)] = (scenario, scenario.model_copy(update={"actors": actors}))
    return cached[1]


def believed_state(state: GameState, seat: str, seed: int, honesty: float = 0.8) -> GameState:
    """A copy of ``state`` with every secret of the other seats replaced by a guess.

    ``honesty`` is the seat's prior that another party complied with an agreement this round.
    """
    me = state.index[seat]
    guess = state.copy()
    guess.scenario = believed_scenario(state.scenario, seat)
    rng = np.random.Generator(np.random.PCG64([seed, me]))
    guess.rng = np.random.Generator(np.random.PCG64([seed, me, 1]))  # the future is unknown to the seat
    for j, actor in enumerate(guess.scenario.actors):
        if j == me:
            continue
        guess.capital[j] = actor.capital  # a guess: the seat's own grant (what others hold is secret)
        guess.security[j] = 0.0
        guess.score[j] = 0.0
        guess.intel[j] = []
        # Others' trust is hidden: assume each trusts the seat as the seat trusts it, and others at the start value.
        guess.trust[j, :] = state.scenario.trust.default
        guess.trust[j, me] = state.trust[me, j]
        guess.trust[j, j] = 1.0
    guess.bought[:] = 0.0
    guess.injected = []
    for a in guess.agreements:
        a.history = [(r, p, c) for r, p, c in a.history if p == me]
        for p in list(a.choices):
            if p != me:
                a.choices[p] = "comply" if float(rng.random()) < honesty else "defect"
        a.changed()
    guess.notices = [n for n in state.notices if n.to is None or me in n.to]
    guess.digests = {}
    guess.mover = None
    return guess
