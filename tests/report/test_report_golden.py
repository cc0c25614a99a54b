"""Golden HTML of the report in each language: the bytes are the contract.

After an intended change to the templates, the view model or the fixture questionnaire,
regenerate the snapshots and review the diff:

    CISEC_REGENERATE_GOLDEN=1 .venv/bin/pytest tests/report/test_report_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from report_fixtures import REPORT_DAY, Files

from cisec.model.text import DocumentLanguage

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("CISEC_REGENERATE_GOLDEN") == "1"


@pytest.mark.parametrize("edition", ["board", "full"])
@pytest.mark.parametrize("language", ["en", "zh-Hant", "both"])
def test_html_matches_golden(
    language: DocumentLanguage, edition: str, assessment_files: Files, tmp_path: Path
) -> None:
    from cisec.services.report import render_report
    from cisec.services.session import open_session

    out = tmp_path / "report.html"
    render_report(
        open_session(assessment_files.current),
        out,
        language=language,
        previous=open_session(assessment_files.previous),
        today=REPORT_DAY,
        edition=edition,
    )
    golden = GOLDEN / f"fixture-{edition}-{language}.html"
    if REGENERATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(out.read_bytes())
    assert golden.is_file(), f"no snapshot {golden.name}; run with CISEC_REGENERATE_GOLDEN=1"
    assert out.read_bytes() == golden.read_bytes(), (
        f"the {language} report differs from {golden.name}; if intended, regenerate with "
        "CISEC_REGENERATE_GOLDEN=1 .venv/bin/pytest tests/report/test_report_golden.py"
    )
