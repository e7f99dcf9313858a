"""Frames cost little when nothing changes: a repeated frame is not sent to the display, and a growing log is laid
out in the panel it is in, not in a new one."""

from __future__ import annotations

import pygame

from game.ui import frames
from game.ui.frames import Presenter
from tests.ui.helpers import drawn, open_game, press
from tests.ui.helpers import frames as run_frames


def test_only_a_frame_that_differs_from_the_one_shown_is_sent(monkeypatch):
    pygame.display.init()
    window = pygame.display.set_mode((320, 200))
    clock = [100.0]
    monkeypatch.setattr(frames.time, "monotonic", lambda: clock[0])
    presenter = Presenter()
    window.fill((10, 20, 30))
    assert presenter.present(window)  # the first frame
    assert not presenter.present(window)  # the same pixels again
    window.set_at((319, 199), (10, 20, 31))  # one pixel, in the last corner
    assert presenter.present(window)
    assert not presenter.present(window)
    presenter.invalidate()  # the window was exposed: show it whatever it holds
    assert presenter.present(window)
    clock[0] += frames.REFRESH_EVERY
    assert presenter.present(window)  # and now and then anyway
    assert (presenter.shown, presenter.skipped) == (4, 2)
    pygame.display.quit()


def test_an_idle_table_sends_no_frames_and_a_change_is_shown_at_once(app):
    app.settings.pace = "slow"
    open_game(app, {"usa": "human"})
    run_frames(app, 5)
    shown = app.presenter.shown
    run_frames(app, 30)  # the player thinks: nothing changes
    assert app.presenter.shown == shown and app.presenter.skipped >= 30
    press(app, pygame.K_3, settle=1)  # the log tab
    assert app.presenter.shown == shown + 1 and "Round 1 begins" in drawn(app)


def test_an_exposed_window_is_drawn_again(app):
    open_game(app, {"usa": "human"})
    run_frames(app, 5)
    shown = app.presenter.shown
    pygame.event.post(pygame.event.Event(pygame.WINDOWEXPOSED))
    run_frames(app, 1)
    assert app.presenter.shown == shown + 1


def test_new_log_lines_are_laid_out_in_the_panel_already_there(app):
    app.settings.pace = "slow"
    match = open_game(app, {"iaea": "human"})  # the IAEA moves last: the others move first
    press(app, pygame.K_3)
    panel = app.screen._cache["log"][0]
    lines = len(panel.lines)
    step, told = match.step, len(app.screen.log_lines)
    for _ in range(800):  # until a move this seat sees (a private proposal between others adds nothing here)
        if match.step > step and len(app.screen.log_lines) > told:
            break
        app.tick(1 / 60)
    run_frames(app, 2)
    assert match.step > step
    assert app.screen._cache["log"][0] is panel and panel.alive()
    assert len(panel.lines) > lines and panel.lines[-1][0] in drawn(app)
