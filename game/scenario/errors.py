"""What goes wrong in a scenario file, said with file, line, column and field path."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ScenarioIssue:
    """One problem in one scenario file.

    ``line`` and ``column`` are 1-based; 0 means the problem has no place in
    the text (a missing file, a folder without scenarios). ``path`` is the
    field path such as ``events[3].actors[0]``, empty when the problem is
    about the whole file.

    Example:
        >>> str(ScenarioIssue("npt.yaml", 12, 5, "actors[0]", "unknown field 'colour2'"))
        "npt.yaml:12:5: actors[0]: unknown field 'colour2'"
    """

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line > 0 else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ScenarioError(ValueError):
    """A scenario file could not be read or is not a valid scenario; ``issues`` says why."""

    def __init__(self, issues: Iterable[ScenarioIssue]) -> None:
        self.issues: list[ScenarioIssue] = list(issues)
        if not self.issues:
            raise ValueError("a ScenarioError needs at least one issue")
        super().__init__("\n".join(str(issue) for issue in self.issues))
