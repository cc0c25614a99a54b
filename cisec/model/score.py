"""Provides the results of scoring: per question, per section, overall, and the gap list."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from cisec.model.questionnaire import Kind

QuestionState = Literal["unanswered", "scored", "unknown", "not_applicable", "skipped"]
GapReason = Literal["answer", "unknown", "declared_level"]


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class QuestionResult(_Result):
    """How one question stands: skipped by the profile, unanswered, N/A, unknown or scored."""

    question_id: str
    section_id: str
    state: QuestionState
    score: float | None
    weight: float


class SectionScore(_Result):
    """A section's weighted mean score (0-100) over its scored answers, with coverage."""

    id: str
    score: float | None
    coverage: float
    applicable: int
    answered: int
    skipped: int


class Gap(_Result):
    """A shortfall to remediate, ordered by priority."""

    question_id: str
    section_id: str
    kind: Kind
    reason: GapReason
    score: float
    expected: float
    priority: float


class DutyStatus(_Result):
    """How many questions of one tier (Ordinance duties, or code-of-practice expectations) are
    met, partly met, not met, unknown, not applicable or unanswered."""

    met: int
    partly: int
    not_met: int
    unknown: int
    not_applicable: int
    unanswered: int


class Score(_Result):
    """The whole result for one assessment."""

    overall: float | None
    coverage: float
    sections: list[SectionScore]
    questions: dict[str, QuestionResult]
    gaps: list[Gap]
    statutory: DutyStatus
    code_of_practice: DutyStatus
