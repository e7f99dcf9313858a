"""The rules engine's entry points: start a game, check and apply moves.

>>> state = new_game(scenario, seed=7)  # doctest: +SKIP
>>> apply(state, Pass(state.ids[0]))     # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import replace

from game.core import agreements, dialogue, events, inspections, phases, scoring, tension
from game.core.legality import adjust_target, check
from game.core.moves import (
    Accept,
    Adjust,
    AssignSeat,
    Comply,
    Counter,
    CustomEvent,
    Defect,
    DelayInspection,
    Dialogue,
    EndGame,
    GrantInspection,
    InjectEvent,
    Move,
    Pass,
    Pause,
    Propose,
    RefuseInspection,
    Reject,
    RequestInspection,
    RespondEvent,
    Resume,
    Withdraw,
)
from game.core.spec import Scenario
from game.core.state import GameState, Notice


def new_game(scenario: Scenario, seed: int) -> GameState:
    """A new game at the start of round 1's diplomacy. ``seed`` is any whole number >= 0."""
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"the seed must be a whole number >= 0, not {seed!r}")
    state = GameState(scenario, seed)
    phases.start(state)
    return state


def apply(state: GameState, move: Move) -> list[Notice]:
    """Apply a legal move and return what it made happen; an illegal one raises ``IllegalMove`` and changes nothing."""
    check(state, move)
    start = len(state.notices)
    _EFFECTS[type(move)](state, move)
    state.steps += 1
    phases.settle(state)
    state.notices[start:] = [replace(n, step=state.steps) for n in state.notices[start:]]
    return state.notices[start:]


def is_legal(state: GameState, move: Move) -> bool:
    try:
        check(state, move)
    except ValueError:
        return False
    return True


def _actor(state: GameState, move: Move) -> int:
    return state.index[move.actor]


def _pass(state: GameState, move: Pass) -> None:
    i = _actor(state, move)
    state.done.add(i)
    state.actions = 0
    state.notify(f"{state.name(i)} passed.")


def _dialogue(state: GameState, move: Dialogue) -> None:
    state.actions += 1
    dialogue.speak(state, _actor(state, move), move.act, tuple(state.index[t] for t in move.to))


def _propose(state: GameState, move: Propose) -> None:
    i = _actor(state, move)
    m = agreements.measure(state, move.measure)
    assert m is not None
    state.actions += 1
    state.capital[i] -= m.cost
    to = tuple(state.index[t] for t in move.to)
    a = agreements.propose(state, i, move.measure, to, move.reciprocity, move.duration, move.verification)
    names = ", ".join(state.name(j) for j in to)
    state.notify(f"{state.name(i)} proposed {agreements.describe(state, a)} to {names} ({a.id}).", (i, *to))


def _withdraw(state: GameState, move: Withdraw) -> None:
    state.actions += 1
    a = state.agreement(move.agreement)
    assert a is not None
    agreements.withdraw(state, a, _actor(state, move))


def _accept(state: GameState, move: Accept) -> None:
    a = state.agreement(move.agreement)
    assert a is not None
    i = _actor(state, move)
    state.notify(f"{state.name(i)} accepted proposal {a.id}.", (a.proposer, *a.addressees))
    agreements.answer(state, a, i, "accept")


def _reject(state: GameState, move: Reject) -> None:
    a = state.agreement(move.agreement)
    assert a is not None
    i = _actor(state, move)
    state.notify(f"{state.name(i)} rejected proposal {a.id}.", (a.proposer, *a.addressees))
    agreements.answer(state, a, i, "reject")


def _counter(state: GameState, move: Counter) -> None:
    a = state.agreement(move.agreement)
    assert a is not None
    i = _actor(state, move)
    new = agreements.propose(state, i, a.measure, (a.proposer,), move.reciprocity, move.duration, move.verification, a)
    state.notify(f"{state.name(i)} countered proposal {a.id} with {agreements.describe(state, new)} ({new.id}).",
                 (a.proposer, *a.addressees))  # fmt: skip
    agreements.answer(state, a, i, "counter")


