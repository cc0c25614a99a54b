"""The workshop use cases both faces call: packs, practice sessions, merged class results.

Faces never read or write participant files themselves; they call these.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from cisec.content.catalogue import display, user_data_dir
from cisec.content.exercise import (
    ExerciseCatalogue,
    exercise_files,
    load_exercises,
    pack_hash,
    user_exercises_dir,
    validate_exercise_files,
    validate_exercise_folder,
)
from cisec.content.problems import ContentProblem
from cisec.errors import CisecError
from cisec.model.exercise import Exercise, ExerciseQuestion
from cisec.model.text import LANGUAGES, DocumentLanguage, Language
from cisec.report.publish import (
    DocumentMeta,
    Progress,
    check_destination,
    document_language,
    format_for,
    publish,
)
from cisec.workshop.answers import (
    SUFFIX,
    AnswersFileError,
    Mode,
    Pacing,
    PackRef,
    ParticipantAnswer,
    ParticipantAnswers,
    file_stem,
    load_answers,
    save_answers,
)
from cisec.workshop.class_results import ClassResults, LoadedFile, class_results_document, merge
from cisec.workshop.practice import (
    ParticipantScore,
    choice_problem,
    is_correct,
    participant_score,
    question_score,
)

# The timeline rules the TUI needs, offered here (explicit re-exports) so faces talk only to
# services.
from cisec.workshop.practice import released_injects as released_injects
from cisec.workshop.practice import released_questions as released_questions

if TYPE_CHECKING:
    from cisec.workshop.debrief import DebriefView

# `cisec serve` sets this so that every browser's app saves into one workshop folder.
WORKSHOP_DIR_VARIABLE = "CISEC_WORKSHOP_DIR"

RESULTS_FORMATS: tuple[str, ...] = ("pdf", "html", "json")


def now_utc() -> dt.datetime:
    """The current time, to the second, in UTC."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# Packs -------------------------------------------------------------------------------------


def exercise_catalogue() -> ExerciseCatalogue:
    """Every exercise pack cisec can find (shipped and the trainer's own)."""
    return load_exercises()


def user_packs_folder() -> Path:
    """The folder where the trainer's own exercise packs are found."""
    return user_exercises_dir()


def validate_packs(paths: Sequence[Path]) -> tuple[int, list[ContentProblem]]:
    """Check exercise pack files (folders: every pack in them; none: the shipped packs).

    Return the number of packs checked and every problem found.
    """
    if not paths:
        return validate_exercise_folder()
    files = [p for path in paths for p in (exercise_files(path) if path.is_dir() else [path])]
    return validate_exercise_files(files)


def get_pack(pack_id: str) -> Exercise:
    """One pack by id; CisecError names the packs there are."""
    found = exercise_catalogue()
    pack = found.packs.get(pack_id)
    if pack is None:
        known = ", ".join(sorted(found.packs)) or "none"
        raise CisecError(
            f"No exercise pack '{pack_id}'.",
            f"Known packs: {known}.",
            message_zh=f"沒有演練包「{pack_id}」。",
            next_step_zh=f"已知的演練包：{'、'.join(sorted(found.packs)) or '沒有'}。",
        )
    return pack


def workshop_dir() -> Path:
    """The folder participant files are saved in (CISEC_WORKSHOP_DIR, else the user's folder)."""
    override = os.environ.get(WORKSHOP_DIR_VARIABLE)
    return Path(override) if override else user_data_dir() / "workshop"


# Practice ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feedback:
    """What a participant sees after answering in practice mode."""

    question: ExerciseQuestion
    choices: tuple[str, ...]
    score: float
    correct: bool


