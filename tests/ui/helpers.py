"""Drive the window as a player would: post mouse and key events, run frames, read what was drawn."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame
import pygame_gui

from game.ai.play import seat_ais, turn_for
from game.core.session import Session
from game.saves import Autosave
from game.scenario import resolve_scenario
from game.ui.app import App


def elements(app: App) -> list[Any]:
    return [e for e in app.manager.get_sprite_group().sprites() if e.alive() and getattr(e, "visible", True)]


def find(app: App, object_id: str | None = None, text: str | None = None) -> Any:
    """The visible widget with this object id (e.g. "#menu_new") or whose text starts with ``text``."""
    found = []
    for e in elements(app):
        ids = getattr(e, "object_ids", None) or []
        if object_id is not None and object_id in ids:
            found.append(e)
        elif text is not None and isinstance(getattr(e, "text", None), str) and e.text.startswith(text):
            found.append(e)
    if not found:
        raise LookupError(f"no widget {object_id or text!r} on screen {type(app.screen).__name__}")
    return found[0]


def frames(app: App, count: int = 1, dt: float = 1 / 60) -> None:
    for _ in range(count):
        app.tick(dt)


def hover(app: App, pos: tuple[int, int]) -> None:
    """Move the pointer (widgets read hover from the mouse position, clicks from the event)."""
    pygame.mouse.set_pos(pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 1)


def click(app: App, element: Any, settle: int = 3) -> None:
    """A left click at the middle of ``element``, then a few frames for pygame_gui's events to arrive."""
    pos = element.rect.center
    hover(app, pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, settle)


def scroll(app: App, element: Any, clicks: int = -1) -> None:
    """Turn the mouse wheel over ``element`` (negative: down)."""
    hover(app, element.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=clicks, precise_x=0.0, precise_y=float(clicks),
                                         flipped=False, which=0))  # fmt: skip
    frames(app, 12)  # the scroll bar glides to its new place over a few frames


def press(app: App, key: int, settle: int = 3, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    frames(app, settle)


def choose(app: App, dropdown: Any, option: str) -> None:
    """Open a drop-down menu and click one of its options."""
    click(app, dropdown)
    lists = [e for e in elements(app) if isinstance(e, pygame_gui.elements.UISelectionList)
             and "#drop_down_options_list" in e.object_ids]  # fmt: skip
    for wheel in (0, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1):
        if wheel and lists:
            scroll(app, lists[0], wheel)  # a long menu scrolls: look up, then down
        for e in elements(app):
            if isinstance(e, pygame_gui.elements.UIButton) and e.text == option and e is not dropdown:
                if lists and not lists[0].rect.contains(e.rect):
                    continue
                click(app, e, settle=5)  # the menu reports its change a frame after the click
                return
    raise LookupError(f"no option {option!r} in the drop-down")


def run_until(app: App, done: Callable[[], bool], limit: int = 3000) -> None:
    for _ in range(limit):
        if done():
            return
        app.tick(1 / 60)
    raise AssertionError(f"not reached within {limit} frames (screen {type(app.screen).__name__})")


def drawn(app: App) -> str:
    """Everything drawn on the last frame, as one text."""
    return "\n".join(app.drawn_texts())


def open_game(app: App, seats: dict[str, str], scenario: str = "npt", seed: int = 1) -> Any:
    """Start a game straight on the table (the menu's own path is tested in test_menu); returns the match."""
    from game.scenario import resolve_scenario
    from game.ui.match import Match
    from game.ui.screens.table import start_table

    match = Match.new(resolve_scenario(scenario), seed, seats, app.settings)
    start_table(app, match)
    frames(app, 2)
    return match


def saved_ai_game(folder: Any, seed: int = 4, rounds: int | None = None) -> tuple[Any, Session]:
    """An npt game played by the scenario's AIs and saved as it is played (to its end, or until ``rounds`` are
    over): the save's path and the session."""
    session = Session(resolve_scenario("npt"), seed)
    autosave = Autosave.start(session, folder, durable=False)
    ais = seat_ais(session.scenario)
    while not session.over and (rounds is None or session.state.round <= rounds):
        seat = session.to_move()
        decision = ais[seat].decide(turn_for(session, seat))
        session.submit(decision.move, decision.rationale)
    autosave.close()
    return autosave.path, session
