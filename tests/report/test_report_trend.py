"""The trend against last year, pinned with exact numbers."""

from __future__ import annotations

import pytest
from report_fixtures import Files

from cisec.model.score import DutyStatus, Gap, QuestionResult, Score, SectionScore
from cisec.report.trend import AnswerChange, GapKey, compare

NO_DUTIES = DutyStatus(met=0, partly=0, not_met=0, unknown=0, not_applicable=0, unanswered=0)


def _score(
    overall: float | None,
    sections: dict[str, float | None],
    questions: dict[str, tuple[str, float | None]],
    gaps: list[tuple[str, str, float]],
) -> Score:
    """A score by hand: questions are id -> (section, score); gaps (question, reason, priority)."""
    return Score(
        overall=overall,
        coverage=1.0,
        sections=[
            SectionScore(id=i, score=s, coverage=1.0, applicable=1, answered=1, skipped=0)
            for i, s in sections.items()
        ],
        questions={
            q: QuestionResult(
                question_id=q,
                section_id=section,
                state="scored" if value is not None else "not_applicable",
                score=value,
                weight=1.0,
            )
            for q, (section, value) in questions.items()
        },
        gaps=[
            Gap(
                question_id=q,
                section_id=questions.get(q, ("a", None))[0],
                kind="practice",
                reason=reason,  # type: ignore[arg-type]
                score=0.0,
                expected=1.0,
                priority=priority,
            )
            for q, reason, priority in gaps
        ],
        statutory=NO_DUTIES,
        code_of_practice=NO_DUTIES,
    )


def test_section_and_overall_changes_are_this_year_minus_last_year() -> None:
    previous = _score(40.0, {"a": 50.0, "b": None}, {}, [])
    current = _score(55.5, {"a": 62.5, "b": 10.0, "c": 0.0}, {}, [])
    trend = compare(current, previous)
    assert trend.overall_change == pytest.approx(15.5)
    assert [(s.section_id, s.previous, s.current, s.change) for s in trend.sections] == [
        ("a", 50.0, 62.5, 12.5),
        ("b", None, 10.0, None),
        ("c", None, 0.0, None),
    ]


def test_no_overall_change_without_both_scores() -> None:
    trend = compare(_score(None, {}, {}, []), _score(40.0, {}, {}, []))
    assert trend.overall_change is None


def test_gaps_are_matched_by_question_and_reason() -> None:
    questions = {"q1": ("a", 0.0), "q2": ("a", 0.5), "q3": ("a", 0.0), "q4": ("a", 1.0)}
    previous = _score(
        50.0,
        {"a": 50.0},
        questions,
        [
            ("q1", "answer", 3.0),
            ("q2", "answer", 2.0),
            ("q2", "declared_level", 1.0),
            ("gone", "answer", 0.5),
        ],
    )
    current = _score(
        50.0,
        {"a": 50.0},
        questions,
        [("q3", "unknown", 4.0), ("q2", "answer", 2.0), ("q1", "declared_level", 1.5)],
    )
    trend = compare(current, previous)
    # q1's plain gap and q2's declared-level gap closed; "gone" left the questionnaire.
    assert trend.closed == [GapKey("q1", "answer"), GapKey("q2", "declared_level")]
    assert trend.new == [GapKey("q3", "unknown"), GapKey("q1", "declared_level")]


def test_regressions_biggest_drop_first_and_na_is_neither() -> None:
    previous = _score(
        None,
        {},
        {
            "q1": ("a", 1.0),
            "q2": ("a", 0.75),
            "q3": ("b", 0.5),
            "q4": ("b", 0.25),
            "q5": ("b", 1.0),
        },
        [],
    )
    current = _score(
        None,
        {},
        {
            "q1": ("a", 0.5),
            "q2": ("a", 0.0),
            "q3": ("b", 1.0),
            "q4": ("b", 0.25),
            "q5": ("b", None),
        },
        [],
    )
    trend = compare(current, previous)
    assert trend.regressions == [
        AnswerChange("q2", "a", 0.75, 0.0),
        AnswerChange("q1", "a", 1.0, 0.5),
    ]
    assert trend.improvements == [AnswerChange("q3", "b", 0.5, 1.0)]


def test_fixture_trend_pins_the_numbers(assessment_files: Files) -> None:
    from cisec import services

    current = services.open_session(assessment_files.current).score()
    previous = services.open_session(assessment_files.previous).score()
    trend = compare(current, previous)

    assert trend.overall_current == pytest.approx(32.5)
    assert trend.overall_previous == pytest.approx(50.694444, abs=1e-6)
    assert trend.overall_change == pytest.approx(-18.194444, abs=1e-6)
    assert [(s.section_id, s.previous, s.current) for s in trend.sections] == [
        ("duties", pytest.approx(41.666667, abs=1e-6), 30.0),
        ("practice", 68.75, 37.5),
    ]
    assert trend.closed == [GapKey("duties.ot", "answer")]
    assert trend.new == [
        GapKey("duties.report", "unknown"),
        GapKey("practice.cctv", "answer"),
        GapKey("practice.power", "declared_level"),
    ]
    assert trend.regressions == [
        AnswerChange("duties.report", "duties", 1.0, 0.0),
        AnswerChange("practice.cctv", "practice", 1.0, 0.5),
        AnswerChange("practice.power", "practice", 0.5, 0.0),
    ]
    assert trend.improvements == [
        AnswerChange("duties.office", "duties", 0.0, 0.5),
        AnswerChange("practice.policy", "practice", 0.25, 0.5),
    ]
