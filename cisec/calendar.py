"""Computes statutory due dates under Cap. 653 from an assessment's profile: pure, no clock.

Every item carries its source and how sure that source is: deadlines the domain reference
marks unconfirmed are labelled so, never presented as settled law.
"""

from __future__ import annotations

import calendar as _month_lengths
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from cisec.model.text import Language, LocalizedText
from cisec.wording import say

Confidence = Literal["confirmed", "unconfirmed"]
DueStatus = Literal["done", "due", "overdue", "rolling", "needs-date"]

QUESTIONNAIRE_ID = "hk-cap653"


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole calendar months, clamped to the month's end (2026-11-30 + 3 = 2027-02-28)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = _month_lengths.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class DueItem:
    """One statutory duty with a date (or a rolling duty with a time limit)."""

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


def _text(en: str, zh: str) -> LocalizedText:
    return LocalizedText(en=en, zh_hant=zh)


def _date(profile: Mapping[str, str | float], key: str) -> dt.date | None:
    value = profile.get(key)
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


def due_dates(profile: Mapping[str, str | float], today: dt.date) -> list[DueItem]:
    """Every Cap. 653 due date the profile allows us to compute, relative to `today`."""
    designated = profile.get("designated") == "yes"
    designated_on = _date(profile, "designated_on") if designated else None
    items: list[DueItem] = []

    # Security management plan: submit within 3 months after designation [confirmed].
    submitted = _date(profile, "plan_submitted")
    items.append(
        _submission(
            "plan-submission",
            _text("Submit the security management plan", "提交電腦系統安全管理計劃"),
            "CoP 6.2",
            "confirmed",
            _text("Within 3 months after designation.", "指定後3個月內。"),
            designated,
            designated_on,
            submitted,
            today,
        )
    )
    # Emergency response plan: believed due within 3 months after designation, like the plan
    # [unconfirmed], so it is shown with that label.
    items.append(
        _submission(
            "erp-submission",
            _text("Submit the emergency response plan", "提交應急計劃"),
            "CoP 7.2",
            "unconfirmed",
            _text(
                "Believed due within 3 months after designation (to be confirmed against the Ordinance text).",
                "相信須於指定後3個月內提交（有待與條例文本核實）。",
            ),
            designated,
            designated_on,
            _date(profile, "erp_submitted"),
            today,
        )
    )

    # Recurring duties: from the last time done, else (assumed) from designation.
    recurring = (
        (
            "risk-assessment",
            _text(
                "Computer-system security risk assessment and report", "電腦系統安全風險評估及報告"
            ),
            "Cap. 653 s.24",
            "last_risk_assessment",
            12,
            _text("At least once every year.", "最少每年一次。"),
        ),
        (
            "audit",
            _text(
                "Independent computer-system security audit and report",
                "獨立電腦系統安全審計及報告",
            ),
            "Cap. 653 s.25",
            "last_audit",
            24,
            _text(
                "At least once every 2 years, by an independent auditor.",
                "最少每兩年一次，由獨立審計師進行。",
            ),
        ),
        (
            "plan-review",
            _text("Review the security management plan", "檢討電腦系統安全管理計劃"),
            "CoP 6.2",
            "last_plan_review",
            24,
            _text("At least once every 2 years.", "最少每兩年一次。"),
        ),
    )
    for item_id, title, reference, last_key, months, cadence in recurring:
        last = _date(profile, last_key)
        if item_id == "plan-review" and last is None:
            last = submitted
        assumed = last is None and designated_on is not None
        anchor = last or designated_on
        due = add_months(anchor, months) if anchor else None
        status, days = _timed(due, today)
        note = cadence
        if assumed:
            note = _text(
                cadence.en
                + " First one counted from designation (to be confirmed against the Ordinance text).",
                cadence.zh_hant + "首次由指定日期起計（有待與條例文本核實）。",
            )
        elif anchor is None:
            note = _from_designation(designated, cadence.en, cadence.zh_hant)
        items.append(
            DueItem(
                id=item_id,
                title=title,
                reference=reference,
                confidence="confirmed",
                due=due,
                last_done=last,
                status=status,
                days=days,
                note=note,
            )
        )

    last_drill = _date(profile, "last_drill")
    rolling = (
        (
            "drill",
            _text("Take part in the Commissioner's security drill", "參與專員的電腦系統安全演練"),
            "CoP 7.1",
            "confirmed",
            _text(
                "When the Commissioner requires it; not more than once every 2 years. Last drill: "
                + (last_drill.isoformat() if last_drill else "none recorded")
                + ".",
                "按專員要求參與；不多於每兩年一次。上次演練："
                + (_zh_date(last_drill) if last_drill else "未有紀錄")
                + "。",
            ),
        ),
        (
            "material-change",
            _text(
                "Notify a material change to a critical computer system",
                "通知關鍵電腦系統的重大變更",
            ),
            "Cap. 653 s.22",
            "confirmed",
            _text("Within 1 month after the change.", "變更後1個月內。"),
        ),
        (
            "incident-serious",
            _text(
                "Notify a serious incident (core function disrupted)",
                "通報嚴重事故（核心功能受干擾）",
            ),
            "Cap. 653 s.28",
            "confirmed",
            _text("Within 12 hours after becoming aware of it.", "知悉後12小時內。"),
        ),
        (
            "incident-other",
            _text("Notify any other computer-system security incident", "通報其他電腦系統安全事故"),
            "Cap. 653 s.28",
            "confirmed",
            _text("Within 48 hours after becoming aware of it.", "知悉後48小時內。"),
        ),
        (
            "incident-report",
            _text("Written report on the incident", "提交事故書面報告"),
            "CoP 7.3.7",
            "unconfirmed",
            _text(
                "Within 14 days after becoming aware of it (to be confirmed against the Ordinance text).",
                "知悉後14日內（有待與條例文本核實）。",
            ),
        ),
        (
            "operator-change",
            _text("Notify a change of operator", "通知營運者變更"),
            "CoP 5.2",
            "unconfirmed",
            _text(
                "In writing after the change; the time limit (believed 1 month) is to be confirmed against the Ordinance text.",
                "變更後以書面通知；時限（相信為1個月）有待與條例文本核實。",
            ),
        ),
    )
    for item_id, title, reference, confidence, note in rolling:
        items.append(
            DueItem(
                id=item_id,
                title=title,
                reference=reference,
                confidence="confirmed" if confidence == "confirmed" else "unconfirmed",
                due=None,
                last_done=last_drill if item_id == "drill" else None,
                status="rolling",
                days=None,
                note=note,
            )
        )
    return items


