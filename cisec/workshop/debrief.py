"""Builds the view model of the class-results debrief (projected in the room): strings ready to print.

Pure: the template (report_templates/workshop/class-results.html.j2) only lays this out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cisec.model.exercise import ExerciseQuestion
from cisec.model.text import DocumentLanguage, LocalizedText, lang_tag, languages_of
from cisec.wording import Phrases, Words, say
from cisec.workshop.class_results import ClassResults, QuestionSummary

Say = Callable[..., Words]  # (wording key, **placeholders) -> the words in the chosen languages
Show = Callable[[LocalizedText], Words]


@dataclass(frozen=True)
class OptionRow:
    """One option of a question, with how many chose it."""

    label: Words
    count: int
    percent: int
    in_model_answer: bool
    mean_place: str


@dataclass(frozen=True)
class QuestionView:
    """One question's slide."""

    number: int
    id: str
    text: Words
    kind: Words
    answered: Words
    share_correct: str
    mean_score: str
    options: tuple[OptionRow, ...]
    ranking: bool
    model_answer: tuple[Words, ...]
    common_wrong: tuple[tuple[tuple[Words, ...], int], ...]
    explanation: Words
    references: str
    discussion: tuple[Words, ...]


@dataclass(frozen=True)
class ParticipantView:
    """One participant's line."""

    name: str
    answered: int
    correct: int
    percent: str


@dataclass(frozen=True)
class FileView:
    """One file's line."""

    file: str
    status: Words
    participant: str
    detail: Words


@dataclass(frozen=True)
class DebriefView:
    """Everything the class-results template prints."""

    lang: str
    mode: str
    title: str
    subtitle: str
    heading: Words
    pack_title: Words
    labels: dict[str, Words]
    anonymised: bool
    class_mean: str
    participants: tuple[ParticipantView, ...]
    questions: tuple[QuestionView, ...]
    files: tuple[FileView, ...]


def debrief_view(results: ClassResults, language: DocumentLanguage) -> DebriefView:
    """The debrief in `language` (or both, English first)."""
    languages = languages_of(language)
    phrases = Phrases(languages)

    exercise = results.exercise
    total = len(results.participants)
    questions = tuple(
        _question_view(number, summary, total, phrases.say, phrases.text)
        for number, summary in enumerate(results.questions, start=1)
    )
    labels = phrases.labels("debrief")
    first = languages[0]
    return DebriefView(
        lang=lang_tag(first),
        mode="both" if language == "both" else ("zh" if first == "zh-Hant" else "en"),
        title=f"{say('debrief.title', first)} — {exercise.title.get(first)}",
        subtitle=f"{exercise.id} {exercise.version}",
        heading=phrases.say("debrief.title"),
        pack_title=phrases.text(exercise.title),
        labels=labels,
        anonymised=results.anonymised,
        class_mean=_percent(results.mean_percent),
        participants=tuple(
            ParticipantView(
                row.name
                if row.pseudonym is None
                else " / ".join(
                    f"{phrase.text} {row.pseudonym}"
                    for phrase in phrases.say("debrief.participant")
                ),
                row.answered,
                row.correct,
                _percent(row.percent),
            )
            for row in results.participants
        ),
        questions=questions,
        files=tuple(
            FileView(
                report.file or "—",
                phrases.say(f"debrief.status.{report.status}"),
                report.participant or "—",
                phrases.each({lang: report.detail_in(lang) for lang in languages}),
            )
            for report in results.files
        ),
    )


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def _question_view(
    number: int,
    summary: QuestionSummary,
    total: int,
    say: Say,
    show: Show,
) -> QuestionView:
    question: ExerciseQuestion = summary.question
    answered = summary.answered
    labels = {option.value: option.label for option in question.options}
    ranking = question.kind == "ranking"
    return QuestionView(
        number=number,
        id=question.id,
        text=show(question.text),
        kind=say(f"debrief.kind.{question.kind}"),
        answered=say("debrief.of", answered=answered, total=total),
        share_correct=_percent(
            None if summary.share_correct is None else 100 * summary.share_correct
        ),
        mean_score=_percent(None if summary.mean_score is None else 100 * summary.mean_score),
        options=tuple(
            OptionRow(
                label=show(option.label),
                count=option.chosen,
                percent=round(100 * option.chosen / answered) if answered else 0,
                in_model_answer=option.in_model_answer,
                mean_place="—" if option.mean_place is None else f"{option.mean_place:.1f}",
            )
            for option in summary.options
        ),
        ranking=ranking,
        model_answer=tuple(show(labels[value]) for value in question.model_answer),
        common_wrong=tuple(
            (tuple(show(labels[value]) for value in wrong.choices), wrong.count)
            for wrong in summary.common_wrong
        ),
        explanation=show(question.explanation),
        references="; ".join(question.references),
        discussion=tuple(show(prompt) for prompt in question.discussion),
    )
