"""The validated scenario model: every number the rules use comes from here.

The scenario layer (``game.scenario``) reads YAML into this model and adds
file, line and column to its errors; the core only ever sees a validated,
frozen ``Scenario``. Cross-references (actors, measures, events, rungs,
inspection types) are checked by ``Scenario.check_references`` so that the
loader can report them with a field path.

Example:
    >>> from game.core.spec import Scenario
    >>> Scenario.model_validate(data)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_-]*$",
        max_length=40,
        description="Identifier: lower case letters, digits, '_' or '-', starting with a letter.",
    ),
]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
Delta = Annotated[float, Field(ge=-1.0, le=1.0, description="A change of trust, in [-1, 1].")]
TensionDelta = Annotated[float, Field(ge=-100.0, le=100.0, description="A change of tension, in points.")]
Cost = Annotated[int, Field(ge=0, le=100, description="Political capital, a whole number >= 0.")]
Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description="A colour as #rrggbb.")]
Text = Annotated[str, Field(min_length=1, max_length=20000)]

CATEGORIES = ("transparency", "communication", "verification", "constraint", "cooperation")
DIALOGUE_KINDS = (
    "reassure",
    "clarify",
    "raise_concern",
    "accuse",
    "propose_consultations",
    "express_regret",
)
METRICS = ("security", "agreements", "trust_held", "stability", "connectivity")


class Strict(BaseModel):
    """Base for every scenario object: unknown fields are errors, values are frozen."""

    # strict: "yes" is not a posture and true is not a number.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, strict=True)


class Setting(Strict):
    date: Text = Field(description="When the scenario is set, e.g. '2005-05' or 'May 2005'.")
    situation: Text = Field(description="The situation in a few sentences, for everyone.")


class Source(Strict):
    title: Text
    year: int = Field(ge=1900, le=2100)
    where: Text = Field(description="Where to find it: publisher, journal, treaty series or URL.")


class Rung(Strict):
    id: Id
    name: Text
    at: float = Field(ge=0.0, le=100.0, description="Tension at which this rung begins, 0 to 100.")
    description: str = ""


class TensionRules(Strict):
    start: float = Field(ge=0.0, le=100.0, description="Tension at the start, 0 to 100.")
    decay: float = Field(ge=0.0, le=1.0, description="Share of tension above the first rung that fades each round.")
    posture_weight: float = Field(
        default=0.0, ge=0.0, le=10.0, description="Tension added each round per point of posture above 1."
    )
    detected_violation: TensionDelta = Field(default=0.0, description="Tension added when a violation is found.")
    refused_inspection: TensionDelta = Field(default=0.0, description="Tension added when an inspection is refused.")
    rungs: list[Rung] = Field(
        min_length=2, description="The escalation ladder, lowest first. The last rung ends the game."
    )


Category = Literal["transparency", "communication", "verification", "constraint", "cooperation"]


class Objective(Strict):
    metric: Literal["security", "agreements", "trust_held", "stability", "connectivity"] = Field(
        description=(
            "security: points from defecting minus compliance costs and incidents; "
            "agreements: agreements in force it is party to; trust_held: mean trust others have in it; "
            "stability: 1 - tension/100; connectivity: cooperation agreements in force it is party to."
        )
    )
    weight: float = Field(ge=-10.0, le=10.0, description="Score per round = weight x metric.")
    text: Text = Field(description="The objective in words, as the player reads it.")
    measure: Id | None = Field(
        default=None, description="With metric 'agreements': count only agreements of this measure."
    )
    category: Category | None = Field(
        default=None, description="With metric 'agreements': count only agreements of measures of this category."
    )


class Objectives(Strict):
    public: list[Objective] = Field(default_factory=list)
    private: list[Objective] = Field(default_factory=list)


class Actor(Strict):
    id: Id
    name: Text
    kind: Literal["state", "organisation"] = "state"
    colour: Colour
    posture: int = Field(ge=0, le=5, description="Military readiness, 0 (stood down) to 5 (mobilised).")
    capital: Cost = Field(
        description="Political capital granted at each briefing (unspent capital does not carry over)."
    )
    can_inspect: bool = Field(default=False, description="May request inspections of agreements it is not party to.")
    intel_accuracy: Probability = Field(
        default=0.7, description="Chance each intelligence report it receives is right."
    )
    persona: Id = Field(default="simple", description="Default AI persona when no human takes the seat.")
    persona_params: dict[Id, float] = Field(
        default_factory=dict, description="Overrides of the persona's parameters (see `parley personas`)."
    )
    briefing: str = Field(default="", description="Private briefing: interests, red lines, suspicions.")
    objectives: Objectives = Field(default_factory=Objectives)


class TrustPair(Strict):
    source: Id = Field(alias="from", description="Who trusts.")
    target: Id = Field(alias="to", description="Whom it trusts.")
    value: Probability


class TrustRules(Strict):
    default: Probability = Field(description="Initial trust between any two actors.")
    pairs: list[TrustPair] = Field(default_factory=list, description="Initial trust that differs from the default.")
    floor: Probability = Field(default=0.01, description="Trust never falls below this (keeps Bayes updates alive).")
    ceiling: Probability = Field(default=0.99, description="Trust never rises above this.")


class InspectionType(Strict):
    id: Id
    name: Text
    cost: Cost = Field(description="Capital the requester spends.")
    false_alarm: Probability = Field(description="Chance a clean party is reported in violation.")
    description: str = ""


class InspectionRules(Strict):
    types: list[InspectionType] = Field(min_length=1)
    delay_factor: Probability = Field(
        description="Detection chance is multiplied by this when the inspection is delayed."
    )
    delay_trust: Delta = Field(description="Trust change of every other actor towards a party that delays.")
    refuse_trust: Delta = Field(description="Trust change of every other actor towards a party that refuses.")


class DialogueEffect(Strict):
    cost: Cost
    trust: Delta = Field(description="Change of the addressee's trust in the speaker, scaled by credibility.")
    tension: TensionDelta = 0.0
    evidence_factor: float = Field(
        default=1.0, ge=1.0, le=10.0, description="Accusations backed by an inspection finding weigh this much more."
    )
    exposed_lie_factor: float = Field(
        default=1.0,
        ge=1.0,
        le=10.0,
        description="A reassurance later exposed by a detected violation costs this many times the trust it bought.",
    )


class DialogueRules(Strict):
    reassure: DialogueEffect
    clarify: DialogueEffect
    raise_concern: DialogueEffect
    accuse: DialogueEffect
    propose_consultations: DialogueEffect
    express_regret: DialogueEffect


class SignEffect(Strict):
    trust: Delta = Field(description="Trust change between every pair of parties when it comes into force.")
    tension: TensionDelta = Field(description="Tension change when it comes into force.")


class InForceEffect(Strict):
    trust: Delta = Field(default=0.0, description="Trust change between parties each round it stays in force.")
    tension: TensionDelta = Field(default=0.0, description="Tension change each round it stays in force.")


Reciprocity = Literal["reciprocal", "one_sided"]


def _reciprocal_only() -> list[Reciprocity]:
    return ["reciprocal"]


class Measure(Strict):
    id: Id
    name: Text
    category: Literal["transparency", "communication", "verification", "constraint", "cooperation"]
    cost: Cost = Field(description="Capital the proposer spends to table it.")
    sign: SignEffect
    in_force: InForceEffect = Field(default_factory=InForceEffect)
    comply_cost: float = Field(ge=0.0, le=100.0, description="Security points a party gives up each round it complies.")
    defect_gain: float = Field(
        ge=0.0, le=100.0, description="Security points a party gains each round it secretly defects."
    )
    detection: dict[Id, Probability] = Field(
        min_length=1, description="Detection chance of a violation, per inspection type that can verify it."
    )
    durations: list[Annotated[int, Field(ge=1, le=100)]] = Field(
        min_length=1, description="Durations in rounds a proposal may choose."
    )
    reciprocity: list[Reciprocity] = Field(
        default_factory=_reciprocal_only, min_length=1, description="Which kinds of terms it allows."
    )
    intel_bonus: float = Field(
        default=0.0, ge=0.0, le=1.0, description="Added to the intelligence accuracy of each party about the others."
    )
    max_parties: int = Field(
        default=10, ge=2, le=50, description="Most parties an agreement may have, proposer included."
    )
    text: Text = Field(description="What the measure is, in a sentence or two.")
    source: Text = Field(description="The real-world measure it is drawn from.")
    notes: str = Field(default="", description="For the instructor only: background, caveats, what it models.")


class Effects(Strict):
    tension: TensionDelta = 0.0
    trust: list[TrustChange] = Field(default_factory=list)
    posture: dict[Id, Annotated[int, Field(ge=-5, le=5)]] = Field(default_factory=dict)
    security: dict[Id, Annotated[float, Field(ge=-100.0, le=100.0)]] = Field(default_factory=dict)


class TrustChange(Strict):
    source: Id = Field(alias="from")
    target: Id = Field(alias="to")
    delta: Delta


class Softener(Strict):
    measure: Id
    factor: float = Field(ge=0.0, le=1.0, description="Rises in tension and losses of trust are multiplied by this.")


class Condition(Strict):
    tension_at_least: Id | None = Field(default=None, description="A rung id.")
    tension_below: Id | None = Field(default=None, description="A rung id.")
    measure_in_force: Id | None = None
    measure_not_in_force: Id | None = None
    after_round: int | None = Field(default=None, ge=0)


class Trigger(Strict):
    round: int | None = Field(
        default=None, ge=1, description="Fires in this round (scheduled; announced at the briefing)."
    )
    probability: Probability | None = Field(
        default=None, description="Chance it fires in each round its condition holds."
    )
    when: Condition | None = None

    @model_validator(mode="after")
    def _has_a_trigger(self) -> Trigger:
        if self.round is None and self.probability is None and self.when is None:
            raise ValueError("a trigger needs round, probability or when")
        return self


class ResponseOption(Strict):
    id: Id
    label: Text
    effects: Effects = Field(default_factory=Effects)


class Event(Strict):
    id: Id
    name: Text
    text: Text
    notes: str = Field(default="", description="For the instructor only: the real incidents it is modelled on.")
    trigger: Trigger
    once: bool = True
    actors: list[Id] = Field(min_length=1, description="The actors it involves.")
    effects: Effects = Field(default_factory=Effects)
    softened_by: list[Softener] = Field(
        default_factory=list, description="Measures that, in force among the involved actors, soften it."
    )
    responders: list[Id] = Field(default_factory=list, description="Actors who must choose a response.")
    responses: list[ResponseOption] = Field(default_factory=list)


class StartingAgreement(Strict):
    measure: Id
    parties: list[Id] = Field(min_length=2, description="The parties; the first is recorded as the proposer.")
    reciprocity: Literal["reciprocal", "one_sided"] = "reciprocal"
    initiator: Id | None = Field(default=None, description="With one-sided terms: the party bound by it.")
    duration: int = Field(ge=1, le=200, description="Rounds it stays in force from round 1.")
    verification: str = Field(
        default="none", description="An inspection type id from the measure's detection, or none."
    )


class Ending(Strict):
    max_rung: Id = Field(description="Highest rung at the end that still counts as stability.")
    min_agreements: int = Field(ge=0, le=100, description="Agreements in force needed at the end.")


class Rules(Strict):
    rounds: int = Field(ge=1, le=200, description="Rounds before the game ends.")
    actions_per_turn: int = Field(
        default=3, ge=1, le=20, description="Most dialogue moves and proposals in one diplomacy turn."
    )
    counters: int = Field(default=1, ge=0, le=5, description="How many times a proposal may be countered.")
    stability: Ending


class Scenario(Strict):
    id: Id
    title: Text
    version: int = Field(default=1, ge=1)
    summary: Text
    setting: Setting
    briefing: Text
    rules: Rules
    tension: TensionRules
    actors: list[Actor] = Field(min_length=2, max_length=20)
    trust: TrustRules
    inspections: InspectionRules
    dialogue: DialogueRules
    measures: list[Measure] = Field(min_length=1)
    events: list[Event] = Field(default_factory=list)
    learning_objectives: list[Text] = Field(default_factory=list)
    debrief_questions: list[Text] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    agreements: list[StartingAgreement] = Field(
        default_factory=list, description="Agreements already in force when the game starts."
    )

    def reference_errors(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every dangling or duplicate id, as (field path, message) pairs."""
        errors: list[tuple[tuple[str | int, ...], str]] = []

        def unique(items: list, path: tuple[str, ...], what: str) -> set[str]:
            seen: set[str] = set()
            for i, item in enumerate(items):
                if item.id in seen:
                    errors.append(((*path, i, "id"), f"duplicate {what} id '{item.id}'"))
                seen.add(item.id)
            return seen

        actors = unique(self.actors, ("actors",), "actor")
        measures = unique(self.measures, ("measures",), "measure")
        unique(self.events, ("events",), "event")
        rungs = unique(self.tension.rungs, ("tension", "rungs"), "rung")
        kinds = unique(self.inspections.types, ("inspections", "types"), "inspection type")
        errors += self._rule_errors()

        def need(value: str | None, known: set[str], path: tuple[str | int, ...], what: str) -> None:
            if value is not None and value not in known:
                listed = ", ".join(sorted(known))
                errors.append((path, f"names {what} '{value}', which is not defined; defined {what}s: {listed}"))

        for i, pair in enumerate(self.trust.pairs):
            need(pair.source, actors, ("trust", "pairs", i, "from"), "actor")
            need(pair.target, actors, ("trust", "pairs", i, "to"), "actor")
            if pair.source == pair.target:
                errors.append((("trust", "pairs", i), f"an actor's trust in itself is not used ('{pair.source}')"))
        for i, measure in enumerate(self.measures):
            for kind in measure.detection:
                need(kind, kinds, ("measures", i, "detection", kind), "inspection type")
        need(self.rules.stability.max_rung, rungs, ("rules", "stability", "max_rung"), "rung")
        for i, spec_actor in enumerate(self.actors):
            for side in ("public", "private"):
                for j, objective in enumerate(getattr(spec_actor.objectives, side)):
                    opath = ("actors", i, "objectives", side, j)
                    need(objective.measure, measures, (*opath, "measure"), "measure")
                    if (objective.measure or objective.category) and objective.metric != "agreements":
                        errors.append(((*opath, "metric"), "measure and category filter only the 'agreements' metric"))
        kinds_of = {a.id: a.kind for a in self.actors}
        detection = {m.id: set(m.detection) for m in self.measures}
        for i, start in enumerate(self.agreements):
            spath: tuple[str | int, ...] = ("agreements", i)
            need(start.measure, measures, (*spath, "measure"), "measure")
            for j, party in enumerate(start.parties):
                need(party, actors, (*spath, "parties", j), "actor")
                if party in start.parties[:j]:
                    errors.append(((*spath, "parties", j), f"party '{party}' is listed twice"))
            if start.reciprocity == "one_sided":
                if start.initiator not in start.parties:
                    errors.append(((*spath, "initiator"), "one-sided terms need an initiator among the parties"))
                elif kinds_of.get(start.initiator) != "state":
                    errors.append(((*spath, "initiator"), "an organisation cannot be bound by one-sided terms"))
            elif start.initiator is not None:
                errors.append(((*spath, "initiator"), "an initiator is only for one-sided terms"))
            allowed = detection.get(start.measure, set())
            if start.measure in detection and start.verification != "none" and start.verification not in allowed:
                listed = ", ".join([*sorted(allowed), "none"])
                errors.append(
                    ((*spath, "verification"), f"'{start.verification}' cannot verify this measure; use: {listed}")
                )
        for i, event in enumerate(self.events):
            base: tuple[str | int, ...] = ("events", i)
            for field_name in ("actors", "responders"):
                listed = getattr(event, field_name)
                for j, actor in enumerate(listed):
                    if actor in listed[:j]:
                        errors.append(((*base, field_name, j), f"actor '{actor}' is listed twice"))
            if bool(event.responders) != bool(event.responses):
                missing = "responses" if event.responders else "responders"
                errors.append(((*base, missing), "responders and responses go together: give both or neither"))
            if event.trigger.when is not None and not event.trigger.when.model_fields_set:
                errors.append(((*base, "trigger", "when"), "an empty condition always holds: name at least one"))
            for j, actor in enumerate(event.actors):
                need(actor, actors, (*base, "actors", j), "actor")
            for j, actor in enumerate(event.responders):
                need(actor, actors, (*base, "responders", j), "actor")
                if actor not in event.actors:
                    errors.append(((*base, "responders", j), f"responder '{actor}' is not among the event's actors"))
            for j, softener in enumerate(event.softened_by):
                need(softener.measure, measures, (*base, "softened_by", j, "measure"), "measure")
            when = event.trigger.when
            if when is not None:
                cpath = (*base, "trigger", "when")
                need(when.tension_at_least, rungs, (*cpath, "tension_at_least"), "rung")
                need(when.tension_below, rungs, (*cpath, "tension_below"), "rung")
                need(when.measure_in_force, measures, (*cpath, "measure_in_force"), "measure")
                need(when.measure_not_in_force, measures, (*cpath, "measure_not_in_force"), "measure")
            if event.trigger.round is not None and event.trigger.round > self.rules.rounds:
                errors.append(
                    (
                        (*base, "trigger", "round"),
                        f"round {event.trigger.round} is after the last round {self.rules.rounds}",
                    )
                )
            effect_sets: list[tuple[tuple[str | int, ...], Effects]] = [((*base, "effects"), event.effects)]
            effect_sets += [((*base, "responses", j, "effects"), r.effects) for j, r in enumerate(event.responses)]
            option_ids: set[str] = set()
            for j, option in enumerate(event.responses):
                if option.id in option_ids:
                    errors.append(((*base, "responses", j, "id"), f"duplicate response id '{option.id}'"))
                option_ids.add(option.id)
            for epath, effects in effect_sets:
                for j, change in enumerate(effects.trust):
                    need(change.source, actors, (*epath, "trust", j, "from"), "actor")
                    need(change.target, actors, (*epath, "trust", j, "to"), "actor")
                    if change.source == change.target:
                        errors.append(
                            ((*epath, "trust", j), f"an actor's trust in itself is not used ('{change.source}')")
                        )
                for actor in effects.posture:
                    need(actor, actors, (*epath, "posture", actor), "actor")
                for actor in effects.security:
                    need(actor, actors, (*epath, "security", actor), "actor")
        return errors

    def _rule_errors(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Rules that span several fields: the ladder rises from 0, start below the top, floor below ceiling."""
        errors: list[tuple[tuple[str | int, ...], str]] = []
        rungs = self.tension.rungs
        if rungs[0].at != 0.0:
            errors.append((("tension", "rungs", 0, "at"), f"the first rung must start at 0, not {rungs[0].at:g}"))
        for k in range(1, len(rungs)):
            lower, upper = rungs[k - 1], rungs[k]
            if upper.at <= lower.at:
                message = (
                    f"rungs must rise: '{upper.id}' starts at {upper.at:g}, not above '{lower.id}' at {lower.at:g}"
                )
                errors.append((("tension", "rungs", k, "at"), message))
        if self.tension.start >= rungs[-1].at:
            message = f"start tension {self.tension.start:g} is already on the top rung '{rungs[-1].id}'"
            errors.append((("tension", "start"), message))
        if self.trust.floor >= self.trust.ceiling:
            errors.append(
                (("trust", "floor"), f"floor {self.trust.floor:g} must be below ceiling {self.trust.ceiling:g}")
            )
        return errors


Effects.model_rebuild()
