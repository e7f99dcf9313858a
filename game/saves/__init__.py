"""Saves: the session log written as it happens, read back, checked, replayed and branched.

The format is described in docs/SAVES.md.
"""

from __future__ import annotations

from pathlib import Path

from game.saves.format import FORMAT_VERSION, SaveError
from game.saves.reader import Loaded, Note, SaveFile, load_save, read_save, replay_moves
from game.saves.replay import Replay
from game.saves.writer import SUFFIX, Autosave, default_directory, reopen, write_atomically, write_save

__all__ = [
    "FORMAT_VERSION",
    "Autosave",
    "Loaded",
    "Note",
    "Replay",
    "SaveError",
    "SaveFile",
    "default_directory",
    "latest_save",
    "load_save",
    "read_save",
    "replay_moves",
    "resume_save",
    "verify_save",
    "write_atomically",
    "write_save",
]


def resume_save(path: Path | str) -> tuple[Loaded, Autosave]:
    """Load a save and go on writing it. A line cut off by a crash is removed first; a save of an older format is
    rewritten in the current one (the old file kept as ``<name>.format<N>.bak``). Raises ``SaveError`` if another
    Parley is writing the same save."""
    loaded = load_save(path)
    save = loaded.save
    file = reopen(save.path, save.whole_bytes)
    if save.format < FORMAT_VERSION:
        return loaded, Autosave.rewrite(loaded.session, save.path, save.header, file, save.format)
    notices, intel = save.marks()
    return loaded, Autosave.attach(loaded.session, save.path, notices, intel, file)


def verify_save(path: Path | str) -> Loaded:
    """Play the whole log again and check every state hash and snapshot; raises ``SaveError`` at the first
    line that differs."""
    save = read_save(path)
    return Loaded(save, replay_moves(save, snapshots=True))


def latest_save(directory: Path | str | None = None) -> Path | None:
    """The most recently written save in ``directory`` (default: the saves folder), or None."""
    folder = Path(directory) if directory is not None else default_directory()
    if not folder.is_dir():
        return None
    saves = [p for p in folder.glob(f"*{SUFFIX}") if p.is_file()]
    return max(saves, key=lambda p: (p.stat().st_mtime_ns, p.name), default=None)
