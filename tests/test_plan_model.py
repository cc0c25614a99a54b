"""The remediation plan's model: statuses, risk acceptance, overdue, and the format it needs."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from cisec.model import Assessment, PlanItem, QuestionnaireRef, RiskAcceptance

NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


def _assessment(**fields: object) -> Assessment:
    ref = QuestionnaireRef(id="sme-baseline", version="1.0.1", content_hash="sha256:" + "0" * 64)
    return Assessment(questionnaire=ref, created_at=NOW, updated_at=NOW, **fields)


def test_risk_accepted_needs_a_justification_and_who_accepted() -> None:
    with pytest.raises(ValidationError, match="risk_acceptance"):
        PlanItem(status="risk-accepted")
    accepted = PlanItem(
        status="risk-accepted",
        risk_acceptance=RiskAcceptance(justification="Legacy kiosk, isolated", accepted_by="CISO"),
    )
    assert accepted.risk_acceptance is not None


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(ValidationError):
        PlanItem(status="closed")


@pytest.mark.parametrize(
    ("status", "due", "overdue"),
    [
        ("open", dt.date(2026, 12, 6), True),
        ("in-progress", dt.date(2026, 12, 6), True),
        ("open", dt.date(2026, 12, 7), False),  # due today is not yet late
        ("done", dt.date(2026, 1, 1), False),
        ("open", None, False),
    ],
)
def test_overdue(status: str, due: dt.date | None, overdue: bool) -> None:
    item = PlanItem(status=status, due=due)
    assert item.is_overdue(dt.date(2026, 12, 7)) is overdue


def test_a_plan_needs_format_3_and_no_plan_keeps_format_1() -> None:
    plain = _assessment().model_dump(mode="json", by_alias=True)
    assert plain["format_version"] == 1
    assert "plan" not in plain
    planned = _assessment(plan={"pol-03": PlanItem(owner="IT manager")})
    data = planned.model_dump(mode="json", by_alias=True)
    assert data["format_version"] == 3
    assert data["plan"]["pol-03"]["owner"] == "IT manager"
    assert Assessment.model_validate(data).plan["pol-03"].owner == "IT manager"
