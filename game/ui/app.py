"""The window and its frame loop: one screen at a time, overlays (help, facilitator) on top, global keys.

``App.tick()`` runs one frame (events, updates, drawing); ``App.run()`` loops it. Tests drive the app by posting
pygame events and calling ``tick``.
"""

from __future__ import annotations

import gc
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.ui import palette
from game.ui.assets import font_sizes, theme
from game.ui.frames import Presenter
from game.ui.painter import Painter
from game.ui.settings import Settings

if TYPE_CHECKING:
    from game.ui.screens.base import Screen

BASE_SIZE = (1280, 720)
# Window events after which the display must be sent the whole next frame, changed or not.
EXPOSING = frozenset(getattr(pygame, name) for name in ("VIDEOEXPOSE", "VIDEORESIZE", "WINDOWEXPOSED", "WINDOWSHOWN",
                     "WINDOWRESTORED", "WINDOWMAXIMIZED", "WINDOWSIZECHANGED", "WINDOWRESIZED") if hasattr(pygame, name))  # fmt: skip
_TAGS = re.compile(r"<[^>]+>")
# Keyboard events that go to a focused text field only, never to the screen's hotkeys.
TYPING = frozenset({pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT, pygame.TEXTEDITING})
TEXT_ENTRIES = (pygame_gui.elements.UITextEntryLine, pygame_gui.elements.UITextEntryBox)


def window_scale(size: tuple[int, int], ui_scale: float) -> float:
    """Text and controls grow with the window (1.5 at 1920x1080) times the user's UI scale."""
    fit = min(size[0] / BASE_SIZE[0], size[1] / BASE_SIZE[1])
    return round(max(0.75, min(3.0, fit)) * ui_scale, 3)


def invisible(screenshot: object = None) -> str | None:
    """Why the window would not be seen, or None. With no display, SDL quietly falls back to its 'offscreen'
    driver and the game would run unseen, waiting for clicks that cannot come; that is refused unless the user
    asked for it (SDL_VIDEODRIVER set, as the tests and benchmarks do) or only wants a screenshot."""
    driver = pygame.display.get_driver() if pygame.display.get_init() else ""
    if driver in ("offscreen", "dummy") and not os.environ.get("SDL_VIDEODRIVER") and not screenshot:
        return (
            f"there is no screen to show the window on (no DISPLAY or WAYLAND_DISPLAY; SDL chose its "
            f"'{driver}' driver); run it on a desktop, or play in the terminal with 'parley simulate'"
        )
    return None


