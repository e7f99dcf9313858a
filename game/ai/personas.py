"""The persona library: built-in personas as data, and how a seat's AI is built from a name and overrides."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Protocol

import yaml

from game.ai.simple import Decision, SimpleAI
from game.ai.turn import Turn
from game.core.spec import Scenario

LEVELS = ("easy", "normal", "hard")


class PersonaError(ValueError):
    """An unknown persona, parameter or difficulty."""


class AI(Protocol):
    name: str

    def decide(self, turn: Turn) -> Decision: ...


@dataclass(frozen=True)
class Persona:
    name: str
    description: str
    logic: str  # simple | rules | strategist
    params: dict[str, float]


@cache
def library() -> dict[str, Persona]:
    """The built-in personas, read once from game/data/personas.yaml."""
    text = resources.files("game").joinpath("data/personas.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    defaults = {k: float(v) for k, v in data["defaults"].items()}
    return {
        name: Persona(name, spec["description"], spec["logic"], {**defaults, **{k: float(v) for k, v in
                                                                              (spec.get("params") or {}).items()}})
        for name, spec in data["personas"].items()
    }  # fmt: skip


def parameter_names() -> list[str]:
    return list(next(iter(library().values())).params)


def build(name: str, overrides: dict[str, float] | None = None, level: str = "normal") -> AI:
    """The AI for a persona, with parameter overrides (a scenario's) and a difficulty (the Strategist's)."""
    personas = library()
    if name not in personas:
        raise PersonaError(f"unknown persona '{name}'; personas: {', '.join(personas)}")
    if level not in LEVELS:
        raise PersonaError(f"unknown difficulty '{level}'; difficulties: {', '.join(LEVELS)}")
    persona = personas[name]
    params = dict(persona.params)
    for key, value in (overrides or {}).items():
        if key not in params:
            raise PersonaError(f"persona '{name}' has no parameter '{key}'; parameters: {', '.join(params)}")
        params[key] = float(value)
    if persona.logic == "simple":
        return SimpleAI(comply=params["honesty"], inspect=params["inspect"])
    if persona.logic == "strategist":
        from game.ai.strategist import Strategist

        return Strategist(level, params)
    from game.ai.rules_ai import RulesAI

    return RulesAI(name, params)


def parse_choice(text: str) -> tuple[str, str]:
    """``NAME`` or ``NAME:LEVEL`` (``strategist:hard``) as (name, level)."""
    name, _, level = text.partition(":")
    return name, level or "normal"


def persona_problems(scenario: Scenario) -> list[tuple[tuple[str | int, ...], str]]:
    """Scenario actors naming a persona or a parameter the library does not have."""
    errors: list[tuple[tuple[str | int, ...], str]] = []
    personas = library()
    for i, actor in enumerate(scenario.actors):
        if actor.persona not in personas:
            errors.append(
                ((("actors", i, "persona")), f"unknown persona '{actor.persona}'; personas: {', '.join(personas)}")
            )
            continue
        for key in actor.persona_params:
            if key not in personas[actor.persona].params:
                errors.append((("actors", i, "persona_params", key),
                               f"persona '{actor.persona}' has no parameter '{key}'; parameters: {', '.join(parameter_names())}"))  # fmt: skip
    return errors


def describe() -> list[dict[str, Any]]:
    """The library as plain data, for ``parley personas``."""
    return [{"name": p.name, "description": p.description, "params": p.params} for p in library().values()]
