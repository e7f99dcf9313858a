"""Plain words for the report: actors, agreements, moves, controllers and endings, named as players know them."""

from __future__ import annotations

from typing import Any

from game.core.moves import FACILITATOR, Move
from game.core.state import GameState

_ACTS = {
    "reassure": "reassured",
    "clarify": "clarified its position to",
    "raise_concern": "raised a concern with",
    "accuse": "accused",
    "propose_consultations": "proposed consultations with",
    "express_regret": "expressed regret to",
}
_ANSWERS = {"grant_inspection": "granted", "delay_inspection": "delayed", "refuse_inspection": "refused"}
ENDINGS = {
    "stability": "stability",
    "stalemate": "stalemate",
    "collective_failure": "collective failure",
}
STATUSES = {
    "proposed": "proposed",
    "countered": "countered",
    "rejected": "rejected",
    "in_force": "in force",
    "suspected": "suspected",
    "violated": "violated",
    "expired": "expired",
    "withdrawn": "withdrawn",
}


def controller_label(controller: str) -> str:
    """``"human"`` → "human player"; ``"hardliner:hard"`` → "AI: hardliner (hard)"."""
    if controller == "human":
        return "human player"
    name, _, level = controller.partition(":")
    return f"AI: {name} ({level})" if level else f"AI: {name}"


def ending_label(ending: str | None) -> str:
    if ending is None:
        return "not over"
    return ENDINGS.get(ending, ending.replace("_", " "))


def percent(p: float) -> str:
    return f"{100 * p:.0f}%"


class Names:
    """Names of everything a log refers to, looked up in a game's final state (records are never removed)."""

    def __init__(self, state: GameState) -> None:
        scenario = state.scenario
        self.actors = {a.id: a.name for a in scenario.actors}
        self.measures = {m.id: m.name for m in scenario.measures}
        self.methods = {t.id: t.name for t in scenario.inspections.types}
        self.events = {e.id: e for e in scenario.events}
        self.agreements = {a.id: a.measure for a in state.agreements}
        self.inspections = {i.id: i for i in state.inspections}
        self.occurrences = {o.id: o.event for o in state.occurrences}
        self.ids = state.ids

    def actor(self, actor_id: str) -> str:
        if actor_id == FACILITATOR:
            return "The facilitator"
        return self.actors.get(actor_id, actor_id)

    def index(self, i: int) -> str:
        return self.actor(self.ids[i])

    def all(self, actor_ids: Any) -> str:
        names = [self.actor(a) for a in actor_ids]
        if len(names) < 2:
            return "".join(names) or "nobody"
        return ", ".join(names[:-1]) + " and " + names[-1]

    def measure(self, measure_id: str) -> str:
        return self.measures.get(measure_id, measure_id)

    def method(self, method_id: str) -> str:
        return "no inspections" if method_id == "none" else self.methods.get(method_id, method_id)

    def agreement(self, agreement_id: str) -> str:
        """``"a3 (Hotline)"``."""
        measure = self.agreements.get(agreement_id)
        return f"{agreement_id} ({self.measure(measure)})" if measure else agreement_id

    def terms(self, reciprocity: str, duration: int, verification: str) -> str:
        sides = "one-sided" if reciprocity == "one_sided" else "reciprocal"
        regime = "unverified" if verification == "none" else f"verified by {self.method(verification)}"
        return f"{sides}, {duration} rounds, {regime}"

    def event(self, event_id: str) -> str:
        e = self.events.get(event_id)
        return e.name if e else event_id

    def adjusted(self, target: str) -> str:
        """A facilitator's adjustment target in words: ``trust:aa:bb`` → "how far Arland trusts Borduria"."""
        what, *who = target.split(":")
        if what == "trust" and len(who) == 2:
            return f"how far {self.actor(who[0])} trusts {self.actor(who[1])}"
        if who:
            return f"the {what} of {self.actor(who[0])}"
        return what

    def move(self, move: Move) -> str:
        """What a move did, after its actor's name: "proposed Hotline to Borduria (reciprocal, 3 rounds, ...)"."""
        d = move.to_dict()
        kind = d["kind"]
        if kind == "pass":
            return "passed"
        if kind == "dialogue":
            return f"{_ACTS.get(d['act'], d['act'].replace('_', ' '))} {self.all(d['to'])}"
        if kind == "propose":
            terms = self.terms(d["reciprocity"], d["duration"], d["verification"])
            return f"proposed {self.measure(d['measure'])} to {self.all(d['to'])} ({terms})"
        if kind == "counter":
            terms = self.terms(d["reciprocity"], d["duration"], d["verification"])
            return f"countered {self.agreement(d['agreement'])} with {terms}"
        if kind in ("withdraw", "accept", "reject"):
            verb = {"withdraw": "withdrew from", "accept": "accepted", "reject": "rejected"}[kind]
            return f"{verb} {self.agreement(d['agreement'])}"
        if kind == "comply":
            return f"complied with {self.agreement(d['agreement'])}"
        if kind == "defect":
            return f"secretly defected from {self.agreement(d['agreement'])}"
        if kind == "request_inspection":
            return f"asked to inspect {self.actor(d['target'])} under {self.agreement(d['agreement'])}"
        if kind in _ANSWERS:
            inspection = self.inspections.get(d["inspection"])
            about = f" under {self.agreement(inspection.agreement)}" if inspection else ""
            return f"{_ANSWERS[kind]} inspection {d['inspection']}{about}"
        if kind == "respond_event":
            event_id = self.occurrences.get(d["occurrence"], "")
            e = self.events.get(event_id)
            label = next((o.label for o in e.responses if o.id == d["option"]), d["option"]) if e else d["option"]
            return f"responded to {self.event(event_id)}: {label}"
        if kind == "inject_event":
            return f"injected the event {self.event(d['event'])}"
        if kind == "custom_event":
            change = f" (tension {d['tension']:+g})" if d["tension"] else ""
            return f"brought in an event of their own, {d['name']}: {d['text']}{change}"
        if kind == "adjust":
            return f"set {self.adjusted(d['target'])} to {d['value']:g}: {d['reason']}"
        if kind == "pause":
            return f"paused the game: {d['reason']}"
        if kind == "resume":
            return "resumed the game"
        if kind == "assign_seat":
            name, _, level = d["controller"].partition(":")
            who = "a human player" if name == "human" else f"the {name} AI" + (f" ({level})" if level else "")
            return f"handed {self.actor(d['seat'])} to {who}"
        if kind == "end_game":
            return f"ended the game: {d['reason']}"
        rest = ", ".join(f"{k}={v}" for k, v in d.items() if k not in ("kind", "actor"))
        return f"{kind.replace('_', ' ')} ({rest})" if rest else kind.replace("_", " ")
