"""The window: help overlay, settings, resizing, and the play and replay commands."""

from __future__ import annotations

import io

import pygame

from game.cli import run
from game.ui.screens.menu import MenuScreen
from game.ui.screens.settings_screen import SettingsScreen
from game.ui.settings import Settings
from tests.ui.helpers import choose, click, drawn, find, frames, open_game, press


def test_help_lists_the_keys_and_explains_the_phase_in_view(app):
    open_game(app, {"usa": "human"})
    assert "Keys" not in drawn(app)
    press(app, pygame.K_F1)
    text = drawn(app)
    assert "The table: Diplomacy phase" in text
    assert "propose a measure" in text and "F2" in text
    press(app, pygame.K_F1)
    assert "The table: Diplomacy phase" not in drawn(app)


def test_a_bigger_ui_scale_rebuilds_the_screen_larger_and_is_saved(app):
    app.show(SettingsScreen(app, back=lambda: MenuScreen(app)))
    frames(app)
    before = find(app, text="Back").rect.height
    choose(app, find(app, text="100%"), "150%")
    assert app.scale == 1.5
    assert find(app, text="Back").rect.height > before * 1.4
    assert Settings.load().ui_scale == 1.5


def test_resizing_the_window_lays_the_table_out_again(app):
    open_game(app, {"usa": "human"})
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080))
    frames(app, 2)
    assert app.size == (1920, 1080)
    assert app.scale == 1.5
    submit = find(app, "#submit")
    assert submit.rect.right <= 1920 and submit.rect.bottom <= 1080
    assert submit.rect.height >= 60


def test_ai_pace_makes_ai_seats_wait_between_moves(app):
    app.settings.pace = "slow"
    match = open_game(app, {"kessaria": "human"})  # usa and russia move first
    frames(app, 30, dt=0.05)  # 1.5 s: at the slow pace (1.8 s a move) at most one AI move
    assert match.step <= 1
    for _ in range(3):  # ] three times: normal, fast, instant
        press(app, pygame.K_RIGHTBRACKET, settle=1)
    assert app.settings.pace == "instant"
    frames(app, 5)
    assert match.step >= 2


def test_play_demo_writes_a_screenshot_when_the_game_ends(tmp_path):
    shot = tmp_path / "demo.png"
    out, err = io.StringIO(), io.StringIO()
    code = run(["play", "npt", "--demo", "--seed", "2", "--pace", "instant", "--screenshot", str(shot)], out, err)
    assert code == 0, err.getvalue()
    assert pygame.image.load(str(shot)).get_size() == (1280, 720)


def test_play_rejects_an_unknown_seat_and_replay_a_missing_save(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    assert run(["play", "npt", "--seat", "mars=human"], out, err) == 2
    assert "no actor 'mars'" in err.getvalue()
    assert run(["play", "npt", "--seat", "usa=wizard"], out, err) == 2
    assert run(["replay", str(tmp_path / "nothing.jsonl")], out, err) == 1
    assert "no such save file" in err.getvalue()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not a save\n")
    assert run(["replay", str(bad)], out, err) == 1
    assert err.getvalue().count("\n") == 4  # one line per failure


def test_continue_resumes_the_latest_autosave(app):
    match = open_game(app, {"usa": "human"})
    press(app, pygame.K_e)  # usa passes
    frames(app, 3)
    steps = match.step
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, MenuScreen)
    click(app, find(app, "#menu_continue"))
    resumed = app.screen.match.session
    assert len(resumed.log) >= steps
    assert resumed.log[0].move.actor == "usa" and resumed.log[0].move.kind == "pass"


def test_f11_switches_full_screen_and_back(app):
    app.show(MenuScreen(app))
    frames(app)
    press(app, pygame.K_F11)
    assert app.settings.fullscreen
    assert app.size == pygame.display.get_desktop_sizes()[0]
    assert find(app, "#menu_new").rect.right <= app.size[0]
    press(app, pygame.K_F11)
    assert not app.settings.fullscreen
    assert app.size == (1280, 720)
