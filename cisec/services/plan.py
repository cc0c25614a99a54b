"""Provides the remediation plan of an open assessment: its rows, and setting one item.

Every gap is a plan row, whether or not anyone has planned it yet; an item whose gap has since
closed (a better answer) stays a row and says so, so the plan keeps its history through the year.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from pydantic import ValidationError

from cisec.errors import CisecError
from cisec.model.plan import PLAN_STATUSES, Milestone, PlanItem, PlanStatus, RiskAcceptance
from cisec.model.questionnaire import Kind, ProfileQuestion, Question
from cisec.model.score import Gap
from cisec.model.text import Language
from cisec.services.session import AssessmentSession, MergeReport, now_utc
from cisec.wording import say


@dataclass(frozen=True)
class PlanRow:
    """One line of the plan: a gap (open or since closed) and its plan item."""

    question: Question
    section_id: str
    # The gap as scored now; None when the answer has improved so the gap is closed.
    gap: Gap | None
    item: PlanItem
    # Whether the assessment file holds an item for this question (owner, due date, …).
    planned: bool
    overdue: bool
    # Whether the question has an answer this year (an item carried from last year's plan
    # has none until someone answers: its gap is not closed, only not yet assessed).
    answered: bool = True

    @property
    def question_id(self) -> str:
        return self.question.id

    @property
    def kind(self) -> Kind:
        return self.question.kind

    @property
    def gap_closed(self) -> bool:
        """Whether the gap this item was made for no longer shows in the score (answered
        since, and well enough)."""
        return self.gap is None and self.answered

    def tier(self, language: Language) -> str:
        """Ordinance duty, Code of Practice or good practice, in words."""
        return say(f"report.kind_{self.kind}", language)

    def status_words(self, language: Language) -> str:
        """The item's status in words ("In progress", "進行中")."""
        return say(f"plan.status.{self.item.status}", language)

    def state_words(self, language: Language) -> str:
        """ "overdue", "gap closed", "not answered yet" or "" (an open gap on time)."""
        if self.overdue:
            return say("due.overdue", language)
        if self.gap_closed:
            return say("plan.gap_closed", language)
        if self.gap is None:
            return say("plan.not_answered_yet", language)
        return ""

    def document(self) -> dict[str, object]:
        """The row for machines (`cisec plan --json`)."""
        item = self.item
        acceptance = item.risk_acceptance
        return {
            "question_id": self.question_id,
            "section_id": self.section_id,
            "kind": self.kind,
            "priority": None if self.gap is None else round(self.gap.priority, 3),
            "owner": item.owner,
            "due": None if item.due is None else item.due.isoformat(),
            "status": item.status,
            "overdue": self.overdue,
            "gap_closed": self.gap_closed,
            "answered": self.answered,
            "planned": self.planned,
            "milestones": [{"date": m.date.isoformat(), "text": m.text} for m in item.milestones],
            "note": item.note,
            "risk_acceptance": None
            if acceptance is None
            else {
                "justification": acceptance.justification,
                "accepted_by": acceptance.accepted_by,
                "accepted_on": None
                if acceptance.accepted_on is None
                else acceptance.accepted_on.isoformat(),
            },
            "closed_on": None if item.closed_on is None else item.closed_on.isoformat(),
        }

    def title(self, language: Language) -> str:
        return self.question.text.get(language)


def plan_rows(session: AssessmentSession, today: dt.date) -> list[PlanRow]:
    """Every question with a gap, in priority order, then the planned items whose gaps have
    closed: one row per question."""
    assessment, score = session.scored_snapshot()
    section_of = {
        question.id: section.id
        for section in session.questionnaire.sections
        for question in section.questions
    }
    rows: list[PlanRow] = []
    seen: set[str] = set()
    for gap in score.gaps:
        if gap.question_id in seen:
            # A question can be a gap twice (its answer, and below the declared level): it
            # has one plan item, so one row, at its higher priority (gaps come sorted).
            continue
        seen.add(gap.question_id)
        planned = assessment.plan.get(gap.question_id)
        item = planned or PlanItem()
        rows.append(
            PlanRow(
                question=session.questionnaire.questions[gap.question_id],
                section_id=gap.section_id,
                gap=gap,
                item=item,
                planned=planned is not None,
                overdue=item.is_overdue(today),
            )
        )
    open_gaps = {gap.question_id for gap in score.gaps}
    for question_id, item in assessment.plan.items():
        question = session.questionnaire.questions.get(question_id)
        if question_id in open_gaps or question is None:
            continue  # a question the questionnaire no longer has stays in the file untouched
        rows.append(
            PlanRow(
                question=question,
                section_id=section_of[question_id],
                gap=None,
                item=item,
                planned=True,
                overdue=item.is_overdue(today),
                answered=question_id in assessment.answers,
            )
        )
    return rows


