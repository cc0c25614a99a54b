"""Merges participant files into class results for the debrief. Pure: the files come in already read.

Per question: how many chose each option, the share correct, the most common wrong answers and
the discussion prompts; per participant: a score (or a pseudonym with `anonymise`); per file:
what it contributed, or why it was not merged (unreadable, another pack, a duplicate, a
conflicting second file from the same participant).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from cisec.model.exercise import Exercise, ExerciseQuestion
from cisec.model.text import LANGUAGES, Language, LocalizedText
from cisec.wording import say
from cisec.workshop.answers import ParticipantAnswer, ParticipantAnswers, participant_key
from cisec.workshop.practice import choice_problem, participant_score, question_score

# How many wrong answers the debrief shows per question: enough to discuss, few enough to read.
COMMON_WRONG_SHOWN = 3

FileStatus = Literal["merged", "combined", "duplicate", "conflict", "other-pack", "unreadable"]


@dataclass(frozen=True)
class LoadedFile:
    """One file given to the merge: its name as shown, and its answers or why it is unreadable."""

    name: str
    answers: ParticipantAnswers | None
    problem: str | None = None
    problem_zh: str | None = None  # the same in Chinese, where the reader gave one


@dataclass(frozen=True)
class OptionCount:
    """How often an option was chosen (for a ranking: placed first) and whether it is right."""

    value: str
    label: LocalizedText
    chosen: int
    in_model_answer: bool
    mean_place: float | None = None


@dataclass(frozen=True)
class WrongAnswer:
    """A wrong answer and how many gave it."""

    choices: tuple[str, ...]
    count: int


@dataclass(frozen=True)
class QuestionSummary:
    """The class's answers to one question."""

    question: ExerciseQuestion
    answered: int
    correct: int
    mean_score: float | None
    options: tuple[OptionCount, ...]
    common_wrong: tuple[WrongAnswer, ...]

    @property
    def share_correct(self) -> float | None:
        """Correct answers as a share of those who answered (None when nobody did)."""
        return self.correct / self.answered if self.answered else None


@dataclass(frozen=True)
class ParticipantRow:
    """One participant's line: their name, or a pseudonym number when anonymised."""

    name: str
    pseudonym: int | None
    file: str | None
    answered: int
    correct: int
    percent: float


@dataclass(frozen=True)
class FileReport:
    """What one file contributed, or why it did not."""

    file: str | None
    status: FileStatus
    participant: str | None
    answers_merged: int
    detail: str  # English, as the JSON document carries it
    detail_zh: str = ""

    def detail_in(self, language: Language) -> str:
        """The detail in `language` (English where no Chinese was given)."""
        return self.detail_zh or self.detail if language == "zh-Hant" else self.detail


def _report(
    file: str | None,
    status: FileStatus,
    participant: str | None,
    answers_merged: int,
    key: str,
    **values: object,
) -> FileReport:
    """A file's report with its detail worded from `key` in both languages."""
    english, chinese = (say(key, language, **values) for language in LANGUAGES)
    return FileReport(file, status, participant, answers_merged, english, chinese)


@dataclass(frozen=True)
class ClassResults:
    """Everything the debrief shows."""

    exercise: Exercise
    anonymised: bool
    participants: tuple[ParticipantRow, ...]
    questions: tuple[QuestionSummary, ...]
    files: tuple[FileReport, ...]

    @property
    def mean_percent(self) -> float | None:
        """The class's mean score (None with no participants)."""
        if not self.participants:
            return None
        return sum(row.percent for row in self.participants) / len(self.participants)