class App:
    """A Parley window. ``screen`` is what is shown; ``overlay`` a help or facilitator window over it."""

    def __init__(self, settings: Settings | None = None, size: tuple[int, int] | None = None) -> None:
        self.settings = settings or Settings.load()
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Parley")
        self.size = size or (self.settings.width, self.settings.height)
        self.window = self._open_window()
        self.painter = Painter()
        self.presenter = Presenter()
        self.scale = window_scale(self.size, self.settings.ui_scale)
        self.manager = self._manager()
        self.screen: Screen | None = None
        self.running = True
        self.frames = 0
        self.clock = pygame.time.Clock()
        self._last = time.perf_counter()
        self._rebuild_pending = False

    # -- window -------------------------------------------------------------------------------------------------

    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            try:
                desktop = pygame.display.get_desktop_sizes()[0]
                return pygame.display.set_mode(desktop, pygame.FULLSCREEN)
            except (pygame.error, IndexError):
                self.settings.fullscreen = False
        return pygame.display.set_mode(self.size, pygame.RESIZABLE)

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        if not self.settings.fullscreen:
            self.size = (self.settings.width, self.settings.height)
        self.window = self._open_window()
        self.presenter.invalidate()
        self.resized(self.window.get_size())
        self.settings.save()

    def resized(self, size: tuple[int, int]) -> None:
        """The window changed size: re-theme at the new scale and lay the screen out again."""
        size = (max(640, size[0]), max(480, size[1]))
        if size == self.size and window_scale(size, self.settings.ui_scale) == self.scale:
            return
        self.size = size
        if not self.settings.fullscreen:
            self.settings.width, self.settings.height = size
        self.rethemed()

    def rethemed(self) -> None:
        """Build a UI manager for the current size and scale, then the screen's widgets again."""
        self.scale = window_scale(self.size, self.settings.ui_scale)
        self.manager = self._manager()
        if self.screen is not None:
            self.screen.build()

    def _manager(self) -> pygame_gui.UIManager:
        data = theme(self.scale)
        manager = pygame_gui.UIManager(self.size, data, enable_live_theme_updates=False)
        fonts = manager.ui_theme.get_font_dictionary()
        wanted = [f for f in font_sizes(data) if not fonts.check_font_preloaded(
            fonts.create_font_id(f["point_size"], f["name"], "bold" in f["style"], "italic" in f["style"]))]  # fmt: skip
        manager.preload_fonts(wanted)
        return manager

    def px(self, value: float) -> int:
        """A length in pixels at the current scale (the layout is written for 1280x720 at scale 1)."""
        return max(1, round(value * self.scale))

    # -- screens ------------------------------------------------------------------------------------------------

    def show(self, screen: Screen) -> None:
        """Replace the current screen (its widgets go) with ``screen``."""
        if self.screen is not None:
            self.screen.close()
        self.manager.clear_and_reset()
        self.screen = screen
        screen.build()
        # What the screen holds (a session of hundreds of moves, its widgets) lives as long as the screen: keep it
        # out of the collector's full passes, which otherwise rescan it all and stall a frame by 10 ms or more.
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def rebuild(self) -> None:
        """Ask for the screen's widgets to be built again at the end of this frame (safe inside event handling)."""
        self._rebuild_pending = True

    def quit(self) -> None:
        self.running = False

    # -- the frame loop -----------------------------------------------------------------------------------------

    def tick(self, dt: float | None = None) -> bool:
        """One frame: events, updates, drawing. ``dt`` overrides the measured time step (tests). False once quit."""
        now = time.perf_counter()
        step = now - self._last if dt is None else dt
        self._last = now
        for event in pygame.event.get():
            self._dispatch(event)
        if not self.running:
            return False
        if self.screen is not None:
            self.screen.update(step)
        if self._rebuild_pending:  # after the update, so the widgets drawn match the game drawn
            self._rebuild_pending = False
            if self.screen is not None:
                self.screen.refresh()
        self.manager.update(step)
        self.draw()
        self.frames += 1
        return self.running

    def draw(self) -> None:
        self.painter.begin_frame()
        self.window.fill(palette.BACKGROUND)
        if self.screen is not None:
            self.screen.draw(self.window)
        self.manager.draw_ui(self.window)
        if self.screen is not None:
            self.screen.draw_over(self.window)
        self.presenter.present(self.window)  # only if it differs from the frame on the display

    def _dispatch(self, event: pygame.event.Event) -> None:
        if event.type in EXPOSING:
            self.presenter.invalidate()
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type == pygame.VIDEORESIZE and not self.settings.fullscreen:
            self.window = pygame.display.set_mode(event.size, pygame.RESIZABLE)
            self.resized(event.size)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if event.type in TYPING and self.typing():
            # Keys belong to the text field while one is focused: no game hotkey may act (docs/UI.md).
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.manager.set_focus_set(None)  # Escape leaves the field, and nothing more
                return
            self.manager.process_events(event)
            return
        consumed = self.manager.process_events(event)
        if self.screen is not None and (not consumed or event.type >= pygame.USEREVENT):
            self.screen.handle(event)

    def typing(self) -> bool:
        """True while a text field has the keyboard focus."""
        focused = self.manager.get_focus_set() or ()
        return any(isinstance(e, TEXT_ENTRIES) and e.alive() and getattr(e, "is_focused", False) for e in focused)

    def run(self, frames: int | None = None, screenshot: Path | None = None, fps: int = 60) -> None:
        """Loop until quit, or for ``frames`` frames; save a screenshot at the end when asked."""
        settle = 0  # frames drawn since the game ended, so the last frame shows the final state
        while self.running:
            self.tick()
            if frames is not None and self.frames >= frames:
                break
            if self.screen is not None and screenshot is not None and self.screen.finished():
                settle += 1
                if settle > 3:
                    break
            self.clock.tick(fps)
        if screenshot is not None:
            self.save_screenshot(screenshot)

    def save_screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.window, str(path))

    # -- what is on screen (for tests and accessibility checks) -------------------------------------------------

    def drawn_texts(self) -> list[str]:
        """Every string on the last frame: visible widgets' texts and the text the screen drew itself."""
        texts = list(self.painter.drawn)
        for element in self.manager.get_sprite_group().sprites():
            if not getattr(element, "visible", True) or not element.alive():
                continue
            for attribute in ("text", "html_text", "window_display_title", "parley_text"):
                value = getattr(element, attribute, None)
                if isinstance(value, str) and value:
                    texts.append(_TAGS.sub("", value).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
            if isinstance(element, pygame_gui.elements.UITextEntryLine | pygame_gui.elements.UITextEntryBox):
                texts.append(element.get_text())
        return texts

    def close(self) -> None:
        if self.screen is not None:
            self.screen.close()
        self.settings.save()
        pygame.quit()
