"""Provides the redacted copy of an assessment: answers and scores stay, free text goes.

A redacted copy can go to a consultant or into a sector comparison: it keeps every value,
flag and date, so it scores exactly as the original, and drops what names or describes the
organisation: its name, the assessor's, who answered, notes, evidence references and files,
the plan's owners, notes, milestone texts and risk acceptances' reasons and names, and the
name of last year's file. Plan statuses and dates stay (they describe no one).
"""

from __future__ import annotations

from cisec.model.assessment import Answer, Assessment
from cisec.model.plan import PlanItem
from cisec.model.questionnaire import NOT_APPLICABLE, Questionnaire

# "Not applicable" counts only with a justification; the placeholder keeps the score while
# the reason itself is removed.
REDACTED_NOTE = "[redacted]"


def redact(questionnaire: Questionnaire, assessment: Assessment) -> Assessment:
    """A copy of `assessment` without its free text; it scores the same as the original."""
    copy = assessment.model_copy(deep=True)
    copy.organisation = ""
    copy.assessor = ""
    for question_id, answer in copy.answers.items():
        copy.answers[question_id] = _redacted(
            answer, _is_not_applicable(questionnaire, question_id, answer)
        )
    for retired in copy.retired_answers:
        retired.answer = _redacted(retired.answer, keep_justified=False)  # not scored
    copy.plan = {question_id: _redacted_item(item) for question_id, item in copy.plan.items()}
    if copy.predecessor is not None:
        copy.predecessor = copy.predecessor.model_copy(update={"file": ""})
    return copy


def _redacted_item(item: PlanItem) -> PlanItem:
    # A milestone and a risk acceptance need text to be valid: the placeholder keeps their
    # dates and the fact of the acceptance while the words go.
    acceptance = item.risk_acceptance
    return item.model_copy(
        update={
            "owner": "",
            "note": "",
            "milestones": [m.model_copy(update={"text": REDACTED_NOTE}) for m in item.milestones],
            "risk_acceptance": None
            if acceptance is None
            else acceptance.model_copy(
                update={"justification": REDACTED_NOTE, "accepted_by": REDACTED_NOTE}
            ),
        }
    )


def _redacted(answer: Answer, keep_justified: bool) -> Answer:
    note = REDACTED_NOTE if keep_justified and answer.note.strip() else ""
    # Answers kept from a conflict between two writers carry notes and names too: they go.
    return answer.model_copy(
        update={
            "note": note,
            "evidence": [],
            "evidence_files": [],
            "answered_by": "",
            "history": [],
        }
    )


def _is_not_applicable(questionnaire: Questionnaire, question_id: str, answer: Answer) -> bool:
    question = questionnaire.questions.get(question_id)
    if question is None:
        return answer.value == NOT_APPLICABLE
    scale = questionnaire.scales[question.scale]
    if scale.type == "choice":
        option = scale.option(str(answer.value))
        return option is not None and option.not_applicable
    return answer.value == NOT_APPLICABLE