def merge(
    exercise: Exercise, files: Sequence[LoadedFile], *, anonymise: bool = False
) -> ClassResults:
    """Merge participant files answering `exercise` into class results.

    Files from the same participant (same name; case, width and spacing ignored) are combined
    question by question, and for a question they answer differently the later answer counts.
    Each extra file is reported: a duplicate (nothing new), combined (it adds answers), or a
    conflict (it disagrees on some questions, which are named).
    """
    reports, readable, groups = _sort_files(exercise, files)
    usable: dict[int, dict[str, ParticipantAnswer]] = {}
    dropped: dict[int, list[str]] = {}
    for index, answers in readable.items():
        usable[index], dropped[index] = _usable_answers(exercise, answers)
    participants = [
        _combine(indices, files, readable, usable, reports) for indices in groups.values()
    ]
    merged = [participant.primary for participant in participants]
    names = {index: readable[index].participant.strip() for index in merged}
    pseudonyms = _pseudonyms(list(names.values())) if anonymise else {}
    rows: list[ParticipantRow] = []
    for participant in participants:
        index = participant.primary
        name = names[index]
        score = participant_score(exercise, participant.answers)
        shown = f"Participant {pseudonyms[name]}" if anonymise else name
        reports[index] = _report(
            files[index].name,
            "merged",
            shown,
            participant.primary_used,
            "debrief.detail.merged_set_aside" if dropped[index] else "debrief.detail.merged",
            answered=score.answered,
            questions=score.questions,
            ids=", ".join(dropped[index]),
        )
        rows.append(
            ParticipantRow(
                name=shown,
                pseudonym=pseudonyms.get(name),
                file=files[index].name,
                answered=score.answered,
                correct=score.correct,
                percent=score.percent,
            )
        )
    class_answers = [participant.answers for participant in participants]
    summaries = tuple(_summary(question, class_answers) for question in exercise.questions)
    file_reports = [reports[index] for index in range(len(files))]
    if anonymise:
        return ClassResults(
            exercise,
            anonymise,
            _anonymised_rows(rows),
            summaries,
            tuple(_anonymised_report(report) for report in file_reports),
        )
    rows.sort(key=lambda row: participant_key(row.name))
    return ClassResults(exercise, anonymise, tuple(rows), summaries, tuple(file_reports))


def _sort_files(
    exercise: Exercise, files: Sequence[LoadedFile]
) -> tuple[dict[int, FileReport], dict[int, ParticipantAnswers], dict[str, list[int]]]:
    """Reports for the files that cannot count, the readable ones, and those grouped by person."""
    reports: dict[int, FileReport] = {}
    readable: dict[int, ParticipantAnswers] = {}
    groups: dict[str, list[int]] = {}
    for index, loaded in enumerate(files):
        if loaded.answers is None:
            reports[index] = FileReport(
                loaded.name,
                "unreadable",
                None,
                0,
                loaded.problem or say("debrief.detail.unreadable", "en"),
                loaded.problem_zh or loaded.problem or say("debrief.detail.unreadable", "zh-Hant"),
            )
        elif loaded.answers.pack.id != exercise.id:
            reports[index] = _report(
                loaded.name,
                "other-pack",
                loaded.answers.participant,
                0,
                "debrief.detail.other_pack",
                pack=loaded.answers.pack.id,
                expected=exercise.id,
            )
        else:
            readable[index] = loaded.answers
            groups.setdefault(participant_key(loaded.answers.participant), []).append(index)
    return reports, readable, groups


@dataclass(frozen=True)
class _Participant:
    """One participant's files combined: the file that stands for them and the answers that count."""

    primary: int
    answers: dict[str, list[str]]
    primary_used: int  # answers taken from the primary file


