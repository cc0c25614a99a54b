"""Interprets a questionnaire's compliance calendar against an assessment's profile: pure, no clock.

The duties, their periods, references and how sure each period is are content (the
questionnaire's `calendar:` block); this module only counts. Every item carries its source and
its confidence, so a period the domain reference marks unconfirmed is never shown as settled.
"""

from __future__ import annotations

import calendar as _month_lengths
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from cisec.model.plan import PlanItem
from cisec.model.questionnaire import Calendar, CalendarBasis, CalendarItem, Question
from cisec.model.text import Language, LocalizedText
from cisec.scoring import evaluate
from cisec.wording import format_date, say

# How sure a date is: the questionnaire's basis for a duty, or "plan" for a date the
# organisation set itself in its remediation plan.
Confidence = CalendarBasis | Literal["plan"]
DueStatus = Literal["done", "due", "overdue", "rolling", "needs-date"]
Profile = Mapping[str, str | float]


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole calendar months, clamped to the month's end (2026-11-30 + 3 = 2027-02-28)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = _month_lengths.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class DueItem:
    """One duty with a date (or a rolling duty with a time limit), as of a day."""

    id: str
    title: LocalizedText
    reference: str
    confidence: Confidence
    due: dt.date | None
    last_done: dt.date | None
    status: DueStatus
    days: int | None
    note: LocalizedText

    def status_text(self, language: Language) -> str:
        """'due in 12 days', 'overdue by 3 days', 'done' … in `language`."""
        if self.status == "due" and self.days is not None:
            if self.days == 0:
                return say("due.today", language)
            return say("due.in_days", language, days=self.days)
        if self.status == "overdue" and self.days is not None:
            return say("due.overdue_by", language, days=-self.days)
        return say(f"due.{self.status}", language)


@dataclass(frozen=True)
class _Designation:
    """Whether the organisation is designated, and from which day its duties run."""

    designated: bool
    day: dt.date | None
    in_force: dt.date


def due_dates(calendar: Calendar, profile: Profile, today: dt.date) -> list[DueItem]:
    """Every item of `calendar` worked out from `profile` as of `today`.

    Dated items come first, soonest first; then items that need a date; then rolling duties,
    in the calendar's order.
    """
    designated = evaluate(calendar.designated, profile) is True
    designation = _Designation(
        designated=designated,
        day=_date(profile, calendar.designation) if designated else None,
        in_force=calendar.in_force,
    )
    items = [_due_item(item, profile, designation, today) for item in calendar.items]
    return sorted(items, key=_date_order)


def overdue_plan_items(
    plan: Mapping[str, PlanItem], questions: Mapping[str, Question], today: dt.date
) -> list[DueItem]:
    """The remediation plan's items past their due date and not finished, most overdue first.

    They join the compliance calendar so a missed date of the organisation's own plan shows
    beside the statutory ones (their id is `plan:QUESTION_ID`).
    """
    items = []
    for question_id, planned in plan.items():
        question = questions.get(question_id)
        if question is None or planned.due is None or not planned.is_overdue(today):
            continue
        owner = planned.owner.strip()
        note = LocalizedText(
            en=say("due.note.plan_owner", "en", owner=owner)
            if owner
            else say("due.note.plan_no_owner", "en"),
            zh_hant=say("due.note.plan_owner", "zh-Hant", owner=owner)
            if owner
            else say("due.note.plan_no_owner", "zh-Hant"),
        )
        items.append(
            DueItem(
                id=f"plan:{question_id}",
                title=LocalizedText(
                    en=say("due.plan_title", "en", question=question.text.en),
                    zh_hant=say("due.plan_title", "zh-Hant", question=question.text.zh_hant),
                ),
                reference=question_id,
                confidence="plan",
                due=planned.due,
                last_done=None,
                status="overdue",
                days=(planned.due - today).days,
                note=note,
            )
        )
    return sorted(items, key=_date_order)


def with_plan(items: list[DueItem], plan_items: list[DueItem]) -> list[DueItem]:
    """The calendar's items and the overdue plan items together, in date order."""
    return sorted([*items, *plan_items], key=_date_order)


def _date_order(item: DueItem) -> tuple[int, dt.date]:
    group = 2 if item.status == "rolling" else 0 if item.due is not None else 1
    return group, item.due or dt.date.min


