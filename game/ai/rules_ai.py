"""The rule-based personas: one decision procedure, set by a persona's parameters.

Cooperative, Hardliner, Reciprocator, Grudger, GRIT and Opportunist differ only
in their numbers (see game/data/personas.yaml). Every decision reads the seat's
view and legal moves only, and carries a rationale in plain words.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from game.ai.simple import Decision, seeded
from game.ai.turn import Turn
from game.core.moves import (
    Accept,
    Comply,
    Counter,
    Defect,
    DelayInspection,
    Dialogue,
    GrantInspection,
    Pass,
    Propose,
    RefuseInspection,
    Reject,
    RequestInspection,
    RespondEvent,
)


class Reading:
    """What a persona makes of its view: trust, records, grudges and the bar proposals must clear."""

    def __init__(self, turn: Turn, p: Mapping[str, float], rng: random.Random) -> None:
        view = turn.view
        self.view = view
        self.me = turn.seat
        self.p = p
        self.rng = rng
        mine = next(a for a in view["actors"] if a["id"] == self.me)
        self.trust: dict[str, float] = mine["trust"]
        self.names = {a["id"]: a["name"] for a in view["actors"]}
        self.round: int = view["round"]
        rounds: int = view["rounds"]
        self.progress = (self.round - 1) / (rounds - 1) if rounds > 1 else 1.0
        self.record: dict[str, dict[str, int]] = view["record"]
        self.catalogue: dict[str, Any] = view["catalogue"]
        self.agreements = {a["id"]: a for a in view["agreements"]}
        self.suspicious = {x["about"] for x in view.get("intel", []) if x["round"] == self.round and x["suspicious"]}
        self._hostile: dict[str, str | None] = {}

    def bar(self) -> float:
        """The trust an actor must have earned for this persona to deal with it now (falls as the game ages)."""
        p = self.p
        return p["trust_threshold"] * (1.0 - p["concession"] * self.progress ** p["curve"])

    def caught(self, actor: str) -> bool:
        return self.record[actor]["violations_found"] > 0

    def misbehaved_lately(self, actor: str) -> bool:
        """A violation found or an inspection refused in the last round or this one, or intelligence says so."""
        last = self.record[actor]["last_bad_round"]  # 0: never
        return (last > 0 and last >= self.round - 1) or actor in self.suspicious

    def hostile(self, actor: str) -> str | None:
        """Why this persona will not cooperate with ``actor`` now, or None (decided once per decision)."""
        if actor not in self._hostile:
            reason = None
            if self.p["grudge"] and self.caught(actor):
                reason = f"it never deals with {self.names[actor]} again after its violation was found"
            elif self.p["reciprocate"] and self.misbehaved_lately(actor) and self.rng.random() >= self.p["forgiveness"]:
                reason = f"tit-for-tat: {self.names[actor]} misbehaved last round"
            self._hostile[actor] = reason
        return self._hostile[actor]

    def chance_inspected(self) -> float:
        """How often this seat was inspected lately (a public record): the share of the last three rounds."""
        past = [r for r in range(max(1, self.round - 3), self.round)]
        if not past:
            return 0.5
        hit = {i["round"] for i in self.view["inspections"] if i["target"] == self.me and i["round"] in past}
        return len(hit) / len(past)


class RulesAI:
    """A persona that decides by rules set by its parameters."""

    def __init__(self, name: str, params: Mapping[str, float]) -> None:
        self.name = name
        self.p = dict(params)

    def decide(self, turn: Turn) -> Decision:
        rng = seeded(turn.seed, turn.step, turn.seat)
        c = turn.choices()
        r = Reading(turn, self.p, rng)
        if "accept" in c:
            return self._respond(r, c)
        if "comply" in c:
            return self._implement(r, c["comply"]["agreements"][0])
        if "grant_inspection" in c:
            return self._answer(r, c["grant_inspection"]["inspections"][0])
        if "respond_event" in c:
            return self._event(r, c["respond_event"]["occurrences"])
        if r.view["phase"] == "verification":
            return self._inspect(r, c.get("request_inspection", {}).get("requests", []))
        return self._diplomacy(r, c)

    # --- diplomacy ---------------------------------------------------------------------------------------------

    def _diplomacy(self, r: Reading, c: dict[str, dict[str, Any]]) -> Decision:
        p, rng = self.p, r.rng
        actions = r.view["actions"]
        others = [a for a in r.trust]
        if "dialogue" in c and actions == 0 and rng.random() < p["talk"]:
            statement = self._statement(r, c["dialogue"], others)
            if statement is not None:
                return statement
        proposed = any(a["proposer"] == r.me and a["round_proposed"] == r.round for a in r.agreements.values())
        if "propose" in c and not proposed and rng.random() < p["activity"]:
            proposal = self._proposal(r, c["propose"]["measures"])
            if proposal is not None:
                return proposal
        return Decision(Pass(r.me), "has said and offered what it wanted this turn")

    def _statement(self, r: Reading, option: dict[str, Any], others: list[str]) -> Decision | None:
        acts = option["acts"]
        hostile = [a for a in others if r.hostile(a)]
        if hostile:
            target = min(hostile, key=lambda a: (r.trust[a], a))
            act = "accuse" if r.caught(target) and "accuse" in acts else "raise_concern"
            if act in acts:
                return Decision(Dialogue(r.me, act, (target,)),
                                f"{act.replace('_', ' ')} towards {r.names[target]}: {r.hostile(target) or 'it misbehaved'}")  # fmt: skip
        if self.p["one_sided"] > 0 and "reassure" in acts:
            target = min(others, key=lambda a: (r.trust[a], a))
            return Decision(Dialogue(r.me, "reassure", (target,)),
                            f"announced its next unilateral step to {r.names[target]}, whom it trusts least ({r.trust[target]:.2f})")  # fmt: skip
        if self.p["escalation"] >= 0.7 and "raise_concern" in acts:
            target = min(others, key=lambda a: (r.trust[a], a))
            return Decision(Dialogue(r.me, "raise_concern", (target,)),
                            f"raised concerns with {r.names[target]}: trust {r.trust[target]:.2f} is low")  # fmt: skip
        friendly = [a for a in ("propose_consultations", "clarify", "reassure") if a in acts]
        if not friendly:
            return None
        act = friendly[0] if r.rng.random() < 0.5 else r.rng.choice(friendly)
        target = min(others, key=lambda a: (r.trust[a], a))
        return Decision(Dialogue(r.me, act, (target,)),
                        f"chose to {act.replace('_', ' ')} with {r.names[target]} to mend trust ({r.trust[target]:.2f})")  # fmt: skip

    def _proposal(self, r: Reading, measures: dict[str, dict[str, Any]]) -> Decision | None:
        p, rng, cat = self.p, r.rng, r.catalogue["measures"]
        grit = rng.random() < p["one_sided"]

        def appeal(mid: str) -> float:
            m = cat[mid]
            strongest = max(m["detection"].values())
            score = m["sign_trust"] * 10 - m["sign_tension"] / 5 + rng.random()
            if p["verification"] >= 0.5:
                score += 2 * strongest
            if p["watched"]:
                score += (m["defect_gain"] - m["comply_cost"]) - 2 * strongest
            return score

        usable = [mid for mid, o in measures.items()
                  if not grit or ("one_sided" in o["reciprocity"] and cat[mid]["comply_cost"] <= p["core_security"])]  # fmt: skip
        if not usable:
            grit = False
            usable = list(measures)
        mid = max(sorted(usable), key=appeal)
        o = measures[mid]
        candidates = [a for a in o["to"] if not r.hostile(a)]
        if not candidates:
            return None
        if grit:
            to = (min(candidates, key=lambda a: (r.trust[a], a)),)
        else:
            best = max(candidates, key=lambda a: (r.trust[a], a))
            if r.trust[best] < r.bar() and not p["watched"]:
                return None
            to = (best,)
        rec = "one_sided" if grit and "one_sided" in o["reciprocity"] else (
            "reciprocal" if "reciprocal" in o["reciprocity"] else o["reciprocity"][0])  # fmt: skip
        durations = sorted(o["durations"])
        duration = durations[0] if p["verification"] >= 0.9 else durations[-1] if p["concession"] >= 0.5 else (
            durations[len(durations) // 2])  # fmt: skip
        regimes = [v for v in o["verification"] if v != "none"]
        detection = cat[mid]["detection"]
        if p["watched"] and "none" in o["verification"]:
            verification = "none"
        elif regimes and (grit or rng.random() < p["verification"]):
            verification = max(regimes, key=lambda v: (detection.get(v, 0.0), v))
        else:
            verification = "none" if "none" in o["verification"] else regimes[0]
        move = Propose(r.me, mid, to, rec, duration, verification)
        if grit:
            why = "a unilateral, verifiable step" if verification != "none" else "a unilateral step"
        else:
            why = f"trusts {r.names[to[0]]} {r.trust[to[0]]:.2f}"
        checked = "unverified" if verification == "none" else f"verified by {verification.replace('_', ' ')}"
        return Decision(move, f"proposed {cat[mid]['name']} to {r.names[to[0]]} ({why}; {checked})")

    # --- responses ---------------------------------------------------------------------------------------------

    def _respond(self, r: Reading, c: dict[str, dict[str, Any]]) -> Decision:
        p = self.p
        aid = c["accept"]["agreements"][0]
        a = r.agreements[aid]
        proposer = a["proposer"]
        who, t, bar = r.names[proposer], r.trust[proposer], r.bar()
        for other in [proposer, *(x for x in a["addressees"] if x != r.me)]:
            grudge = r.hostile(other)
            if grudge:
                return Decision(Reject(r.me, aid), f"rejected {aid}: {grudge}")
        if t < bar and not p["watched"]:
            return Decision(
                Reject(r.me, aid), f"rejected {aid}: trust in {who} {t:.2f} is below its threshold {bar:.2f}"
            )
        detection = r.catalogue["measures"][a["measure"]]["detection"]
        if p["verification"] >= 0.5 and a["verification"] == "none" and detection:
            counter = c.get("counter", {}).get("agreements", {}).get(aid)
            regimes = [v for v in (counter or {}).get("verification", []) if v != "none"]
            if counter and regimes:
                best = max(regimes, key=lambda v: (detection.get(v, 0.0), v))
                terms = (a["reciprocity"], a["duration"], best)
                if terms != tuple(counter["unchanged"]) and a["reciprocity"] in counter["reciprocity"]:
                    return Decision(Counter(r.me, aid, *terms),
                                    f"countered {aid}: it signs only what can be verified, by {best.replace('_', ' ')}")  # fmt: skip
            if p["verification"] >= 0.9:
                return Decision(Reject(r.me, aid), f"rejected {aid}: no verification, and it trusts {who} only {t:.2f}")
        if p["watched"]:
            return Decision(Accept(r.me, aid), f"accepted {aid}: signing costs little and looks good")
        return Decision(Accept(r.me, aid), f"accepted {aid}: trust in {who} {t:.2f} clears its threshold {bar:.2f}")

    # --- implementation ----------------------------------------------------------------------------------------

    def _implement(self, r: Reading, aid: str) -> Decision:
        p = self.p
        a = r.agreements[aid]
        name = r.catalogue["measures"][a["measure"]]["name"]
        counterparts = [x for x in a["parties"] if x != r.me]
        for other in counterparts:
            grudge = r.hostile(other)
            if grudge:
                return Decision(Defect(r.me, aid), f"broke {name} ({aid}): {grudge}")
        if p["watched"]:
            detection = r.catalogue["measures"][a["measure"]]["detection"].get(a["verification"], 0.0)
            risk = r.chance_inspected() * detection
            if risk < p["risk_tolerance"]:
                return Decision(Defect(r.me, aid),
                                f"secretly broke {name} ({aid}): the chance of being caught, {risk:.2f}, is below "
                                f"its risk tolerance {p['risk_tolerance']:.2f}")  # fmt: skip
            return Decision(
                Comply(r.me, aid), f"honoured {name} ({aid}): the chance of being caught, {risk:.2f}, is too high"
            )
        if r.rng.random() < p["honesty"]:
            why = "reciprocating good conduct" if p["reciprocate"] else "it keeps its word"
            return Decision(Comply(r.me, aid), f"honoured {name} ({aid}): {why}")
        return Decision(Defect(r.me, aid), f"quietly broke {name} ({aid}): the gain was too tempting this time")

    # --- verification ------------------------------------------------------------------------------------------

    def _answer(self, r: Reading, iid: str) -> Decision:
        p = self.p
        inspection = next(i for i in r.view["inspections"] if i["id"] == iid)
        requester, aid = inspection["requester"], inspection["agreement"]
        a = r.agreements.get(aid, {})
        mine = [x for x in a.get("compliance", []) if x["round"] == r.round and x["party"] == r.me]
        defected = bool(mine) and mine[-1]["choice"] == "defect"
        who, t, bar = r.names[requester], r.trust[requester], r.bar()
        grudge = r.hostile(requester)
        if grudge and p["grudge"]:
            return Decision(RefuseInspection(r.me, iid), f"refused the inspection: {grudge}")
        if defected:
            if p["watched"] or r.rng.random() < 0.5:
                return Decision(
                    DelayInspection(r.me, iid), "delayed the inspection: time makes evidence harder to find"
                )
            return Decision(
                GrantInspection(r.me, iid), "granted the inspection: refusing would look worse than the risk"
            )
        if p["verification"] >= 0.9 and t < bar:
            return Decision(RefuseInspection(r.me, iid),
                            f"refused the inspection: trust in {who} {t:.2f} is below its threshold {bar:.2f}")  # fmt: skip
        return Decision(GrantInspection(r.me, iid), "granted the inspection: it has nothing to hide")

    def _inspect(self, r: Reading, requests: list[dict[str, Any]]) -> Decision:
        mine = [i for i in r.view["inspections"] if i["round"] == r.round and i["requester"] == r.me]
        if requests and not mine:

            def urge(req: dict[str, Any]) -> float:
                target = req["target"]
                bonus = 0.4 if target in r.suspicious or r.misbehaved_lately(target) else 0.0
                return min(1.0, self.p["inspect"] * (2.0 * (1.0 - r.trust.get(target, 0.5)) + bonus))

            best = max(requests, key=lambda q: (urge(q), q["target"], q["agreement"]))
            if r.rng.random() < urge(best):
                target = best["target"]
                return Decision(RequestInspection(r.me, best["agreement"], target),
                                f"asked to inspect {r.names[target]}: trust {r.trust.get(target, 0.5):.2f}"
                                + (", and intelligence is suspicious" if target in r.suspicious else ""))  # fmt: skip
        return Decision(Pass(r.me), "saw no inspection worth its capital")

    # --- events ------------------------------------------------------------------------------------------------

    def _event(self, r: Reading, owed: dict[str, list[str]]) -> Decision:
        occurrence, options = next(iter(owed.items()))
        event_id = next(e["event"] for e in r.view["events"] if e["id"] == occurrence)
        responses = r.catalogue["events"][event_id]["responses"]
        hard = r.rng.random() < self.p["escalation"]
        pick = (max if hard else min)(sorted(options), key=lambda o: responses[o]["tension"])
        label = responses[pick]["label"]
        why = "answers force with force" if hard else "keeps the incident from spiralling"
        return Decision(RespondEvent(r.me, occurrence, pick), f"responded '{label}': it {why}")