def overdue_count(session: AssessmentSession, today: dt.date) -> int:
    """How many plan items are past their due date and not done or risk-accepted."""
    with session.lock:
        return sum(item.is_overdue(today) for item in session.assessment.plan.values())


def set_plan_item(
    session: AssessmentSession,
    question_id: str,
    *,
    owner: str | None = None,
    due: dt.date | None = None,
    clear_due: bool = False,
    status: PlanStatus | None = None,
    risk_acceptance: RiskAcceptance | None = None,
    milestone: Milestone | None = None,
    note: str | None = None,
    now: dt.datetime | None = None,
) -> MergeReport:
    """Change the plan item of `question_id` (made if there is none) and save.

    Only the given parts change. `status="done"` records the day it closed; `risk-accepted`
    needs a `risk_acceptance` unless the item already has one. Returns what the save merged.
    """
    moment = now or now_utc()
    change_plan_item(
        session,
        question_id,
        owner=owner,
        due=due,
        clear_due=clear_due,
        status=status,
        risk_acceptance=risk_acceptance,
        milestone=milestone,
        note=note,
        now=moment,
    )
    return session.save(now=moment)


def change_plan_item(
    session: AssessmentSession,
    question_id: str,
    *,
    owner: str | None = None,
    due: dt.date | None = None,
    clear_due: bool = False,
    status: PlanStatus | None = None,
    risk_acceptance: RiskAcceptance | None = None,
    milestone: Milestone | None = None,
    note: str | None = None,
    now: dt.datetime,
) -> bool:
    """`set_plan_item` without the save (several changes, one save); whether anything changed.

    A refused change (CisecError) leaves the item as it was.
    """
    with session.lock:
        question, _ = session.item(question_id)
        if isinstance(question, ProfileQuestion):
            raise CisecError(
                f"{question_id} is a profile question: it has no gap to plan.",
                message_zh=f"{question_id} 是機構概況問題，沒有差距須要改善。",
            )
        existing = session.assessment.plan.get(question_id)
        current = existing or PlanItem()
        update: dict[str, object] = {}
        if owner is not None:
            update["owner"] = owner.strip()
        if due is not None or clear_due:
            update["due"] = due
        if note is not None:
            update["note"] = note
        if milestone is not None:
            update["milestones"] = sorted([*current.milestones, milestone], key=lambda m: m.date)
        if risk_acceptance is not None:
            update["risk_acceptance"] = risk_acceptance
        if status is not None:
            update["status"] = status
            if status == "done" and current.status != "done":
                update["closed_on"] = now.date()
            elif status != "done":
                update["closed_on"] = None
        changed = current.model_copy(update=update)
        if existing is not None and changed == existing:
            return False
        # Validated as a whole, so a risk acceptance without its reason is refused here too.
        checked = _checked(question_id, changed.model_copy(update={"updated_at": now}))
        session.assessment.plan[question_id] = checked
        session.assessment.updated_at = now
    return True


def _checked(question_id: str, item: PlanItem) -> PlanItem:
    if item.status == "risk-accepted" and item.risk_acceptance is None:
        raise CisecError(
            f"Accepting the risk of {question_id} needs a justification and who accepted it.",
            'Give both (e.g. --justification "..." --accepted-by "CISO").',
            message_zh=f"接受 {question_id} 的風險須說明理由及由誰接受。",
            next_step_zh='請同時提供兩者（例如 --justification "..." --accepted-by "CISO"）。',
        )
    try:
        return PlanItem.model_validate(item.model_dump())
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise CisecError(
            f"The plan item of {question_id} cannot be saved: {where}: {problem['msg']}.",
            message_zh=f"{question_id} 的改善計劃項目無法儲存：{where}：{problem['msg']}。",
        ) from None


