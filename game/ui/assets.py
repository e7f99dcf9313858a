"""The front end's files: the bundled font and the theme, scaled for the window and the user's UI scale."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

ASSETS = Path(__file__).resolve().parents[2] / "assets"
FONTS = ASSETS / "fonts"
THEME = ASSETS / "theme.json"
FONT_NAME = "parley_sans"
ELEMENTS = (
    "button",
    "label",
    "text_box",
    "text_entry_line",
    "text_entry_box",
    "selection_list",
    "drop_down_menu",
    "window",
    "tool_tip",
    "horizontal_slider",
    "panel",
    "file_dialog",
    "message_window",
    "check_box",
)


def font_path(style: str = "Regular") -> Path:
    """The bundled Noto Sans (``Regular``, ``Bold`` or ``Italic``); pygame_gui's own copy if assets/ is missing."""
    path = FONTS / f"NotoSans-{style}.ttf"
    if path.exists():
        return path
    import pygame_gui

    return Path(pygame_gui.__file__).parent / "data" / f"NotoSans-{style}.ttf"


@cache
def _base_theme() -> dict[str, Any]:
    """assets/theme.json; pygame_gui's own look if the repository's assets/ is not there (an installed wheel)."""
    try:
        return json.loads(THEME.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"defaults": {"font": {"name": FONT_NAME, "size": "16"}}}


def theme(scale: float) -> dict[str, Any]:
    """The theme with every font size and fixed height multiplied by ``scale`` and the font files filled in."""
    data = copy.deepcopy(_base_theme())
    paths = {
        "regular_path": str(font_path("Regular")),
        "bold_path": str(font_path("Bold")),
        "italic_path": str(font_path("Italic")),
        "bold_italic_path": str(font_path("Bold")),
    }
    base_size = data["defaults"]["font"].get("size", "16")
    # pygame_gui reads fonts per element type, not from "defaults": give every type the default font.
    for element in ELEMENTS:
        block = data.setdefault(element, {})
        block["font"] = {**data["defaults"]["font"], **block.get("font", {})}
    for block in data.values():
        font = block.get("font")
        if font is not None:
            font.setdefault("name", FONT_NAME)
            font.update(paths)
            font["size"] = str(max(8, round(int(font.get("size", base_size)) * scale)))
        misc = block.get("misc", {})
        for key in ("title_bar_height", "list_item_height"):
            if key in misc:
                misc[key] = str(round(int(misc[key]) * scale))
    return data


def font_sizes(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every font the theme uses, in each style a text box may ask for, for ``UIManager.preload_fonts``."""
    sizes = sorted({int(block["font"]["size"]) for block in data.values() if "font" in block})
    return [{"name": FONT_NAME, "point_size": size, "style": style}
            for size in sizes for style in ("regular", "bold", "italic", "bold_italic")]  # fmt: skip
