"""Writes the machine-readable exports: the whole report as JSON, the gaps as CSV.

The JSON document is described in docs/report-format.md; it carries both languages, so the
report language does not change it. The CSV is for a remediation tracker: one row per gap,
UTF-8 with a byte-order mark so spreadsheet software shows the Chinese.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from cisec.calendar import due_dates, overdue_plan_items, with_plan
from cisec.model.assessment import Answer, Assessment
from cisec.model.plan import PlanItem
from cisec.model.questionnaire import Questionnaire, Scale
from cisec.model.score import Score
from cisec.model.text import LANGUAGES, Language, LocalizedText
from cisec.report.plan_view import plan_outcomes
from cisec.report.trend import compare
from cisec.wording import answer_text, say

REPORT_FORMAT = "cisec-report"
REPORT_FORMAT_VERSION = 1


def _both(text: LocalizedText) -> dict[str, str]:
    return {"en": text.en, "zh-Hant": text.zh_hant}


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def answer_label(scale: Scale, answer: Answer | None) -> dict[str, str] | None:
    """How an answer reads in both languages (the option's label, or the number and unit)."""
    texts = {language: answer_text(scale, answer, language) for language in LANGUAGES}
    if any(text is None for text in texts.values()):
        return None
    return {language: text or "" for language, text in texts.items()}


def report_document(
    questionnaire: Questionnaire,
    assessment: Assessment,
    score: Score,
    *,
    today: dt.date,
    previous: tuple[Assessment, Score] | None = None,
) -> dict[str, Any]:
    """The report as JSON-ready data (see docs/report-format.md)."""
    return {
        "format": REPORT_FORMAT,
        "format_version": REPORT_FORMAT_VERSION,
        "report_date": today.isoformat(),
        "questionnaire": {
            "id": questionnaire.id,
            "version": questionnaire.version,
            "title": _both(questionnaire.title),
        },
        "assessment": {
            "organisation": assessment.organisation,
            "assessor": assessment.assessor,
            "language": assessment.language,
            "created_at": assessment.created_at.isoformat(),
            "updated_at": assessment.updated_at.isoformat(),
        },
        "overall": _round(score.overall, 1),
        "coverage": round(score.coverage, 4),
        "statutory": score.statutory.model_dump(),
        "code_of_practice": score.code_of_practice.model_dump(),
        "sections": _sections(questionnaire, score),
        "gaps": _gaps(questionnaire, assessment, score, today),
        "plan": _plan(assessment, score, today),
        "answers": _answers(questionnaire, assessment, score),
        "calendar": _calendar(questionnaire, assessment, today),
        "calendar_note": _both(questionnaire.calendar.note) if questionnaire.calendar else None,
        "trend": _trend(assessment, score, previous) if previous is not None else None,
    }


def _sections(questionnaire: Questionnaire, score: Score) -> list[dict[str, Any]]:
    gaps_per_section: dict[str, int] = {}
    for gap in score.gaps:
        gaps_per_section[gap.section_id] = gaps_per_section.get(gap.section_id, 0) + 1
    titles = {s.id: s.title for s in questionnaire.sections}
    return [
        {
            "id": s.id,
            "title": _both(titles[s.id]),
            "score": _round(s.score, 1),
            "coverage": round(s.coverage, 4),
            "answered": s.answered,
            "applicable": s.applicable,
            "skipped": s.skipped,
            "gaps": gaps_per_section.get(s.id, 0),
        }
        for s in score.sections
    ]


def _plan_item(item: PlanItem | None, today: dt.date) -> dict[str, Any] | None:
    if item is None:
        return None
    data: dict[str, Any] = item.model_dump(mode="json")
    data["overdue"] = item.is_overdue(today)
    return data


def _plan(assessment: Assessment, score: Score, today: dt.date) -> list[dict[str, Any]]:
    """Every plan item with its question id, and whether its gap is still open."""
    gaps = {gap.question_id for gap in score.gaps}
    items = []
    for question_id, item in assessment.plan.items():
        data = _plan_item(item, today) or {}
        items.append({"question_id": question_id, "gap_open": question_id in gaps, **data})
    return items


def _gaps(
    questionnaire: Questionnaire, assessment: Assessment, score: Score, today: dt.date
) -> list[dict[str, Any]]:
    gaps = []
    for rank, gap in enumerate(score.gaps, start=1):
        question = questionnaire.questions[gap.question_id]
        answer = assessment.answers.get(gap.question_id)
        gaps.append(
            {
                "rank": rank,
                "question_id": gap.question_id,
                "section_id": gap.section_id,
                "kind": gap.kind,
                "critical": question.critical,
                "section_unconfirmed": question.section_unconfirmed,
                "reason": gap.reason,
                "score": round(gap.score, 4),
                "expected": round(gap.expected, 4),
                "priority": round(gap.priority, 3),
                "question": _both(question.text),
                "references": list(question.references),
                "answer": answer_label(questionnaire.scales[question.scale], answer),
                "note": answer.note if answer else "",
                "remediation": _both(question.remediation),
                "plan": _plan_item(assessment.plan.get(gap.question_id), today),
            }
        )
    return gaps


def _answers(
    questionnaire: Questionnaire, assessment: Assessment, score: Score
) -> list[dict[str, Any]]:
    answers = []
    for question_id, result in score.questions.items():
        question = questionnaire.questions[question_id]
        answer = assessment.answers.get(question_id)
        answers.append(
            {
                "question_id": question_id,
                "section_id": result.section_id,
                "kind": question.kind,
                "state": result.state,
                "score": _round(result.score, 4),
                "weight": result.weight,
                "value": answer.value if answer else None,
                "answer": answer_label(questionnaire.scales[question.scale], answer),
                "note": answer.note if answer else "",
                "evidence": list(answer.evidence) if answer else [],
                "answered_at": answer.answered_at.isoformat()
                if answer and answer.answered_at
                else None,
                "answered_by": answer.answered_by if answer else "",
                "flagged": answer.flagged if answer else False,
            }
        )
    return answers


def _calendar(
    questionnaire: Questionnaire, assessment: Assessment, today: dt.date
) -> list[dict[str, Any]]:
    calendar = questionnaire.calendar
    due = due_dates(calendar, assessment.profile, today) if calendar else []
    late = overdue_plan_items(assessment.plan, questionnaire.questions, today)
    return [
        {
            "id": item.id,
            "title": _both(item.title),
            "reference": item.reference,
            "confidence": item.confidence,
            "due": item.due.isoformat() if item.due else None,
            "last_done": item.last_done.isoformat() if item.last_done else None,
            "status": item.status,
            "days": item.days,
            "note": _both(item.note),
        }
        for item in with_plan(due, late)
    ]


def _trend(
    assessment: Assessment, score: Score, previous: tuple[Assessment, Score]
) -> dict[str, Any]:
    trend = compare(score, previous[1])
    return {
        "plan_outcomes": [
            {
                "question_id": question_id,
                "due": item.due.isoformat() if item.due else None,
                "outcome": outcome,
                "closed_on": closed_on.isoformat() if closed_on else None,
            }
            for question_id, item, outcome, closed_on in plan_outcomes(
                previous[0], assessment, score
            )
        ],
        "previous_updated_at": previous[0].updated_at.isoformat(),
        "overall": {
            "previous": _round(trend.overall_previous, 1),
            "current": _round(trend.overall_current, 1),
            "change": _round(trend.overall_change, 1),
        },
        "sections": [
            {
                "id": c.section_id,
                "previous": _round(c.previous, 1),
                "current": _round(c.current, 1),
                "change": _round(c.change, 1),
            }
            for c in trend.sections
        ],
        "closed": [{"question_id": k.question_id, "reason": k.reason} for k in trend.closed],
        "new": [{"question_id": k.question_id, "reason": k.reason} for k in trend.new],
        "regressions": [
            {"question_id": c.question_id, "previous": c.previous, "current": c.current}
            for c in trend.regressions
        ],
        "improvements": [
            {"question_id": c.question_id, "previous": c.previous, "current": c.current}
            for c in trend.improvements
        ],
    }


def report_json(document: dict[str, Any]) -> str:
    """The JSON text of a report document: UTF-8 as is, indented, newline-terminated."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# CSV column -> wording key; text columns repeat once per language in a bilingual export.
_CSV_COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("rank", "report.col_rank", False),
    ("priority", "report.col_priority", False),
    ("kind", "csv.kind", True),
    ("question_id", "csv.question_id", False),
    ("section", "report.col_section", True),
    ("question", "doc.question", True),
    ("references", "report.col_reference", False),
    ("answer", "report.col_answer", True),
    ("note", "doc.note", False),
    ("remediation", "report.col_remediation", True),
    ("owner", "report.col_owner", False),
    ("due_date", "report.col_due", False),
    # The plan status as its code (open, in-progress, done, risk-accepted), so the sheet can
    # be edited and read back by `cisec plan import`.
    ("status", "report.calendar_status", False),
)


def gaps_csv(document: dict[str, Any], languages: tuple[Language, ...]) -> str:
    """The gaps as CSV text (the caller writes it with a BOM): one row per gap with its plan's
    owner, due date and status (blank where nothing is planned yet)."""
    primary = languages[0]
    header: list[str] = []
    for _, key, per_language in _CSV_COLUMNS:
        if per_language and len(languages) > 1:
            header += [f"{say(key, language)} ({language})" for language in languages]
        else:
            header.append(say(key, primary))
    sections = {s["id"]: s["title"] for s in document["sections"]}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for gap in document["gaps"]:
        plan = gap["plan"]
        kind_key = (
            "report.declared_gaps"
            if gap["reason"] == "declared_level"
            else f"report.kind_{gap['kind']}"
        )
        texts: dict[str, dict[str, str]] = {
            "kind": {lang: say(kind_key, lang) for lang in languages},
            "section": sections[gap["section_id"]],
            "question": gap["question"],
            "answer": gap["answer"]
            or {lang: say("report.not_answered", lang) for lang in languages},
            "remediation": gap["remediation"],
        }
        plain = {
            "rank": str(gap["rank"]),
            "priority": f"{gap['priority']:.2f}",
            "question_id": gap["question_id"],
            "references": "; ".join(gap["references"]),
            "note": _spreadsheet_safe(gap["note"]),
            "owner": _spreadsheet_safe(plan["owner"]) if plan else "",
            "due_date": plan["due"] or "" if plan else "",
            "status": plan["status"] if plan else "",
        }
        row: list[str] = []
        for column, _, per_language in _CSV_COLUMNS:
            if per_language:
                row += [texts[column][language] for language in languages]
            else:
                row.append(plain[column])
        writer.writerow(row)
    return buffer.getvalue()


def _spreadsheet_safe(text: str) -> str:
    """A note as a spreadsheet cell that cannot run as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
