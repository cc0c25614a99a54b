"""The remediation plan service: rows for every gap, setting an item, and typed input checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cisec import services
from cisec.errors import CisecError
from cisec.model import RiskAcceptance
from cisec.services.plan import (
    overdue_count,
    parse_due_date,
    parse_milestone,
    parse_status,
    plan_rows,
    set_plan_item,
)
from cisec.store import load_assessment

T0 = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 12, 7)


@pytest.fixture
def session(user_dir: Path, tmp_path: Path) -> services.AssessmentSession:
    path = tmp_path / "a.cisec.json"
    session = services.new_session("fixture", path, assessor="Ada", now=T0)
    session.answer("duties.report", "no", now=T0)
    session.answer("practice.power", "n", now=T0)
    return session


def test_every_gap_is_a_row_planned_or_not(session: services.AssessmentSession) -> None:
    rows = plan_rows(session, TODAY)
    gaps = [gap.question_id for gap in session.score().gaps]
    assert [row.question_id for row in rows] == gaps
    assert "duties.report" in gaps
    assert not any(row.planned for row in rows)


def test_set_saves_and_a_closed_gap_stays_a_row(session: services.AssessmentSession) -> None:
    set_plan_item(
        session,
        "duties.report",
        owner=" Ops lead ",
        due=dt.date(2026, 12, 1),
        status="in-progress",
        now=T0,
    )
    saved = load_assessment(session.path).plan["duties.report"]
    assert (saved.owner, saved.due, saved.status) == (
        "Ops lead",
        dt.date(2026, 12, 1),
        "in-progress",
    )
    row = next(r for r in plan_rows(session, TODAY) if r.question_id == "duties.report")
    assert row.planned and row.overdue and not row.gap_closed
    assert overdue_count(session, TODAY) == 1
    # The answer improves: the gap closes, the item stays and says so.
    session.answer("duties.report", "yes", now=T0)
    row = next(r for r in plan_rows(session, TODAY) if r.question_id == "duties.report")
    assert row.gap_closed and row.item.owner == "Ops lead"


def test_done_records_the_day_and_is_never_overdue(session: services.AssessmentSession) -> None:
    set_plan_item(session, "duties.report", due=dt.date(2026, 12, 1), now=T0)
    set_plan_item(
        session, "duties.report", status="done", now=dt.datetime(2026, 12, 5, tzinfo=dt.UTC)
    )
    item = load_assessment(session.path).plan["duties.report"]
    assert item.closed_on == dt.date(2026, 12, 5)
    assert overdue_count(session, TODAY) == 0
    set_plan_item(session, "duties.report", status="open", now=T0)
    assert load_assessment(session.path).plan["duties.report"].closed_on is None


def test_risk_acceptance_needs_its_reason(session: services.AssessmentSession) -> None:
    with pytest.raises(CisecError, match="justification"):
        set_plan_item(session, "practice.power", status="risk-accepted", now=T0)
    assert "practice.power" not in load_assessment(session.path).plan
    acceptance = RiskAcceptance(justification="Single feed until 2028", accepted_by="CEO")
    set_plan_item(
        session, "practice.power", status="risk-accepted", risk_acceptance=acceptance, now=T0
    )
    assert load_assessment(session.path).plan["practice.power"].status == "risk-accepted"


def test_milestones_keep_date_order(session: services.AssessmentSession) -> None:
    set_plan_item(session, "duties.report", milestone=parse_milestone("2027-03-01 Drill"), now=T0)
    set_plan_item(session, "duties.report", milestone=parse_milestone("2027-01-15 Draft"), now=T0)
    milestones = load_assessment(session.path).plan["duties.report"].milestones
    assert [(m.date.isoformat(), m.text) for m in milestones] == [
        ("2027-01-15", "Draft"),
        ("2027-03-01", "Drill"),
    ]


def test_bad_input_is_one_sentence(session: services.AssessmentSession) -> None:
    with pytest.raises(CisecError, match="not a date") as error:
        parse_due_date("2027-02-30")
    assert "YYYY-MM-DD" in (error.value.next_step or "")
    with pytest.raises(CisecError) as error:
        parse_status("closed")
    assert "open, in-progress, done, risk-accepted" in (error.value.next_step or "")
    assert parse_status("Done") == "done"
    with pytest.raises(CisecError, match="not a milestone"):
        parse_milestone("2027-01-15")
    with pytest.raises(CisecError, match=r"No question 'duties\.reprot'") as error:
        set_plan_item(session, "duties.reprot", owner="x", now=T0)
    assert "duties.report" in (error.value.next_step or "")
    with pytest.raises(CisecError, match="profile question"):
        set_plan_item(session, "designated", owner="x", now=T0)
    with pytest.raises(CisecError, match="owner"):
        set_plan_item(session, "duties.report", owner="x" * 600, now=T0)
    assert load_assessment(session.path).plan == {}


def test_overdue_items_join_the_compliance_calendar(session: services.AssessmentSession) -> None:
    # The fixture declares no calendar: with nothing overdue there is none to show.
    with pytest.raises(CisecError, match="declares no compliance calendar"):
        services.compliance_calendar(session, TODAY)
    set_plan_item(session, "duties.report", owner="Ops lead", due=dt.date(2026, 12, 1), now=T0)
    set_plan_item(session, "practice.power", due=dt.date(2026, 11, 1), now=T0)
    set_plan_item(session, "practice.cctv", due=dt.date(2026, 12, 31), now=T0)  # not yet due
    items = services.compliance_calendar(session, TODAY)
    assert [(i.id, i.days, i.confidence) for i in items] == [
        ("plan:practice.power", -36, "plan"),
        ("plan:duties.report", -6, "plan"),
    ]
    assert items[1].note.en == "Owner: Ops lead." and items[0].note.zh_hant == "尚未指定負責人。"
    assert items[1].status_text("zh-Hant") == "逾期6日"


def test_a_question_that_is_a_gap_twice_is_one_row(
    session: services.AssessmentSession,
) -> None:
    # Rated-3 declared: N is both a poor answer and below the declared level's N+1.
    session.answer("declared_level", "rated3", now=T0)
    gaps = [gap for gap in session.score().gaps if gap.question_id == "practice.power"]
    assert len(gaps) == 2
    rows = [row for row in plan_rows(session, TODAY) if row.question_id == "practice.power"]
    assert len(rows) == 1 and rows[0].gap == max(gaps, key=lambda gap: gap.priority)
