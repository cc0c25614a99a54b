"""Fixtures for the terminal UI tests: async tests, and a folder with the fixture only."""

from __future__ import annotations

import asyncio
import inspect
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_support import FIXTURE, SCALES


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no asyncio plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


@pytest.fixture
def tui_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A working folder whose cisec data folder is `data/` and whose only questionnaire is the
    fixture (the shipped ones are hidden, so wording changes there never break a snapshot)."""
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    shutil.copy(SCALES, shipped / "scales.yaml")
    (tmp_path / "data" / "questionnaires").mkdir(parents=True)
    shutil.copy(FIXTURE, tmp_path / "data" / "questionnaires" / "fixture.yaml")
    monkeypatch.setattr("cisec.content.catalogue.shipped_dir", lambda: shipped)
    monkeypatch.chdir(tmp_path)
    # Relative, so every path the screens show is the same on every machine.
    monkeypatch.setenv("CISEC_DATA_DIR", "data")
    yield tmp_path
