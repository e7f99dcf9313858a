"""Settings: UI scale (for projectors), the AI's pace, full screen. Saved for the next run."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.ui.screens.base import Screen
from game.ui.settings import PACES, SCALES

if TYPE_CHECKING:
    from game.ui.app import App

PACE_LABELS = {"instant": "Instant", "fast": "Fast", "normal": "Normal", "slow": "Slow"}


class SettingsScreen(Screen):
    title = "Settings"

    def __init__(self, app: App, back: Callable[[], Screen]) -> None:
        super().__init__(app)
        self.back_to = back

    def build(self) -> None:
        w, h = self.app.size
        px = self.px
        s = self.app.settings
        col = pygame.Rect((w - px(640)) // 2, px(30), px(640), h - px(60))
        self.label(pygame.Rect(col.x, col.y, col.width, px(50)), "Settings", "@heading")
        y = col.y + px(70)
        label_w = px(260)

        def row(text: str, hint: str) -> None:
            self.label(pygame.Rect(col.x, y, label_w, px(38)), text)
            self.label(pygame.Rect(col.x, y + px(40), col.width, px(26)), hint, "@subtle")

        row("Text and controls size", "Bigger for a projector: text must read from the back of the room.")
        self.scale_menu = pygame_gui.elements.UIDropDownMenu(
            [f"{round(x * 100)}%" for x in SCALES], f"{round(s.ui_scale * 100)}%",
            pygame.Rect(col.x + label_w, y, col.width - label_w, px(38)), self.manager,
        )  # fmt: skip
        y += px(84)
        row("AI pace", "Seconds between AI moves: " + ", ".join(f"{PACE_LABELS[k].lower()} {v:g}" for k, v in
                                                                  PACES.items()))  # fmt: skip
        self.pace_menu = pygame_gui.elements.UIDropDownMenu(
            [PACE_LABELS[k] for k in PACES], PACE_LABELS[s.pace],
            pygame.Rect(col.x + label_w, y, col.width - label_w, px(38)), self.manager,
        )  # fmt: skip
        y += px(84)
        row("Full screen", "F11 switches at any time.")
        self.fullscreen_button = self.button(pygame.Rect(col.x + label_w, y, col.width - label_w, px(38)),
                                             "On: switch off" if s.fullscreen else "Off: switch on")  # fmt: skip
        y += px(84)
        self.label(pygame.Rect(col.x, y, col.width, px(60)),
                   "Colours: trust and tension are always shown with numbers, line styles and names too.",
                   "@subtle")  # fmt: skip
        self.back_button = self.button(pygame.Rect(col.x, h - px(80), px(200), px(46)), "Back (Esc)", "@primary")
        super().build()

    def handle(self, event: pygame.event.Event) -> None:
        super().handle(event)
        s = self.app.settings
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if event.ui_element is self.scale_menu:
                s.ui_scale = float(event.text.rstrip("%")) / 100
                s.save()
                self.app.rethemed()
            elif event.ui_element is self.pace_menu:
                s.pace = next(k for k, v in PACE_LABELS.items() if v == event.text)
                s.save()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back_button:
                self.app.show(self.back_to())
            elif event.ui_element is self.fullscreen_button:
                self.app.toggle_fullscreen()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.show(self.back_to())

    def help_html(self) -> str:
        return (
            "<b>Settings</b><br><br><b>Esc</b> back · <b>F11</b> full screen<br><br>The size of text and controls "
            "grows with the window (one and a half times at 1920x1080) and is multiplied by the size chosen here. "
            "The AI pace is how long AI delegations wait between moves so players can follow them; instant plays "
            "them as fast as possible."
        )
