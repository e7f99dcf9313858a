"""UI tests run headless (SDL's dummy driver, set in tests/conftest.py) with saves and settings in a temporary folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("PARLEY_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def app():
    from game.ui.app import App
    from game.ui.settings import Settings

    window = App(Settings(pace="instant"), size=(1280, 720))
    yield window
    window.close()
