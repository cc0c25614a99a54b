"""The Cap. 653 compliance calendar, pinned to exact dates."""

from __future__ import annotations

import datetime as dt

import pytest

from cisec.calendar import DueItem, add_months, due_dates

D = dt.date


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
    return {item.id: item for item in due_dates(profile, today)}


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
    review = found["plan-review"]
    assert (review.due, review.days) == (D(2028, 10, 1), 676)


def test_recurring_duties_run_from_the_last_time_done() -> None:
    profile = {
        "designated": "yes",
        "designated_on": "2026-07-15",
        "last_risk_assessment": "2025-10-01",
        "last_audit": "2025-11-26",
        "last_plan_review": "2024-02-29",
    }
    found = items(profile, D(2026, 11, 25))
    risk, audit, review = found["risk-assessment"], found["audit"], found["plan-review"]
    assert (risk.due, risk.status, risk.days) == (D(2026, 10, 1), "overdue", -55)
    assert (audit.due, audit.status, audit.days) == (D(2027, 11, 26), "due", 366)
    assert (review.due, review.status) == (D(2026, 2, 28), "overdue")


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


def test_rolling_duties_carry_their_time_limits_and_confidence() -> None:
    found = items({}, D(2026, 11, 25))
    assert found["incident-serious"].note.en.startswith("Within 12 hours")
    assert found["incident-other"].note.en.startswith("Within 48 hours")
    assert found["material-change"].note.en == "Within 1 month after the change."
    assert found["incident-report"].confidence == "unconfirmed"
    assert found["operator-change"].confidence == "unconfirmed"
    assert found["incident-serious"].reference == "Cap. 653 s.28"


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
