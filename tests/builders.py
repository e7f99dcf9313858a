"""Small builders for hand-made test situations: a tiny scenario in Python, and moves to reach a phase."""

from __future__ import annotations

import copy
from typing import Any

from game.core import Scenario, Session
from game.core.moves import Pass

BASE: dict[str, Any] = {
    "id": "tiny",
    "title": "Tiny test scenario",
    "summary": "Three states and an inspectorate.",
    "setting": {"date": "2000", "situation": "A test."},
    "briefing": "For tests only.",
    "rules": {
        "rounds": 3,
        "actions_per_turn": 2,
        "counters": 1,
        "stability": {"max_rung": "strained", "min_agreements": 1},
    },
    "tension": {
        "start": 30,
        "decay": 0.1,
        "posture_weight": 0.5,
        "detected_violation": 5,
        "refused_inspection": 4,
        "rungs": [
            {"id": "stable", "name": "Stable", "at": 0},
            {"id": "strained", "name": "Strained", "at": 20},
            {"id": "crisis", "name": "Crisis", "at": 40},
            {"id": "conflict", "name": "Conflict", "at": 80},
        ],
    },
    "actors": [
        {
            "id": "aa",
            "name": "Arland",
            "colour": "#0072b2",
            "posture": 2,
            "capital": 4,
            "objectives": {
                "public": [{"metric": "agreements", "weight": 1, "text": "Sign"}],
                "private": [{"metric": "security", "weight": 0.5, "text": "Stay strong"}],
            },
            "briefing": "Arland's secret briefing.",
        },
        {
            "id": "bb",
            "name": "Borduria",
            "colour": "#d55e00",
            "posture": 3,
            "capital": 4,
            "objectives": {"private": [{"metric": "security", "weight": 1, "text": "Arm"}]},
            "briefing": "Borduria's secret briefing.",
        },
        {
            "id": "cc",
            "name": "Carpania",
            "colour": "#009e73",
            "posture": 1,
            "capital": 3,
            "objectives": {"public": [{"metric": "stability", "weight": 2, "text": "Calm"}]},
        },
        {
            "id": "io",
            "name": "Inspectorate",
            "kind": "organisation",
            "colour": "#cc79a7",
            "posture": 0,
            "capital": 2,
            "can_inspect": True,
            "objectives": {"public": [{"metric": "trust_held", "weight": 1, "text": "Be trusted"}]},
        },
    ],
    "trust": {"default": 0.5, "pairs": [{"from": "aa", "to": "bb", "value": 0.3}]},
    "inspections": {
        "types": [
            {"id": "onsite", "name": "On-site inspection", "cost": 1, "false_alarm": 0.0},
            {"id": "sat", "name": "Satellite imagery", "cost": 1, "false_alarm": 0.1},
        ],
        "delay_factor": 0.5,
        "delay_trust": -0.05,
        "refuse_trust": -0.1,
    },
    "dialogue": {
        "reassure": {"cost": 1, "trust": 0.1, "tension": -1, "exposed_lie_factor": 3},
        "clarify": {"cost": 1, "trust": 0.02},
        "raise_concern": {"cost": 1, "trust": -0.02, "tension": 1},
        "accuse": {"cost": 1, "trust": -0.05, "tension": 3, "evidence_factor": 2},
        "propose_consultations": {"cost": 2, "trust": 0.03, "tension": -2},
        "express_regret": {"cost": 1, "trust": 0.03, "tension": -1},
    },
    "measures": [
        {
            "id": "hotline",
            "name": "Hotline",
            "category": "communication",
            "cost": 1,
            "sign": {"trust": 0.05, "tension": -3},
            "in_force": {"tension": -1},
            "comply_cost": 0.5,
            "defect_gain": 1,
            "detection": {"sat": 0.3},
            "durations": [2, 3],
            "reciprocity": ["reciprocal"],
            "text": "A direct line.",
            "source": "1963 MOU",
        },
        {
            "id": "safeguards",
            "name": "Safeguards",
            "category": "verification",
            "cost": 2,
            "sign": {"trust": 0.08, "tension": -4},
            "comply_cost": 1,
            "defect_gain": 3,
            "detection": {"onsite": 1.0, "sat": 0.4},
            "durations": [2, 3],
            "reciprocity": ["reciprocal", "one_sided"],
            "intel_bonus": 0.2,
            "text": "Inspections of declared sites.",
            "source": "INFCIRC/153",
        },
        {
            "id": "trade",
            "name": "Trade corridor",
            "category": "cooperation",
            "cost": 1,
            "sign": {"trust": 0.03, "tension": -1},
            "comply_cost": 0.2,
            "defect_gain": 0.5,
            "detection": {"sat": 0.5},
            "durations": [3],
            "text": "Open a corridor.",
            "source": "Test",
        },
    ],
    "events": [
        {
            "id": "incident",
            "name": "Air incident",
            "text": "Jets collide.",
            "trigger": {"round": 1},
            "actors": ["aa", "bb"],
            "effects": {"tension": 10, "trust": [{"from": "bb", "to": "aa", "delta": -0.1}]},
            "softened_by": [{"measure": "hotline", "factor": 0.5}],
            "responders": ["aa", "bb"],
            "responses": [
                {"id": "calm", "label": "Call for calm", "effects": {"tension": -2}},
                {"id": "escalate", "label": "Scramble jets", "effects": {"tension": 4, "posture": {"aa": 1}}},
            ],
        },
        {
            "id": "raid",
            "name": "Smuggling raid",
            "text": "A raid.",
            "trigger": {"probability": 0.5},
            "actors": ["cc"],
            "effects": {"tension": 2},
        },
    ],
    "learning_objectives": ["Verify."],
    "debrief_questions": ["What happened?"],
    "sources": [{"title": "A book", "year": 2000, "where": "A library"}],
}


def scenario_data(**changes: Any) -> dict[str, Any]:
    """A deep copy of the tiny scenario with top-level keys replaced."""
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def tiny(**changes: Any) -> Scenario:
    scenario = Scenario.model_validate(scenario_data(**changes))
    assert scenario.reference_errors() == []
    return scenario


def pass_until(session: Session, phase: str, limit: int = 200) -> None:
    """Submit passes (and nothing else) until the game reaches ``phase``."""
    for _ in range(limit):
        if session.state.phase == phase:
            return
        seat = session.to_move()
        assert seat is not None, f"nobody to move before reaching {phase}"
        session.submit(Pass(seat))
    raise AssertionError(f"did not reach {phase}")
