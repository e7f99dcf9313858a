"""The player's settings (UI scale, AI pace, fullscreen, window size), kept in a small JSON file between runs."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

PACES: dict[str, float] = {"instant": 0.0, "fast": 0.35, "normal": 0.9, "slow": 1.8}  # seconds between AI moves
SCALES = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)


def config_dir() -> Path:
    """``$PARLEY_CONFIG_DIR``, else ``$XDG_CONFIG_HOME/parley``, else ``~/.config/parley``."""
    explicit = os.environ.get("PARLEY_CONFIG_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "parley"


@dataclass(slots=True)
class Settings:
    """``ui_scale`` multiplies text and controls on top of the window's own size (1.5 at 1920x1080)."""

    ui_scale: float = 1.0
    pace: str = "normal"
    fullscreen: bool = False
    width: int = 1280
    height: int = 720

    @property
    def pace_seconds(self) -> float:
        return PACES.get(self.pace, PACES["normal"])

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The saved settings, or the defaults when there are none or the file is unreadable."""
        path = path or config_dir() / "settings.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known}) if isinstance(data, dict) else cls()
        settings.clamp()
        return settings

    def clamp(self) -> None:
        """Bring hand-edited values back into range."""
        try:
            self.ui_scale = min(SCALES, key=lambda s: abs(s - float(self.ui_scale)))
        except (TypeError, ValueError):
            self.ui_scale = 1.0
        if self.pace not in PACES:
            self.pace = "normal"
        self.fullscreen = bool(self.fullscreen)
        self.width = max(960, min(7680, int(self.width))) if isinstance(self.width, int) else 1280
        self.height = max(600, min(4320, int(self.height))) if isinstance(self.height, int) else 720

    def save(self, path: Path | None = None) -> None:
        """Write the settings; a read-only home is not worth an error, so failures are ignored."""
        path = path or config_dir() / "settings.json"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
        except OSError:
            pass
