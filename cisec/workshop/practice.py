"""Scores practice answers against a pack's model answers, and says what the timeline has released.

Pure: no files, no clock. The rules, also stated in docs/workshop.md:

- single choice: 1 when the option is the model answer, else 0;
- multiple choice: the options in common with the model answer, divided by the larger of the
  two counts (so picking extra options costs as much as missing one);
- ranking: 1 − (Spearman's footrule distance ÷ its maximum, ⌊n²/2⌋): each option's distance
  from its model place, summed, so a near miss scores more than a reversal.

An answer is *correct* when it scores 1 (exactly the model answer); the score is the mean over
every question of the pack, unanswered questions counting 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cisec.model.exercise import Exercise, ExerciseQuestion, Inject


def choice_problem(
    question: ExerciseQuestion, choices: Sequence[str], language: str = "en"
) -> str | None:
    """Why `choices` is not a possible answer to `question` (in English, or in Chinese when
    `language` is "zh-Hant"), or None when it is."""
    chinese = language == "zh-Hant"
    values = [option.value for option in question.options]
    unknown = [choice for choice in choices if choice not in values]
    if unknown:
        if chinese:
            return f"「{unknown[0]}」不是 {question.id} 的選項（{'、'.join(values)}）"
        return f"'{unknown[0]}' is not an option of {question.id} ({', '.join(values)})"
    if not choices:
        return f"{question.id} 須作答" if chinese else f"{question.id} needs an answer"
    if len(set(choices)) != len(choices):
        if chinese:
            return f"{question.id} 的答案重複選了同一個選項"
        return f"an answer to {question.id} names an option twice"
    if question.kind == "single" and len(choices) != 1:
        return f"{question.id} 只可選一個選項" if chinese else f"{question.id} takes one option"
    if question.kind == "multiple" and question.pick is not None and len(choices) != question.pick:
        if chinese:
            return f"{question.id} 須選 {question.pick} 個選項"
        return f"{question.id} takes {question.pick} options"
    if question.kind == "ranking" and len(choices) != len(values):
        if chinese:
            return f"{question.id} 須為全部 {len(values)} 個選項排序"
        return f"{question.id} ranks all {len(values)} options"
    return None


def question_score(question: ExerciseQuestion, choices: Sequence[str]) -> float:
    """The score (0–1) of `choices` against the model answer (see the module's rules)."""
    model = list(question.model_answer)
    if question.kind == "single":
        return 1.0 if list(choices) == model else 0.0
    if question.kind == "multiple":
        common = len(set(choices) & set(model))
        return common / max(len(set(choices)), len(model))
    model_place = {value: place for place, value in enumerate(model)}
    distance = sum(
        abs(place - model_place[value])
        for place, value in enumerate(choices)
        if value in model_place
    )
    # Options left out of the ranking are as far off as they can be.
    missing = len(model) - len([c for c in choices if c in model_place])
    worst = len(model) ** 2 // 2
    distance += missing * (len(model) - 1)
    return max(0.0, 1.0 - distance / worst) if worst else 1.0


def is_correct(question: ExerciseQuestion, choices: Sequence[str]) -> bool:
    """Whether `choices` is exactly the model answer."""
    return question_score(question, choices) == 1.0


def released_injects(exercise: Exercise, elapsed_minutes: float) -> list[Inject]:
    """The injects released at `elapsed_minutes` after the start (timer pacing)."""
    return [inject for inject in exercise.injects if inject.at_minute <= elapsed_minutes]


def released_questions(exercise: Exercise, released: int) -> list[ExerciseQuestion]:
    """The questions one can answer once the first `released` injects are out."""
    out = {inject.id for inject in exercise.injects[:released]}
    return [
        question
        for question in exercise.questions
        if question.after_inject is None or question.after_inject in out
    ]


@dataclass(frozen=True)
class QuestionResult:
    """How one participant did on one question."""

    question_id: str
    choices: tuple[str, ...]
    score: float
    correct: bool


@dataclass(frozen=True)
class ParticipantScore:
    """One participant's result over the whole pack."""

    questions: int
    answered: int
    correct: int
    points: float
    results: tuple[QuestionResult, ...]

    @property
    def percent(self) -> float:
        """The score as a percentage of the whole pack (unanswered questions count 0)."""
        return 100.0 * self.points / self.questions if self.questions else 0.0


def participant_score(exercise: Exercise, answers: Mapping[str, Sequence[str]]) -> ParticipantScore:
    """Score every answered question of `answers` (question id -> choices) against the pack."""
    results: list[QuestionResult] = []
    for question in exercise.questions:
        choices = answers.get(question.id)
        if choices is None or choice_problem(question, choices) is not None:
            continue
        score = question_score(question, choices)
        results.append(QuestionResult(question.id, tuple(choices), score, score == 1.0))
    return ParticipantScore(
        questions=len(exercise.questions),
        answered=len(results),
        correct=sum(result.correct for result in results),
        points=sum(result.score for result in results),
        results=tuple(results),
    )