def parse_due_date(text: str) -> dt.date:
    """A due date typed as YYYY-MM-DD; CisecError for an impossible one (2027-02-30)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CisecError(
            f"'{text}' is not a date.",
            "Give the date as YYYY-MM-DD, e.g. 2027-03-31.",
            message_zh=f"「{text}」不是日期。",
            next_step_zh="請以 YYYY-MM-DD 格式提供日期，例如 2027-03-31。",
        ) from None


def parse_status(text: str) -> PlanStatus:
    """A plan status by name; CisecError naming the valid ones."""
    for status in PLAN_STATUSES:
        if text.strip().lower() == status:
            return status
    raise CisecError(
        f"'{text}' is not a plan status.",
        f"Valid statuses: {', '.join(PLAN_STATUSES)}.",
        message_zh=f"「{text}」不是改善計劃的狀態。",
        next_step_zh=f"有效的狀態：{'、'.join(PLAN_STATUSES)}。",
    )


def parse_milestone(text: str) -> Milestone:
    """A milestone typed as "YYYY-MM-DD TEXT"; CisecError when the date or text is missing."""
    date_text, _, words = text.strip().partition(" ")
    if not words.strip():
        raise CisecError(
            f"'{text}' is not a milestone.",
            'Give a date and what happens then, e.g. "2027-01-31 Firewall rules reviewed".',
            message_zh=f"「{text}」不是里程碑。",
            next_step_zh='請提供日期及當日要完成的事，例如 "2027-01-31 已檢視防火牆規則"。',
        )
    date = parse_due_date(date_text)
    try:
        return Milestone(date=date, text=words.strip())
    except ValidationError:
        raise CisecError(
            "A milestone's text is at most 1,000 characters.",
            message_zh="里程碑的文字最多 1,000 個字元。",
        ) from None


def risk_acceptance(justification: str, accepted_by: str) -> RiskAcceptance:
    """A risk acceptance as typed; CisecError when either part is blank or too long."""
    try:
        return RiskAcceptance(justification=justification.strip(), accepted_by=accepted_by.strip())
    except ValidationError:
        raise CisecError(
            "Accepting a risk needs a justification (up to 10,000 characters) and who "
            "accepted it (up to 500).",
            'Give both, e.g. --justification "Site closes in 2027" --accepted-by "CISO".',
            message_zh="接受風險須提供理由（最多 10,000 個字元）及由誰接受（最多 500 個字元）。",
            next_step_zh='請同時提供兩者，例如 --justification "該場地於 2027 年關閉" '
            '--accepted-by "CISO"。',
        ) from None


def plan_table(rows: list[PlanRow], language: Language) -> list[str]:
    """The plan as lines of a table for a terminal, in `language`."""
    if not rows:
        return [say("plan.empty", language)]
    header = [
        say("csv.question_id", language),
        say("plan.tier", language),
        say("report.col_priority", language),
        say("report.col_owner", language),
        say("report.col_due", language),
        say("report.calendar_status", language),
        "",
    ]
    table = [header] + [
        [
            row.question_id,
            row.tier(language),
            "" if row.gap is None else f"{row.gap.priority:.2f}",
            row.item.owner or "—",
            row.item.due.isoformat() if row.item.due else "—",
            row.status_words(language),
            row.state_words(language),
        ]
        for row in rows
    ]
    widths = [max(_width(line[column]) for line in table) for column in range(len(header))]
    lines = []
    for line, row in zip(table, [None, *rows], strict=True):
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(line)]
        text = "  ".join(cells).rstrip()
        if row is not None:
            text += f"\n    {row.title(language)}"
        lines.append(text)
    return lines


def _width(text: str) -> int:
    # Chinese characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
