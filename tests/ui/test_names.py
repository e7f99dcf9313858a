"""Delegation names on the board are whole: a long one takes two lines (the projector has room for every name)."""

from __future__ import annotations

import pytest

from game.core.session import Session
from game.scenario import resolve_scenario
from game.ui import board
from game.ui.app import App
from game.ui.screens.spectator import BOARD, SpectatorScreen
from game.ui.settings import Settings


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_the_projector_board_shows_every_delegation_name_whole(size):
    app = App(Settings(pace="instant"), size=size)
    try:
        screen = SpectatorScreen.__new__(SpectatorScreen)  # its geometry needs only the window, not a server
        screen.app = app
        rect = screen.geometry()["board"]
        view = dict(Session(resolve_scenario("npt"), 1).view("facilitator"))
        view.pop("trust")  # the public view: no trust, no seat of its own
        view["seat"] = None
        app.painter.begin_frame()
        board.draw_table(app.window, rect, view, app.painter, app.scale * BOARD)
        drawn = app.painter.drawn
        assert not [t for t in drawn if "…" in t]
        text = " ".join(drawn)
        for actor in view["actors"]:
            assert actor["name"] in text  # whole, if on two lines
    finally:
        app.close()


def test_list_items_too_long_for_the_list_end_with_an_ellipsis(app):
    from tests.ui.helpers import find, open_game

    open_game(app, {"usa": "human"})
    catalogue = app.screen.view["catalogue"]["measures"]
    widget = find(app, "#measure_list")
    font = app.manager.get_theme().get_font(["selection_list.@selection_list_item", "@selection_list_item", "button"])
    shown = [item["text"] for item in widget.item_list]
    names = [catalogue[m]["name"] for m in app.screen.composer.values["measure"]]
    assert any(text.endswith("…") for text in shown)  # npt has long measure names: some must be shortened
    for text, name in zip(shown, names, strict=True):
        assert font.size(text)[0] <= widget.rect.width  # nothing is cut by the list's edge
        tail = text.split(" · ", 1)[1]
        assert tail == name or (tail.endswith("…") and name.startswith(tail[:-1]))
