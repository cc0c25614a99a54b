"""Provides the remediation plan of an open assessment: its rows, and setting one item.

Every gap is a plan row, whether or not anyone has planned it yet; an item whose gap has since
closed (a better answer) stays a row and says so, so the plan keeps its history through the year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import ValidationError

from cisec.errors import CisecError
from cisec.model.plan import PLAN_STATUSES, Milestone, PlanItem, PlanStatus, RiskAcceptance
from cisec.model.questionnaire import Kind, ProfileQuestion, Question
from cisec.model.score import Gap
from cisec.model.text import Language
from cisec.services.session import AssessmentSession, MergeReport, now_utc


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

    @property
    def question_id(self) -> str:
        return self.question.id

    @property
    def kind(self) -> Kind:
        return self.question.kind

    @property
    def gap_closed(self) -> bool:
        """Whether the gap this item was made for no longer shows in the score."""
        return self.gap is None

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
    with session.lock:
        question, _ = session.item(question_id)
        if isinstance(question, ProfileQuestion):
            raise CisecError(
                f"{question_id} is a profile question: it has no gap to plan.",
                message_zh=f"{question_id} 是機構概況問題，沒有差距須要改善。",
            )
        current = session.assessment.plan.get(question_id) or PlanItem()
        update: dict[str, object] = {"updated_at": moment}
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
                update["closed_on"] = moment.date()
            elif status != "done":
                update["closed_on"] = None
        changed = current.model_copy(update=update)
        # Validated as a whole, so a risk acceptance without its reason is refused here too.
        session.assessment.plan[question_id] = _checked(question_id, changed)
        session.assessment.updated_at = moment
    return session.save(now=moment)


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
