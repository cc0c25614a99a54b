"""Scoring rules, pinned to exact numbers on the fixture questionnaire."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from cisec.content.catalogue import load_file
from cisec.model import Answer, Assessment, Condition, QuestionnaireRef
from cisec.scoring import evaluate, score_assessment

FIXTURE = load_file(Path(__file__).parent / "data" / "content" / "fixture.yaml")
WHEN = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def assess(profile: dict[str, Any], answers: dict[str, Any]) -> Assessment:
    return Assessment(
        questionnaire=QuestionnaireRef(
            id="fixture", version="1.2.0", content_hash="sha256:" + "0" * 64
        ),
        created_at=WHEN,
        updated_at=WHEN,
        profile=profile,
        answers={
            qid: Answer(**(a if isinstance(a, dict) else {"value": a}))
            for qid, a in answers.items()
        },
    )


def condition(data: dict[str, Any]) -> Condition:
    return Condition.model_validate(data)


@pytest.mark.parametrize(
    ("data", "profile", "expected"),
    [
        ({"question": "d", "equals": "yes"}, {"d": "yes"}, True),
        ({"question": "d", "equals": "yes"}, {"d": "no"}, False),
        ({"question": "d", "equals": "yes"}, {}, None),
        ({"question": "d", "equals": "yes"}, {"d": "unknown"}, None),
        ({"question": "n", "at_least": 2}, {"n": 2}, True),
        ({"question": "n", "at_least": 2}, {"n": 1.5}, False),
        ({"question": "n", "equals": 3}, {"n": 3.0}, True),
        ({"question": "s", "in": ["a", "b"]}, {"s": "b"}, True),
        ({"question": "s", "answered": True}, {}, False),
        ({"question": "s", "answered": False}, {}, True),
        (
            {"all": [{"question": "a", "equals": "x"}, {"question": "b", "equals": "y"}]},
            {"a": "z"},
            False,
        ),
        (
            {"all": [{"question": "a", "equals": "x"}, {"question": "b", "equals": "y"}]},
            {"a": "x"},
            None,
        ),
        (
            {"any": [{"question": "a", "equals": "x"}, {"question": "b", "equals": "y"}]},
            {"b": "y"},
            True,
        ),
        (
            {"any": [{"question": "a", "equals": "x"}, {"question": "b", "equals": "y"}]},
            {"a": "z"},
            None,
        ),
        ({"not": {"question": "a", "equals": "x"}}, {"a": "x"}, False),
        ({"not": {"question": "a", "equals": "x"}}, {}, None),
    ],
)
def test_conditions_are_three_valued(
    data: dict[str, Any], profile: dict[str, Any], expected: bool | None
) -> None:
    assert evaluate(condition(data), profile) is expected


def test_profile_can_skip_questions_and_skipped_leave_every_number() -> None:
    score = score_assessment(
        FIXTURE, assess({"designated": "no", "systems": 3}, {"duties.report": "yes"})
    )
    assert score.questions["duties.office"].state == "skipped"
    assert score.questions["duties.ot"].state == "skipped"  # not designated=no is False
    duties = score.sections[0]
    assert (duties.applicable, duties.answered, duties.skipped) == (1, 1, 2)
    assert duties.score == 100.0
    assert score.statutory.met == 1 and score.statutory.unanswered == 0


def test_undetermined_condition_keeps_the_question_in() -> None:
    score = score_assessment(FIXTURE, assess({}, {}))
    assert score.questions["duties.office"].state == "unanswered"
    assert score.sections[0].applicable == 3
    assert score.overall is None and score.coverage == 0.0 and score.gaps == []


@pytest.mark.parametrize(
    ("days", "expected"), [(0, 0.0), (29, 0.0), (30, 0.5), (89, 0.5), (90, 1.0), (365, 1.0)]
)
def test_numeric_answers_score_by_threshold(days: int, expected: float) -> None:
    score = score_assessment(FIXTURE, assess({}, {"practice.cctv": days}))
    assert score.questions["practice.cctv"].score == expected
    assert score.sections[1].score == pytest.approx(100 * expected)


def test_not_applicable_needs_a_note_to_count() -> None:
    without = score_assessment(FIXTURE, assess({}, {"practice.policy": "na"}))
    assert without.questions["practice.policy"].state == "unanswered"
    justified = score_assessment(
        FIXTURE, assess({}, {"practice.policy": {"value": "na", "note": "Out of scope."}})
    )
    assert justified.questions["practice.policy"].state == "not_applicable"
    assert justified.sections[1].score is None  # nothing scored: N/A leaves the denominator
    assert justified.sections[1].coverage == pytest.approx(1 / 3)


def test_unknown_is_a_gap_distinct_from_unanswered() -> None:
    score = score_assessment(FIXTURE, assess({}, {"duties.report": "unknown"}))
    assert score.questions["duties.report"].state == "unknown"
    assert [(g.question_id, g.reason, g.priority) for g in score.gaps] == [
        ("duties.report", "unknown", 6.0)
    ]
    assert score.statutory.unknown == 1 and score.statutory.unanswered == 1
    # duties.ot is a Code of Practice expectation: counted in its own block, not as a duty.
    assert score.code_of_practice.unanswered == 1 and score.code_of_practice.unknown == 0


def test_priority_ranks_ordinance_then_code_then_practice_at_equal_shortfall() -> None:
    score = score_assessment(
        FIXTURE,
        assess(
            {"systems": 1},
            {"duties.report": "no", "duties.ot": "no", "practice.cctv": 0, "practice.policy": "0"},
        ),
    )
    per_unit_weight = {
        g.question_id: (g.kind, g.priority / FIXTURE.questions[g.question_id].weight)
        for g in score.gaps
    }
    assert per_unit_weight == {
        "duties.report": ("statutory", 3.0),
        "duties.ot": ("code_of_practice", 2.5),
        "practice.cctv": ("practice", 2.0),
        "practice.policy": ("practice", 1.0),
    }


def test_declared_level_shortfall_is_its_own_gap() -> None:
    rated3 = score_assessment(
        FIXTURE, assess({"declared_level": "rated3"}, {"practice.power": "n"})
    )
    reasons = [(g.reason, g.expected, g.priority) for g in rated3.gaps]
    assert reasons == [("answer", 1.0, 1.0), ("declared_level", 0.5, 0.5)]
    meets = score_assessment(
        FIXTURE, assess({"declared_level": "rated3"}, {"practice.power": "n1"})
    )
    assert [g.reason for g in meets.gaps] == ["answer"]
    rated1 = score_assessment(
        FIXTURE, assess({"declared_level": "rated1"}, {"practice.power": "n"})
    )
    assert [g.reason for g in rated1.gaps] == ["answer"]
    undeclared = score_assessment(FIXTURE, assess({}, {"practice.power": "n"}))
    assert [g.reason for g in undeclared.gaps] == ["answer"]


def test_unknown_value_for_a_question_does_not_score() -> None:
    # A hand-edited file with a value the scale lacks: unanswered, not a crash.
    score = score_assessment(
        FIXTURE, assess({}, {"duties.report": "perhaps", "practice.cctv": "many"})
    )
    assert score.questions["duties.report"].state == "unanswered"
    assert score.questions["practice.cctv"].state == "unanswered"


def test_scores_are_reproducible() -> None:
    answers = {"duties.office": "partly", "practice.cctv": 45, "practice.power": "2n"}
    first = score_assessment(FIXTURE, assess({"designated": "yes"}, answers))
    second = score_assessment(FIXTURE, assess({"designated": "yes"}, answers))
    assert first == second
