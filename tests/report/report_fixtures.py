"""Builds assessments of the fixture questionnaire for the report tests, through the services."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "content" / "fixture.yaml"
REPORT_DAY = dt.date(2026, 11, 25)
THIS_YEAR = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
LAST_YEAR = dt.datetime(2025, 11, 18, 2, 0, tzinfo=dt.UTC)

# question or profile id -> (value, note, evidence)
CURRENT: dict[str, tuple[str, str, list[str]]] = {
    "designated": ("yes", "", []),
    "designated_on": ("2026-01-01", "", []),
    "systems": ("3", "", []),
    "declared_level": ("rated3", "", []),
    "duties.office": ("partly", "租約已簽，待通知專員。", ["Lease 2026-03"]),
    "duties.report": ("unknown", "", []),
    "duties.ot": ("na", "No OT: the site runs no control systems.", []),
    "practice.cctv": ("45", "Disk space limits retention.", ["CCTV config export"]),
    "practice.power": ("n", "", []),
    "practice.policy": ("2", "", []),
}
PREVIOUS: dict[str, tuple[str, str, list[str]]] = {
    "designated": ("yes", "", []),
    "systems": ("3", "", []),
    "declared_level": ("rated3", "", []),
    "duties.office": ("no", "", []),
    "duties.report": ("yes", "", []),
    "duties.ot": ("partly", "", []),
    "practice.cctv": ("100", "", []),
    "practice.power": ("n1", "", []),
    "practice.policy": ("1", "", []),
}


@dataclass(frozen=True)
class Files:
    """A pair of assessment files: this year's and last year's."""

    current: Path
    previous: Path


def use_fixture_questionnaire(data_dir: Path) -> None:
    """Make the fixture questionnaire one of the user's questionnaires under `data_dir`."""
    folder = data_dir / "questionnaires"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURE, folder / FIXTURE.name)


def write_assessment(
    path: Path,
    answers: dict[str, tuple[str, str, list[str]]],
    when: dt.datetime,
    *,
    organisation: str = "Harbour Power Ltd",
    assessor: str = "A. Chan",
) -> Path:
    """An assessment of the fixture questionnaire with `answers`, all stamped `when`."""
    from cisec import services

    session = services.new_session(
        "fixture", path, organisation=organisation, assessor=assessor, now=when
    )
    for item_id, (value, note, evidence) in answers.items():
        session.answer(item_id, value, note=note or None, evidence=evidence or None, now=when)
    return path


# The golden report HTML files, and the PDF metadata the tests that render them give.
GOLDEN_REPORTS = Path(__file__).parent / "golden"
GOLDEN_PDF_META: dict[str, Any] = {
    "title": "Gap report",
    "author": "Assessor",
    "subject": "Cap. 653",
    "keywords": ["hk-cap653"],
    "lang": "en",
}
