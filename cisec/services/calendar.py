"""Provides the compliance calendar of an assessment (the due dates its questionnaire declares)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cisec.errors import CisecError
from cisec.services.session import AssessmentSession

if TYPE_CHECKING:
    from cisec.calendar import DueItem


def compliance_calendar(session: AssessmentSession, today: dt.date) -> list[DueItem]:
    """The due dates of an assessment's questionnaire calendar; CisecError when it has none."""
    from cisec.calendar import due_dates

    calendar = session.questionnaire.calendar
    if calendar is None:
        raise CisecError(
            f"The questionnaire {session.questionnaire.id} ({session.path}) declares no "
            "compliance calendar.",
            message_zh=f"{session.path} 所用的問卷 {session.questionnaire.id} 沒有訂明合規日程。",
        )
    return due_dates(calendar, session.assessment.profile, today)
