"""Small helpers for scenario tests: the minimal fixture, and copies of it with one change."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
MINIMAL = HERE / "fixtures" / "minimal.yaml"
BROKEN = HERE / "broken"


def minimal_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")


def variant(folder: Path, old: str, new: str, name: str = "variant.yaml") -> Path:
    """Write the minimal scenario with the one occurrence of ``old`` replaced by ``new``."""
    text = minimal_text()
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in the fixture"
    path = folder / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    """1-based line of the one line containing ``fragment``."""
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if fragment in line]
    assert len(lines) == 1, f"{fragment!r} is on lines {lines}"
    return lines[0]


def column_of(text: str, line_fragment: str, fragment: str) -> int:
    """1-based column of ``fragment`` on the one line containing ``line_fragment``."""
    line = text.splitlines()[line_of(text, line_fragment) - 1]
    return line.index(fragment) + 1