def _due_item(
    item: CalendarItem, profile: Profile, designation: _Designation, today: dt.date
) -> DueItem:
    if item.schedule == "once":
        return _once(item, _date(profile, item.done), designation, today)
    if item.schedule == "every":
        last = _date(profile, item.done) or _date(profile, item.done_else)
        return _every(item, last, designation, today)
    last = _date(profile, item.done)
    note = item.note
    if item.done is not None:
        extra = {
            language: say("due.note.last_done", language, date=_day(last, language))
            if last
            else say("due.note.none_recorded", language)
            for language in ("en", "zh-Hant")
        }
        note = _joined(note, extra["en"], extra["zh-Hant"])
    return _item(item, due=None, last=last, status="rolling", days=None, note=note)


def _once(
    item: CalendarItem, done: dt.date | None, designation: _Designation, today: dt.date
) -> DueItem:
    """Due `months` after designation: done once the profile records the day it was done."""
    months = item.months or 0
    due = add_months(designation.day, months) if designation.day else None
    if done is not None:
        late = due is not None and done > due
        key = "due.note.done_late" if late else "due.note.done_on"
        note = _joined(
            item.note,
            say(key, "en", date=_day(done, "en")),
            say(key, "zh-Hant", date=_day(done, "zh-Hant")),
        )
        return _item(item, due=due, last=done, status="done", days=None, note=note)
    status, days = _timed(due, today)
    note = item.note if designation.day else _needs_designation(item.note, designation)
    return _item(item, due=due, last=None, status=status, days=days, note=note)


def _every(
    item: CalendarItem, last: dt.date | None, designation: _Designation, today: dt.date
) -> DueItem:
    """Due `months` after the last time done; the first statutory one counts from designation.

    A last time before designation, or before the law was in force, was not a statutory one
    (e.g. a readiness audit), so it does not start the cycle.
    """
    months = item.months or 0
    counts = last is not None and last >= designation.in_force
    if counts and designation.day is not None and last is not None and last < designation.day:
        counts = False
    if last is not None and counts:
        due = add_months(last, months)
        status, days = _timed(due, today)
        return _item(item, due=due, last=last, status=status, days=days, note=item.note)
    if designation.day is None:
        note = _needs_designation(item.note, designation)
        return _item(item, due=None, last=last, status="needs-date", days=None, note=note)
    due = add_months(designation.day, months)
    status, days = _timed(due, today)
    if last is None:
        note = _joined(item.note, say("due.note.first", "en"), say("due.note.first", "zh-Hant"))
    else:
        key = (
            "due.note.before_in_force"
            if last < designation.in_force
            else "due.note.before_designation"
        )
        note = _joined(
            item.note,
            *(
                say(
                    key,
                    language,
                    last=_day(last, language),
                    designation=_day(designation.day, language),
                    in_force=_day(designation.in_force, language),
                )
                for language in ("en", "zh-Hant")
            ),
        )
    return _item(item, due=due, last=last, status=status, days=days, note=note)


def _item(
    item: CalendarItem,
    *,
    due: dt.date | None,
    last: dt.date | None,
    status: DueStatus,
    days: int | None,
    note: LocalizedText,
) -> DueItem:
    return DueItem(
        id=item.id,
        title=item.title,
        reference=item.reference,
        confidence=item.confidence,
        due=due,
        last_done=last,
        status=status,
        days=days,
        note=note,
    )


def _date(profile: Profile, key: str | None) -> dt.date | None:
    value = profile.get(key) if key else None
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _timed(day: dt.date | None, today: dt.date) -> tuple[DueStatus, int | None]:
    if day is None:
        return "needs-date", None
    days = (day - today).days
    return ("overdue" if days < 0 else "due"), days


def _needs_designation(note: LocalizedText, designation: _Designation) -> LocalizedText:
    key = "due.note.record_designation" if designation.designated else "due.note.once_designated"
    return _joined(note, say(key, "en"), say(key, "zh-Hant"))


def _joined(note: LocalizedText, en: str, zh: str) -> LocalizedText:
    return LocalizedText(en=f"{note.en} {en}", zh_hant=f"{note.zh_hant}{zh}")


def _day(day: dt.date, language: Language) -> str:
    return day.isoformat() if language == "en" else format_date(day, "zh-Hant")
