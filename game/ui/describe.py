"""Words for the screens: measures, terms, agreements, statements and phases, explained in the player's terms.

Numbers come from the view's catalogue (the scenario's public rules); nothing here invents one.
"""

from __future__ import annotations

from typing import Any

from game.core.phases import PHASES
from game.core.spec import Scenario
from game.ui.screens.base import escape

STATUS_WORDS = {
    "proposed": ("PROPOSED", "#e69f00"),
    "countered": ("COUNTERED", "#b8c4d2"),
    "rejected": ("REJECTED", "#b8c4d2"),
    "in_force": ("IN FORCE", "#56b4e9"),
    "suspected": ("SUSPECTED", "#f0e442"),
    "violated": ("VIOLATED", "#d55e00"),
    "expired": ("EXPIRED", "#b8c4d2"),
    "withdrawn": ("WITHDRAWN", "#b8c4d2"),
}
ACT_NAMES = {
    "reassure": "Reassure",
    "clarify": "Clarify",
    "raise_concern": "Raise a concern",
    "accuse": "Accuse",
    "propose_consultations": "Propose consultations",
    "express_regret": "Express regret",
}
ENDINGS = {"stability": "Stability", "stalemate": "Stalemate", "collective_failure": "Collective failure"}

PHASE_HELP = {
    "briefing": "A new round: capital is renewed (unspent capital does not carry over), scheduled events are "
    "announced and each seat gets private intelligence about who may have broken an agreement last round.",
    "diplomacy": "In turn order, each delegation makes statements and proposals while its capital lasts "
    "(a limited number of actions a turn), then passes. A proposal names a measure, the addressees and the terms: "
    "reciprocal or one-sided, how many rounds, and how it is verified. A friendly statement counts for as much as "
    "the listener already trusts the speaker; a reassurance later exposed as a lie costs far more than it bought.",
    "responses": "Each addressee accepts, rejects or counters each proposal. A counter changes the terms and goes "
    "back to the proposer. When everyone has answered, the measure comes into force between the proposer and "
    "those who accepted; signing changes trust between the parties and the tension.",
    "implementation": "Each party decides in secret, for every agreement in force, to comply (it costs security "
    "points) or to defect (it gains security points). Nobody sees your choice until the debrief, but an inspection "
    "may reveal a violation.",
    "verification": "Delegations may ask to inspect a party to an agreement that has a verification regime, paying "
    "the inspection's cost. The inspected party grants (the inspection may find a violation), delays (others "
    "trust it less, and the agreement is suspected) or refuses (trust falls further and tension rises). A finding "
    "is announced to all and everyone updates their trust: a clean result from a strong inspection means a lot, "
    "from a weak one little.",
    "events": "Incidents from the scenario's deck (or injected by the facilitator) strike. Measures in force "
    "between the actors involved soften them: a hotline can halve a spike in tension. Delegations named by an "
    "event choose a response.",
    "assessment": "Agreements in force build trust; military posture adds tension; tension decays a little; "
    "scores are counted. After the last round the game ends in stability (tension low enough and enough "
    "agreements in force) or stalemate; reaching the top rung of the ladder at any time is a collective failure.",
    "debrief": "The game is over. Everything hidden is revealed in the debrief.",
}


def phase_title(phase: str) -> str:
    p = PHASES.get(phase)
    return p.title if p else phase.replace("_", " ").title()


def possessive(name: str) -> str:
    """ "Russia's", but "United States'" (a name ending in s takes the apostrophe alone)."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def signed(value: float, digits: int = 0) -> str:
    return f"{value:+.{digits}f}" if digits else f"{value:+g}"


def percent(value: float) -> str:
    return f"{100 * value:.0f}%"


def controller_label(controller: str) -> str:
    if controller == "human":
        return "human"
    name, _, level = controller.partition(":")
    return f"AI: {name}" + (f" ({level})" if level and level != "normal" else "")


class Names:
    """Display names of actors, measures, inspection types and events, from a view's catalogue and actors."""

    def __init__(self, view: dict[str, Any]) -> None:
        self.actors = {a["id"]: a["name"] for a in view["actors"]}
        self.catalogue = view["catalogue"]

    def actor(self, actor_id: str) -> str:
        return "The facilitator" if actor_id == "facilitator" else self.actors.get(actor_id, actor_id)

    def all(self, ids: list[str]) -> str:
        names = [self.actor(a) for a in ids]
        if not names:
            return "nobody"
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def measure(self, measure_id: str) -> str:
        entry = self.catalogue["measures"].get(measure_id)
        return entry["name"] if entry else measure_id

    def method(self, method_id: str) -> str:
        if method_id == "none":
            return "no verification"
        entry = self.catalogue["inspections"].get(method_id)
        return entry["name"] if entry else method_id

    def terms(self, reciprocity: str, duration: int, verification: str) -> str:
        sides = "one-sided" if reciprocity == "one_sided" else "reciprocal"
        regime = "unverified" if verification == "none" else f"verified by {self.method(verification)}"
        return f"{sides}, {duration} rounds, {regime}"

    def reciprocity(self, value: str) -> str:
        return {"reciprocal": "Reciprocal: every state party is bound",
                "one_sided": "One-sided: only the proposer is bound"}.get(value, value)  # fmt: skip


