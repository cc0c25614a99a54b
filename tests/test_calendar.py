"""The compliance calendar: content in the Cap. 653 questionnaire, counted by a pure interpreter.

Dates are pinned against the shipped calendar, so a change to its periods shows here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cisec.calendar import DueItem, add_months, due_dates
from cisec.content.catalogue import load_file
from cisec.demo import load_demo, profile_value

D = dt.date
ROOT = Path(__file__).resolve().parents[1]
CAP653 = load_file(ROOT / "questionnaires" / "hk-cap653.yaml")
CALENDAR = CAP653.calendar
assert CALENDAR is not None


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2027, 11, 30), 3, D(2028, 2, 29)),  # leap year
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 7, 15), 3, D(2026, 10, 15)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
    ],
)
def test_add_months_is_calendar_correct(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


def items(profile: dict[str, str | float], today: dt.date) -> dict[str, DueItem]:
    assert CALENDAR is not None
    return {item.id: item for item in due_dates(CALENDAR, profile, today)}


def test_plan_submission_due_three_months_after_designation() -> None:
    found = items({"designated": "yes", "designated_on": "2026-11-30"}, D(2027, 2, 1))
    plan = found["plan-submission"]
    assert (plan.due, plan.status, plan.days) == (D(2027, 2, 28), "due", 27)
    assert plan.status_text("en") == "due in 27 days"
    assert plan.status_text("zh-Hant") == "27日後到期"
    late = items({"designated": "yes", "designated_on": "2026-11-30"}, D(2027, 3, 3))[
        "plan-submission"
    ]
    assert (late.status, late.days, late.status_text("en")) == ("overdue", -3, "overdue by 3 days")


def test_submitted_plan_is_done_and_starts_the_review_cycle() -> None:
    profile = {"designated": "yes", "designated_on": "2026-07-15", "plan_submitted": "2026-10-01"}
    found = items(profile, D(2026, 11, 25))
    assert found["plan-submission"].status == "done"
    assert found["plan-submission"].note.en.endswith("Done 2026-10-01.")
    review = found["plan-review"]
    assert (review.due, review.days) == (D(2028, 10, 1), 676)


def test_a_late_submission_says_so() -> None:
    profile = {"designated": "yes", "designated_on": "2026-07-15", "plan_submitted": "2026-11-01"}
    plan = items(profile, D(2026, 11, 25))["plan-submission"]
    assert plan.status == "done" and "after the deadline" in plan.note.en
    assert "遲於限期" in plan.note.zh_hant


def test_recurring_duties_run_from_the_last_time_done_after_designation() -> None:
    profile = {
        "designated": "yes",
        "designated_on": "2026-02-01",
        "last_risk_assessment": "2026-03-01",
        "last_audit": "2026-05-26",
        "last_plan_review": "2026-02-28",
    }
    found = items(profile, D(2026, 11, 25))
    risk, audit, review = found["risk-assessment"], found["audit"], found["plan-review"]
    assert (risk.due, risk.status, risk.days) == (D(2027, 3, 1), "due", 96)
    assert (audit.due, audit.status) == (D(2028, 5, 26), "due")
    assert (review.due, review.status) == (D(2028, 2, 28), "due")


def test_an_audit_before_designation_does_not_start_the_statutory_cycle() -> None:
    # The demo operator's readiness audit of 2025-03-20 predates both the Ordinance's
    # commencement (2026-01-01) and its designation (2026-07-15).
    profile = {"designated": "yes", "designated_on": "2026-07-15", "last_audit": "2025-03-20"}
    audit = items(profile, D(2026, 11, 2))["audit"]
    assert (audit.due, audit.status, audit.last_done) == (D(2028, 7, 15), "due", D(2025, 3, 20))
    assert "does not start the statutory cycle" in audit.note.en
    assert "2025-03-20" in audit.note.en and "before the Ordinance was in force" in audit.note.en
    assert "不會開始法定週期" in audit.note.zh_hant


def test_an_assessment_after_commencement_but_before_designation_does_not_count() -> None:
    profile = {
        "designated": "yes",
        "designated_on": "2026-07-15",
        "last_risk_assessment": "2026-03-31",
    }
    risk = items(profile, D(2026, 11, 25))["risk-assessment"]
    assert risk.due == D(2027, 7, 15)
    assert "before designation (2026-07-15)" in risk.note.en
    assert "does not start the statutory cycle" in risk.note.en


def test_first_recurring_duty_counts_from_designation_and_says_so() -> None:
    found = items({"designated": "yes", "designated_on": "2026-07-15"}, D(2026, 11, 25))
    audit = found["audit"]
    assert audit.due == D(2028, 7, 15)
    assert "to be confirmed" in audit.note.en and "有待與條例文本核實" in audit.note.zh_hant


def test_not_designated_needs_a_date_and_says_when_it_applies() -> None:
    found = items({"designated": "no"}, D(2026, 11, 25))
    plan = found["plan-submission"]
    assert (plan.due, plan.status) == (None, "needs-date")
    assert "once the organisation is designated" in plan.note.en
    designated = items({"designated": "yes"}, D(2026, 11, 25))["audit"]
    assert "Record the date of designation" in designated.note.en


def test_the_security_management_unit_is_the_commissioners_expectation() -> None:
    found = items({"designated": "yes", "designated_on": "2026-07-15"}, D(2026, 9, 1))
    unit = found["smu-setup"]
    assert (unit.due, unit.status, unit.confidence) == (D(2026, 10, 15), "due", "expectation")
    assert unit.reference == "Cap. 653 s.21"
    assert "the Commissioner has said he expects" in unit.note.en


def test_dated_items_come_in_date_order_then_undated_then_rolling() -> None:
    profile = {
        "designated": "yes",
        "designated_on": "2026-07-15",
        "plan_submitted": "2026-10-09",
        "last_risk_assessment": "2026-09-30",
        "last_plan_review": "2026-09-18",
    }
    found = due_dates(CALENDAR, profile, D(2026, 11, 2))
    dated = [item.due for item in found if item.status != "rolling"]
    assert dated == sorted(dated)  # type: ignore[type-var]
    kinds = [item.status == "rolling" for item in found]
    assert kinds == sorted(kinds)
    assert [i.id for i in found][:3] == ["smu-setup", "plan-submission", "erp-submission"]


def test_rolling_duties_carry_their_time_limits_and_confidence() -> None:
    found = items({}, D(2026, 11, 25))
    serious = found["incident-serious"]
    assert "is likely to disrupt the core function" in serious.title.en
    assert "相當可能將干擾" in serious.title.zh_hant
    assert serious.note.en.startswith("As soon as practicable and in any event within 12 hours")
    assert found["incident-other"].note.en.startswith(
        "As soon as practicable and in any event within 48 hours"
    )
    assert found["material-change"].note.en == "Within 1 month after the change."
    for unconfirmed in (
        "incident-report",
        "operator-change",
        "office-change",
        "supervisor-change",
        "drill",
        "risk-assessment-report",
        "audit-report",
    ):
        assert found[unconfirmed].confidence == "unconfirmed", unconfirmed
        assert found[unconfirmed].status == "rolling"
    assert serious.reference == "Cap. 653 s.28"


def test_doing_an_assessment_and_submitting_its_report_are_two_items() -> None:
    found = items({"last_risk_assessment": "2026-09-30"}, D(2026, 11, 25))
    assert "report" not in found["risk-assessment"].title.en
    report = found["risk-assessment-report"]
    assert "to be confirmed" in report.note.en and report.status == "rolling"


def test_the_drill_cadence_is_unconfirmed_and_the_last_drill_is_shown() -> None:
    drill = items({"last_drill": "2026-06-01"}, D(2026, 11, 25))["drill"]
    assert drill.confidence == "unconfirmed" and "to be confirmed" in drill.note.en
    assert drill.last_done == D(2026, 6, 1) and "2026年6月1日" in drill.note.zh_hant
    none = items({}, D(2026, 11, 25))["drill"]
    assert none.note.en.endswith("None recorded yet.")


def test_a_malformed_profile_date_is_treated_as_missing() -> None:
    found = items({"designated": "yes", "designated_on": "15/07/2026"}, D(2026, 11, 25))
    assert found["plan-submission"].status == "needs-date"


def test_emergency_response_plan_is_labelled_unconfirmed() -> None:
    found = items({"designated": "yes", "designated_on": "2026-07-15"}, D(2026, 11, 25))
    erp = found["erp-submission"]
    assert (erp.due, erp.status, erp.days, erp.confidence) == (
        D(2026, 10, 15),
        "overdue",
        -41,
        "unconfirmed",
    )
    assert "to be confirmed" in erp.note.en
    done = items(
        {"designated": "yes", "designated_on": "2026-07-15", "erp_submitted": "2026-09-01"},
        D(2026, 11, 25),
    )
    assert done["erp-submission"].status == "done"


def test_the_calendar_notes_that_holidays_and_storm_days_only_move_deadlines_later() -> None:
    assert CALENDAR is not None
    assert "Cap. 1, s.71" in CALENDAR.note.en and "never" in CALENDAR.note.en
    assert "第71條" in CALENDAR.note.zh_hant


def test_the_demo_operators_calendar_counts_its_first_audit_from_designation() -> None:
    demo = load_demo("hk-cap653")
    found = items({k: profile_value(v) for k, v in demo.current.profile.items()}, D(2026, 11, 2))
    audit = found["audit"]
    assert audit.due == D(2028, 7, 15)
    assert "does not start the statutory cycle" in audit.note.en
    assert found["smu-setup"].status == "done"