def _combine(
    indices: list[int],
    files: Sequence[LoadedFile],
    readable: dict[int, ParticipantAnswers],
    usable: dict[int, dict[str, ParticipantAnswer]],
    reports: dict[int, FileReport],
) -> _Participant:
    """Combine one participant's files, reporting each file beside the primary in `reports`."""
    # The most recently updated file stands for the participant; the others are combined
    # into it question by question, the later answer winning. A browser that reconnected
    # (and so started a second file) keeps the answers it gave before.
    ordered = sorted(indices, key=lambda i: (readable[i].updated_at.timestamp(), -i), reverse=True)
    primary, others = ordered[0], ordered[1:]
    winner: dict[str, int] = {}
    for question_id in {qid for index in indices for qid in usable[index]}:
        holders = [index for index in ordered if question_id in usable[index]]
        winner[question_id] = max(
            holders,
            key=lambda i: (usable[i][question_id].answered_at.timestamp(), i == primary),
        )
    for other in others:
        reports[other] = _secondary_report(
            files[other].name,
            readable[other],
            usable[other],
            usable[primary],
            files[primary].name,
            used=sorted(qid for qid, index in winner.items() if index == other),
        )
    return _Participant(
        primary=primary,
        answers={
            question_id: list(usable[index][question_id].choices)
            for question_id, index in winner.items()
        },
        primary_used=sum(1 for index in winner.values() if index == primary),
    )


def _anonymised_rows(rows: list[ParticipantRow]) -> tuple[ParticipantRow, ...]:
    """Rows by pseudonym, without the file names (often people's names)."""
    ordered = sorted(rows, key=lambda row: row.pseudonym or 0)
    return tuple(
        ParticipantRow(r.name, r.pseudonym, None, r.answered, r.correct, r.percent) for r in ordered
    )


def _anonymised_report(report: FileReport) -> FileReport:
    """A file's line for projected results: file names are often people's names, so none."""
    if report.status == "merged":
        return dataclasses.replace(report, file=None)
    return _report(
        None, report.status, None, report.answers_merged, f"debrief.anonymous.{report.status}"
    )


def _usable_answers(
    exercise: Exercise, answers: ParticipantAnswers
) -> tuple[dict[str, ParticipantAnswer], list[str]]:
    """The answers that fit this pack version, and the question ids set aside."""
    kept: dict[str, ParticipantAnswer] = {}
    skipped: list[str] = []
    for question_id, answer in answers.answers.items():
        question = exercise.questions_by_id.get(question_id)
        if question is None or choice_problem(question, answer.choices) is not None:
            skipped.append(question_id)
            continue
        kept[question_id] = answer
    return kept, sorted(skipped)


def _secondary_report(
    name: str,
    answers: ParticipantAnswers,
    own: dict[str, ParticipantAnswer],
    primary: dict[str, ParticipantAnswer],
    primary_name: str,
    *,
    used: list[str],
) -> FileReport:
    """How a second file from a merged participant was used: duplicate, combined or conflict."""
    differing = sorted(
        qid for qid in set(own) & set(primary) if own[qid].choices != primary[qid].choices
    )
    added = sorted(set(own) - set(primary))
    participant = answers.participant.strip()
    if differing:
        return _report(
            name,
            "conflict",
            participant,
            len(used),
            "debrief.detail.conflict_used" if used else "debrief.detail.conflict",
            primary=primary_name,
            ids=", ".join(differing),
            used=", ".join(used),
        )
    if added:
        return _report(
            name,
            "combined",
            participant,
            len(used),
            "debrief.detail.combined",
            primary=primary_name,
            ids=", ".join(added),
        )
    return _report(
        name, "duplicate", participant, 0, "debrief.detail.duplicate", primary=primary_name
    )


def _pseudonyms(names: Sequence[str]) -> dict[str, int]:
    """Numbers for participants, in an order set by a hash of the name, not by the command line.

    The same class gives the same numbers every time, and the order files were given in does
    not tell the room who is who.
    """
    ordered = sorted(
        names, key=lambda name: hashlib.sha256(participant_key(name).encode("utf-8")).hexdigest()
    )
    return {name: number for number, name in enumerate(ordered, start=1)}


