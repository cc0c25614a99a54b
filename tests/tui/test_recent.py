"""The recent-assessments list and the remembered interface language."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cisec.services import recent


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("CISEC_DATA_DIR", str(folder))
    return folder


def test_opened_files_come_first_newest_first(data: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.cisec.json", tmp_path / "b.cisec.json"
    first.write_text("{}")
    second.write_text("{}")
    recent.remember_opened(first, now=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    recent.remember_opened(second, now=dt.datetime(2026, 11, 2, tzinfo=dt.UTC))
    recent.remember_opened(first, now=dt.datetime(2026, 11, 3, tzinfo=dt.UTC))
    found = recent.recent_assessments()
    assert [entry.path for entry in found] == [first.resolve(), second.resolve()]
    assert found[0].opened_at == dt.datetime(2026, 11, 3, tzinfo=dt.UTC)


def test_files_in_the_data_folder_are_listed_and_missing_ones_marked(
    data: Path, tmp_path: Path
) -> None:
    inside = data / "assessments" / "x.cisec.json"
    inside.parent.mkdir(parents=True)
    inside.write_text("{}")
    gone = tmp_path / "gone.cisec.json"
    recent.remember_opened(gone)
    found = {entry.path: entry.exists for entry in recent.recent_assessments()}
    assert found == {gone.resolve(): False, inside.resolve(): True}


def test_a_damaged_list_is_an_empty_list_and_is_replaced(data: Path, tmp_path: Path) -> None:
    data.mkdir()
    recent.recent_file().write_text("{not json")
    assert recent.recent_assessments() == []
    assert recent.preferred_language() is None
    recent.remember_language("zh-Hant")
    assert json.loads(recent.recent_file().read_text())["language"] == "zh-Hant"
    assert recent.preferred_language() == "zh-Hant"
    assert not list(data.glob(".recent.json.*"))  # no temporary file left behind


def test_a_new_assessment_gets_a_free_name(data: Path) -> None:
    today = dt.date(2026, 11, 25)
    first = recent.default_assessment_path("hk-cap653", today)
    assert first == data / "assessments" / "hk-cap653-2026-11-25.cisec.json"
    first.parent.mkdir(parents=True)
    first.write_text("{}")
    assert recent.default_assessment_path("hk-cap653", today).name == (
        "hk-cap653-2026-11-25-2.cisec.json"
    )
