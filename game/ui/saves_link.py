"""The front end's link to saves and replay (``game.saves``), tolerant of that layer being absent.

Everything about the save format belongs to ``game.saves``; this module only says whether it is there and
where saves go, so the menu can enable Continue and Replay.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType


def module() -> ModuleType | None:
    try:
        return importlib.import_module("game.saves")
    except ImportError:
        return None


def available() -> bool:
    saves = module()
    return saves is not None and all(hasattr(saves, n) for n in ("Autosave", "Replay", "latest_save", "resume_save"))


def latest() -> Path | None:
    """The newest autosave, or None (also when saves are not available)."""
    if not available():
        return None
    try:
        return module().latest_save()  # type: ignore[union-attr]
    except (OSError, ValueError):
        return None


def directory() -> Path:
    """Where saves are written: the saves layer's default, else ``saves/`` here."""
    saves = module()
    for name in ("default_directory", "saves_directory", "DEFAULT_DIRECTORY", "SAVES_DIR"):
        value = getattr(saves, name, None) if saves is not None else None
        if callable(value):
            value = value()
        if value is not None:
            return Path(value)
    return Path("saves").resolve()


def errors() -> tuple[type[BaseException], ...]:
    """What opening a save can raise that a user should see as one line."""
    saves = module()
    found: list[type[BaseException]] = [OSError, ValueError]
    if saves is not None and hasattr(saves, "SaveError"):
        found.append(saves.SaveError)
    return tuple(found)
