"""Provides the compliance calendar of an assessment (Cap. 653 due dates)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cisec.errors import CisecError
from cisec.services.session import AssessmentSession

if TYPE_CHECKING:
    from cisec.calendar import DueItem


def compliance_calendar(session: AssessmentSession, today: dt.date) -> list[DueItem]:
    """The Cap. 653 due dates for an assessment; CisecError for other questionnaires."""
    from cisec.calendar import QUESTIONNAIRE_ID, due_dates

    if session.questionnaire.id != QUESTIONNAIRE_ID:
        raise CisecError(
            f"The compliance calendar is for {QUESTIONNAIRE_ID} assessments; "
            f"{session.path} answers {session.questionnaire.id}.",
            message_zh=f"合規日程只適用於 {QUESTIONNAIRE_ID} 的評估；"
            f"{session.path} 回答的是 {session.questionnaire.id}。",
        )
    return due_dates(session.assessment.profile, today)
