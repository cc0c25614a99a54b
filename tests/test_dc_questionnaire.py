"""The data-centre questionnaire's numeric thresholds and declared-level expectations, exactly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cisec.content.catalogue import load_catalogue, shipped_dir
from cisec.demo import answers_of, load_demo, profile_value
from cisec.model import Answer, Assessment, QuestionnaireRef
from cisec.scoring import score_assessment
from cisec.store import reconcile

DC = load_catalogue([shipped_dir()]).get("hk-dc-security")
WHEN = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def score(profile: dict[str, Any], answers: dict[str, Any]):  # type: ignore[no-untyped-def]
    assessment = Assessment(
        questionnaire=QuestionnaireRef(
            id=DC.id, version=DC.version, content_hash="sha256:" + "0" * 64
        ),
        created_at=WHEN,
        updated_at=WHEN,
        profile=profile,
        answers={qid: Answer(value=value) for qid, value in answers.items()},
    )
    return score_assessment(DC, assessment)


@pytest.mark.parametrize(
    ("days", "expected"), [(0, 0.0), (29, 0.0), (30, 0.5), (45, 0.5), (90, 1.0), (400, 1.0)]
)
def test_cctv_retention_scores_by_threshold(days: int, expected: float) -> None:
    result = score({}, {"mon-02": days})
    assert result.questions["mon-02"].score == expected
    gaps = [g for g in result.gaps if g.question_id == "mon-02"]
    # weight 3, critical (factor 2): priority = 3 × (1 − score) × 2
    assert [g.priority for g in gaps] == ([3 * (1 - expected) * 2] if expected < 1 else [])


@pytest.mark.parametrize(
    ("hours", "expected"), [(6, 0.0), (12, 0.5), (24, 0.75), (47.5, 0.75), (48, 1.0)]
)
def test_generator_fuel_autonomy_scores_by_threshold(hours: float, expected: float) -> None:
    result = score({"has_generator": "yes"}, {"pwr-03": hours})
    assert result.questions["pwr-03"].score == expected


def test_generator_question_is_skipped_without_generators() -> None:
    assert score({"has_generator": "no"}, {}).questions["pwr-03"].state == "skipped"


@pytest.mark.parametrize(
    ("level", "answer", "declared_gap"),
    [
        ("tia_rated1", "n", None),
        # pwr-02 is a critical control (weight 3, factor 2); Rated-3 expects N+1 (score 0.75)
        ("tia_rated3", "n", (0.75, 3 * 0.75 * 2)),
        ("tia_rated3", "n_plus_1", None),
        ("uptime_tier4", "n_plus_1", (0.9, pytest.approx(3 * (0.9 - 0.75) * 2))),  # expects 2N
        ("en50600_class4", "2n", None),
        ("none_declared", "n", None),
    ],
)
def test_declared_level_sets_the_minimum_for_power_redundancy(
    level: str, answer: str, declared_gap: tuple[float, float] | None
) -> None:
    result = score({"design_level": level}, {"pwr-02": answer})
    found = [(g.expected, g.priority) for g in result.gaps if g.reason == "declared_level"]
    assert found == ([declared_gap] if declared_gap else [])


@pytest.mark.parametrize("question_id", ["acc-03", "acc-04"])
def test_only_tia_rated4_sets_a_minimum_for_data_hall_access(question_id: str) -> None:
    rated4 = score({"design_level": "tia_rated4"}, {question_id: "no"})
    assert [(g.question_id, g.expected) for g in rated4.gaps if g.reason == "declared_level"] == [
        (question_id, 1.0)
    ]
    # Uptime Tiers and EN 50600 availability classes grade redundancy, not physical access.
    for level in ("tia_rated2", "tia_rated3", "uptime_tier4", "en50600_class4"):
        other = score({"design_level": level}, {question_id: "no"})
        assert [g for g in other.gaps if g.reason == "declared_level"] == [], level


def test_the_dpo_guide_is_the_layer_never_a_citation() -> None:
    # Its contents were never read: every question carries its layer as a tag instead.
    assert all(q.layer is not None for q in DC.questions.values())
    cited = [
        q.id
        for q in DC.questions.values()
        for reference in q.references
        if reference.startswith("DPO DC Security Guide")
    ]
    assert cited == []
    assert {q.layer for q in DC.questions.values()} == {"management", "design", "operations"}


@pytest.mark.parametrize(
    ("answer", "expected"), [("tested", 1.0), ("design_only", 0.5), ("short", 0.0)]
)
def test_ups_autonomy_scores_without_a_minutes_figure(answer: str, expected: float) -> None:
    result = score({}, {"pwr-10": answer})
    assert result.questions["pwr-10"].score == expected
    assert DC.questions["pwr-10"].layer == "design"


def test_fuel_autonomy_expects_nothing_from_the_declared_level() -> None:
    # The thresholds are common practice, the same at every level: no declared-level gap.
    result = score({"design_level": "tia_rated4", "has_generator": "yes"}, {"pwr-03": 6})
    assert [
        g for g in result.gaps if g.question_id == "pwr-03" and g.reason == "declared_level"
    ] == []
    assert result.questions["pwr-03"].score == 0.0


def test_answers_to_the_previous_version_all_carry_over() -> None:
    # 1.1.0 keeps every id and every scale value of 1.0.1: reconciling last year's demo
    # answers sets nothing aside.
    year = answers_of(load_demo(DC.id), "previous")
    assessment = Assessment(
        questionnaire=QuestionnaireRef(
            id=DC.id, version="1.0.1", content_hash="sha256:" + "0" * 64
        ),
        created_at=WHEN,
        updated_at=WHEN,
        profile={k: profile_value(v) for k, v in year.profile.items()},
        answers={qid: Answer(value=a.value) for qid, a in year.answers.items()},
    )
    before = dict(assessment.answers)
    assert reconcile(assessment, DC, WHEN).notices == []
    assert assessment.answers == before and assessment.retired_answers == []