def notice_line(names: Names, notice: dict[str, Any], everything: bool) -> str:
    """A notice as a line of the log. In a view of everything (the facilitator's, the debrief's) a private one
    says whom it was for: "You chose to comply…" means nothing there without it."""
    to = notice.get("to")
    if everything and to:
        return f"To {names.all(to)}: {notice['text']}"
    return str(notice["text"])


def measure_html(names: Names, measure_id: str, scenario: Scenario | None = None) -> str:
    """What a measure costs and does, for the composer's explanation box."""
    m = names.catalogue["measures"][measure_id]
    lines = [
        f"<b>{escape(m['name'])}</b> <i>({escape(m['category'])})</i>",
        escape(m["text"]),
        f"<b>Cost to propose:</b> {m['cost']:g} capital.",
        f"<b>When signed:</b> trust between the parties {signed(m['sign_trust'] * 100)} points, "
        f"tension {signed(m['sign_tension'])}.",
    ]
    if scenario is not None:
        spec = next((x for x in scenario.measures if x.id == measure_id), None)
        if spec is not None and (spec.in_force.trust or spec.in_force.tension):
            lines.append(
                f"<b>Each round in force:</b> trust {signed(spec.in_force.trust * 100)} points, "
                f"tension {signed(spec.in_force.tension)}."
            )
    lines.append(
        f"<b>Keeping it</b> costs each bound party {m['comply_cost']:g} security a round; "
        f"<b>secretly breaking it</b> gains {m['defect_gain']:g}."
    )
    if m["detection"]:
        checks = ", ".join(f"{escape(names.method(k))} finds a violation {percent(v)} of the time"
                           for k, v in m["detection"].items())  # fmt: skip
        lines.append(f"<b>Verification:</b> {checks}.")
    else:
        lines.append("<b>Verification:</b> none possible; compliance rests on trust.")
    lines.append(f"<b>Durations:</b> {', '.join(map(str, m['durations']))} rounds.")
    lines.append(f"<i>Source: {escape(m['source'])}</i>")
    return "<br>".join(lines)


def method_html(names: Names, method_id: str, measure_id: str | None = None) -> str:
    if method_id == "none":
        return "<b>No verification:</b> nobody can inspect; a violation can only be suspected from intelligence."
    entry = names.catalogue["inspections"].get(method_id, {})
    text = f"<b>{escape(names.method(method_id))}:</b> costs the inspector {entry.get('cost', 0):g} capital"
    if measure_id:
        detection = names.catalogue["measures"][measure_id]["detection"].get(method_id)
        if detection is not None:
            text += f", finds a violation {percent(detection)} of the time"
    return text + f", false alarm {percent(entry.get('false_alarm', 0))}."


def statement_html(scenario: Scenario, act: str) -> str:
    effect = getattr(scenario.dialogue, act)
    trust = effect.trust
    if trust > 0:
        what = (f"raises each addressee's trust in you by up to {trust * 100:.0f} points, scaled by how far they "
                "already trust you")  # fmt: skip
    elif trust < 0:
        what = f"lowers the addressee's trust in you by {-trust * 100:.0f} points"
    else:
        what = "does not change trust by itself"
    text = f"<b>{ACT_NAMES.get(act, act)}</b> costs {effect.cost:g} capital and {what}"
    if effect.tension:
        text += f"; tension {signed(effect.tension)}"
    text += "."
    if act == "accuse":
        text += (" With evidence (a violation found by an inspection) every third party's trust in the accused "
                 "falls; without it, only the accused resents you.")  # fmt: skip
    if act == "reassure":
        text += " If you are later caught breaking an agreement, listeners lose far more trust than this bought."
    return text


def agreement_lines(names: Names, a: dict[str, Any], round_: int, seat: str | None = None) -> list[str]:
    """What an agreement's card says below its title: parties, terms, rounds left, answers, findings, own choice."""
    who = names.all(a["parties"]) if a["parties"] else f"{names.actor(a['proposer'])} to {names.all(a['addressees'])}"
    lines = [f"{who} · {names.terms(a['reciprocity'], a['duration'], a['verification'])}"]
    if a["status"] in ("in_force", "suspected") and a.get("ends"):
        lines.append(f"Rounds {a['started']}–{a['ends']} ({max(0, a['ends'] - round_ + 1)} left including this one)")
    if a["status"] == "proposed" and a.get("answers"):
        lines.append("Answers: " + ", ".join(f"{names.actor(k)} {v}" for k, v in a["answers"].items()))
    for f in a.get("findings", []):
        result = "VIOLATION FOUND" if f["result"] == "violation" else "clean"
        lines.append(f"Round {f['round']}: inspection of {names.actor(f['party'])}: {result}")
    mine = [c for c in a.get("compliance", []) if c["party"] == seat]
    if mine:
        last = mine[-1]
        lines.append(f"Your last choice (secret): {last['choice']} in round {last['round']}")
    return lines


def agreement_html(names: Names, a: dict[str, Any], round_: int, seat: str | None = None) -> str:
    """An agreement for a text box: measure, status, then its card's lines."""
    word, colour = STATUS_WORDS.get(a["status"], (a["status"].upper(), "#ffffff"))
    head = (
        f"<b>{escape(names.measure(a['measure']))}</b>  <font color='{colour}'><b>[{word}]</b></font>  <i>{a['id']}</i>"
    )
    return "<br>".join([head, *map(escape, agreement_lines(names, a, round_, seat))])
