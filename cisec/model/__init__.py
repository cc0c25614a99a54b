"""Provides the plain typed data every other part of cisec works on."""

from cisec.model.assessment import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Answer,
    Assessment,
    Predecessor,
    QuestionnaireRef,
    RetiredAnswer,
)
from cisec.model.plan import PLAN_STATUSES, Milestone, PlanItem, PlanStatus, RiskAcceptance
from cisec.model.questionnaire import (
    NOT_APPLICABLE,
    UNKNOWN,
    Condition,
    Expectation,
    Option,
    ProfileQuestion,
    Question,
    Questionnaire,
    Scale,
    Section,
    Source,
    Threshold,
)
from cisec.model.score import DutyStatus, Gap, QuestionResult, Score, SectionScore
from cisec.model.text import LANGUAGES, Language, LocalizedText

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "LANGUAGES",
    "NOT_APPLICABLE",
    "PLAN_STATUSES",
    "UNKNOWN",
    "Answer",
    "Assessment",
    "Condition",
    "DutyStatus",
    "Expectation",
    "Gap",
    "Language",
    "LocalizedText",
    "Milestone",
    "Option",
    "PlanItem",
    "PlanStatus",
    "Predecessor",
    "ProfileQuestion",
    "Question",
    "QuestionResult",
    "Questionnaire",
    "QuestionnaireRef",
    "RetiredAnswer",
    "RiskAcceptance",
    "Scale",
    "Score",
    "Section",
    "SectionScore",
    "Source",
    "Threshold",
]
