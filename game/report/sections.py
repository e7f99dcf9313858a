"""What the debrief report says, section by section, as plain data (see ``document.py``) for either format."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from game.core.session import LogEntry, Session
from game.core.state import ACTIVE, Agreement, GameState, Inspection
from game.report.document import Block, Figure, Items, Paragraph, Part, Section, Table
from game.report.history import History
from game.report.timeline import Sample
from game.report.wording import STATUSES, Names, controller_label, ending_label, percent

KIND_LABELS = {
    "violation_detected": "violation detected",
    "false_alarm": "false alarm",
    "inspection_refused": "inspection refused",
    "crisis_defused": "crisis softened",
    "agreement_withdrawn": "withdrawal",
    "rung_change": "escalation ladder",
    "facilitator": "facilitator",
    "ending": "ending",
}
_LONG = 20  # rounds beyond which per-round tables start folded


def sections(
    session: Session,
    past: History,
    *,
    seats: Mapping[str, str] | None,
    notes: Sequence[tuple[int, str]],
    charts: bool,
) -> list[Section]:
    """Every section of the report, in order; the notes section only when there are notes."""
    names = Names(past.final)
    out = [
        overview(session, past.final, seats),
        outcome(session, past.final),
        chart_section(session, past, charts),
        agreements(past, names),
        hidden(past.final, names),
        rationales(session.log, names),
        turning_points(past),
    ]
    if notes:
        out.append(instructor_notes(session.log, notes))
    out.append(debrief(session))
    return out


def overview(session: Session, state: GameState, seats: Mapping[str, str] | None) -> Section:
    scenario = state.scenario
    reason = f" ({state.end_reason})" if state.end_reason else ""
    rung = scenario.tension.rungs[state.rung()].name
    game = Table(
        ("", ""),
        (
            ("Scenario", f"{scenario.title} ({scenario.id}, version {scenario.version})"),
            ("Seed", str(session.seed)),
            ("Rounds played", f"{state.round} of {scenario.rules.rounds}"),
            ("Moves", str(len(session.log))),
            ("Ending", ending_label(state.ending) + reason),
            ("Final tension", f"{state.tension:.1f} ({rung})"),
        ),
    )
    handovers: dict[str, list[str]] = {}
    for entry in session.log:
        if entry.move.kind == "assign_seat":
            d = entry.move.to_dict()
            handovers.setdefault(d["seat"], []).append(f"{controller_label(d['controller'])} from round {entry.round}")
    rows = []
    for actor in scenario.actors:
        start = controller_label(seats[actor.id]) if seats and actor.id in seats else "not recorded"
        rows.append((actor.name, actor.kind, ", then ".join([start, *handovers.get(actor.id, [])])))
    return Section(
        "overview",
        "Overview",
        (
            Paragraph(scenario.summary),
            Paragraph(f"Setting, {scenario.setting.date}: {scenario.setting.situation}"),
            game,
            Part("Seats", (Table(("Actor", "Kind", "Played by"), tuple(rows)),)),
        ),
    )


def outcome(session: Session, state: GameState) -> Section:
    result: dict[str, Any] = session.outcome()
    rows = tuple(
        (a.name, f"{result['actors'][a.id]['score']:.1f}", str(result["actors"][a.id]["signed"]),
         str(result["actors"][a.id]["violations"]), str(result["actors"][a.id]["detected"]))
        for a in state.scenario.actors
    )  # fmt: skip
    rungs = state.scenario.tension.rungs
    ladder = tuple((r.name, str(state.rung_rounds[k])) for k, r in enumerate(rungs))
    return Section(
        "outcome",
        "Outcome",
        (
            Table(("Actor", "Score", "Agreements signed", "Violations committed", "Violations detected"), rows),
            Items(
                (
                    f"Shared welfare: {result['welfare']:.2f} (the Nash social welfare: the geometric mean of the "
                    "scores, shifted so that the lowest is 1; it rises only when the group does well together).",
                    f"Stability: {result['stability']:.2f} (the shared score: 1 - tension/100, summed over the rounds).",
                    f"Agreements: {result['agreements_signed']} signed, {result['agreements_in_force']} in force at the end.",
                    f"Violations: {result['violations']} committed, {result['violations_detected']} detected.",
                )
            ),
            Part("Rounds ended on each rung of the ladder", (Table(("Rung", "Rounds"), ladder),)),
        ),
    )


def chart_section(session: Session, past: History, draw: bool) -> Section:
    blocks: list[Block] = []
    if draw:
        from game.report import charts  # matplotlib is loaded only when a chart is drawn

        scenario = session.scenario
        blocks += [
            Figure(charts.tension_chart(scenario, past.samples, past.turning_points),
                   "Tension after every move; the dashed lines are where the ladder's rungs begin. "
                   "Marks show detected violations, false alarms, refused inspections and softened crises."),
            Figure(charts.trust_chart(scenario, past.samples),
                   "Trust between each pair: one panel per actor, one line for each actor it trusts or distrusts."),
        ]  # fmt: skip
    rungs = session.scenario.tension.rungs
    by_round: dict[int, list[Sample]] = {}
    for s in past.samples:
        by_round.setdefault(s.round, []).append(s)
    rows = []
    for r, samples in sorted(by_round.items()):
        end = by_round[r + 1][0] if r + 1 in by_round else past.samples[-1]  # the move that closed round r
        top = max(s.tension for s in [*samples, end])
        rows.append((str(r), f"{samples[0].tension:.1f}", f"{top:.1f}", f"{end.tension:.1f}", rungs[end.rung].name))
    blocks.append(
        Part(
            "Tension by round",
            (Table(("Round", "At the start", "Highest", "At the end", "Rung at the end"), tuple(rows)),),
            folded=draw and len(rows) > _LONG,
        )
    )
    final = past.samples[-1].trust
    actors = session.scenario.actors
    matrix = tuple(
        (a.name, *("" if i == j else f"{final[i][j]:.2f}" for j in range(len(actors)))) for i, a in enumerate(actors)
    )
    blocks.append(
        Part("Trust at the end (row trusts column)", (Table(("", *(a.name for a in actors)), matrix),), folded=draw)
    )
    return Section("charts", "Tension and trust", tuple(blocks))


def _fate(a: Agreement, changes: list[tuple[int, int, str]], counters: dict[str, list[str]]) -> str:
    """Its status changes in words: "signed in round 2 → suspected in round 5 → violated in round 6"."""
    words = []
    for _, round_, status in changes:
        if status == "proposed":
            continue
        if status == "in_force":
            words.append("in force from the start" if a.round_proposed == 0 else f"signed in round {round_}")
        elif status == "countered":
            by = f" by {', '.join(counters[a.id])}" if a.id in counters else ""
            words.append(f"countered in round {round_}{by}")
        else:
            words.append(f"{STATUSES.get(status, status)} in round {round_}")
    if a.status == "suspected":
        words.append("still in force, under suspicion, at the end")
    elif a.status in ACTIVE:
        words.append("in force at the end")
    elif a.status == "proposed":
        words.append("never answered")
    return " → ".join(words)


def agreements(past: History, names: Names) -> Section:
    state = past.final
    counters: dict[str, list[str]] = {}
    for a in state.agreements:
        if a.counter_of:
            counters.setdefault(a.counter_of, []).append(a.id)
    signed: list[tuple[str, ...]] = []
    unsigned: list[tuple[str, ...]] = []
    flagged: set[int] = set()
    for a in state.agreements:
        terms = names.terms(a.reciprocity, a.duration, a.verification)
        fate = _fate(a, past.fates.get(a.id, []), counters)
        proposed = "before the game" if a.round_proposed == 0 else f"round {a.round_proposed}"
        if a.parties:
            if a.status == "violated":
                flagged.add(len(signed))
            signed.append((a.id, names.measure(a.measure), ", ".join(names.index(p) for p in a.parties), terms,
                           f"{proposed} by {names.index(a.proposer)}", f"from round {a.started}, {a.duration} rounds", fate))  # fmt: skip
        else:
            to = ", ".join(names.index(p) for p in a.addressees)
            unsigned.append(
                (a.id, names.measure(a.measure), f"{names.index(a.proposer)} to {to}", terms, proposed, fate)
            )
    blocks: list[Block] = [
        Paragraph(f"{len(state.agreements)} proposals and starting agreements; {len(signed)} came into force.")
    ]
    if signed:
        table = Table(
            ("Id", "Measure", "Parties", "Terms", "Proposed", "Term", "Fate"), tuple(signed), frozenset(flagged)
        )
        blocks.append(Part("Agreements that came into force", (table,)))
    if unsigned:
        table = Table(("Id", "Measure", "From and to", "Terms", "Proposed", "Fate"), tuple(unsigned))
        blocks.append(Part("Proposals that never came into force", (table,)))
    return Section("agreements", "Agreements", tuple(blocks))


def _chance(state: GameState, a: Agreement, method: str, delayed: bool = False) -> float:
    measure = next(m for m in state.scenario.measures if m.id == a.measure)
    chance = measure.detection.get(method, 0.0)
    return chance * state.scenario.inspections.delay_factor if delayed else chance


def _verdict(state: GameState, a: Agreement, i: Inspection, defected: bool) -> str:
    chance = percent(_chance(state, a, i.method, i.answer == "delayed"))
    if i.answer == "refused":
        return f"refused while defecting: it would have been caught with chance {chance}" if defected else (
            "refused with nothing to hide")  # fmt: skip
    if not i.answer:
        return "never answered"
    if i.result == "violation":
        return "caught a real violation" if defected else "false alarm: the party had complied"
    return f"missed a defection (chance of catching it: {chance})" if defected else "rightly clean"


def hidden(state: GameState, names: Names) -> Section:
    by_id = {a.id: a for a in state.agreements}
    compliance: list[tuple[str, ...]] = []
    unseen: list[tuple[str, ...]] = []
    flagged: set[int] = set()
    for a in state.agreements:
        parties: dict[int, list[tuple[int, str]]] = {}
        for round_, party, choice in a.history:
            parties.setdefault(party, []).append((round_, choice))
        for party, choices in parties.items():
            defects = [r for r, c in choices if c == "defect"]
            caught = [r for r in defects if (r, party, "violation") in a.findings]
            if defects:
                flagged.add(len(compliance))
            compliance.append((names.agreement(a.id), names.index(party),
                               str(sum(1 for _, c in choices if c == "comply")),
                               ", ".join(map(str, defects)) or "-", ", ".join(map(str, caught)) or "-"))  # fmt: skip
            for r in defects:
                if r not in caught:
                    unseen.append((names.index(party), names.agreement(a.id), str(r), _unseen(state, a, party, r)))
    blocks: list[Block] = []
    if compliance:
        headers = ("Agreement", "Party", "Rounds complied", "Defected in rounds", "Caught in rounds")
        blocks.append(Part("Every compliance decision", (Table(headers, tuple(compliance), frozenset(flagged)),)))
    else:
        blocks.append(Paragraph("No party had a compliance decision to make: no agreement bound a state."))
    rows: list[tuple[str, ...]] = []
    flagged_inspections: set[int] = set()
    for i in state.inspections:
        a = by_id[i.agreement]
        defected = (i.round, i.target, "defect") in a.history
        choice = "defected" if defected else "complied"
        verdict = _verdict(state, a, i, defected)
        if defected or i.result == "violation":
            flagged_inspections.add(len(rows))
        rows.append((i.id, str(i.round), names.index(i.requester), names.index(i.target), names.agreement(a.id),
                     names.method(i.method), i.answer or "-", i.result or "-", choice, verdict))  # fmt: skip
    if rows:
        columns = ("Id", "Round", "Requested by", "Inspected", "Agreement", "Method", "Answer", "Finding",
                   "The party had", "What it means")  # fmt: skip
        blocks.append(
            Part(
                "Every inspection and what it really found",
                (Table(columns, tuple(rows), frozenset(flagged_inspections)),),
            )
        )
    else:
        blocks.append(Paragraph("Nobody asked for an inspection."))
    if unseen:
        table = Table(("Party", "Agreement", "Round", "Why it went unseen"), tuple(unseen))
        blocks.append(Part(f"Defections never caught ({len(unseen)})", (table,)))
    elif compliance and flagged:
        blocks.append(Paragraph("Every defection was caught."))
    elif compliance:
        blocks.append(Paragraph("No party ever defected."))
    private = []
    for actor in state.scenario.actors:
        aims = [f"{o.text} ({o.metric}, weight {o.weight:g})" for o in actor.objectives.private]
        private.append(f"{actor.name}: {'; '.join(aims)}" if aims else f"{actor.name}: none")
    blocks.append(Part("Private objectives", (Items(tuple(private)),)))
    return Section("hidden", "Hidden decisions revealed", tuple(blocks))


def _unseen(state: GameState, a: Agreement, party: int, round_: int) -> str:
    tried = [i for i in state.inspections if i.agreement == a.id and i.target == party and i.round == round_]
    if any(i.answer == "refused" for i in tried):
        return "it refused the inspection"
    clean = [i for i in tried if i.result == "clean"]
    if clean:
        i = clean[0]
        chance = percent(_chance(state, a, i.method, i.answer == "delayed"))
        delay = ", delayed," if i.answer == "delayed" else ""
        return f"inspected{delay} by {state.name(i.requester)} and found clean (chance of catching it: {chance})"
    if a.verification == "none":
        return "the agreement had no verification regime"
    method = next((t.name for t in state.scenario.inspections.types if t.id == a.verification), a.verification)
    return f"never inspected ({method} would have caught it with chance {percent(_chance(state, a, a.verification))})"


def rationales(log: Sequence[LogEntry], names: Names) -> Section:
    by_round: dict[int, list[str]] = {}
    for entry in log:
        if not entry.rationale:
            continue
        who = names.actor(entry.move.actor)
        by_round.setdefault(entry.round, []).append(
            f"Step {entry.step} ({entry.phase}): {who} {names.move(entry.move)}. Why: {entry.rationale}"
        )
    if not by_round:
        return Section("rationales", "Rationales", (Paragraph("No move in the log carries a rationale."),))
    parts = tuple(
        Part(f"Round {r} ({len(items)} moves)", (Items(tuple(items)),), folded=True)
        for r, items in sorted(by_round.items())
    )
    intro = Paragraph("Why each move was made, as the AI seats explained it (and any note a human seat left).")
    return Section("rationales", "Rationales", (intro, *parts))


def turning_points(past: History) -> Section:
    if not past.turning_points:
        return Section(
            "turning-points", "Turning points", (Paragraph("Nothing in the log stood out as a turning point."),)
        )
    rows = tuple((str(p.round), str(p.step), KIND_LABELS.get(p.kind, p.kind), p.text) for p in past.turning_points)
    intro = Paragraph(
        "Moments picked out of the log: violations detected, false alarms, refused inspections, crises softened by a "
        "measure in force, withdrawals, moves up and down the escalation ladder, the facilitator's interventions and "
        "the ending."
    )
    return Section("turning-points", "Turning points", (intro, Table(("Round", "Step", "Kind", "What happened"), rows)))


def instructor_notes(log: Sequence[LogEntry], notes: Sequence[tuple[int, str]]) -> Section:
    rows = []
    for step, text in sorted(notes, key=lambda n: n[0]):
        round_ = log[min(step, len(log)) - 1].round if step > 0 and log else 1
        rows.append((str(step), str(round_), text))
    return Section("notes", "Instructor notes", (Table(("Step", "Round", "Note"), tuple(rows)),))


def debrief(session: Session) -> Section:
    scenario = session.scenario
    questions = scenario.debrief_questions
    blocks: list[Block] = [
        Part("Questions", (Items(tuple(questions), ordered=True),))
        if questions
        else Paragraph(
            "The scenario lists no debrief questions: ask what was supposed to happen, what happened, "
            "why, and what to sustain and improve."
        )  # fmt: skip
    ]
    if scenario.learning_objectives:
        blocks.append(Part("Learning objectives", (Items(tuple(scenario.learning_objectives)),)))
    return Section("debrief", "Debrief questions", tuple(blocks))
