"""Builds the remediation plan's parts of the report: the plan cells of a gap row, the plan's
status for the board, and how last year's plan items ended.

Pure: the view (cisec.report.view) calls these; templates and writers only print the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

from cisec.model.assessment import Assessment
from cisec.model.plan import PLAN_STATUSES, PlanItem
from cisec.model.questionnaire import Question
from cisec.model.score import Score
from cisec.report.view_model import (
    Phrase,
    PlanCells,
    PlanStatusCount,
    PlanStatusView,
    TrendGroup,
    TrendItem,
    Words,
)
from cisec.wording import Phrases, format_date, say


def plan_cells(words: Phrases, item: PlanItem | None, today: dt.date, note_lang: str) -> PlanCells:
    """The plan cells of one gap row; an unplanned gap keeps its cells empty to fill in."""
    if item is None:
        return PlanCells(None, [], [], "", False)
    overdue = item.is_overdue(today)
    owner = item.owner.strip()
    status = words.say("plan.overdue_status" if overdue else f"plan.status.{item.status}")
    return PlanCells(
        owner=Phrase(owner, note_lang) if owner else None,
        # ISO dates: one short form in every language, so the narrow column stays readable.
        due=[Phrase(item.due.isoformat(), "en")] if item.due else [],
        status=status,
        status_class="overdue" if overdue else item.status,
        overdue=overdue,
    )


def _dated(words: Phrases, key: str, day: dt.date, **values: object) -> Words:
    """`key` with `date` written the way each language writes dates."""
    return words.each(
        {
            language: say(key, language, date=format_date(day, language), **values)
            for language in words.languages
        }
    )


def plan_status(
    words: Phrases, assessment: Assessment, score: Score, today: dt.date
) -> PlanStatusView | None:
    """The plan's status for the summary; None when the assessment has no plan at all."""
    if not assessment.plan:
        return None
    gaps = {gap.question_id for gap in score.gaps}
    planned = sum(
        1
        for question_id in gaps
        if (item := assessment.plan.get(question_id)) is not None
        and (item.owner.strip() or item.due is not None or item.status != "open")
    )
    counts = [
        PlanStatusCount(
            status,
            words.say(f"plan.status.{status}"),
            sum(1 for item in assessment.plan.values() if item.status == status),
        )
        for status in PLAN_STATUSES
    ]
    overdue = sum(item.is_overdue(today) for item in assessment.plan.values())
    return PlanStatusView(
        summary=words.say("plan.summary", planned=planned, gaps=len(gaps)),
        counts=counts,
        overdue=words.say("plan.overdue_count", count=overdue) if overdue else [],
    )


Outcome = Literal["on_time", "late", "not_closed"]


def plan_outcomes(
    previous: Assessment, current: Assessment, score: Score
) -> list[tuple[str, PlanItem, Outcome, dt.date | None]]:
    """How each of last year's plan items ended: (question id, item, outcome, day it closed).

    An item closed when it was marked done (on `closed_on`) or when this year's answer no longer
    leaves its gap (on the day of that answer). On time means on or before its due date; an item
    without a due date that closed counts as on time. A risk accepted is not closed.
    """
    gaps = {gap.question_id for gap in score.gaps}
    outcomes: list[tuple[str, PlanItem, Outcome, dt.date | None]] = []
    for question_id, item in previous.plan.items():
        closed_on = _closed_on(question_id, item, current, gaps)
        if closed_on is None:
            outcomes.append((question_id, item, "not_closed", None))
        elif item.due is None or closed_on <= item.due:
            outcomes.append((question_id, item, "on_time", closed_on))
        else:
            outcomes.append((question_id, item, "late", closed_on))
    return outcomes


def last_year_outcomes(
    words: Phrases,
    questions: Mapping[str, Question],
    previous: Assessment,
    current: Assessment,
    score: Score,
) -> list[TrendGroup]:
    """Last year's plan items in three lists: closed on time, closed late, not closed."""
    if not previous.plan:
        return []
    lists: dict[Outcome, list[TrendItem]] = {"on_time": [], "late": [], "not_closed": []}
    for question_id, item, outcome, closed_on in plan_outcomes(previous, current, score):
        question = questions.get(question_id)
        if question is None:
            continue  # a question this year's questionnaire no longer asks
        if outcome == "on_time" and closed_on is not None:
            detail = words.date(closed_on)
        elif outcome == "late" and closed_on is not None and item.due is not None:
            detail = _dated(words, "plan.closed_late", closed_on, days=(closed_on - item.due).days)
        elif item.status == "risk-accepted":
            detail = words.say("plan.status.risk-accepted")
        else:
            detail = _dated(words, "plan.was_due", item.due) if item.due else []
        lists[outcome].append(TrendItem(question_id, words.text(question.text), detail))
    return [
        TrendGroup(words.say("plan.closed_on_time"), [], lists["on_time"]),
        TrendGroup(words.say("plan.closed_late_title"), [], lists["late"]),
        TrendGroup(words.say("plan.not_closed"), [], lists["not_closed"]),
    ]


def _closed_on(
    question_id: str, item: PlanItem, current: Assessment, gaps: set[str]
) -> dt.date | None:
    if item.status == "done" and item.closed_on is not None:
        return item.closed_on
    if question_id in gaps or item.status == "risk-accepted":
        return None
    answer = current.answers.get(question_id)
    if answer is None or answer.answered_at is None:
        return None  # not answered this year: nothing says the gap closed
    return answer.answered_at.date()
