"""The main menu: new game, continue the latest autosave, replay a save, settings, quit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.ui import palette, saves_link
from game.ui.screens.base import Screen

if TYPE_CHECKING:
    from game.ui.app import App

KEYS = {pygame.K_n: "new", pygame.K_c: "continue", pygame.K_r: "replay", pygame.K_s: "settings", pygame.K_q: "quit"}


class MenuScreen(Screen):
    title = "Main menu"

    def __init__(self, app: App, message: str = "") -> None:
        super().__init__(app)
        self.message = message
        self.buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self.file_dialog: pygame_gui.windows.UIFileDialog | None = None

    def build(self) -> None:
        w, h = self.app.size
        px = self.px
        self.label(pygame.Rect(0, px(70), w, px(70)), "Parley", "@title", centre=True)
        subtitle = "A negotiation game for confidence-building exercises"
        self.label(pygame.Rect(0, px(140), w, px(34)), subtitle, "@subtle", centre=True)
        latest = saves_link.latest()
        entries = [
            ("new", "New game  (N)", True, "Choose a scenario, who plays each seat, and a seed"),
            ("continue", "Continue  (C)", latest is not None,
             f"Resume {latest.name}" if latest else "No autosave yet: finished or started games are saved here"),
            ("replay", "Replay a save  (R)", saves_link.available(), "Open a saved game in the debrief screen"),
            ("settings", "Settings  (S)", True, "UI scale, AI pace, full screen"),
            ("quit", "Quit  (Q)", True, None),
        ]  # fmt: skip
        bw, bh, gap = px(360), px(54), px(14)
        top = max(px(200), (h - len(entries) * (bh + gap)) // 2 + px(40))
        self.buttons = {}
        for k, (key, text, enabled, tip) in enumerate(entries):
            rect = pygame.Rect((w - bw) // 2, top + k * (bh + gap), bw, bh)
            button = self.button(rect, text, "@menu_button", tooltip=tip, object_id=f"#menu_{key}")
            if not enabled:
                button.disable()
            self.buttons[key] = button
        if self.message:
            self.label(pygame.Rect(px(20), h - px(70), w - px(40), px(30)), self.message, "@subtle")
        self.label(pygame.Rect(px(20), h - px(38), w - px(40), px(30)), "F1 help · F11 full screen", "@subtle")
        super().build()

    def draw(self, surface: pygame.Surface) -> None:
        w, _ = self.app.size
        px = self.px
        # A row of the ladder's colours under the title: the game's theme at a glance.
        band = pygame.Rect((w - px(420)) // 2, px(184), px(420), px(6))
        for k in range(5):
            seg = pygame.Rect(band.x + k * band.width // 5, band.y, band.width // 5 - px(4), band.height)
            pygame.draw.rect(surface, palette.rung_shade(k, 5), seg, border_radius=px(3))

    def handle(self, event: pygame.event.Event) -> None:
        super().handle(event)
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for key, button in self.buttons.items():
                if event.ui_element is button:
                    self.choose(key)
        elif event.type == pygame.KEYDOWN and event.key in KEYS and self.file_dialog is None:
            key = KEYS[event.key]
            if self.buttons.get(key) is not None and self.buttons[key].is_enabled:
                self.choose(key)
        elif event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED and event.ui_element is self.file_dialog:
            self.file_dialog = None
            self.open_replay(Path(event.text))
        elif event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.file_dialog:
            self.file_dialog = None

    def choose(self, key: str) -> None:
        if key == "new":
            from game.ui.screens.setup import SetupScreen

            self.app.show(SetupScreen(self.app))
        elif key == "continue":
            self.continue_latest()
        elif key == "replay":
            self.pick_save()
        elif key == "settings":
            from game.ui.screens.settings_screen import SettingsScreen

            self.app.show(SettingsScreen(self.app, back=lambda: MenuScreen(self.app)))
        elif key == "quit":
            self.app.quit()

    def continue_latest(self) -> None:
        from game.ui.screens.table import resume_table

        path = saves_link.latest()
        if path is None:
            return
        try:
            resume_table(self.app, path)
        except saves_link.errors() as err:
            self.app.show(MenuScreen(self.app, f"Could not resume {path.name}: {err}"))

    def pick_save(self) -> None:
        w, h = self.app.size
        rect = pygame.Rect(0, 0, min(w - self.px(40), self.px(720)), min(h - self.px(40), self.px(520)))
        rect.center = (w // 2, h // 2)
        self.file_dialog = pygame_gui.windows.UIFileDialog(
            rect,
            self.manager,
            window_title="Open a save to replay",
            initial_file_path=str(saves_link.directory()),
            allow_picking_directories=False,
        )

    def open_replay(self, path: Path) -> None:
        from game.ui.screens.debrief import DebriefScreen

        try:
            screen = DebriefScreen.open(self.app, path)
        except saves_link.errors() as err:
            self.app.show(MenuScreen(self.app, f"Could not open {path.name}: {err}"))
            return
        self.app.show(screen)

    def help_html(self) -> str:
        return (
            "<b>Main menu</b><br><br>"
            "<b>N</b> new game · <b>C</b> continue the latest autosave · <b>R</b> replay a save · "
            "<b>S</b> settings · <b>Q</b> quit<br><b>F1</b> this help · <b>F11</b> full screen<br><br>"
            "Parley is a negotiation game. Each player speaks for a state or an organisation. Round by round you "
            "make statements and propose confidence-building measures (hotlines, notifications, inspections), decide "
            "in secret whether to keep your commitments, ask to inspect others, and weather incidents. Keep tension "
            "off the top of the escalation ladder and pursue your own objectives at the same time."
        )
