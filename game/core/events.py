"""Events (injects): which fire each round, how measures in force soften them, and responses."""

from __future__ import annotations

from game.core import agreements, tension, trust
from game.core.spec import Condition, Effects, Event
from game.core.state import GameState, Occurrence


def event(state: GameState, event_id: str) -> Event | None:
    for e in state.scenario.events:
        if e.id == event_id:
            return e
    return None


def holds(state: GameState, when: Condition) -> bool:
    rung = state.rung()
    if when.tension_at_least is not None and rung < tension.rung_index(state, when.tension_at_least):
        return False
    if when.tension_below is not None and rung >= tension.rung_index(state, when.tension_below):
        return False
    if when.measure_in_force is not None and not agreements.in_force(state, when.measure_in_force):
        return False
    if when.measure_not_in_force is not None and agreements.in_force(state, when.measure_not_in_force):
        return False
    return when.after_round is None or state.round > when.after_round


def scheduled(state: GameState, round_: int) -> list[Event]:
    """Events announced in advance for a round."""
    return [e for e in state.scenario.events if e.trigger.round == round_ and not (e.once and e.id in state.fired)]


def fire_round(state: GameState) -> None:
    """Resolve this round's scheduled, random and conditional events, then the facilitator's injects."""
    for e in state.scenario.events:
        if e.once and e.id in state.fired:
            continue
        trig = e.trigger
        if trig.round is not None and trig.round != state.round:
            continue
        if trig.when is not None and not holds(state, trig.when):
            continue
        # Draw only when everything else holds, so the stream of draws depends on the game alone.
        if trig.probability is not None and float(state.rng.random()) >= trig.probability:
            continue
        fire(state, e, injected=False)
    fired_now = {o.event for o in state.occurrences if o.round == state.round}
    for event_id in state.injected:
        if event_id in fired_now:
            continue  # it struck this round already (scheduled or drawn): the inject does not repeat it
        injected = event(state, event_id)
        assert injected is not None
        fire(state, injected, injected=True)
        fired_now.add(event_id)
    state.injected.clear()


def fire(state: GameState, e: Event, injected: bool) -> Occurrence:
    involved = [state.index[a] for a in e.actors]
    factor = 1.0
    softeners = []
    for s in e.softened_by:
        if agreements.in_force_among(state, s.measure, involved):
            factor = min(factor, s.factor)
            m = agreements.measure(state, s.measure)
            softeners.append(m.name if m else s.measure)
    occurrence = Occurrence(f"e{len(state.occurrences) + 1}", e.id, state.round, injected, factor)
    occurrence.pending = [i for i in state.turn_order() if state.ids[i] in e.responders]
    state.occurrences.append(occurrence)
    if not injected:
        # An inject does not use up a one-time event: it still comes in its own round.
        state.fired.add(e.id)
    apply_effects(state, e.effects, factor)
    source = " (injected by the facilitator)" if injected else ""
    eased = f" Its impact was softened by: {', '.join(softeners)}." if softeners else ""
    state.notify(f"Event{source}: {e.name}. {e.text}{eased}")
    return occurrence


def apply_effects(state: GameState, effects: Effects, factor: float = 1.0) -> None:
    """Apply an event's or response's effects; ``factor`` scales rises in tension and losses of trust."""
    tension.raise_by(state, effects.tension * factor if effects.tension > 0 else effects.tension)
    for change in effects.trust:
        delta = change.delta * factor if change.delta < 0 else change.delta
        trust.shift(state, state.index[change.source], state.index[change.target], delta)
    for actor, delta in effects.posture.items():
        i = state.index[actor]
        state.posture[i] = min(5, max(0, state.posture[i] + delta))
    for actor, points in effects.security.items():
        state.security[state.index[actor]] += points


def respond(state: GameState, occurrence: Occurrence, actor: int, option_id: str) -> None:
    e = event(state, occurrence.event)
    assert e is not None
    option = next(o for o in e.responses if o.id == option_id)
    occurrence.pending.remove(actor)
    occurrence.choices[actor] = option_id
    apply_effects(state, option.effects)
    state.notify(f"{state.name(actor)} responded to {e.name}: {option.label}.")


def awaiting(state: GameState) -> list[tuple[Occurrence, int]]:
    return [(o, p) for o in state.occurrences if o.round == state.round for p in o.pending]
