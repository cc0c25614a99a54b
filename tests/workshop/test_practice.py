"""Practice scoring (exact numbers) and what the timeline releases."""

from __future__ import annotations

from pathlib import Path

import pytest

from cisec.content.exercise import load_exercise_file
from cisec.model.exercise import Exercise
from cisec.workshop.practice import (
    choice_problem,
    participant_score,
    question_score,
    released_injects,
    released_questions,
)

PACK = Path(__file__).parent / "data" / "fixture-drill.yaml"


@pytest.fixture(scope="module")
def pack() -> Exercise:
    return load_exercise_file(PACK)


def test_single_choice_scores_one_or_zero(pack: Exercise) -> None:
    question = pack.questions_by_id["deadline"]
    assert question_score(question, ["h12"]) == 1.0
    assert question_score(question, ["h48"]) == 0.0


@pytest.mark.parametrize(
    ("choices", "expected"),
    [
        (["logs", "images"], 1.0),
        (["images", "logs"], 1.0),  # a set: order does not matter
        (["logs", "coffee"], 0.5),
        (["nothing", "coffee"], 0.0),
        (["logs"], 0.5),  # one of the two
        (["logs", "images", "coffee"], 2 / 3),  # an extra pick costs as much as a missing one
    ],
)
def test_multiple_choice_shares_credit(pack: Exercise, choices: list[str], expected: float) -> None:
    assert question_score(pack.questions_by_id["preserve"], choices) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("choices", "expected"),
    [
        (["first", "second", "third"], 1.0),
        (["second", "first", "third"], 1 - 2 / 4),  # footrule 2 of a maximum ⌊9/2⌋ = 4
        (["first", "third", "second"], 1 - 2 / 4),
        (["third", "second", "first"], 0.0),  # reversed: footrule 4, the maximum
    ],
)
def test_ranking_gives_credit_for_near_misses(
    pack: Exercise, choices: list[str], expected: float
) -> None:
    assert question_score(pack.questions_by_id["order"], choices) == pytest.approx(expected)


def test_choice_problems_say_what_the_question_takes(pack: Exercise) -> None:
    assert (
        choice_problem(pack.questions_by_id["deadline"], ["h12", "h48"])
        == "deadline takes one option"
    )
    assert choice_problem(pack.questions_by_id["preserve"], ["logs"]) == "preserve takes 2 options"
    assert choice_problem(pack.questions_by_id["order"], ["first"]) == "order ranks all 3 options"
    assert "'tea' is not an option" in (
        choice_problem(pack.questions_by_id["deadline"], ["tea"]) or ""
    )
    assert choice_problem(pack.questions_by_id["deadline"], ["h12"]) is None


def test_choice_problems_in_chinese(pack: Exercise) -> None:
    def zh(question_id: str, choices: list[str]) -> str | None:
        return choice_problem(pack.questions_by_id[question_id], choices, "zh-Hant")

    assert zh("deadline", ["h12", "h48"]) == "deadline 只可選一個選項"
    assert zh("preserve", ["logs"]) == "preserve 須選 2 個選項"
    assert zh("order", ["first"]) == "order 須為全部 3 個選項排序"
    assert zh("deadline", []) == "deadline 須作答"
    assert (zh("deadline", ["tea"]) or "").startswith("「tea」不是 deadline 的選項")
    assert zh("deadline", ["h12"]) is None


def test_participant_score_counts_unanswered_as_zero(pack: Exercise) -> None:
    score = participant_score(pack, {"deadline": ["h12"], "preserve": ["logs", "coffee"]})
    assert (score.questions, score.answered, score.correct) == (3, 2, 1)
    assert score.percent == pytest.approx(100 * 1.5 / 3)


def test_an_invalid_stored_answer_is_not_scored(pack: Exercise) -> None:
    score = participant_score(pack, {"deadline": ["h12", "h48"]})
    assert (score.answered, score.points) == (0, 0.0)


def test_timer_releases_injects_at_their_minute(pack: Exercise) -> None:
    assert released_injects(pack, 9.9) == []
    assert [i.id for i in released_injects(pack, 10)] == ["later"]


def test_questions_open_with_their_inject(pack: Exercise) -> None:
    assert [q.id for q in released_questions(pack, 0)] == ["deadline", "preserve"]
    assert [q.id for q in released_questions(pack, 1)] == ["deadline", "preserve", "order"]
