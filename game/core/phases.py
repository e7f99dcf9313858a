"""The round as a state machine: the phases, their order, who is to move, and what each phase does on entry.

The machine is declared once with ``transitions`` and drives any number of game
states (the state's ``phase`` attribute is the machine's model attribute), so
copying a state for look-ahead costs nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from transitions import EventData, Machine

from game.core import agreements, events, inspections, intelligence, scoring, tension
from game.core.state import GameState


@dataclass(frozen=True)
class Phase:
    name: str
    title: str
    kinds: frozenset[str]  # move kinds actors may make in it
    summary: str


PHASES: dict[str, Phase] = {
    p.name: p
    for p in (
        Phase("briefing", "Briefing", frozenset(),
              "Capital is renewed, scheduled events announced, intelligence handed out."),
        Phase("diplomacy", "Diplomacy", frozenset({"dialogue", "propose", "withdraw", "pass"}),
              "In turn order, each actor makes statements and proposals while its capital lasts, then passes."),
        Phase("responses", "Responses", frozenset({"accept", "reject", "counter"}),
              "Each addressee accepts, rejects or counters each proposal; accepted ones come into force."),
        Phase("implementation", "Implementation", frozenset({"comply", "defect"}),
              "Each party secretly decides, for each agreement in force, to comply or to defect."),
        Phase("verification", "Verification",
              frozenset({"request_inspection", "grant_inspection", "delay_inspection", "refuse_inspection", "pass"}),
              "Actors request inspections; the inspected party grants, delays or refuses; findings are announced."),
        Phase("events", "Events", frozenset({"respond_event"}),
              "Scheduled, random and injected events resolve; affected actors choose a response."),
        Phase("assessment", "Assessment", frozenset(), "Trust, tension and scores update; the end is checked."),
        Phase("debrief", "Debrief", frozenset(), "The game is over; everything hidden is revealed."),
    )
}  # fmt: skip
ORDER = list(PHASES)


def _state(event: EventData) -> GameState:
    return cast(GameState, event.model)


def begin_round(state: GameState) -> None:
    state.round += 1
    state.rotate()
    state.done = set()
    for i, actor in enumerate(state.scenario.actors):
        state.capital[i] = actor.capital
    state.notify(f"Round {state.round} begins. Capital renewed.")
    for e in events.scheduled(state, state.round):
        state.notify(f"Scheduled this round: {e.name}.")
    intelligence.brief(state)


def _start_round(event: EventData) -> None:
    begin_round(_state(event))


def _reset_turns(event: EventData) -> None:
    state = _state(event)
    state.done = set()
    state.actions = 0


def _fire_events(event: EventData) -> None:
    events.fire_round(_state(event))


def _assess(event: EventData) -> None:
    state = _state(event)
    agreements.assess(state)
    tension.assess(state)
    scoring.assess(state)
    if tension.at_top(state) or state.round >= state.scenario.rules.rounds:
        # Agreements in force in the last round count for the ending: they expire with the game, not before it.
        state.ending = scoring.classify(state)
        state.end_reason = "the last round was played" if state.ending != scoring.COLLECTIVE_FAILURE else ""
    else:
        agreements.expire(state)


def _game_over(event: EventData) -> bool:
    return _state(event).ending is not None


def _announce_end(event: EventData) -> None:
    state = _state(event)
    if state.ending == scoring.COLLECTIVE_FAILURE and not state.end_reason:
        state.end_reason = f"tension reached {state.scenario.tension.rungs[-1].name}"
    state.notify(f"The game is over: {state.ending.replace('_', ' ')} ({state.end_reason}).")  # type: ignore[union-attr]


MACHINE = Machine(
    model=None,
    states=[
        {"name": "briefing", "on_enter": [_start_round]},
        {"name": "diplomacy", "on_enter": [_reset_turns]},
        {"name": "responses", "on_enter": [_reset_turns]},
        {"name": "implementation", "on_enter": [_reset_turns]},
        {"name": "verification", "on_enter": [_reset_turns]},
        {"name": "events", "on_enter": [_fire_events]},
        {"name": "assessment", "on_enter": [_assess]},
        {"name": "debrief", "on_enter": [_announce_end]},
    ],
    transitions=[
        {"trigger": "advance", "source": "briefing", "dest": "diplomacy"},
        {"trigger": "advance", "source": "diplomacy", "dest": "responses"},
        {"trigger": "advance", "source": "responses", "dest": "implementation"},
        {"trigger": "advance", "source": "implementation", "dest": "verification"},
        {"trigger": "advance", "source": "verification", "dest": "events"},
        {"trigger": "advance", "source": "events", "dest": "assessment"},
        {"trigger": "advance", "source": "assessment", "dest": "debrief", "conditions": [_game_over]},
        {"trigger": "advance", "source": "assessment", "dest": "briefing"},
        {"trigger": "finish", "source": ORDER[:-1], "dest": "debrief"},
    ],
    initial="briefing",
    model_attribute="phase",
    send_event=True,
    auto_transitions=False,
)
_ADVANCE = MACHINE.events["advance"]
_FINISH = MACHINE.events["finish"]


def start(state: GameState) -> None:
    """Open round 1 of a new game."""
    state.phase = "briefing"
    agreements.open_starting(state)
    begin_round(state)
    settle(state)


def to_move(state: GameState) -> int | None:
    """The actor the game waits on now, or None when nobody is owed a move."""
    # Asked several times a move (the legality check, settle, the session, legal moves, the view), so the answer
    # is kept. Only applying a move (which counts a step once its effect is done, before anyone asks again) or
    # entering a phase (which the round and phase name) can change it.
    when = (state.steps, state.round, state.phase)
    if state.mover is not None and state.mover[0] == when:
        return state.mover[1]
    owner = _waiting_on(state)
    state.mover = (when, owner)
    return owner


def _waiting_on(state: GameState) -> int | None:
    phase = state.phase
    if state.ending is not None:
        return None
    if phase == "diplomacy":
        return next((i for i in state.turn_order() if i not in state.done), None)
    if phase == "responses":
        waiting = {x for a in state.agreements for x in a.addressees if agreements.pending_answer(a, x)}
        return next((i for i in state.turn_order() if i in waiting), None)
    if phase == "implementation":
        owing = agreements.owing_decision(state)
        return next((i for i in state.turn_order() if i in owing), None)
    if phase == "verification":
        inspection = inspections.pending(state)
        if inspection is not None:
            return inspection.target
        # Only an actor that could inspect something is asked; the phase is skipped when no one can.
        return next(
            (i for i in state.turn_order() if i not in state.done and inspections.could_inspect(state, i)), None
        )
    if phase == "events":
        waiting = {p for _, p in events.awaiting(state)}
        return next((i for i in state.turn_order() if i in waiting), None)
    return None


def finish(state: GameState, ending: str, reason: str) -> None:
    state.paused = False
    state.ending = ending
    state.end_reason = reason
    _FINISH.trigger(state)


def settle(state: GameState) -> None:
    """After a move: end the game if tension hit the top, else run on through phases nobody needs to act in."""
    while state.phase != "debrief":
        if state.ending is None and tension.at_top(state):
            finish(state, scoring.COLLECTIVE_FAILURE, "")
            return
        if state.paused or to_move(state) is not None:
            return
        _ADVANCE.trigger(state)
