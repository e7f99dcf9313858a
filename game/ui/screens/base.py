"""What every screen has: building its widgets for the window, handling events, drawing, and its help text."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

if TYPE_CHECKING:
    from game.ui.app import App


BUTTON_FONTS = {"": (16, False), "@primary": (16, True), "@danger": (16, True), "@tab": (15, False), "@tab_on": (15, False),
                "@menu_button": (22, False)}  # fmt: skip
# Font size and weight of each label style in assets/theme.json, to shorten a text that would not fit.
LABEL_FONTS = {"": (16, False), "@title": (44, True), "@heading": (22, True), "@subtle": (15, False),
               "@status": (18, True), "@banner": (20, True)}  # fmt: skip


def escape(text: str) -> str:
    """Text made safe for a pygame_gui text box (its markup is HTML-like)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


# Theme ids of the texts ``Screen.fit_widget_text`` measures.
LIST_ITEM = ("selection_list.@selection_list_item", "@selection_list_item", "button")
DROP_DOWN = ("drop_down_menu",)


class Screen:
    """A screen builds all its widgets in ``build`` (called again on resize or a new UI scale)."""

    title = "Parley"

    def __init__(self, app: App) -> None:
        self.app = app
        self.help_window: pygame_gui.elements.UIWindow | None = None
        self._help_open = False
        self.refreshing = False  # True while ``refresh`` rebuilds the screen's widgets under kept overlays
        self._cache: dict[str, tuple[Any, Any]] = {}  # widgets kept across refreshes while their content holds
        self._used: set[str] = set()

    # Widgets --------------------------------------------------------------------------------------------------

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    def fit_widget_text(self, text: str, width: int, ids: tuple[str, ...] = LIST_ITEM) -> str:
        """``text`` shortened with … to fit ``width`` pixels in the theme's font for the widget ``ids``
        (list items by default; ``DROP_DOWN`` for drop-down menus), so clipped text always says it is clipped."""
        font = self.manager.get_theme().get_font(list(ids))
        if font.size(text)[0] <= width:
            return text
        while text and font.size(text.rstrip() + "…")[0] > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def px(self, value: float) -> int:
        return self.app.px(value)

    def label(
        self,
        rect: pygame.Rect,
        text: str,
        style: str = "",
        container: Any = None,
        centre: bool = False,
    ) -> pygame_gui.elements.UILabel:
        object_id = ObjectID(class_id=style or None, object_id="#centred" if centre else None)
        size, bold = LABEL_FONTS.get(style, (16, False))
        text = self.app.painter.fit(text, self.px(size), rect.width - self.px(12), bold)
        return pygame_gui.elements.UILabel(rect, text, self.manager, container=container, object_id=object_id)

    def status_line(self, rect: pygame.Rect, text: str, container: Any = None) -> pygame_gui.elements.UILabel:
        """A status line: bold, or in the smaller style when that is what lets a long one fit."""
        size, bold = LABEL_FONTS["@status"]
        fits = self.app.painter.font(self.px(size), bold).size(text)[0] <= rect.width - self.px(12)
        return self.label(rect, text, "@status" if fits else "@subtle", container)

    def button(
        self,
        rect: pygame.Rect,
        text: str,
        style: str = "",
        tooltip: str | None = None,
        container: Any = None,
        object_id: str | None = None,
    ) -> pygame_gui.elements.UIButton:
        size, bold = BUTTON_FONTS.get(style, (16, False))
        shown = self.app.painter.fit(text, self.px(size), rect.width - self.px(20), bold)
        if shown != text and tooltip is None:
            tooltip = text  # the whole text on hover
        return pygame_gui.elements.UIButton(
            rect,
            shown,
            self.manager,
            container=container,
            tool_tip_text=tooltip,
            object_id=ObjectID(class_id=style or None, object_id=object_id),
        )

    def text_box(
        self, rect: pygame.Rect, html: str, container: Any = None, style: str = ""
    ) -> pygame_gui.elements.UITextBox:
        return pygame_gui.elements.UITextBox(
            html, rect, self.manager, container=container, object_id=ObjectID(class_id=style) if style else None
        )

    # Life cycle -----------------------------------------------------------------------------------------------

    def build(self) -> None:
        """Create the widgets for the current window size and scale (subclasses call this last: it adds the help
        overlay when it is open)."""
        if self.refreshing and self.help_window is not None and self.help_window.alive():
            return
        self.help_window = None
        if self._help_open:
            self.open_help()

    def overlays(self) -> list[pygame_gui.core.UIElement]:
        """Windows kept open over the screen while its widgets are rebuilt after a change in the game."""
        return [w for w in (self.help_window,) if w is not None and w.alive()]

    def refresh(self) -> None:
        """Rebuild the screen's widgets for a change in the game, keeping overlays (and what is typed in them)."""
        keep = set(self.overlays()) | {getattr(w, "container", w) for w, _ in self._cache.values() if w.alive()}
        for element in list(self.manager.get_root_container().elements):
            # A window's own container sits at the root too, with the window as its parent.
            if element not in keep and getattr(element, "parent_element", None) not in keep:
                element.kill()
        self.refreshing = True
        self._used = set()
        try:
            self.build()
        finally:
            self.refreshing = False
        for key in [k for k in self._cache if k not in self._used]:
            self._cache.pop(key)[0].kill()

    def reuse(self, key: str, signature: Any, make: Callable[[], Any]) -> Any:
        """The widget made for ``key`` last time if its ``signature`` (rect and content) is unchanged, else a new one:
        a text that did not change is not laid out again on every move."""
        self._used.add(key)
        old = self._cache.get(key)
        if old is not None and old[1] == signature and old[0].alive() and old[0].ui_manager is self.manager:
            return old[0]
        if old is not None:
            old[0].kill()
        widget = make()
        self._cache[key] = (widget, signature)
        return widget

    def lines_panel(self, key: str, rect: pygame.Rect, lines: list[tuple[str, str]]) -> Any:
        """A text panel of (text, style) lines, kept across refreshes: new lines are laid out into the same panel."""
        from game.ui.textpanel import text_panel

        self._used.add(key)
        old = self._cache.get(key)
        if old is not None and old[1] == tuple(rect) and old[0].alive() and old[0].ui_manager is self.manager:
            old[0].set_lines(lines)
            return old[0]
        if old is not None:
            old[0].kill()
        panel = text_panel(self, rect, lines)
        self._cache[key] = (panel, tuple(rect))
        return panel

    def scroll_panels(self) -> None:
        """Let kept text panels redraw after their scroll bar moved (once a frame)."""
        for widget, _ in self._cache.values():
            scrolled = getattr(widget, "scrolled", None)
            if scrolled is not None and widget.alive():
                scrolled()

    def cached_label(self, key: str, rect: pygame.Rect, text: str, style: str = "") -> pygame_gui.elements.UILabel:
        return self.reuse(key, (tuple(rect), text, style), lambda: self.label(rect, text, style))

    def cached_text_box(self, key: str, rect: pygame.Rect, html: str) -> pygame_gui.elements.UITextBox:
        return self.reuse(key, (tuple(rect), html), lambda: self.text_box(rect, html))

    def handle(self, event: pygame.event.Event) -> None:
        """A pygame or pygame_gui event the UI manager did not swallow."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F1:
            self.toggle_help()
        elif event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.help_window:
            self.help_window = None
            self._help_open = False

    def update(self, dt: float) -> None:
        """Advance by ``dt`` seconds (animations, AI moves)."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw below the widgets."""

    def draw_over(self, surface: pygame.Surface) -> None:
        """Draw above the widgets."""

    def close(self) -> None:
        """The screen is leaving: stop what it started."""

    def finished(self) -> bool:
        """True when a ``--screenshot`` run may stop here (the game is over)."""
        return False

    # Help -----------------------------------------------------------------------------------------------------

    def help_html(self) -> str:
        """The help overlay's text for this screen (keys first, then what the screen is for)."""
        return "<b>F1</b> this help · <b>F11</b> full screen"

    def toggle_help(self) -> None:
        if self.help_window is not None:
            self.help_window.kill()
            self.help_window = None
            self._help_open = False
        else:
            self.open_help()

    def open_help(self) -> None:
        w, h = self.app.size
        rect = pygame.Rect(0, 0, min(w - self.px(40), self.px(900)), min(h - self.px(40), self.px(620)))
        rect.center = (w // 2, h // 2)
        self.help_window = pygame_gui.elements.UIWindow(
            rect, self.manager, window_display_title="Help (F1 to close)", object_id="#help"
        )
        inner = self.help_window.get_container().get_rect()
        self.text_box(pygame.Rect(0, 0, inner.width, inner.height), self.help_html(), container=self.help_window)
        self._help_open = True