def _comply(state: GameState, move: Comply) -> None:
    a = state.agreement(move.agreement)
    assert a is not None
    agreements.decide(state, a, _actor(state, move), "comply")


def _defect(state: GameState, move: Defect) -> None:
    a = state.agreement(move.agreement)
    assert a is not None
    agreements.decide(state, a, _actor(state, move), "defect")


def _request(state: GameState, move: RequestInspection) -> None:
    a = state.agreement(move.agreement)
    assert a is not None
    inspections.request(state, _actor(state, move), a, state.index[move.target])


def _answer(reply: str):  # noqa: ANN202 - a small factory for the three answers
    def effect(state: GameState, move: GrantInspection | DelayInspection | RefuseInspection) -> None:
        inspection = state.inspection(move.inspection)
        assert inspection is not None
        inspections.answer(state, inspection, reply)

    return effect


def _respond(state: GameState, move: RespondEvent) -> None:
    occurrence = state.occurrence(move.occurrence)
    assert occurrence is not None
    events.respond(state, occurrence, _actor(state, move), move.option)


def _inject(state: GameState, move: InjectEvent) -> None:
    e = events.event(state, move.event)
    assert e is not None
    if state.phase == "events":
        events.fire(state, e, injected=True)
    else:
        state.injected.append(e.id)
        state.notify(f"The facilitator injected '{e.name}'; it will strike in this round's events phase.", ())


def _custom(state: GameState, move: CustomEvent) -> None:
    tension.raise_by(state, float(move.tension))
    change = f" Tension {'rose' if move.tension > 0 else 'fell'} by {abs(move.tension):g}." if move.tension else ""
    state.notify(f"Event (the facilitator's own): {move.name.strip()}. {move.text.strip()}{change}")


def _adjust(state: GameState, move: Adjust) -> None:
    what, idx = adjust_target(state, move.target)
    value = float(move.value)  # a move built in code may carry an int; its saved dict form reads back as a float
    if what == "tension":
        state.tension = value
    elif what == "trust":
        state.trust[idx[0], idx[1]] = value
    elif what == "capital":
        state.capital[idx[0]] = int(move.value)
    elif what == "posture":
        state.posture[idx[0]] = int(move.value)
    else:
        state.security[idx[0]] = value
    state.notify(f"The facilitator set {move.target} to {move.value:g}: {move.reason}", ())


def _pause(state: GameState, move: Pause) -> None:
    state.paused = True
    state.notify(f"The facilitator paused the game: {move.reason}")


def _resume(state: GameState, move: Resume) -> None:
    state.paused = False
    state.notify("The facilitator resumed the game.")


def _assign(state: GameState, move: AssignSeat) -> None:
    seat = state.index[move.seat]
    state.controllers[seat] = move.controller
    who = "a human player" if move.controller == "human" else f"the {move.controller} AI"
    state.notify(f"The facilitator handed {state.name(seat)} to {who}.")


def _end(state: GameState, move: EndGame) -> None:
    phases.finish(state, scoring.classify(state), f"ended by the facilitator: {move.reason}")


_EFFECTS = {
    Pass: _pass,
    Dialogue: _dialogue,
    Propose: _propose,
    Withdraw: _withdraw,
    Accept: _accept,
    Reject: _reject,
    Counter: _counter,
    Comply: _comply,
    Defect: _defect,
    RequestInspection: _request,
    GrantInspection: _answer("granted"),
    DelayInspection: _answer("delayed"),
    RefuseInspection: _answer("refused"),
    RespondEvent: _respond,
    InjectEvent: _inject,
    CustomEvent: _custom,
    Adjust: _adjust,
    Pause: _pause,
    Resume: _resume,
    AssignSeat: _assign,
    EndGame: _end,
}
