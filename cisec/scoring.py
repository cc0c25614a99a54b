"""Scores an assessment against its questionnaire: pure, no I/O, no clock.

The method is stated in words and numbers in docs/scoring.md; tests pin that document's
worked example, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping

from cisec.model.assessment import Answer, Assessment, ProfileValue
from cisec.model.questionnaire import (
    NOT_APPLICABLE,
    UNKNOWN,
    Condition,
    Kind,
    Question,
    Questionnaire,
    Scale,
)
from cisec.model.score import (
    DutyStatus,
    Gap,
    QuestionResult,
    QuestionState,
    Score,
    SectionScore,
)

# A missing Ordinance duty is an exposure with a penalty, not a maturity point. A code-of-
# practice shortfall is not an offence by itself, but the authority may direct compliance
# and breaching the direction is: it ranks below the Ordinance and above any good practice,
# gating controls included. Priority: Ordinance > Code of Practice > practice.
KIND_FACTOR_STATUTORY = 3.0
KIND_FACTOR_CODE_OF_PRACTICE = 2.5
KIND_FACTOR_CRITICAL = 2.0
KIND_FACTOR_PRACTICE = 1.0


def evaluate(condition: Condition, profile: Mapping[str, ProfileValue]) -> bool | None:
    """Three-valued truth of a condition: None when it depends on an unanswered profile fact."""
    if condition.question is not None:
        value = profile.get(condition.question)
        if condition.answered is not None:
            return (value is not None) == condition.answered
        if value is None or value in (NOT_APPLICABLE, UNKNOWN):
            return None
        if condition.equals is not None:
            return _same(value, condition.equals)
        if condition.in_ is not None:
            return any(_same(value, candidate) for candidate in condition.in_)
        if condition.at_least is not None:
            return isinstance(value, int | float) and value >= condition.at_least
        return None
    if condition.all_ is not None:
        results = [evaluate(child, profile) for child in condition.all_]
        if False in results:
            return False
        return None if None in results else True
    if condition.any_ is not None:
        results = [evaluate(child, profile) for child in condition.any_]
        if True in results:
            return True
        return None if None in results else False
    if condition.not_ is not None:
        inner = evaluate(condition.not_, profile)
        return None if inner is None else not inner
    return None


def _same(value: ProfileValue, expected: str | float) -> bool:
    if isinstance(value, int | float) and isinstance(expected, int | float):
        return float(value) == float(expected)
    return str(value) == str(expected)


def applies(question: Question, profile: Mapping[str, ProfileValue]) -> bool:
    """Whether the profile keeps `question` in: only a definite False skips it."""
    return question.applies_when is None or evaluate(question.applies_when, profile) is not False


def answer_score(scale: Scale, answer: Answer) -> tuple[QuestionState, float | None]:
    """The state and score (0-1) one answer gives on its scale.

    'Not applicable' without a justification note does not count: the question stays
    unanswered until someone says why it does not apply.
    """
    value = answer.value
    if scale.type == "choice":
        option = scale.option(str(value))
        if option is None:
            return "unanswered", None
        if option.not_applicable:
            return ("not_applicable", None) if answer.note.strip() else ("unanswered", None)
        if option.unknown:
            return "unknown", 0.0
        return "scored", option.score
    if value == NOT_APPLICABLE and scale.allow_not_applicable:
        return ("not_applicable", None) if answer.note.strip() else ("unanswered", None)
    if value == UNKNOWN and scale.allow_unknown:
        return "unknown", 0.0
    if scale.type == "numeric" and isinstance(value, int | float) and not isinstance(value, bool):
        return "scored", scale.numeric_score(float(value))
    return "unanswered", None


def kind_factor(question: Question) -> float:
    """How much a shortfall on this kind of question weighs in the gap priority."""
    if question.kind == "statutory":
        return KIND_FACTOR_STATUTORY
    if question.kind == "code_of_practice":
        return KIND_FACTOR_CODE_OF_PRACTICE
    return KIND_FACTOR_CRITICAL if question.critical else KIND_FACTOR_PRACTICE


def expected_minimum(
    question: Question, scale: Scale, profile: Mapping[str, ProfileValue]
) -> float | None:
    """The score the site's own declared profile requires of this answer, if any."""
    expected: list[float] = []
    for expectation in question.expectations:
        if evaluate(expectation.when, profile) is not True:
            continue
        if scale.type == "choice":
            option = scale.option(str(expectation.minimum))
            if option is not None and option.score is not None:
                expected.append(option.score)
        elif isinstance(expectation.minimum, int | float):
            expected.append(scale.numeric_score(float(expectation.minimum)))
    return max(expected, default=None)


