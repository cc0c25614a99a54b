"""Shared fixtures: an isolated user folder holding the fixture questionnaire."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
FIXTURE_QUESTIONNAIRE = DATA / "content" / "fixture.yaml"


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user data folder (CISEC_DATA_DIR) whose questionnaires folder has the fixture."""
    folder = tmp_path / "cisec-data"
    (folder / "questionnaires").mkdir(parents=True)
    shutil.copy(FIXTURE_QUESTIONNAIRE, folder / "questionnaires" / "fixture.yaml")
    monkeypatch.setenv("CISEC_DATA_DIR", str(folder))
    yield folder
