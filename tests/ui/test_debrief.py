"""The debrief: open a save, scrub to a step, switch views, jump to turning points, branch from a step."""

from __future__ import annotations

import pygame
import pytest

from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.menu import MenuScreen
from game.ui.screens.table import TableScreen
from tests.ui.helpers import click, drawn, find, frames, hover, press, saved_ai_game


@pytest.fixture
def save(tmp_path):
    """A whole AI game of npt, saved as it is played."""
    return saved_ai_game(tmp_path / "saves")


def test_the_replay_opens_at_the_start_and_steps_with_the_keys(app, save):
    path, session = save
    app.show(DebriefScreen.open(app, path))
    frames(app, 2)
    screen = app.screen
    assert screen.step == 0
    assert f"Step 0 of {len(session.log)}" in drawn(app)
    for _ in range(5):
        press(app, pygame.K_RIGHT, settle=1)
    assert screen.step == 5
    press(app, pygame.K_LEFT, settle=1)
    assert screen.step == 4
    assert screen.view["round"] == session.log[3].round
    press(app, pygame.K_END)
    assert screen.step == len(session.log)
    assert screen.view["ending"] == session.state.ending


def test_dragging_the_scrubber_moves_to_that_step(app, save):
    path, session = save
    app.show(DebriefScreen.open(app, path))
    frames(app, 2)
    slider = find(app, "#scrubber")
    handle = slider.sliding_button
    start = handle.rect.center
    target = (slider.rect.x + slider.rect.width * 3 // 4, start[1])
    hover(app, start)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1))
    frames(app, 1)
    hover(app, target)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=target, button=1))
    frames(app, 3)
    step = app.screen.step
    assert len(session.log) * 0.6 < step < len(session.log) * 0.9
    entry = session.log[step - 1]
    assert f"Step {step} of {len(session.log)}" in drawn(app)
    assert entry.hash == app.screen.replay.entries[step - 1].hash


def test_a_turning_point_is_one_click_away(app, save):
    path, _ = save
    app.show(DebriefScreen.open(app, path))
    frames(app, 2)
    screen = app.screen
    assert screen.points, "an npt game always has turning points (at least its ending)"
    item = find(app, "#points_list").item_list[0]
    click(app, item["button_element"])
    assert screen.step == screen.points[0].step
    assert f"Turning point: {screen.points[0].text}" in drawn(app)


def test_a_seat_view_hides_what_the_debrief_view_reveals(app, save):
    path, session = save
    app.show(DebriefScreen.open(app, path))
    frames(app, 2)
    press(app, pygame.K_END)
    everything = app.screen.view
    assert "trust" in everything  # the whole matrix
    press(app, pygame.K_v)  # the first delegation's view
    assert app.screen.seat == session.scenario.actors[0].id
    assert "trust" not in app.screen.view
    assert f"Seen by {session.scenario.actors[0].name}" in drawn(app)


def test_branch_from_here_plays_on_from_that_step(app, save):
    path, session = save
    app.show(DebriefScreen.open(app, path))
    frames(app, 2)
    for _ in range(30):
        press(app, pygame.K_RIGHT, settle=0)
    frames(app, 2)
    click(app, find(app, "#branch"))
    assert isinstance(app.screen, TableScreen)
    branched = app.screen.match.session
    assert [e.hash for e in branched.log[:30]] == [e.hash for e in session.log[:30]]
    assert app.screen.match.autosave.path != path


def test_replay_a_save_from_the_main_menu(app, save, monkeypatch):
    path, session = save
    monkeypatch.setenv("PARLEY_SAVES", str(path.parent))
    app.show(MenuScreen(app))
    frames(app)
    press(app, pygame.K_r)
    assert "Open a save to replay" in drawn(app)
    files = find(app, "#file_display_list")  # the dialog opens on the saves folder
    item = next(i for i in files.item_list if i["text"] == path.name)
    click(app, item["button_element"])
    click(app, find(app, "#ok_button"), settle=5)
    assert isinstance(app.screen, DebriefScreen)
    assert len(app.screen.replay) == len(session.log)


def test_the_replay_command_opens_at_a_step(save, tmp_path):
    import io

    from game.cli import run

    path, session = save
    shot = tmp_path / "debrief.png"
    out, err = io.StringIO(), io.StringIO()
    assert run(["replay", str(path), "--step", "40", "--screenshot", str(shot)], out, err) == 0, err.getvalue()
    assert shot.stat().st_size > 10_000
    assert run(["replay", str(path), "--step", "99999"], out, err) == 1
    assert f"steps run from 0 to {len(session.log)}" in err.getvalue()
