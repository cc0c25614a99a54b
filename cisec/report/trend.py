"""Compares this year's score with last year's: per-section change, gaps closed and new, regressions.

Pure: two scores in, one comparison out. Both scores must come from the same questionnaire
(last year's file is reconciled to this year's questionnaire version before scoring).
"""

from __future__ import annotations

from dataclasses import dataclass

from cisec.model.score import GapReason, Score

# Score changes smaller than this are rounding noise, not a change a board should read about.
EPSILON = 1e-9


@dataclass(frozen=True)
class SectionChange:
    """One section's score last year and this year (0-100; None when nothing was scored)."""

    section_id: str
    previous: float | None
    current: float | None

    @property
    def change(self) -> float | None:
        """This year minus last year, when both years have a score."""
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


@dataclass(frozen=True)
class GapKey:
    """A gap as it is matched across years: the question and why it is a gap."""

    question_id: str
    reason: GapReason


@dataclass(frozen=True)
class AnswerChange:
    """A question scored in both years whose score (0-1) went up or down."""

    question_id: str
    section_id: str
    previous: float
    current: float


@dataclass(frozen=True)
class Trend:
    """Everything the trend section reports, in questionnaire and priority order."""

    overall_previous: float | None
    overall_current: float | None
    sections: list[SectionChange]
    closed: list[GapKey]
    new: list[GapKey]
    regressions: list[AnswerChange]
    improvements: list[AnswerChange]

    @property
    def overall_change(self) -> float | None:
        """This year's overall score minus last year's, when both exist."""
        if self.overall_previous is None or self.overall_current is None:
            return None
        return self.overall_current - self.overall_previous


def compare(current: Score, previous: Score) -> Trend:
    """Compare two scores of the same questionnaire.

    A gap is matched across years by question and reason. Closed gaps keep last year's
    priority order; new gaps keep this year's. Regressions and improvements are questions
    scored in both years (a "don't know" scores 0) whose score changed; questions asked only
    one year (a profile change, an N/A) are neither.
    """
    previous_sections = {s.id: s.score for s in previous.sections}
    sections = [
        SectionChange(section.id, previous_sections.get(section.id), section.score)
        for section in current.sections
    ]
    current_gaps = [GapKey(g.question_id, g.reason) for g in current.gaps]
    previous_gaps = [GapKey(g.question_id, g.reason) for g in previous.gaps]
    current_set, previous_set = set(current_gaps), set(previous_gaps)
    closed = [
        key
        for key in _unique(previous_gaps)
        if key not in current_set and key.question_id in current.questions
    ]
    new = [key for key in _unique(current_gaps) if key not in previous_set]

    regressions: list[AnswerChange] = []
    improvements: list[AnswerChange] = []
    for question_id, now in current.questions.items():
        before = previous.questions.get(question_id)
        if before is None or now.score is None or before.score is None:
            continue
        change = AnswerChange(question_id, now.section_id, before.score, now.score)
        if now.score < before.score - EPSILON:
            regressions.append(change)
        elif now.score > before.score + EPSILON:
            improvements.append(change)
    # The biggest drop first: that is the one a board asks about.
    regressions.sort(key=lambda c: c.current - c.previous)
    improvements.sort(key=lambda c: c.previous - c.current)
    return Trend(
        overall_previous=previous.overall,
        overall_current=current.overall,
        sections=sections,
        closed=closed,
        new=new,
        regressions=regressions,
        improvements=improvements,
    )


def _unique(keys: list[GapKey]) -> list[GapKey]:
    return list(dict.fromkeys(keys))
