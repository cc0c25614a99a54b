"""Workshop fixtures: a user folder holding the fixture pack, and a workshop folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
FIXTURE_PACK = DATA / "fixture-drill.yaml"


@pytest.fixture
def trainer_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user data folder (CISEC_DATA_DIR) with the fixture pack; CISEC_WORKSHOP_DIR inside it."""
    folder = tmp_path / "cisec-data"
    (folder / "exercises").mkdir(parents=True)
    shutil.copy(FIXTURE_PACK, folder / "exercises" / FIXTURE_PACK.name)
    monkeypatch.setenv("CISEC_DATA_DIR", str(folder))
    monkeypatch.setenv("CISEC_WORKSHOP_DIR", str(folder / "workshop"))
    yield folder
