"""Builds the view model of the class-results debrief (projected in the room): strings ready to print.

Pure: the template (report_templates/workshop/class-results.html.j2) only lays this out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cisec.model.exercise import ExerciseQuestion
from cisec.model.text import DocumentLanguage, LocalizedText, lang_tag, languages_of
from cisec.workshop.class_results import ClassResults, FileStatus, QuestionSummary

# key: (English, 繁體中文（香港）)
WORDS: dict[str, tuple[str, str]] = {
    "title": ("Workshop class results", "工作坊全班結果"),
    "participants": ("Participants", "參加者"),
    "participant": ("Participant", "參加者"),
    "answered": ("Answered", "已作答"),
    "correct": ("Correct", "正確"),
    "score": ("Score", "得分"),
    "class_mean": ("Class mean", "全班平均"),
    "questions": ("Questions", "問題"),
    "question": ("Question", "問題"),
    "share_correct": ("Share correct", "答對比例"),
    "mean_score": ("Mean score", "平均得分"),
    "model_answer": ("Model answer", "參考答案"),
    "why": ("Why", "理由"),
    "sources": ("Sources", "資料來源"),
    "common_wrong": ("Most common wrong answers", "最常見的錯誤答案"),
    "no_wrong": ("No wrong answers.", "沒有錯誤答案。"),
    "discussion": ("For discussion", "討論"),
    "chosen_by": ("chosen by", "選擇人數"),
    "first_by": ("placed first by", "排首位人數"),
    "mean_place": ("mean place", "平均名次"),
    "files": ("Files merged", "已合併的檔案"),
    "file": ("File", "檔案"),
    "status": ("Status", "狀態"),
    "detail": ("Detail", "詳情"),
    "nobody": ("Nobody answered this question.", "沒有人回答這條問題。"),
    "anonymised": ("Participants are shown by number.", "參加者以編號顯示。"),
    "kind.single": ("one answer", "單選"),
    "kind.multiple": ("several answers", "多選"),
    "kind.ranking": ("ranking", "排序"),
    "status.merged": ("merged", "已合併"),
    "status.combined": ("combined", "已合併入同一參加者"),
    "status.duplicate": ("duplicate", "重複"),
    "status.conflict": ("conflict", "衝突"),
    "status.other-pack": ("other pack", "其他演練"),
    "status.unreadable": ("unreadable, skipped", "無法讀取，已略過"),
    "of": ("{answered} of {total}", "{total} 人中 {answered} 人"),
}


@dataclass(frozen=True)
class Phrase:
    """A piece of text in one language, with the language tag for the right glyphs."""

    lang: str
    text: str


Words = tuple[Phrase, ...]
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
    detail: str


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

    def words(key: str, **values: object) -> Words:
        english, chinese = WORDS[key]
        return tuple(
            Phrase(lang_tag(lang), (english if lang == "en" else chinese).format(**values))
            for lang in languages
        )

    def text(localized: LocalizedText) -> Words:
        return tuple(Phrase(lang_tag(lang), localized.get(lang)) for lang in languages)

    exercise = results.exercise
    total = len(results.participants)
    questions = tuple(
        _question_view(number, summary, total, words, text)
        for number, summary in enumerate(results.questions, start=1)
    )
    labels = {
        key: words(key)
        for key in WORDS
        if not key.startswith(("kind.", "status.")) and "{" not in WORDS[key][0]
    }
    first = languages[0]
    return DebriefView(
        lang=lang_tag(first),
        mode="both" if language == "both" else ("zh" if first == "zh-Hant" else "en"),
        title=f"{WORDS['title'][0 if first == 'en' else 1]} — {exercise.title.get(first)}",
        subtitle=f"{exercise.id} {exercise.version}",
        heading=words("title"),
        pack_title=text(exercise.title),
        labels=labels,
        anonymised=results.anonymised,
        class_mean=_percent(results.mean_percent),
        participants=tuple(
            ParticipantView(
                row.name
                if row.pseudonym is None
                else " / ".join(
                    f"{phrase.text} {row.pseudonym}" for phrase in words("participant")
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
                words(_status_key(report.status)),
                report.participant or "—",
                report.detail,
            )
            for report in results.files
        ),
    )


def _status_key(status: FileStatus) -> str:
    return f"status.{status}"


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
        kind=say(f"kind.{question.kind}"),
        answered=say("of", answered=answered, total=total),
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
