"""Load scenario files into the validated model, with every problem placed at its file, line and column.

Example:
    >>> scenario = load_scenario("scenarios/npt.yaml")  # doctest: +SKIP
    >>> validate_paths(["scenarios/"])  # doctest: +SKIP
    []
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from game.ai.personas import persona_problems
from game.core.spec import Scenario
from game.scenario.errors import ScenarioError, ScenarioIssue
from game.scenario.field_errors import names_a_key, path_text, show, words
from game.scenario.yaml_positions import YamlPositions, parse_yaml

# Real scenarios are tens of kilobytes; the cap keeps a stray or hostile file
# from tying up the parser.
MAX_BYTES = 2 * 1024 * 1024
SCENARIO_SUFFIXES = (".yaml", ".yml")


def load_scenario(path: str | Path) -> Scenario:
    """Read, parse and validate one scenario file.

    Raises ScenarioError listing every problem found, each with its line,
    column and field path.
    """
    file = str(path)
    text = _read_text(Path(path), file)
    data, positions = parse_yaml(text, file)
    if positions is None:
        raise _one(file, "the file is empty; a scenario is a mapping of fields such as id, title and actors")
    if not isinstance(data, dict):
        line, column = positions.position(())
        message = f"the top level must be a mapping of fields (id: ..., title: ...), not {show(data)}"
        raise ScenarioError([ScenarioIssue(file, line, column, "", message)])
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(sorted(_field_issues(exc, file, positions))) from None
    # Personas are the AI layer's library: a scenario must name ones that exist.
    references = scenario.reference_errors() + persona_problems(scenario)
    if references:
        raise ScenarioError(sorted(_reference_issues(references, file, positions)))
    return scenario


def scenario_files(folder: str | Path) -> list[Path]:
    """The scenario files directly inside ``folder`` (``*.yaml`` and ``*.yml``), sorted by name."""
    return sorted(
        (entry for entry in Path(folder).iterdir() if entry.suffix.lower() in SCENARIO_SUFFIXES and entry.is_file()),
        key=lambda entry: entry.name,
    )


def validate_paths(paths: Iterable[str | Path]) -> list[ScenarioIssue]:
    """Every problem in the given scenario files and folders; an empty list means all are valid.

    A folder stands for the scenario files directly inside it; other files
    there (such as ``schema.json``) are not scenarios and are skipped.
    """
    issues: list[ScenarioIssue] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            try:
                files = scenario_files(path)
            except OSError as exc:
                issues.append(ScenarioIssue(str(given), 0, 0, "", f"cannot list this folder: {exc.strerror or exc}"))
                continue
            if not files:
                issues.append(ScenarioIssue(str(given), 0, 0, "", "no scenario files (*.yaml, *.yml) in this folder"))
        else:
            files = [path]
        for file in files:
            try:
                load_scenario(file)
            except ScenarioError as exc:
                issues.extend(exc.issues)
    return issues


def _one(file: str, message: str, line: int = 0, column: int = 0) -> ScenarioError:
    return ScenarioError([ScenarioIssue(file, line, column, "", message)])


def _read_text(path: Path, file: str) -> str:
    try:
        if path.is_dir():
            raise _one(file, "this is a folder, not a scenario file")
        if not path.exists():
            raise _one(file, "no such file")
        if not path.is_file():
            raise _one(file, "not a regular file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _one(file, f"the file is {size:,} bytes; a scenario file may be at most {MAX_BYTES:,} bytes")
        with path.open("rb") as stream:
            # Read one byte past the cap: the size may change after stat().
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _one(file, f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise _one(file, f"the file is larger than {MAX_BYTES:,} bytes, the most a scenario file may be")
    try:
        # utf-8-sig: a byte order mark, as some Windows editors write, is harmless.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        # Count characters, not bytes, as an editor does; the line is good UTF-8 up to the bad byte.
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        message = f"the file is not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be read; save it as UTF-8"
        raise _one(file, message, line, column) from None


def _field_issues(exc: ValidationError, file: str, positions: YamlPositions) -> Iterable[ScenarioIssue]:
    for error in exc.errors(include_url=False):
        said = words(error)
        line, column = positions.position(said.where, at_key=said.at_key)
        yield ScenarioIssue(file, line, column, path_text(said.path), said.message)


def _reference_issues(
    references: list[tuple[tuple[str | int, ...], str]], file: str, positions: YamlPositions
) -> Iterable[ScenarioIssue]:
    for raw_path, message in references:
        path = raw_path
        line, column = positions.position(path, at_key=names_a_key(path))
        yield ScenarioIssue(file, line, column, path_text(path), message)
