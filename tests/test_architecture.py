"""The layers hold: the core imports nothing from the layers around it, and does no I/O, no clock, no `random`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"
CORE_FILES = sorted((GAME / "core").glob("*.py"))
FORBIDDEN_MODULES = {"random", "time", "datetime", "os", "pathlib", "io", "socket", "pickle", "shelve", "subprocess",
                     "pygame", "pygame_gui", "websockets", "yaml", "json", "sys"}  # fmt: skip
FORBIDDEN_CALLS = {"open", "print", "input", "eval", "exec", "__import__"}


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", CORE_FILES, ids=[p.name for p in CORE_FILES])
def test_the_core_imports_only_the_core_and_pure_libraries(path: Path) -> None:
    for name in imported_modules(path):
        top = name.split(".")[0]
        assert not (top == "game" and not name.startswith("game.core")), f"{path.name} imports {name}"
        assert top not in FORBIDDEN_MODULES, f"{path.name} imports {name}: the core does no I/O and has no clock"


@pytest.mark.parametrize("path", CORE_FILES, ids=[p.name for p in CORE_FILES])
def test_the_core_calls_no_io_builtins(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert not calls & FORBIDDEN_CALLS, f"{path.name} calls {calls & FORBIDDEN_CALLS}"


def test_numpy_randomness_in_the_core_comes_only_from_the_state_generator() -> None:
    for path in CORE_FILES:
        text = path.read_text(encoding="utf-8")
        for bad in ("np.random.default_rng(", "np.random.seed", "np.random.rand", "np.random.choice"):
            assert bad not in text, f"{path.name} uses {bad}; draw from state.rng instead"
