"""New game: pick a scenario (its briefing, learning objectives and actors), who plays each seat, and a seed."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.ai.personas import LEVELS, library
from game.core.spec import Scenario
from game.scenario import builtin_scenarios, resolve_scenario
from game.ui import palette
from game.ui.describe import controller_label
from game.ui.screens.base import Screen, escape

if TYPE_CHECKING:
    from game.ui.app import App

HUMAN_OPTION = "Human player"


HUMAN_DESCRIPTION = "A person at this screen chooses every move."


def _persona_option(name: str) -> str:
    return f"AI: {name}"


def controller_description(controller: str) -> str:
    """One line on who plays a seat: the persona's description from the library (as `parley personas` prints it)."""
    if controller == "human":
        return HUMAN_DESCRIPTION
    persona = library().get(controller)
    return persona.description if persona else controller


def scenario_html(scenario: Scenario) -> str:
    """The scenario as a new player needs it: situation, what it teaches, who is at the table."""
    parts = [
        f"<b>{escape(scenario.title)}</b>",
        f"<i>{escape(scenario.setting.date)}</i>",
        escape(scenario.summary),
        "",
        escape(scenario.setting.situation),
    ]
    if scenario.learning_objectives:
        parts += ["", "<b>What this exercise teaches</b>"]
        parts += [f"• {escape(o)}" for o in scenario.learning_objectives]
    parts += ["", "<b>The delegations</b>"]
    for a in scenario.actors:
        public = "; ".join(o.text for o in a.objectives.public)
        kind = "organisation" if a.kind == "organisation" else "state"
        parts.append(f"<font color='{a.colour}'><b>•</b></font> <b>{escape(a.name)}</b> ({kind})"
                     + (f": {escape(public)}" if public else ""))  # fmt: skip
    parts += [
        "",
        f"{scenario.rules.rounds} rounds. Ladder: "
        + ", ".join(r.name for r in scenario.tension.rungs)
        + " (the top rung ends the game in failure)",
    ]
    return "<br>".join(parts)


