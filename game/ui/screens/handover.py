"""Hot-seat hand-over: nothing private shows until the next delegation confirms it is at the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.ui import palette
from game.ui.describe import controller_label, phase_title
from game.ui.facilitator import FacilitatorPanel
from game.ui.match import Match
from game.ui.screens.base import Screen

if TYPE_CHECKING:
    from game.ui.app import App


class HandoverScreen(Screen):
    """Shows only public facts (round, phase, tension rung) and whose turn comes next."""

    title = "Hand-over"

    def __init__(self, app: App, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.session = match.session
        self.facilitator = FacilitatorPanel(self, match)
        self.next_seat = match.human_to_move()
        self.confirm_button: pygame_gui.elements.UIButton | None = None
        self.passing_on = False

    def _name(self, seat: str) -> str:
        return next(a.name for a in self.session.scenario.actors if a.id == seat)

    def build(self) -> None:
        w, h = self.app.size
        px = self.px
        s = self.session.state
        rung = s.scenario.tension.rungs[s.rung()].name
        public = f"Round {max(1, s.round)} of {s.scenario.rules.rounds} · {phase_title(s.phase)} · tension: {rung}"
        self.label(pygame.Rect(0, px(40), w, px(30)), public, "@subtle", centre=True)
        self.confirm_button = None
        if self.session.over:
            self.label(pygame.Rect(0, h // 2 - px(80), w, px(60)), "The game is over", "@title", centre=True)
            self.debrief_button = self.button(pygame.Rect((w - px(360)) // 2, h // 2 + px(10), px(360), px(54)),
                                              "Open the debrief (D)", "@primary", object_id="#debrief")  # fmt: skip
        elif self.next_seat is not None:
            name = self._name(self.next_seat)
            self.label(pygame.Rect(0, h // 2 - px(120), w, px(60)), f"Pass to the {name} delegation", "@title",
                       centre=True)  # fmt: skip
            self.label(pygame.Rect(0, h // 2 - px(52), w, px(30)),
                       "Everyone else, please look away. Nothing private is shown until you confirm.", "@subtle",
                       centre=True)  # fmt: skip
            self.confirm_button = self.button(
                pygame.Rect((w - px(520)) // 2, h // 2 + px(10), px(520), px(60)),
                f"I am {name}: show my screen (Enter)", "@primary", object_id="#confirm_handover",
            )  # fmt: skip
        else:
            seat = self.session.to_move()
            if s.paused:
                text = "The facilitator has paused the game."
            elif seat is not None:
                text = f"{self._name(seat)} ({controller_label(self.session.controller(seat))}) is deciding…"
            else:
                text = "Please wait…"
            title = "The game is paused" if s.paused else "AI delegations are moving"
            self.label(pygame.Rect(0, h // 2 - px(60), w, px(60)), title, "@title", centre=True)
            self.label(pygame.Rect(0, h // 2 + px(4), w, px(30)), text, "@subtle", centre=True)
        self.label(pygame.Rect(px(20), h - px(38), w - px(40), px(30)), "F1 help · F2 white cell · Esc menu",
                   "@subtle")  # fmt: skip
        about_save = self.match.save_error or self.match.notice  # about the file: nothing of any seat's view
        if about_save:
            self.status_line(pygame.Rect(px(20), h - px(72), w - px(40), px(30)), about_save)
        if self.facilitator.open and not (self.refreshing and self.facilitator.alive()):
            self.facilitator.build()
        super().build()

    def draw(self, surface: pygame.Surface) -> None:
        if self.next_seat is None:
            return
        actor = next(a for a in self.session.scenario.actors if a.id == self.next_seat)
        w, h = self.app.size
        band = pygame.Rect(0, h // 2 - self.px(150), w, self.px(12))
        pygame.draw.rect(surface, palette.hex_colour(actor.colour), band)

    def update(self, dt: float) -> None:
        changed = self.match.update(dt)
        human = self.match.human_to_move()
        if changed or human != self.next_seat:
            self.next_seat = human
            self.app.rebuild()

    def overlays(self) -> list:
        return [*super().overlays(), *([self.facilitator.window] if self.facilitator.alive() else [])]

    def finished(self) -> bool:
        return self.session.over

    def handle(self, event: pygame.event.Event) -> None:
        super().handle(event)
        if self.facilitator.handle(event):
            return
        confirm = (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.confirm_button) or (
            event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
        )
        if confirm and self.next_seat is not None and self.confirm_button is not None:
            from game.ui.screens.table import TableScreen

            self.passing_on = True  # the table takes the match over
            self.app.show(TableScreen(self.app, self.match, self.next_seat))
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F2:
            self.facilitator.toggle()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            from game.ui.screens.menu import MenuScreen

            self.app.show(MenuScreen(self.app))
        elif self.session.over and (
            (event.type == pygame.KEYDOWN and event.key == pygame.K_d)
            or (
                event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is getattr(self, "debrief_button", None)
            )
        ):
            from game.ui.screens.debrief import DebriefScreen

            self.passing_on = True
            self.app.show(DebriefScreen.for_match(self.app, self.match))

    def close(self) -> None:
        if not self.passing_on:
            self.match.close()

    def help_html(self) -> str:
        return (
            "<b>Hand-over</b><br><br><b>Enter</b> confirm you are the named delegation · <b>F2</b> white cell · "
            "<b>Esc</b> main menu<br><br>In hot-seat play, delegations share this screen. Between turns the screen "
            "hides everything private: pass the keyboard to the delegation named, and let them confirm."
        )