@dataclass
class PracticeSession:
    """One participant's (or team's) answers to a pack; every answer is saved at once."""

    path: Path
    exercise: Exercise
    answers: ParticipantAnswers
    notices: list[str] = field(default_factory=list)

    @property
    def practice(self) -> bool:
        """Whether the model answer is shown after each answer (else only at the end)."""
        return self.answers.mode == "practice"

    def choices(self, question_id: str) -> tuple[str, ...] | None:
        """The participant's answer to a question, if given."""
        answer = self.answers.answers.get(question_id)
        return tuple(answer.choices) if answer is not None else None

    def answer(
        self, question_id: str, choices: Sequence[str], *, now: dt.datetime | None = None
    ) -> Feedback:
        """Record an answer and save; CisecError says what the question accepts."""
        feedback = self.record(question_id, choices, now=now)
        self.save()
        return feedback

    def record(
        self, question_id: str, choices: Sequence[str], *, now: dt.datetime | None = None
    ) -> Feedback:
        """Record an answer in memory only (the caller saves); CisecError if it does not fit."""
        question = self.exercise.questions_by_id.get(question_id)
        if question is None:
            raise CisecError(
                f"No question '{question_id}' in {self.exercise.id}.",
                f"Questions: {', '.join(self.exercise.questions_by_id)}.",
                message_zh=f"{self.exercise.id} 沒有問題「{question_id}」。",
                next_step_zh=f"問題：{'、'.join(self.exercise.questions_by_id)}。",
            )
        problem = choice_problem(question, choices)
        if problem is not None:
            raise CisecError(  # starts with the question id, kept as is
                problem + ".",
                message_zh=f"{choice_problem(question, choices, 'zh-Hant')}。",
            )
        moment = now or now_utc()
        self.answers.answers[question_id] = ParticipantAnswer(
            choices=list(choices), answered_at=moment
        )
        self.answers.updated_at = moment
        return Feedback(
            question,
            tuple(choices),
            question_score(question, choices),
            is_correct(question, choices),
        )

    def feedback(self, question_id: str) -> Feedback | None:
        """The score of an answered question (None when unanswered)."""
        question = self.exercise.questions_by_id[question_id]
        choices = self.choices(question_id)
        if choices is None:
            return None
        return Feedback(
            question, choices, question_score(question, choices), is_correct(question, choices)
        )

    def finish(self, *, now: dt.datetime | None = None) -> ParticipantScore:
        """Mark the exercise finished, save, and return the score."""
        moment = now or now_utc()
        self.answers.finished_at = moment
        self.answers.updated_at = moment
        self.save()
        return self.score()

    def score(self) -> ParticipantScore:
        """The participant's score so far."""
        return participant_score(
            self.exercise,
            {qid: answer.choices for qid, answer in self.answers.answers.items()},
        )

    def save(self) -> None:
        """Write the participant file atomically."""
        save_answers(self.path, self.answers)


def start_practice(
    pack_id: str,
    participant: str,
    *,
    mode: Mode = "practice",
    pacing: Pacing = "trainer",
    language: Language = "en",
    folder: Path | None = None,
    now: dt.datetime | None = None,
) -> PracticeSession:
    """Start a participant file for `pack_id` in the workshop folder (a new file, never overwriting)."""
    name = " ".join(participant.split())
    if not name:
        raise CisecError("Enter a participant or team name.", message_zh="請輸入參加者或隊伍名稱。")
    if len(name) > 80:
        raise CisecError(
            "The participant or team name is longer than 80 characters.",
            message_zh="參加者或隊伍名稱超過 80 個字元。",
        )
    if language not in LANGUAGES:
        raise CisecError(
            f"Unknown language '{language}'.",
            "Use en or zh-Hant.",
            message_zh=f"不明的語言「{language}」。",
            next_step_zh="請用 en 或 zh-Hant。",
        )
    exercise = get_pack(pack_id)
    moment = now or now_utc()
    answers = ParticipantAnswers(
        pack=PackRef(id=exercise.id, version=exercise.version, content_hash=pack_hash(exercise)),
        participant=name,
        mode=mode,
        pacing=pacing,
        language=language,
        started_at=moment,
        updated_at=moment,
    )
    target_folder = (folder or workshop_dir()) / exercise.id
    session = PracticeSession(_free_path(target_folder, name), exercise, answers)
    session.save()
    return session


def _free_path(folder: Path, participant: str) -> Path:
    # Two browsers may type the same team name: each gets its own file, and the merge reports
    # them as duplicates or conflicts instead of one silently overwriting the other.
    stem = file_stem(participant)
    candidate = folder / f"{stem}{SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{SUFFIX}"
        number += 1
    return candidate


def open_practice(path: Path) -> PracticeSession:
    """Open a participant file to continue it."""
    answers = load_answers(path)
    exercise = get_pack(answers.pack.id)
    session = PracticeSession(path, exercise, answers)
    if answers.pack.content_hash != pack_hash(exercise):
        session.notices.append(
            f"Made with {exercise.id} {answers.pack.version}; the pack is now {exercise.version}."
        )
    return session


# Class results ------------------------------------------------------------------------------


@dataclass
class MergeOutcome:
    """Merged class results, and what the trainer should know about the files."""

    results: ClassResults
    notices: list[str] = field(default_factory=list)


