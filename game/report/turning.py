"""Turning points: the moments of a game worth stopping at in the debrief, picked out by replaying its log.

A turning point is found by comparing the state before and after each move:

- ``violation_detected``: an inspection found a violation the inspected party had really committed;
- ``false_alarm``: an inspection reported a violation although the party had complied;
- ``inspection_refused``: a party refused an inspection (and what it was hiding, if anything);
- ``crisis_defused``: an event struck while a measure in force softened it (its ``factor`` below 1);
- ``agreement_withdrawn``: a party left an agreement in force;
- ``rung_change``: a round ended on another rung of the ladder than it began on, or tension touched a higher
  rung than both in the middle of a round (reported at the move that took it there); tension moving up and down
  across a line within a round is not a turning point by itself;
- ``facilitator``: the white cell injected an event, set a value, handed over a seat or ended the game;
- ``ending``: the game ended, and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.core.moves import FACILITATOR
from game.core.session import LogEntry
from game.core.spec import Measure, Scenario
from game.core.state import GameState
from game.report.replay import replay
from game.report.wording import Names, ending_label, percent

KINDS = (
    "violation_detected",
    "false_alarm",
    "inspection_refused",
    "crisis_defused",
    "agreement_withdrawn",
    "rung_change",
    "facilitator",
    "ending",
)
_QUIET_FACILITATOR_MOVES = frozenset({"pause", "resume"})  # bookkeeping, not a turn in the game


@dataclass(frozen=True, slots=True)
class TurningPoint:
    """Something that turned the game at move ``step`` of round ``round`` (the round the move was made in)."""

    step: int
    round: int
    kind: str
    text: str


class Watcher:
    """Finds turning points move by move: give it the start state, then every (entry, state after it) in order.

    A higher rung touched in the middle of a round is only known to be a turning point when the round ends, so
    ``see`` may return a point for an earlier step of the same round: sort by step when you gather them.
    """

    def __init__(self, start: GameState) -> None:
        self.rung = start.rung()  # the rung the current round began on
        self.peak: tuple[int, TurningPoint] | None = None  # the highest rung above it touched so far this round
        self.ended = start.ending is not None
        self.inspections = 0  # those before this index are answered (a request is answered before the next)
        self.occurrences = len(start.occurrences)

    def see(self, entry: LogEntry, state: GameState) -> list[TurningPoint]:
        found: list[tuple[str, str]] = []
        move = entry.move
        if move.actor == FACILITATOR and move.kind not in _QUIET_FACILITATOR_MOVES:
            found.append(("facilitator", f"The facilitator {Names(state).move(move)}."))
        if move.kind == "withdraw":
            found += self._withdrawal(state, entry)
        found += self._inspections(state)
        found += self._events(state)
        earlier = self._peak(state, entry)
        found += self._round_end(state, entry)
        if state.ending is not None and not self.ended:
            self.ended = True
            reason = f" ({state.end_reason})" if state.end_reason else ""
            found.append(("ending", f"The game ended in {ending_label(state.ending)} in round {state.round}{reason}."))
        return earlier + [TurningPoint(entry.step, entry.round, kind, text) for kind, text in found]

    def _withdrawal(self, state: GameState, entry: LogEntry) -> list[tuple[str, str]]:
        a = state.agreement(getattr(entry.move, "agreement", ""))
        if a is None or not a.parties:  # a proposal withdrawn before anyone signed
            return []
        who = _who(state, entry.move.actor)
        text = f"{who} withdrew from agreement {a.id} ({_measure(state, a.measure).name}), in force since round {a.started}."
        return [("agreement_withdrawn", text)]

    def _inspections(self, state: GameState) -> list[tuple[str, str]]:
        found = []
        while self.inspections < len(state.inspections):
            i = state.inspections[self.inspections]
            if not i.answer:
                break
            self.inspections += 1
            a = state.agreement(i.agreement)
            assert a is not None
            target, requester = state.name(i.target), state.name(i.requester)
            measure = _measure(state, a.measure)
            what = f"agreement {a.id} ({measure.name})"
            inspection = f"Inspection {i.id} ({_method_name(state, i.method)}), requested by {requester},"
            defected = (i.round, i.target, "defect") in a.history
            if i.answer == "refused":
                if defected:
                    chance = percent(measure.detection.get(i.method, 0.0))
                    hidden = f"it had defected that round, and the inspection would have caught it with chance {chance}"
                else:
                    hidden = "it had complied that round, so the refusal hid nothing and cost it trust"
                found.append(("inspection_refused",
                              f"{target} refused inspection {i.id} ({_method_name(state, i.method)}) requested by "
                              f"{requester} under {what} in round {i.round}: {hidden}."))  # fmt: skip
            elif i.result == "violation":
                delay = " after a delay" if i.answer == "delayed" else ""
                if defected:
                    found.append(("violation_detected",
                                  f"{inspection} caught {target} breaking {what} in round {i.round}{delay}; "
                                  "the agreement is broken."))  # fmt: skip
                else:
                    found.append(("false_alarm",
                                  f"{inspection} reported {target} in violation of {what} in round {i.round}{delay}, "
                                  f"but {target} had complied: a false alarm broke the agreement."))  # fmt: skip
        return found

    def _events(self, state: GameState) -> list[tuple[str, str]]:
        found = []
        for o in state.occurrences[self.occurrences :]:
            e = next(x for x in state.scenario.events if x.id == o.event)
            rise, losses = e.effects.tension > 0, any(c.delta < 0 for c in e.effects.trust)
            if o.factor >= 1.0 or not (rise or losses):
                continue  # not softened, or nothing to soften
            names = ", ".join(state.name(state.index[a]) for a in e.actors)
            # The softener with the lowest factor in force set it; softeners with that factor are the candidates.
            by = " or ".join(_measure(state, s.measure).name for s in e.softened_by if s.factor == o.factor)
            if rise:
                cut = f"tension rose by {e.effects.tension * o.factor:.1f} instead of {e.effects.tension:.1f}"
            else:
                cut = f"trust losses were cut to {percent(o.factor)}"
            found.append(
                ("crisis_defused", f"{e.name} ({names}) struck in round {o.round} while {by} was in force: {cut}.")
            )
        self.occurrences = len(state.occurrences)
        return found

    def _peak(self, state: GameState, entry: LogEntry) -> list[TurningPoint]:
        """Remember the highest rung touched this round; when the round ends below it, it was a turning point."""
        rung = state.rung()
        if rung > self.rung and (self.peak is None or rung > self.peak[0]):
            name = state.scenario.tension.rungs[rung].name
            cause = f"after {_who(state, entry.move.actor)} {Names(state).move(entry.move)}"
            if state.phase == "events" and entry.phase != "events":
                cause += ", as the round's events struck"
            text = f"Tension touched {name} ({state.tension:.1f}) in round {entry.round}, {cause}."
            self.peak = (rung, TurningPoint(entry.step, entry.round, "rung_change", text))
        if not self._closed(state, entry) or self.peak is None:
            return []
        peak, self.peak = self.peak, None
        return [peak[1]] if peak[0] > rung else []

    def _round_end(self, state: GameState, entry: LogEntry) -> list[tuple[str, str]]:
        if not self._closed(state, entry):
            return []
        rungs, rung = state.scenario.tension.rungs, state.rung()
        start, self.rung = self.rung, rung
        if rung == start:
            return []
        verb = "up" if rung > start else "down"
        return [("rung_change", f"Round {entry.round} ended on {rungs[rung].name} ({state.tension:.1f}), "
                                f"{verb} from {rungs[start].name} at its start.")]  # fmt: skip

    @staticmethod
    def _closed(state: GameState, entry: LogEntry) -> bool:
        """Did this move close its round (the next has begun, or the game is over)?"""
        return state.round > entry.round or state.ending is not None


def _who(state: GameState, actor: str) -> str:
    return state.name(state.index[actor]) if actor in state.index else "the facilitator"


def _measure(state: GameState, measure_id: str) -> Measure:
    return next(m for m in state.scenario.measures if m.id == measure_id)


def _method_name(state: GameState, method_id: str) -> str:
    return next((t.name for t in state.scenario.inspections.types if t.id == method_id), method_id)


def turning_points(scenario: Scenario, seed: int, log: Sequence[LogEntry]) -> list[TurningPoint]:
    """The game's turning points in step order (several may share a step).

    >>> [p.kind for p in turning_points(scenario, 7, session.log)]  # doctest: +SKIP
    ['crisis_defused', 'rung_change', 'violation_detected', 'ending']
    """
    points: list[TurningPoint] = []
    watcher: Watcher | None = None
    for entry, state in replay(scenario, seed, log):
        if entry is None:
            watcher = Watcher(state)
        else:
            assert watcher is not None
            points += watcher.see(entry, state)
    return sorted(points, key=lambda p: p.step)  # stable: points of one step keep the order they were found in
