"""A redacted copy keeps the plan's statuses and dates, and drops every name and text in it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cisec import services
from cisec.model import Milestone, RiskAcceptance
from cisec.redaction import REDACTED_NOTE, redact
from cisec.services.plan import set_plan_item

T0 = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)


def test_plan_names_and_texts_go_statuses_and_dates_stay(user_dir: Path, tmp_path: Path) -> None:
    session = services.new_session("fixture", tmp_path / "a.cisec.json", now=T0)
    session.answer("duties.report", "no", now=T0)
    session.answer("practice.power", "n", now=T0)
    set_plan_item(
        session,
        "duties.report",
        owner="Mary Wong",
        due=dt.date(2027, 3, 31),
        status="in-progress",
        milestone=Milestone(date=dt.date(2027, 1, 31), text="Mary drafts the procedure"),
        note="Ask Peter Chan in legal",
        now=T0,
    )
    set_plan_item(
        session,
        "practice.power",
        status="risk-accepted",
        risk_acceptance=RiskAcceptance(
            justification="Landlord Kowloon Estates refuses", accepted_by="John Lee, CEO"
        ),
        now=T0,
    )
    copy = redact(session.questionnaire, session.assessment)
    text = copy.model_dump_json()
    for name in ("Mary", "Peter", "Kowloon", "John"):
        assert name not in text
    report = copy.plan["duties.report"]
    assert (report.status, report.due, report.owner, report.note) == (
        "in-progress",
        dt.date(2027, 3, 31),
        "",
        "",
    )
    assert [(m.date, m.text) for m in report.milestones] == [(dt.date(2027, 1, 31), REDACTED_NOTE)]
    power = copy.plan["practice.power"]
    assert power.status == "risk-accepted" and power.risk_acceptance is not None
    assert power.risk_acceptance.accepted_by == REDACTED_NOTE
    # The original is untouched, and the copy is a valid assessment that scores the same.
    assert session.assessment.plan["duties.report"].owner == "Mary Wong"
    assert type(copy).model_validate_json(text).plan == copy.plan
