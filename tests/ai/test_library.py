"""The persona library: what ``parley personas`` lists, how a persona is built, and scenario overrides."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.ai import PersonaError, build, library, seat_ais
from game.cli import run
from game.core import Scenario, Session
from tests.ai.helpers import ALL_PERSONAS, at, by_agreement, calm, drive
from tests.builders import pass_until, scenario_data
from tests.core.helpers import answer_all, inspect, propose


def parley(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_the_library_holds_the_eight_built_in_personas() -> None:
    assert set(library()) == set(ALL_PERSONAS)
    assert len(ALL_PERSONAS) == 8


def test_every_persona_has_a_description_and_the_same_parameters() -> None:
    names = {tuple(p.params) for p in library().values()}
    assert len(names) == 1
    for p in library().values():
        assert len(p.description) > 20
        assert all(isinstance(v, float) for v in p.params.values())


def test_parley_personas_lists_each_persona_with_its_description_and_parameters() -> None:
    code, out, err = parley("personas")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    for name, p in library().items():
        index = next(i for i, line in enumerate(lines) if line.split()[:1] == [name])
        assert p.description in lines[index]
        params = lines[index + 1]
        for key, value in p.params.items():
            assert f"{key}={value:g}" in params
    assert sum(1 for line in lines if line.split()[:1] and line.split()[0] in library()) == 8


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_each_persona_builds_at_each_difficulty(name: str) -> None:
    for level in ("easy", "normal", "hard"):
        ai = build(name, None, level)
        assert name in ai.name


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("grumpy",), ["unknown persona 'grumpy'", "cooperative", "strategist"]),
        (("grudger", {"spite": 1.0}), ["persona 'grudger' has no parameter 'spite'", "forgiveness"]),
        (("strategist", None, "brutal"), ["unknown difficulty 'brutal'", "easy", "normal", "hard"]),
    ],
    ids=["persona", "parameter", "difficulty"],
)
def test_an_unknown_persona_parameter_or_difficulty_is_refused_clearly(args: tuple[Any, ...], words: list[str]) -> None:
    with pytest.raises(PersonaError) as info:
        build(*args)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_persona_error_is_a_value_error() -> None:
    assert issubclass(PersonaError, ValueError)


def refused_in_round_one(scenario: Scenario, seed: int = 1) -> tuple[Session, str]:
    """Round 2's implementation: Arland and Borduria keep an unverified hotline and safeguards (on site);
    in round 1 Borduria refused Arland's inspection."""
    session = Session(scenario, seed)
    safeguards = propose(session, "aa", "safeguards", ("bb",), duration=2, verification="onsite")
    hotline = propose(session, "aa", "hotline", ("bb",), duration=3, verification="none")
    pass_until(session, "responses")
    answer_all(session)
    drive(session, {}, at("verification"))
    inspect(session, "aa", safeguards, "bb", "refuse")
    drive(session, {}, at("implementation", 2))
    return session, hotline


def arland_as(persona: str, **params: float) -> Scenario:
    """The calm tiny scenario with Arland's persona, and any overrides, set in the scenario file."""

    def edit(data: dict[str, Any]) -> None:
        data["actors"][0]["persona"] = persona
        if params:
            data["actors"][0]["persona_params"] = params

    return calm(rounds=3, edit=edit)


@pytest.mark.parametrize(("forgiveness", "expected"), [(1.0, "comply"), (0.0, "defect")])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_scenario_s_persona_params_override_the_persona_s(forgiveness: float, expected: str, seed: int) -> None:
    scenario = arland_as("reciprocator", forgiveness=forgiveness)
    assert scenario.actors[0].persona_params == {"forgiveness": forgiveness}
    session, hotline = refused_in_round_one(scenario, seed)
    ais = seat_ais(scenario)
    decisions = drive(session, {"aa": ais["aa"]}, lambda s: s.state.phase != "implementation")
    assert by_agreement(decisions, "aa")[hotline] == [expected]


@pytest.mark.parametrize(
    ("choices", "expected"),
    [
        ({}, "defect"),
        ({"aa": "cooperative"}, "defect"),
        ({"aa": "cooperative:hard"}, "defect"),
        ({"aa": "grit"}, "comply"),
    ],
    ids=["scenario", "same-persona", "same-persona-with-level", "other-persona"],
)
def test_a_command_line_choice_keeps_the_scenario_s_overrides_only_for_the_same_persona(
    choices: dict[str, str], expected: str
) -> None:
    """A Cooperative the scenario made dishonest (honesty 0) breaks its word; GRIT chosen instead keeps its own."""
    scenario = arland_as("cooperative", honesty=0.0)
    session, hotline = refused_in_round_one(scenario)
    ai = seat_ais(scenario, choices)["aa"]
    decisions = drive(session, {"aa": ai}, lambda s: s.state.phase != "implementation")
    assert by_agreement(decisions, "aa")[hotline] == [expected]


def test_a_scenario_naming_an_unknown_persona_or_parameter_fails_validation(tmp_path: Path) -> None:
    data = scenario_data()
    data["actors"][0]["persona"] = "grumpy"
    data["actors"][1]["persona"] = "grudger"
    data["actors"][1]["persona_params"] = {"spite": 1.0}
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, _, err = parley("validate", str(path))
    assert code == 1
    assert "unknown persona 'grumpy'" in err
    assert "persona 'grudger' has no parameter 'spite'" in err
