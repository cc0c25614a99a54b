"""Provides the compliance calendar of an assessment (the due dates its questionnaire declares)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cisec.errors import CisecError
from cisec.services.session import AssessmentSession

if TYPE_CHECKING:
    from cisec.calendar import DueItem


def compliance_calendar(session: AssessmentSession, today: dt.date) -> list[DueItem]:
    """The due dates of an assessment's questionnaire calendar and its overdue plan items.

    CisecError when the questionnaire declares no calendar and no plan item is overdue.
    """
    from cisec.calendar import due_dates, overdue_plan_items, with_plan

    calendar = session.questionnaire.calendar
    with session.lock:
        plan = dict(session.assessment.plan)
        profile = dict(session.assessment.profile)
    late = overdue_plan_items(plan, session.questionnaire.questions, today)
    if calendar is None and late:
        return late
    if calendar is None:
        raise CisecError(
            f"The questionnaire {session.questionnaire.id} ({session.path}) declares no "
            "compliance calendar.",
            message_zh=f"{session.path} 所用的問卷 {session.questionnaire.id} 沒有訂明合規日程。",
        )
    return with_plan(due_dates(calendar, profile, today), late)