class SetupScreen(Screen):
    title = "New game"

    def __init__(self, app: App, scenario_id: str | None = None) -> None:
        super().__init__(app)
        self.choices = [(sid, title) for sid, title, _ in builtin_scenarios()]
        self.scenario_id = scenario_id or (self.choices[0][0] if self.choices else "npt")
        self.scenario = resolve_scenario(self.scenario_id)
        self.seed = random.randrange(1, 100_000)
        self.controllers: dict[str, str] = {}
        self.levels: dict[str, str] = {}
        self._default_seats()
        self.rows: dict[str, tuple[pygame_gui.elements.UIDropDownMenu, pygame_gui.elements.UIDropDownMenu]] = {}
        self.swatches: list[tuple[pygame.Rect, tuple[int, int, int]]] = []

    def _default_seats(self) -> None:
        """The first delegation is the player's; the others play their scenario personas."""
        self.controllers = {a.id: a.persona for a in self.scenario.actors}
        self.levels = {a.id: "normal" for a in self.scenario.actors}
        if self.scenario.actors:
            self.controllers[self.scenario.actors[0].id] = "human"

    def seats(self) -> dict[str, str]:
        out = {}
        for actor_id, controller in self.controllers.items():
            level = self.levels.get(actor_id, "normal")
            out[actor_id] = controller if controller == "human" or level == "normal" else f"{controller}:{level}"
        return out

    def build(self) -> None:
        w, h = self.app.size
        px = self.px
        margin = px(20)
        self.label(pygame.Rect(margin, px(12), w - 2 * margin, px(50)), "New game", "@heading")
        left_w = px(360)
        y = px(64)
        self.label(pygame.Rect(margin, y, left_w, px(28)), "Scenario", "@subtle")
        items = [(title.split(":")[0], sid) for sid, title in self.choices]
        self.scenario_list = pygame_gui.elements.UISelectionList(
            pygame.Rect(margin, y + px(30), left_w, px(34) * max(3, len(items)) + px(6)),
            items,
            self.manager,
            default_selection=next((i for i in items if i[1] == self.scenario_id), None),
            object_id="#scenario_list",
        )
        y = self.scenario_list.get_relative_rect().bottom + px(18)
        self.label(pygame.Rect(margin, y, left_w, px(28)), "Seed (same seed, same moves: same game)", "@subtle")
        self.seed_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(margin, y + px(30), px(200), px(38)), self.manager, object_id="#seed"
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(9)
        self.seed_entry.set_text(str(self.seed))
        self.random_button = self.button(pygame.Rect(margin + px(210), y + px(30), px(150), px(38)), "New seed")
        y += px(90)
        self.label(pygame.Rect(margin, y, left_w, px(28)), "Quick set-up", "@subtle")
        self.solo_button = self.button(pygame.Rect(margin, y + px(30), left_w, px(38)), "Solo: first seat human",
                                       tooltip="You play the first delegation; AI plays the rest")  # fmt: skip
        self.hotseat_button = self.button(pygame.Rect(margin, y + px(74), left_w, px(38)), "Hot-seat: all human",
                                          tooltip="Everyone plays at this screen, passing it between turns")  # fmt: skip
        self.demo_button = self.button(pygame.Rect(margin, y + px(118), left_w, px(38)), "Demo: all AI",
                                       tooltip="Watch AI delegations play the whole game")  # fmt: skip

        right_x = margin * 2 + left_w
        right_w = w - right_x - margin
        n = len(self.scenario.actors)
        row_h = px(38)
        note_h = px(18)  # the line under each row: what the chosen persona does
        bottom_bar = px(64)
        seats_h = px(34) + n * (row_h + note_h)
        about_h = max(px(140), h - px(64) - seats_h - bottom_bar - px(20))
        self.about = self.text_box(pygame.Rect(right_x, px(64), right_w, about_h), scenario_html(self.scenario))
        y = px(64) + about_h + px(8)
        options = [HUMAN_OPTION, *[_persona_option(p) for p in library()]]
        name_w = right_w - px(230) - px(150) - px(40)
        self.label(pygame.Rect(right_x, y, name_w, px(28)), "Who plays each delegation", "@subtle")
        self.label(pygame.Rect(right_x + px(30) + name_w, y, px(230), px(28)), "Player", "@subtle")
        self.label(pygame.Rect(right_x + px(40) + name_w + px(230), y, px(150), px(28)), "AI difficulty", "@subtle")
        y += px(32)
        self.rows = {}
        self.notes: dict[str, pygame_gui.elements.UILabel] = {}
        self.swatches = []
        for actor in self.scenario.actors:
            self.swatches.append((pygame.Rect(right_x, y + px(8), px(20), px(20)), palette.hex_colour(actor.colour)))
            self.label(pygame.Rect(right_x + px(28), y, name_w, row_h - px(4)), actor.name)
            controller = self.controllers[actor.id]
            current = HUMAN_OPTION if controller == "human" else _persona_option(controller)
            who = pygame_gui.elements.UIDropDownMenu(
                options, current, pygame.Rect(right_x + px(30) + name_w, y, px(230), row_h - px(4)), self.manager,
                object_id=ObjectID(object_id="#expand_up"),
            )  # fmt: skip
            level = pygame_gui.elements.UIDropDownMenu(
                list(LEVELS), self.levels[actor.id],
                pygame.Rect(right_x + px(40) + name_w + px(230), y, px(150), row_h - px(4)), self.manager,
                object_id=ObjectID(object_id="#expand_up"),
            )  # fmt: skip
            if controller == "human":
                level.disable()
            self.rows[actor.id] = (who, level)
            self.notes[actor.id] = self.label(
                pygame.Rect(right_x + px(28), y + row_h - px(6), right_w - px(28), note_h + px(4)),
                controller_description(controller), "@subtle",
            )  # fmt: skip
            y += row_h + note_h
        self.back_button = self.button(pygame.Rect(margin, h - px(56), px(160), px(44)), "Back  (Esc)")
        self.start_button = self.button(
            pygame.Rect(w - margin - px(260), h - px(56), px(260), px(44)), "Start the game  (Enter)", "@primary",
            object_id="#start",
        )  # fmt: skip
        self.summary = self.label(pygame.Rect(margin + px(180), h - px(52), w - px(480), px(36)), self._summary(),
                                  "@subtle")  # fmt: skip
        super().build()

    def _summary(self) -> str:
        humans = [a.name for a in self.scenario.actors if self.controllers[a.id] == "human"]
        if not humans:
            return "Demo: every delegation is played by the AI."
        if len(humans) == 1:
            return f"Solo: you play {humans[0]}."
        return f"Hot-seat: {len(humans)} human delegations share this screen."

    def draw(self, surface: pygame.Surface) -> None:
        for rect, colour in self.swatches:
            pygame.draw.rect(surface, colour, rect, border_radius=self.px(3))
            pygame.draw.rect(surface, palette.INK, rect, 1, border_radius=self.px(3))

    def handle(self, event: pygame.event.Event) -> None:
        super().handle(event)
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.scenario_list:
            chosen = next((sid for sid, title in self.choices if title.split(":")[0] == event.text), None)
            if chosen and chosen != self.scenario_id:
                self.scenario_id = chosen
                self.scenario = resolve_scenario(chosen)
                self._default_seats()
                self.app.rebuild()
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for actor_id, (who, level) in self.rows.items():
                if event.ui_element is who:
                    self.controllers[actor_id] = "human" if event.text == HUMAN_OPTION else event.text[4:]
                    self.app.rebuild()
                elif event.ui_element is level:
                    self.levels[actor_id] = event.text
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.start_button:
                self.start()
            elif event.ui_element is self.back_button:
                self.back()
            elif event.ui_element is self.random_button:
                self.seed = random.randrange(1, 100_000)
                self.seed_entry.set_text(str(self.seed))
            elif event.ui_element in (self.solo_button, self.hotseat_button, self.demo_button):
                for a in self.scenario.actors:
                    if event.ui_element is self.hotseat_button:
                        self.controllers[a.id] = "human"
                    else:
                        self.controllers[a.id] = a.persona
                if event.ui_element is self.solo_button:
                    self.controllers[self.scenario.actors[0].id] = "human"
                self.app.rebuild()
        elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.seed_entry:
            self.seed = int(event.text) if event.text.isdigit() else self.seed
        elif event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.start()

    def back(self) -> None:
        from game.ui.screens.menu import MenuScreen

        self.app.show(MenuScreen(self.app))

    def start(self) -> None:
        from game.ui.match import Match
        from game.ui.screens.table import start_table

        match = Match.new(self.scenario, self.seed, self.seats(), self.app.settings)
        start_table(self.app, match)

    def help_html(self) -> str:
        return (
            "<b>New game</b><br><br><b>Enter</b> start · <b>Esc</b> back · <b>F1</b> this help<br><br>"
            "Pick a scenario on the left; its situation, what it teaches and its delegations appear on the right. "
            "For each delegation choose a human player or an AI persona: "
            + ", ".join(f"<b>{p.name}</b> ({escape(p.description)})" for p in library().values())
            + ". The difficulty changes how far the Strategist looks ahead; the other personas play the same at "
            "every level.<br><br>With one human seat you play solo against the AI. With two or more, the game is "
            "hot-seat: the screen is handed over between delegations and each sees only its own secrets. The seed "
            "fixes every dice roll, so the same seed and the same moves replay the same game."
            + f"<br><br>{escape(controller_label('human'))} seats move when you act; AI seats move at the pace "
            "set in Settings."
        )