def score_assessment(questionnaire: Questionnaire, assessment: Assessment) -> Score:
    """Score every question, section and the whole; list the gaps by priority."""
    profile = assessment.profile
    results: dict[str, QuestionResult] = {}
    gaps: list[Gap] = []
    sections: list[SectionScore] = []
    order = {qid: index for index, qid in enumerate(questionnaire.questions)}

    for section in questionnaire.sections:
        weighted = total_weight = 0.0
        applicable = answered = skipped = 0
        for question in section.questions:
            scale = questionnaire.scales[question.scale]
            state: QuestionState
            if not applies(question, profile):
                state, score = "skipped", None
            else:
                answer = assessment.answers.get(question.id)
                state, score = (
                    ("unanswered", None) if answer is None else answer_score(scale, answer)
                )
            results[question.id] = QuestionResult(
                question_id=question.id,
                section_id=section.id,
                state=state,
                score=score,
                weight=question.weight,
            )
            if state == "skipped":
                skipped += 1
                continue
            applicable += 1
            if state == "unanswered":
                continue
            answered += 1
            if score is None:  # not applicable: out of the denominator
                continue
            weighted += question.weight * score
            total_weight += question.weight
            factor = kind_factor(question)
            if score < 1.0:
                gaps.append(
                    Gap(
                        question_id=question.id,
                        section_id=section.id,
                        kind=question.kind,
                        reason="unknown" if state == "unknown" else "answer",
                        score=score,
                        expected=1.0,
                        priority=round(question.weight * (1.0 - score) * factor, 6),
                    )
                )
            minimum = expected_minimum(question, scale, profile)
            if minimum is not None and score < minimum:
                gaps.append(
                    Gap(
                        question_id=question.id,
                        section_id=section.id,
                        kind=question.kind,
                        reason="declared_level",
                        score=score,
                        expected=minimum,
                        priority=round(question.weight * (minimum - score) * factor, 6),
                    )
                )
        sections.append(
            SectionScore(
                id=section.id,
                score=100.0 * weighted / total_weight if total_weight else None,
                coverage=answered / applicable if applicable else 1.0,
                applicable=applicable,
                answered=answered,
                skipped=skipped,
            )
        )

    section_weights = {s.id: s.weight for s in questionnaire.sections}
    scored_sections = [s for s in sections if s.score is not None]
    weight_sum = sum(section_weights[s.id] for s in scored_sections)
    overall = (
        sum(section_weights[s.id] * (s.score or 0.0) for s in scored_sections) / weight_sum
        if weight_sum
        else None
    )
    applicable_total = sum(s.applicable for s in sections)
    answered_total = sum(s.answered for s in sections)
    gaps.sort(key=lambda g: (-g.priority, order[g.question_id], g.reason))
    return Score(
        overall=overall,
        coverage=answered_total / applicable_total if applicable_total else 1.0,
        sections=sections,
        questions=results,
        gaps=gaps,
        statutory=duty_status(questionnaire, results, "statutory"),
        code_of_practice=duty_status(questionnaire, results, "code_of_practice"),
    )


def duty_status(
    questionnaire: Questionnaire, results: Mapping[str, QuestionResult], kind: Kind
) -> DutyStatus:
    """How the applicable questions of one tier stand: met, partly, not met, unknown, …"""
    counts = dict.fromkeys(
        ("met", "partly", "not_met", "unknown", "not_applicable", "unanswered"), 0
    )
    for question in questionnaire.questions.values():
        if question.kind != kind:
            continue
        result = results[question.id]
        if result.state == "skipped":
            continue
        if result.state == "scored":
            score = result.score or 0.0
            key = "met" if score >= 1.0 else "partly" if score > 0.0 else "not_met"
        else:
            key = result.state
        counts[key] += 1
    return DutyStatus(**counts)
