"""The main menu and the new-game screen, driven by mouse and keys."""

from __future__ import annotations

import pygame

from game.ui.screens.menu import MenuScreen
from game.ui.screens.setup import SetupScreen
from game.ui.screens.table import TableScreen
from tests.ui.helpers import choose, click, drawn, find, frames, press


def test_new_game_from_the_menu_opens_the_table_for_the_human_seat(app):
    app.show(MenuScreen(app))
    frames(app)
    click(app, find(app, "#menu_new"))
    assert isinstance(app.screen, SetupScreen)
    assert "What this exercise teaches" in drawn(app)
    click(app, find(app, "#start"))
    assert isinstance(app.screen, TableScreen)
    assert app.screen.seat == app.screen.session.scenario.actors[0].id
    assert app.screen.match.humans() == [app.screen.seat]
    frames(app, 2)
    first = app.screen.session.scenario.actors[0].name
    assert f"You are {first}" in drawn(app)


def test_choosing_another_scenario_shows_its_briefing_and_delegations(app):
    app.show(SetupScreen(app))
    frames(app)
    click(app, find(app, text="Brinkmanship over the Baltic"))
    frames(app, 2)
    assert app.screen.scenario.id == "nato_russia"
    assert "Republic of Lithuania" in drawn(app)


def test_hot_seat_quick_setup_makes_every_seat_human(app):
    app.show(SetupScreen(app))
    frames(app)
    click(app, find(app, text="Hot-seat"))
    frames(app, 2)
    assert set(app.screen.seats().values()) == {"human"}
    assert f"Hot-seat: {len(app.screen.scenario.actors)} human delegations" in drawn(app)


def test_escape_goes_back_and_q_quits(app):
    app.show(SetupScreen(app))
    frames(app)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, MenuScreen)
    press(app, pygame.K_q, settle=0)
    assert not app.tick(1 / 60)


def test_each_seat_shows_what_its_chosen_persona_does(app):
    from game.ai.personas import library

    app.show(SetupScreen(app))
    frames(app)
    second = app.screen.scenario.actors[1].id
    who, _ = app.screen.rows[second]
    choose(app, who, "AI: grit")
    frames(app, 2)
    assert app.screen.controllers[second] == "grit"
    note = app.screen.notes[second].text
    whole = library()["grit"].description
    assert note == whole or (note.endswith("…") and whole.startswith(note[:-1]) and len(note) > 60)
    assert note in drawn(app)
    choose(app, app.screen.rows[second][0], "AI: strategist")
    frames(app, 2)
    assert app.screen.notes[second].text == library()["strategist"].description
    first = app.screen.scenario.actors[0].id
    assert app.screen.notes[first].text == "A person at this screen chooses every move."
