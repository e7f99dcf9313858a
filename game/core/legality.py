"""Which moves are legal now: one checker that refuses with a reason, and the structured options built from it.

``legal_moves`` lists each legal move kind with the parameters it allows (which
measures, addressees, terms), not every combination, so a UI can build a
composer from it and the list stays small.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from game.core import agreements, events, inspections, phases
from game.core.errors import IllegalMove
from game.core.moves import (
    FACILITATOR,
    FACILITATOR_KINDS,
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
from game.core.spec import DIALOGUE_KINDS, Measure, Scenario
from game.core.state import ACTIVE, PROPOSED, Agreement, GameState

ADJUSTABLE = ("tension", "trust:A:B", "capital:A", "posture:A", "security:A")
HUMAN = "human"
CUSTOM_TENSION = 30.0  # the most a facilitator's own event moves tension either way (a deck event may do more)
# A controller is "human" or an AI persona name with an optional level; which personas exist is the AI
# layer's business (the core only records the hand-over), so the core checks the form only.
_CONTROLLER = re.compile(r"[a-z][a-z0-9_]{0,39}(:[a-z]{1,10})?")


@dataclass(frozen=True)
class MoveOption:
    """A legal move kind and the choices it allows; ``choices`` is plain JSON-able data."""

    kind: str
    choices: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.choices}


def _actor(state: GameState, actor_id: str) -> int:
    i = state.index.get(actor_id)
    if i is None:
        raise IllegalMove("unknown_actor", f"There is no actor '{actor_id}'; actors: {', '.join(state.ids)}")
    return i


def _agreement(state: GameState, agreement_id: str) -> Agreement:
    a = state.agreement(agreement_id)
    if a is None:
        raise IllegalMove("unknown_agreement", f"There is no agreement or proposal '{agreement_id}'")
    return a


def _addressees(state: GameState, actor: int, to: tuple[str, ...], limit: int) -> tuple[int, ...]:
    if not to:
        raise IllegalMove("bad_addressee", "Name at least one addressee")
    if len(set(to)) != len(to):
        raise IllegalMove("bad_addressee", "An addressee is named twice")
    idx = tuple(_actor(state, t) for t in to)
    if actor in idx:
        raise IllegalMove("bad_addressee", f"{state.name(actor)} cannot address itself")
    if len(idx) > limit:
        raise IllegalMove("bad_addressee", f"At most {limit} addressees are allowed here, not {len(idx)}")
    return idx


def _bound_by_terms(state: GameState, actor: int) -> bool:
    """Only states carry obligations, so only a state can offer one-sided terms."""
    return state.scenario.actors[actor].kind == "state"


def _reciprocity(state: GameState, m: Measure, initiator: int) -> list[str]:
    return [r for r in m.reciprocity if r != "one_sided" or _bound_by_terms(state, initiator)]


def terms_problem(m: Measure, reciprocity: str, duration: int, verification: str) -> str | None:
    """Why these terms are not allowed for the measure, or None."""
    if reciprocity not in m.reciprocity:
        return f"{m.name} allows terms: {', '.join(m.reciprocity)}; not '{reciprocity}'"
    if duration not in m.durations:
        return f"{m.name} may last {', '.join(map(str, m.durations))} rounds; not {duration}"
    if verification != "none" and verification not in m.detection:
        return f"{m.name} can be verified by {', '.join([*m.detection, 'none'])}; not '{verification}'"
    return None


def _turn(state: GameState, actor: int, move: Move) -> None:
    """Refuse a move in the wrong phase or out of turn."""
    phase = phases.PHASES[state.phase]
    if move.kind not in phase.kinds:
        verb = move.kind.replace("_", " ")
        raise IllegalMove("wrong_phase", f"{state.name(actor)} cannot {verb} now: it is the {state.phase} phase")
    owner = phases.to_move(state)
    if owner != actor:
        waiting = f"it is {state.name(owner)}'s turn" if owner is not None else "no one is to move"
        raise IllegalMove("not_your_turn", f"{state.name(actor)} cannot act now: {waiting}")
    if (
        state.phase == "verification"
        and inspections.pending(state) is not None
        and move.kind in ("pass", "request_inspection")
    ):
        raise IllegalMove("answer_first", f"{state.name(actor)} must first answer the inspection request")


def check(state: GameState, move: Move) -> None:
    """Raise ``IllegalMove`` if ``move`` is not legal now; never changes the state."""
    if state.ending is not None:
        raise IllegalMove("game_over", f"The game is over ({state.ending.replace('_', ' ')}); no more moves")
    if move.kind in FACILITATOR_KINDS:
        if move.actor != FACILITATOR:
            raise IllegalMove("not_facilitator", f"Only the facilitator may {move.kind.replace('_', ' ')}")
        _check_facilitator(state, move)
        return
    if move.actor == FACILITATOR:
        raise IllegalMove("not_an_actor", f"The facilitator cannot {move.kind.replace('_', ' ')}; only actors can")
    actor = _actor(state, move.actor)
    if state.paused:
        raise IllegalMove("paused", f"{state.name(actor)} cannot act now: the facilitator has paused the game")
    _turn(state, actor, move)
    name = state.name(actor)

    if isinstance(move, Pass):
        return
    if isinstance(move, Dialogue | Propose | Withdraw) and state.actions >= state.scenario.rules.actions_per_turn:
        raise IllegalMove(
            "turn_limit", f"{name} has made {state.actions} moves this turn, the most allowed; it must pass"
        )
    if isinstance(move, Dialogue):
        if move.act not in DIALOGUE_KINDS:
            raise IllegalMove("unknown_act", f"Unknown statement '{move.act}'; statements: {', '.join(DIALOGUE_KINDS)}")
        _addressees(state, actor, move.to, state.n - 1)
        cost = getattr(state.scenario.dialogue, move.act).cost
        if state.capital[actor] < cost:
            raise IllegalMove("insufficient_capital", f"{name} has {state.capital[actor]} capital; this costs {cost}")
    elif isinstance(move, Propose):
        m = agreements.measure(state, move.measure)
        if m is None:
            known = ", ".join(x.id for x in state.scenario.measures)
            raise IllegalMove("unknown_measure", f"There is no measure '{move.measure}'; measures: {known}")
        _addressees(state, actor, move.to, m.max_parties - 1)
        problem = terms_problem(m, move.reciprocity, move.duration, move.verification)
        if problem:
            raise IllegalMove("bad_terms", problem)
        if move.reciprocity == "one_sided" and not _bound_by_terms(state, actor):
            raise IllegalMove("bad_terms", f"{name} is an organisation: it has no obligations to offer one-sidedly")
        if state.capital[actor] < m.cost:
            raise IllegalMove(
                "insufficient_capital", f"{name} has {state.capital[actor]} capital; {m.name} costs {m.cost}"
            )
    elif isinstance(move, Withdraw):
        a = _agreement(state, move.agreement)
        own_proposal = a.status == PROPOSED and a.proposer == actor
        if not own_proposal and not (a.status in ACTIVE and actor in a.parties):
            raise IllegalMove("not_a_party", f"{name} can only withdraw its own proposals or agreements it is party to")
    elif isinstance(move, Accept | Reject | Counter):
        a = _agreement(state, move.agreement)
        if not agreements.pending_answer(a, actor):
            raise IllegalMove("no_answer_owed", f"{name} has no open proposal {a.id} to answer")
        if isinstance(move, Counter):
            m = agreements.measure(state, a.measure)
            assert m is not None
            if a.depth >= state.scenario.rules.counters:
                raise IllegalMove("counter_limit", f"Proposal {a.id} cannot be countered again; accept or reject it")
            problem = terms_problem(m, move.reciprocity, move.duration, move.verification)
            if problem:
                raise IllegalMove("bad_terms", problem)
            if move.reciprocity == "one_sided" and not _bound_by_terms(state, a.initiator):
                initiator = state.name(a.initiator)
                raise IllegalMove("bad_terms", f"{initiator} is an organisation: one-sided terms would bind no one")
            if (move.reciprocity, move.duration, move.verification) == (a.reciprocity, a.duration, a.verification):
                raise IllegalMove("bad_terms", "A counter must change the terms; to agree as they stand, accept")
    elif isinstance(move, Comply | Defect):
        a = _agreement(state, move.agreement)
        if not agreements.owes_decision(a, actor):
            raise IllegalMove("no_decision_owed", f"{name} has no decision to make on agreement {a.id} now")
    elif isinstance(move, RequestInspection):
        a = _agreement(state, move.agreement)
        problem = inspections.may_request(state, actor, a, _actor(state, move.target))
        if problem:
            raise IllegalMove("bad_inspection", problem[0].upper() + problem[1:])
    elif isinstance(move, GrantInspection | DelayInspection | RefuseInspection):
        inspection = state.inspection(move.inspection)
        if inspection is None or inspection.answer or inspection.target != actor:
            raise IllegalMove("no_answer_owed", f"{name} has no inspection request '{move.inspection}' to answer")
    elif isinstance(move, RespondEvent):
        occurrence = state.occurrence(move.occurrence)
        if occurrence is None or occurrence.round != state.round or actor not in occurrence.pending:
            raise IllegalMove("no_answer_owed", f"{name} has no response owed to event '{move.occurrence}'")
        e = events.event(state, occurrence.event)
        assert e is not None
        options = [o.id for o in e.responses]
        if move.option not in options:
            raise IllegalMove(
                "unknown_option", f"{e.name} has no response '{move.option}'; responses: {', '.join(options)}"
            )
    else:  # pragma: no cover - every move kind is handled above
        raise IllegalMove("malformed", f"Unhandled move kind '{move.kind}'")


def adjust_target(state: GameState, target: str) -> tuple[str, tuple[int, ...]]:
    """Parse ``tension``, ``trust:A:B``, ``capital:A``, ``posture:A`` or ``security:A``."""
    parts = target.split(":")
    what, who = parts[0], parts[1:]
    arity = {"tension": 0, "trust": 2, "capital": 1, "posture": 1, "security": 1}
    if what not in arity or len(who) != arity[what]:
        raise IllegalMove("bad_target", f"Cannot adjust '{target}'; adjustable: {', '.join(ADJUSTABLE)}")
    idx = tuple(_actor(state, w) for w in who)
    if what == "trust" and idx[0] == idx[1]:
        raise IllegalMove("bad_target", "An actor's trust in itself cannot be adjusted")
    return what, idx


def _check_facilitator(state: GameState, move: Move) -> None:
    if isinstance(move, Pause) and state.paused:
        raise IllegalMove("already_paused", "The game is already paused")
    if isinstance(move, Resume) and not state.paused:
        raise IllegalMove("not_paused", "The game is not paused")
    if isinstance(move, InjectEvent) and events.event(state, move.event) is None:
        known = ", ".join(e.id for e in state.scenario.events) or "none"
        raise IllegalMove("unknown_event", f"There is no event '{move.event}' in the deck; events: {known}")
    if isinstance(move, Adjust):
        if not move.reason.strip():
            raise IllegalMove("no_reason", "An adjustment needs a reason for the record")
        what, _ = adjust_target(state, move.target)
        trust = state.scenario.trust
        bounds = {"tension": (0.0, 100.0), "trust": (trust.floor, trust.ceiling), "capital": (0.0, 100.0),
                  "posture": (0.0, 5.0), "security": (-1e6, 1e6)}  # fmt: skip
        low, high = bounds[what]
        if not (low <= move.value <= high) or math.isnan(move.value):
            raise IllegalMove("bad_value", f"{what} must be between {low:g} and {high:g}, not {move.value:g}")
        if what in ("capital", "posture") and move.value != int(move.value):
            raise IllegalMove("bad_value", f"{what} must be a whole number, not {move.value:g}")
    if isinstance(move, CustomEvent):
        if not move.name.strip() or len(move.name) > 80:
            raise IllegalMove("bad_event", "A custom event needs a name of 1 to 80 characters")
        if not move.text.strip():
            raise IllegalMove("bad_event", "A custom event needs a text telling the players what happened")
        if not -CUSTOM_TENSION <= move.tension <= CUSTOM_TENSION:
            raise IllegalMove("bad_value", f"A custom event moves tension by -{CUSTOM_TENSION:g} to "
                              f"+{CUSTOM_TENSION:g} points, not {move.tension:g}")  # fmt: skip
    if isinstance(move, AssignSeat):
        _actor(state, move.seat)
        if not _CONTROLLER.fullmatch(move.controller):
            raise IllegalMove("bad_controller", f"A seat goes to 'human' or an AI persona such as 'hardliner:hard', "
                              f"not {move.controller!r:.60}")  # fmt: skip
    if isinstance(move, EndGame | Pause) and not move.reason.strip():
        raise IllegalMove("no_reason", f"{move.kind.replace('_', ' ').capitalize()} needs a reason for the record")


_OFFERS: dict[tuple[int, int], tuple[Scenario, list[tuple[str, int, dict[str, Any]]]]] = {}


def _offers(state: GameState, actor: int) -> list[tuple[str, int, dict[str, Any]]]:
    """What ``actor`` may propose, capital aside: (measure id, cost, its choices) for each measure it can offer.

    They depend on the scenario alone, and diplomacy's legal moves are asked for several times a turn, so they
    are built once per scenario and actor (and shared read-only by every answer)."""
    key = (id(state.scenario), actor)
    cached = _OFFERS.get(key)
    if cached is None or cached[0] is not state.scenario:
        others = [state.ids[j] for j in range(state.n) if j != actor]
        offers = [
            (m.id, m.cost, {"cost": m.cost, "to": others, "max_to": min(len(others), m.max_parties - 1),
                            "reciprocity": _reciprocity(state, m, actor), "durations": list(m.durations),
                            "verification": [*m.detection, "none"]})
            for m in state.scenario.measures
            if _reciprocity(state, m, actor)
        ]  # fmt: skip
        cached = _OFFERS[key] = (state.scenario, offers)
    return cached[1]


def legal_moves(state: GameState, actor_id: str) -> list[MoveOption]:
    """The moves ``actor_id`` (or ``"facilitator"``) may make now, with the choices each allows.

    The options are read-only: parts of them may be shared with later answers, so copy before changing.
    """
    if state.ending is not None:
        return []
    if actor_id == FACILITATOR:
        options = [MoveOption("resume")] if state.paused else [MoveOption("pause")]
        options.append(MoveOption("inject_event", {"events": [e.id for e in state.scenario.events]}))
        options.append(MoveOption("custom_event", {"tension": [-CUSTOM_TENSION, CUSTOM_TENSION]}))
        options.append(MoveOption("adjust", {"targets": list(ADJUSTABLE)}))
        options.append(MoveOption("assign_seat", {"seats": list(state.ids)}))
        options.append(MoveOption("end_game"))
        return options
    actor = state.index.get(actor_id)
    if actor is None or state.paused or phases.to_move(state) != actor:
        return []
    phase = state.phase
    capital = state.capital[actor]
    others = [state.ids[j] for j in range(state.n) if j != actor]
    if phase == "diplomacy":
        options = []
        if state.actions < state.scenario.rules.actions_per_turn:
            acts = {k: getattr(state.scenario.dialogue, k).cost for k in DIALOGUE_KINDS}
            affordable = {k: c for k, c in acts.items() if c <= capital}
            if affordable:
                options.append(MoveOption("dialogue", {"acts": affordable, "to": others}))
            measures = {measure_id: terms for measure_id, cost, terms in _offers(state, actor) if cost <= capital}
            if measures:
                options.append(MoveOption("propose", {"measures": measures}))
            mine = [a.id for a in state.agreements if (a.status == PROPOSED and a.proposer == actor)
                    or (a.status in ACTIVE and actor in a.parties)]  # fmt: skip
            if mine:
                options.append(MoveOption("withdraw", {"agreements": mine}))
        options.append(MoveOption("pass"))
        return options
    if phase == "responses":
        owed = [a for a in state.agreements if agreements.pending_answer(a, actor)]
        ids = [a.id for a in owed]
        options = [MoveOption("accept", {"agreements": ids}), MoveOption("reject", {"agreements": ids})]
        counterable = {}
        for a in owed:
            m = agreements.measure(state, a.measure)
            if m is None or a.depth >= state.scenario.rules.counters:
                continue
            terms: dict[str, list[Any]] = {"reciprocity": _reciprocity(state, m, a.initiator), "durations": list(m.durations),
                     "verification": [*m.detection, "none"]}  # fmt: skip
            # A counter must change something: the current terms are the one combination left out. (There is
            # always another: verification offers at least one inspection type and "none".)
            counterable[a.id] = {**terms, "unchanged": [a.reciprocity, a.duration, a.verification]}
        if counterable:
            options.append(MoveOption("counter", {"agreements": counterable}))
        return options
    if phase == "implementation":
        ids = [a.id for a in agreements.undecided(state, actor)]
        return [MoveOption("comply", {"agreements": ids}), MoveOption("defect", {"agreements": ids})]
    if phase == "verification":
        pending = inspections.pending(state)
        if pending is not None:
            ids = [pending.id]
            return [
                MoveOption(k, {"inspections": ids})
                for k in ("grant_inspection", "delay_inspection", "refuse_inspection")
            ]
        requests = [
            {"agreement": a.id, "target": state.ids[t], "method": a.verification,
             "cost": inspections.method(state, a.verification).cost}  # type: ignore[union-attr]
            for a in state.agreements if a.status in ACTIVE and a.verification != "none"
            for t in a.committed() if inspections.may_request(state, actor, a, t) is None
        ]  # fmt: skip
        options = [MoveOption("request_inspection", {"requests": requests})] if requests else []
        return [*options, MoveOption("pass")]
    if phase == "events":
        responses: dict[str, list[str]] = {}
        for occurrence, p in events.awaiting(state):
            if p == actor:
                e = events.event(state, occurrence.event)
                assert e is not None
                responses[occurrence.id] = [o.id for o in e.responses]
        return [MoveOption("respond_event", {"occurrences": responses})]
    return []