def _summary(
    question: ExerciseQuestion, class_answers: Sequence[dict[str, list[str]]]
) -> QuestionSummary:
    given = [answers[question.id] for answers in class_answers if question.id in answers]
    scores = [question_score(question, choices) for choices in given]
    model = set(question.model_answer)
    options: list[OptionCount] = []
    for option in question.options:
        if question.kind == "ranking":
            places = [
                choices.index(option.value) + 1 for choices in given if option.value in choices
            ]
            options.append(
                OptionCount(
                    option.value,
                    option.label,
                    sum(1 for choices in given if choices[:1] == [option.value]),
                    question.model_answer[:1] == [option.value],
                    sum(places) / len(places) if places else None,
                )
            )
        else:
            options.append(
                OptionCount(
                    option.value,
                    option.label,
                    sum(1 for choices in given if option.value in choices),
                    option.value in model,
                )
            )
    wrong = Counter(
        _answer_key(question, choices)
        for choices, score in zip(given, scores, strict=True)
        if score < 1.0
    )
    common = sorted(wrong.items(), key=lambda item: (-item[1], item[0]))[:COMMON_WRONG_SHOWN]
    return QuestionSummary(
        question=question,
        answered=len(given),
        correct=sum(1 for score in scores if score == 1.0),
        mean_score=sum(scores) / len(scores) if scores else None,
        options=tuple(options),
        common_wrong=tuple(WrongAnswer(choices, count) for choices, count in common),
    )


def _answer_key(question: ExerciseQuestion, choices: Sequence[str]) -> tuple[str, ...]:
    # A set of options is the same answer in any order; a ranking's order is the answer.
    if question.kind == "multiple":
        order = {option.value: place for place, option in enumerate(question.options)}
        return tuple(sorted(choices, key=lambda value: order[value]))
    return tuple(choices)


# JSON --------------------------------------------------------------------------------------


def _text(text: LocalizedText) -> dict[str, str]:
    return {"en": text.en, "zh-Hant": text.zh_hant}


def class_results_document(results: ClassResults) -> dict[str, Any]:
    """The class results as plain JSON-ready data (what `merge -o OUT.json` writes)."""
    exercise = results.exercise
    return {
        "format": "cisec-workshop-class-results",
        "format_version": 1,
        "pack": {"id": exercise.id, "version": exercise.version, "title": _text(exercise.title)},
        "anonymised": results.anonymised,
        "participants": [
            {
                "name": row.name,
                **({"pseudonym": row.pseudonym} if row.pseudonym is not None else {}),
                **({"file": row.file} if row.file is not None else {}),
                "answered": row.answered,
                "correct": row.correct,
                "percent": round(row.percent, 1),
            }
            for row in results.participants
        ],
        "class_mean_percent": None
        if results.mean_percent is None
        else round(results.mean_percent, 1),
        "questions": [
            {
                "id": summary.question.id,
                "kind": summary.question.kind,
                "text": _text(summary.question.text),
                "answered": summary.answered,
                "correct": summary.correct,
                "share_correct": None
                if summary.share_correct is None
                else round(summary.share_correct, 3),
                "mean_score": None if summary.mean_score is None else round(summary.mean_score, 3),
                "model_answer": list(summary.question.model_answer),
                "options": [
                    {
                        "value": option.value,
                        "label": _text(option.label),
                        "chosen": option.chosen,
                        "in_model_answer": option.in_model_answer,
                        **(
                            {"mean_place": round(option.mean_place, 2)}
                            if option.mean_place is not None
                            else {}
                        ),
                    }
                    for option in summary.options
                ],
                "common_wrong_answers": [
                    {"choices": list(wrong.choices), "count": wrong.count}
                    for wrong in summary.common_wrong
                ],
                "explanation": _text(summary.question.explanation),
                "references": list(summary.question.references),
                "discussion": [_text(prompt) for prompt in summary.question.discussion],
            }
            for summary in results.questions
        ],
        "files": [
            {
                **({"file": report.file} if report.file is not None else {}),
                "status": report.status,
                **({"participant": report.participant} if report.participant else {}),
                "answers_merged": report.answers_merged,
                "detail": report.detail,
            }
            for report in results.files
        ],
    }
