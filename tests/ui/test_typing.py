"""Keys typed into a text field go to the field only: no game hotkey acts while one has the focus (docs/UI.md)."""

from __future__ import annotations

import pygame

from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.table import TableScreen
from tests.ui.helpers import click, find, frames, open_game, press, saved_ai_game

KEYS = {" ": pygame.K_SPACE, "[": pygame.K_LEFTBRACKET, "]": pygame.K_RIGHTBRACKET}


def _type_keys(app, text: str) -> None:
    """Each character as a player types it: the key goes down (a hotkey, for a letter or a digit), then its text."""
    for ch in text:
        key = KEYS.get(ch, pygame.key.key_code(ch) if ch.isalnum() else 0)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=ch, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=ch, scancode=0))
        frames(app, 1)
    frames(app, 2)


def test_typing_in_the_white_cell_panel_fires_no_hotkey(app):
    match = open_game(app, {"usa": "human"})
    screen = app.screen
    press(app, pygame.K_F2)
    entry = find(app, "#fac_pause_reason")
    click(app, entry)
    steps, pace, tab = len(match.session.log), app.settings.pace, screen.tab
    _type_keys(app, "Class discussion 1 [i e p b t] 2 3")
    assert find(app, "#fac_pause_reason").get_text() == "Class discussion 1 [i e p b t] 2 3"
    assert len(match.session.log) == steps  # no move was submitted
    assert (app.settings.pace, screen.tab) == (pace, tab)  # neither the pace keys nor the tab keys acted
    assert app.screen is screen
    press(app, pygame.K_ESCAPE)  # Escape leaves the field, and does not leave the table
    assert isinstance(app.screen, TableScreen) and not app.typing()
    press(app, pygame.K_3)  # hotkeys work again once the field is left
    assert screen.tab == "log"


def test_typing_a_bookmark_note_in_the_debrief_fires_no_hotkey(app, tmp_path):
    path, session = saved_ai_game(tmp_path / "saves", rounds=1)
    app.show(DebriefScreen.open(app, path))
    frames(app, 2)
    screen = app.screen
    press(app, pygame.K_RIGHT)
    step, seat = screen.step, screen.seat
    saves = sorted((tmp_path / "saves").rglob("*"))
    click(app, find(app, "#bookmark_text"))
    _type_keys(app, "b t v space play [1] 23")
    assert find(app, "#bookmark_text").get_text() == "b t v space play [1] 23"
    assert app.screen is screen  # B did not branch, Escape-like keys did not leave
    assert (screen.step, screen.seat, screen.playing) == (step, seat, False)  # T, V and Space did nothing
    assert sorted((tmp_path / "saves").rglob("*")) == saves  # no branch was saved