def participant_files(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The files to merge: files as given, folders searched for `*.workshop.json` (recursively)."""
    files: list[Path] = []
    notices: list[str] = []
    seen: set[Path] = set()
    for path in paths:
        found = sorted(path.rglob(f"*{SUFFIX}")) if path.is_dir() else [path]
        if path.is_dir() and not found:
            notices.append(f"{path}: no participant files (*{SUFFIX}) in this folder.")
        for file in found:
            key = file.resolve()
            if key in seen:
                notices.append(f"{file}: given twice; merged once.")
                continue
            seen.add(key)
            files.append(file)
    return files, notices


def merge_class_results(
    paths: Sequence[Path], *, anonymise: bool = False, pack_id: str | None = None
) -> MergeOutcome:
    """Read participant files (unreadable ones are named and skipped) and merge them."""
    files, notices = participant_files(paths)
    if not files:
        raise CisecError(
            "No participant files to merge.",
            f"Give files or folders of *{SUFFIX}.",
            message_zh="沒有參加者檔案可以合併。",
            next_step_zh=f"請提供 *{SUFFIX} 檔案或載有這些檔案的資料夾。",
        )
    loaded: list[LoadedFile] = []
    for file in files:
        name = display(file)
        try:
            loaded.append(LoadedFile(name, load_answers(file)))
        except AnswersFileError as error:
            loaded.append(LoadedFile(name, None, error.message, error.message_zh or None))
            notices.append(f"skipped: {error}")
    readable = [item.answers.pack.id for item in loaded if item.answers is not None]
    if pack_id is None:
        if not readable:
            raise CisecError(
                "None of the participant files could be read.",
                # The CLI prints notices only after a merge, so the reasons travel here
                # (in English: merging is a CLI command, and the CLI speaks English).
                "\n".join(notices),
                message_zh="所有參加者檔案都無法讀取。",
                next_step_zh="\n".join(notices),
            )
        # The pack most files answer; files of other packs are reported, not merged.
        pack_id = Counter(readable).most_common(1)[0][0]
    exercise = get_pack(pack_id)
    current = pack_hash(exercise)
    for item in loaded:
        answers = item.answers
        if (
            answers is not None
            and answers.pack.id == exercise.id
            and answers.pack.content_hash != current
        ):
            notices.append(
                f"{item.name}: made with {exercise.id} {answers.pack.version}; merged "
                f"against {exercise.version} (answers that no longer fit are set aside)."
            )
    results = merge(exercise, loaded, anonymise=anonymise)
    for report in results.files:
        if report.status in ("combined", "duplicate", "conflict", "other-pack") and not anonymise:
            notices.append(f"{report.file}: {report.status}: {report.detail}.")
    return MergeOutcome(results, notices)


def results_format_for(path: Path) -> str:
    """The output format a file name asks for by its extension: .json, .html or .pdf."""
    return format_for(path, RESULTS_FORMATS)


@dataclass(frozen=True)
class ClassResultsReport:
    """Class results as a document: the debrief (HTML, PDF) or the merged data (JSON)."""

    results: ClassResults
    language: DocumentLanguage

    @cached_property
    def view(self) -> DebriefView:
        """What the debrief shows."""
        from cisec.workshop.debrief import debrief_view

        return debrief_view(self.results, self.language)

    def meta(self) -> DocumentMeta:
        view = self.view
        keywords = ("cisec", "workshop", self.results.exercise.id)
        return DocumentMeta(view.title, "cisec", view.subtitle, keywords, view.lang)

    def html(self) -> str:
        # The report renderer owns Jinja2 and WeasyPrint; imported only when HTML or PDF is asked.
        from cisec.report.html import environment

        return environment().get_template(DEBRIEF_TEMPLATE).render(debrief=self.view)

    def text(self, document_format: str) -> str:
        import json

        return json.dumps(class_results_document(self.results), ensure_ascii=False, indent=2) + "\n"


def write_class_results(
    results: ClassResults,
    out: Path,
    *,
    language: str = "en",
    progress: Progress | None = None,
) -> int | None:
    """Write class results as JSON, HTML or PDF (by `out`'s extension); return a PDF's pages."""
    chosen = results_format_for(out)
    report = ClassResultsReport(results, document_language(language))
    check_destination(out)
    return publish(report, out, chosen, progress=progress)


DEBRIEF_TEMPLATE = "workshop/class-results.html.j2"