def _submission(
    item_id: str,
    title: LocalizedText,
    reference: str,
    confidence: Confidence,
    rule: LocalizedText,
    designated: bool,
    designated_on: dt.date | None,
    submitted: dt.date | None,
    today: dt.date,
) -> DueItem:
    """A plan due 3 months after designation: done when submitted, else due or overdue."""
    due = add_months(designated_on, 3) if designated_on else None
    if submitted is not None:
        late = due is not None and submitted > due
        return DueItem(
            id=item_id,
            title=title,
            reference=reference,
            confidence=confidence,
            due=due,
            last_done=submitted,
            status="done",
            days=None,
            note=_text(
                f"Submitted {submitted.isoformat()}"
                + (" (after the 3-month deadline)." if late else "."),
                f"已於{_zh_date(submitted)}提交" + ("（遲於三個月期限）。" if late else "。"),
            ),
        )
    status, days = _timed(due, today)
    return DueItem(
        id=item_id,
        title=title,
        reference=reference,
        confidence=confidence,
        due=due,
        last_done=None,
        status=status,
        days=days,
        note=rule if designated_on else _from_designation(designated, rule.en, rule.zh_hant),
    )


def _from_designation(designated: bool, en: str, zh: str) -> LocalizedText:
    if designated:
        return _text(
            en + " Record the date of designation in the profile.", zh + "請在概況中填寫指定日期。"
        )
    return _text(en + " Applies once the organisation is designated.", zh + "獲指定後適用。")


def _zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
