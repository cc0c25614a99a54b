"""The data-centre questionnaire's numeric thresholds and declared-level expectations, exactly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cisec.content.catalogue import load_catalogue, shipped_dir
from cisec.model import Answer, Assessment, QuestionnaireRef
from cisec.scoring import score_assessment

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


def test_level_four_expects_two_factor_access_to_data_halls() -> None:
    rated4 = score({"design_level": "tia_rated4"}, {"acc-03": "no"})
    assert [(g.question_id, g.expected) for g in rated4.gaps if g.reason == "declared_level"] == [
        ("acc-03", 1.0)
    ]
    rated2 = score({"design_level": "tia_rated2"}, {"acc-03": "no"})
    assert [g for g in rated2.gaps if g.reason == "declared_level"] == []
