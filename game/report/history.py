"""One replay pass that gathers what the debrief needs: the timeline, the turning points and each agreement's fate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.core.session import LogEntry
from game.core.spec import Scenario
from game.core.state import SETTLED, GameState
from game.report.replay import replay
from game.report.timeline import Sample, sample
from game.report.turning import TurningPoint, Watcher


@dataclass(frozen=True, slots=True)
class History:
    """``fates[agreement id]`` lists its status changes as (step, round, status), the first being how it began."""

    samples: list[Sample]
    turning_points: list[TurningPoint]
    fates: dict[str, list[tuple[int, int, str]]]
    final: GameState


def history(scenario: Scenario, seed: int, log: Sequence[LogEntry]) -> History:
    """Replay ``log`` once and gather its timeline, turning points and agreement fates.

    >>> h = history(session.scenario, session.seed, session.log)  # doctest: +SKIP
    >>> h.fates["a1"]                                             # doctest: +SKIP
    [(0, 1, 'in_force'), (40, 1, 'expired')]
    """
    samples: list[Sample] = []
    points: list[TurningPoint] = []
    fates: dict[str, list[tuple[int, int, str]]] = {}
    open_: list[int] = []  # agreements whose status may still change
    watcher: Watcher | None = None
    state: GameState | None = None
    for entry, state in replay(scenario, seed, log):
        step, round_ = (entry.step, entry.round) if entry else (0, state.round)
        samples.append(sample(step, state))
        if entry is None:
            watcher = Watcher(state)
        else:
            assert watcher is not None
            points += watcher.see(entry, state)
        for k in range(len(fates), len(state.agreements)):
            fates[state.agreements[k].id] = [(step, round_, state.agreements[k].status)]
            open_.append(k)
        still_open = []
        for k in open_:
            a = state.agreements[k]
            if fates[a.id][-1][2] != a.status:
                fates[a.id].append((step, round_, a.status))
            if a.status not in SETTLED:
                still_open.append(k)
        open_ = still_open
    assert state is not None
    return History(samples, sorted(points, key=lambda p: p.step), fates, state)
