"""The remediation plan in the report: gap tables, CSV, JSON, calendar and last year's items."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from report_fixtures import CURRENT, LAST_YEAR, PREVIOUS, REPORT_DAY, THIS_YEAR, write_assessment

from cisec import services
from cisec.model import RiskAcceptance
from cisec.services.plan import set_plan_item
from cisec.services.report import render_report

HOSTILE_OWNER = "=cmd|' /C calc'!A0 <b>Ops</b>"


@pytest.fixture(scope="module")
def planned(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("planned")
    previous = write_assessment(folder / "2025.cisec.json", PREVIOUS, LAST_YEAR)
    last = services.open_session(previous)
    # Closed this year by a better answer, but after its due date.
    set_plan_item(last, "duties.ot", due=dt.date(2026, 6, 30), now=LAST_YEAR)
    # Still a gap this year.
    set_plan_item(
        last, "duties.office", due=dt.date(2026, 3, 31), status="in-progress", now=LAST_YEAR
    )
    # Marked done before its due date.
    set_plan_item(last, "practice.policy", due=dt.date(2026, 3, 1), now=LAST_YEAR)
    set_plan_item(
        last, "practice.policy", status="done", now=dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    )
    current = write_assessment(folder / "2026.cisec.json", CURRENT, THIS_YEAR)
    this = services.open_session(current)
    set_plan_item(
        this,
        "duties.report",
        owner=HOSTILE_OWNER,
        due=dt.date(2026, 11, 1),
        status="in-progress",
        now=THIS_YEAR,
    )
    set_plan_item(
        this,
        "practice.power",
        status="risk-accepted",
        risk_acceptance=RiskAcceptance(justification="Single feed", accepted_by="CEO"),
        now=THIS_YEAR,
    )
    return current, previous


def _render(files: tuple[Path, Path], out: Path, **options: object) -> None:
    current, previous = files
    render_report(
        services.open_session(current),
        out,
        previous=services.open_session(previous),
        today=REPORT_DAY,
        **options,  # type: ignore[arg-type]
    )


def test_json_carries_each_gaps_plan_and_last_years_outcomes(
    planned: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    _render(planned, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    report_gap = next(g for g in document["gaps"] if g["question_id"] == "duties.report")
    assert report_gap["plan"]["owner"] == HOSTILE_OWNER
    assert report_gap["plan"]["due"] == "2026-11-01" and report_gap["plan"]["overdue"] is True
    cctv = next(g for g in document["gaps"] if g["question_id"] == "practice.cctv")
    assert cctv["plan"] is None
    assert {(i["question_id"], i["status"], i["gap_open"]) for i in document["plan"]} == {
        ("duties.report", "in-progress", True),
        ("practice.power", "risk-accepted", True),
    }
    outcomes = {o["question_id"]: o for o in document["trend"]["plan_outcomes"]}
    assert outcomes["duties.ot"] == {
        "question_id": "duties.ot",
        "due": "2026-06-30",
        "outcome": "late",
        "closed_on": THIS_YEAR.date().isoformat(),
    }
    assert outcomes["duties.office"]["outcome"] == "not_closed"
    assert outcomes["practice.policy"]["outcome"] == "on_time"
    assert outcomes["practice.policy"]["closed_on"] == "2026-02-01"
    # The overdue plan item joins the calendar, though the fixture declares no calendar.
    assert [item["id"] for item in document["calendar"]] == ["plan:duties.report"]
    assert document["calendar"][0]["days"] == -24


def test_csv_fills_owner_due_and_status_safely(planned: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "gaps.csv"
    _render(planned, out, language="en")
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    by_id = {row["Question id"]: row for row in rows}
    report_row = by_id["duties.report"]
    # A formula-looking owner stays text; the cells read back as they were set.
    assert report_row["Owner"] == "'" + HOSTILE_OWNER
    assert (report_row["Due date"], report_row["Status"]) == ("2026-11-01", "in-progress")
    assert by_id["practice.power"]["Status"] == "risk-accepted"
    assert (by_id["practice.cctv"]["Owner"], by_id["practice.cctv"]["Status"]) == ("", "")


@pytest.mark.parametrize("language", ["en", "zh-Hant"])
def test_html_shows_the_plan_overdue_and_escaped(
    planned: tuple[Path, Path], tmp_path: Path, language: str
) -> None:
    out = tmp_path / f"report-{language}.html"
    _render(planned, out, language=language)
    html = out.read_text(encoding="utf-8")
    assert "&lt;b&gt;Ops&lt;/b&gt;" in html and "<b>Ops</b>" not in html
    overdue, late, risk = {
        "en": ("⚠ Overdue", "closed 20 November 2026, 143 days late", "Risk accepted"),
        "zh-Hant": ("⚠ 逾期", "於2026年11月20日完成，遲了143日", "已接受風險"),
    }[language]
    assert overdue in html and late in html and risk in html
    title = {"en": "Remediation plan: ", "zh-Hant": "改善計劃："}[language]
    assert title in html  # the overdue item in the calendar
