"""Provides an open assessment: new, open, answer, annotate, score, save."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cisec.content.loader import content_hash
from cisec.encryption import Passphrase, file_is_encrypted, resolve
from cisec.errors import CisecError
from cisec.model.assessment import (
    Answer,
    AnswerValue,
    Assessment,
    EvidenceFile,
    Predecessor,
    QuestionnaireRef,
)
from cisec.model.plan import carried_items
from cisec.model.questionnaire import (
    NOT_APPLICABLE,
    ProfileQuestion,
    Question,
    Questionnaire,
    Scale,
)
from cisec.model.score import Score
from cisec.model.text import LANGUAGES, Language
from cisec.scoring import score_assessment
from cisec.services.content import catalogue, get_questionnaire
from cisec.store import MergeReport as MergeReport
from cisec.store import (
    OnDisk,
    merge_assessments,
    read_assessment,
    reconcile,
    save_merged,
)
from cisec.wording import answer_text


def now_utc() -> dt.datetime:
    """The current time, to the second, in UTC (the only clock the services read)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@dataclass
class AssessmentSession:
    """An open assessment file with its questionnaire; every change is saved at once.

    A face may change the session on one thread (its writer) while it reads it on another
    (drawing, scoring, exporting): every change and every read of the answers holds `lock`.
    """

    path: Path
    questionnaire: Questionnaire
    assessment: Assessment
    notices: list[str] = field(default_factory=list)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    # Kept to encrypt every save of an encrypted file (age salts each encryption afresh, so
    # a derived key cannot be reused); never printed.
    passphrase: str | None = field(default=None, repr=False)
    # What this session last read from or wrote to the file: a save merges in what another
    # writer (a second window, `cisec answer`, a colleague) saved since.
    on_disk: OnDisk = field(default_factory=OnDisk, repr=False, compare=False)
    # What the last save took from another writer; faces show `last_merge.sentence(language)`.
    last_merge: MergeReport = field(default_factory=MergeReport, compare=False)

    @property
    def encrypted(self) -> bool:
        """Whether the file is saved encrypted (age, with a passphrase)."""
        return self.passphrase is not None

    def score(self) -> Score:
        """The current score."""
        with self.lock:
            return score_assessment(self.questionnaire, self.assessment)

    def scored_snapshot(self) -> tuple[Assessment, Score]:
        """A copy of the answers as they are now, and its score, safe to read on any thread."""
        with self.lock:
            copy = self.assessment.model_copy(deep=True)
        return copy, score_assessment(self.questionnaire, copy)

    def answer_text(self, question_id: str, language: Language) -> str:
        """The answer to `question_id` in words, as documents word it ("" when unanswered)."""
        _, scale = self.item(question_id)
        return answer_text(scale, self.assessment.answers.get(question_id), language) or ""

    def item(self, item_id: str) -> tuple[Question | ProfileQuestion, Scale]:
        """A question or profile question by id, with its scale; CisecError lists the ids."""
        question: Question | ProfileQuestion | None = self.questionnaire.questions.get(
            item_id
        ) or self.questionnaire.profile_questions.get(item_id)
        if question is None:
            ids = [*self.questionnaire.profile_questions, *self.questionnaire.questions]
            # The closest ids first: with 180 ids, the list alone hides the likely typo.
            close = difflib.get_close_matches(item_id, ids, n=1, cutoff=0.6)
            guess_en = f"Did you mean {' or '.join(close)}? " if close else ""
            guess_zh = f"是否指 {'或'.join(close)}？" if close else ""
            raise CisecError(
                f"No question '{item_id}' in {self.questionnaire.id}.",
                f"{guess_en}Valid ids: {', '.join(ids)}.",
                message_zh=f"{self.questionnaire.id} 沒有問題「{item_id}」。",
                next_step_zh=f"{guess_zh}有效的編號：{'、'.join(ids)}。",
            )
        return question, self.questionnaire.scales[question.scale]

    def answer(
        self,
        item_id: str,
        value: str | float,
        *,
        note: str | None = None,
        evidence: list[str] | None = None,
        flagged: bool | None = None,
        by: str | None = None,
        evidence_files: list[EvidenceFile] | None = None,
        now: dt.datetime | None = None,
    ) -> MergeReport:
        """Record an answer (or a profile fact) and save. Not applicable needs a note.

        `evidence_files` are added to those already recorded (one of the same name is replaced).
        Returns what the save took from another writer of the file (`MergeReport`).
        """
        with self.lock:
            self._answer(item_id, value, note, evidence, flagged, by, now, evidence_files or [])
        return self.save(now=now)

    def _answer(
        self,
        item_id: str,
        value: str | float,
        note: str | None,
        evidence: list[str] | None,
        flagged: bool | None,
        by: str | None,
        now: dt.datetime | None,
        evidence_files: list[EvidenceFile],
    ) -> None:
        question, scale = self.item(item_id)
        parsed = parse_value(scale, value, item_id)
        moment = now or now_utc()
        if isinstance(question, ProfileQuestion):
            if evidence_files:
                raise CisecError(
                    f"{item_id} is a profile question: it takes no evidence.",
                    message_zh=f"{item_id} 是機構概況問題，不設證明文件。",
                )
            self.assessment.profile[item_id] = parsed
        else:
            previous = self.assessment.answers.get(item_id)
            new_note = note if note is not None else (previous.note if previous else "")
            if _is_not_applicable(scale, parsed) and not new_note.strip():
                raise CisecError(
                    f"'Not applicable' for {item_id} needs a justification.",
                    'Give the reason as a note (`--note "..."`).',
                    message_zh=f"{item_id} 選擇「不適用」須說明理由。",
                    next_step_zh='請在備註中寫下理由（`--note "..."`）。',
                )
            self.assessment.answers[item_id] = Answer(
                value=parsed,
                note=new_note,
                evidence=evidence
                if evidence is not None
                else (previous.evidence if previous else []),
                evidence_files=_with_files(
                    previous.evidence_files if previous else [], evidence_files
                ),
                answered_at=moment,
                answered_by=by
                if by is not None
                else (previous.answered_by if previous else self.assessment.assessor),
                flagged=flagged
                if flagged is not None
                else (previous.flagged if previous else False),
            )
        self.assessment.updated_at = moment

    def annotate(
        self,
        question_id: str,
        *,
        note: str | None = None,
        evidence: list[str] | None = None,
        flagged: bool | None = None,
        evidence_files: list[EvidenceFile] | None = None,
        now: dt.datetime | None = None,
    ) -> MergeReport:
        """Change an answer's note, evidence or review flag (an unanswered question keeps them too).

        `evidence_files` are added to those already recorded (one of the same name is replaced).
        Returns what the save took from another writer of the file (`MergeReport`).
        """
        with self.lock:
            self._annotate(question_id, note, evidence, flagged, now, evidence_files)
        return self.save(now=now)

    def _annotate(
        self,
        question_id: str,
        note: str | None,
        evidence: list[str] | None,
        flagged: bool | None,
        now: dt.datetime | None,
        evidence_files: list[EvidenceFile] | None = None,
    ) -> None:
        question, scale = self.item(question_id)
        if isinstance(question, ProfileQuestion):
            raise CisecError(
                f"{question_id} is a profile question: it takes no note or evidence.",
                message_zh=f"{question_id} 是機構概況問題，不設備註或證明文件。",
            )
        answer = self.assessment.answers.get(question_id)
        if answer is None:
            raise CisecError(
                f"{question_id} has no answer yet.",
                "Answer it first, then add a note.",
                message_zh=f"{question_id} 尚未作答。",
                next_step_zh="請先作答，然後再加備註。",
            )
        update: dict[str, Any] = {}
        if note is not None:
            if _is_not_applicable(scale, answer.value) and not note.strip():
                raise CisecError(
                    f"'Not applicable' for {question_id} needs a justification.",
                    message_zh=f"{question_id} 選擇「不適用」須說明理由。",
                )
            update["note"] = note
        if evidence is not None:
            update["evidence"] = evidence
        if flagged is not None:
            update["flagged"] = flagged
        if evidence_files:
            update["evidence_files"] = _with_files(answer.evidence_files, evidence_files)
        self.assessment.answers[question_id] = answer.model_copy(update=update)
        self.assessment.updated_at = now or now_utc()

    def save(self, *, replace: bool = False, now: dt.datetime | None = None) -> MergeReport:
        """Write the assessment file atomically (encrypted in memory if it has a passphrase).

        What another writer saved since this session read the file is merged in first (see
        `cisec.store.merge_assessments`), and the session then holds the other writer's answers
        too; the report says what was taken (`replace`: write this content as it is).
        """
        # Copied under the lock, written outside it: an encrypted save spends seconds in
        # scrypt, and the screens read the answers meanwhile. Saves run one after another
        # (one writer thread in the TUI), so the file still ends with the latest copy.
        with self.lock:
            copy, path, read = self.assessment.model_copy(deep=True), self.path, self.on_disk
        moment = now or now_utc()
        merged, on_disk, report = save_merged(
            path, copy, read, self.passphrase, now=moment, replace=replace
        )
        with self.lock:
            self.on_disk, self.last_merge = on_disk, report
            if report:
                # What the other writer added joins what is in memory, in place (screens hold
                # this object); a change made here since the copy is kept.
                current, _ = merge_assessments(copy, self.assessment, merged, moment)
                for name in type(current).model_fields:
                    setattr(self.assessment, name, getattr(current, name))
        return report

    def save_as(self, path: Path) -> None:
        """Write the assessment to `path` (a way out when its own file cannot be written);
        from then on the session saves there. A file already at `path` is never replaced."""
        if path.exists():
            raise CisecError(
                f"{path} already exists.",
                "Choose a new file name; cisec never overwrites an assessment.",
                message_zh=f"{path} 已經存在。",
                next_step_zh="請另選新的檔案名稱；cisec 不會覆寫任何評估。",
            )
        with self.lock:
            copy = self.assessment.model_copy(deep=True)
        _, on_disk, _ = save_merged(path, copy, OnDisk(), self.passphrase, now=now_utc())
        with self.lock:
            self.path, self.on_disk = path, on_disk


def _with_files(recorded: list[EvidenceFile], added: list[EvidenceFile]) -> list[EvidenceFile]:
    """The recorded evidence files with `added` after them; a file recorded again is replaced."""
    names = {item.name for item in added}
    return [item for item in recorded if item.name not in names] + added


def _is_not_applicable(scale: Scale, value: AnswerValue) -> bool:
    if scale.type == "choice":
        option = scale.option(str(value))
        return option is not None and option.not_applicable
    return value == NOT_APPLICABLE


def parse_value(scale: Scale, raw: str | float, item_id: str) -> AnswerValue:
    """Turn what a person typed into an answer value the scale accepts (see `Scale.parse`)."""
    return scale.parse(raw, item_id)


def new_session(
    questionnaire_id: str,
    out: Path,
    *,
    organisation: str = "",
    assessor: str = "",
    language: Language = "en",
    overwrite: bool = False,
    passphrase: Passphrase | None = None,
    predecessor: AssessmentSession | None = None,
    now: dt.datetime | None = None,
) -> AssessmentSession:
    """Create and save a new, empty assessment file; with `passphrase`, an encrypted one.

    A name ending in .age promises an encrypted file, so it needs a passphrase. With
    `predecessor` (last year's assessment of the same questionnaire, open) the new file starts
    with its organisation and assessor (unless given), its profile and the plan items still
    open, in progress or risk-accepted (`cisec.model.plan.carried_items`), and records where
    that file is (`Assessment.predecessor`), so next year's trend needs no `--previous`.
    """
    if passphrase is None and out.name.endswith(".age"):
        raise CisecError(
            f"{out} ends in .age, so it must be encrypted, and no passphrase was given.",
            "Type one when asked, or set CISEC_PASSPHRASE in scripts.",
            message_zh=f"{out} 以 .age 結尾，須要加密，但沒有提供密碼短語。",
            next_step_zh="請在提示時輸入，或在腳本中設定 CISEC_PASSPHRASE。",
        )
    if language not in LANGUAGES:
        raise CisecError(
            f"Unknown language '{language}'.",
            "Use en or zh-Hant.",
            message_zh=f"不明的語言「{language}」。",
            next_step_zh="請用 en 或 zh-Hant。",
        )
    questionnaire = get_questionnaire(questionnaire_id)
    if out.exists() and not overwrite:
        raise CisecError(
            f"{out} already exists.",
            "Choose another name; cisec never overwrites an assessment.",
            message_zh=f"{out} 已經存在。",
            next_step_zh="請另選名稱；cisec 不會覆寫任何評估。",
        )
    if predecessor is not None:
        _check_continues(predecessor, questionnaire.id, out)
    moment = now or now_utc()
    assessment = Assessment(
        questionnaire=QuestionnaireRef(
            id=questionnaire.id,
            version=questionnaire.version,
            content_hash=content_hash(questionnaire),
        ),
        organisation=organisation,
        assessor=assessor,
        language=language,
        created_at=moment,
        updated_at=moment,
    )
    if predecessor is not None:
        _continue_from(assessment, predecessor, out)
    secret = None if passphrase is None else resolve(passphrase)
    session = AssessmentSession(out, questionnaire, assessment, passphrase=secret)
    session.save(replace=overwrite)
    return session


def open_session(
    path: Path, *, passphrase: str | None = None, now: dt.datetime | None = None
) -> AssessmentSession:
    """Open an assessment file; answers a newer questionnaire version lacks are set aside and reported.

    An encrypted file needs its `passphrase`, and is saved back encrypted with it.
    """
    encrypted = file_is_encrypted(path)
    assessment, on_disk = read_assessment(path, passphrase if encrypted else None)
    reference = assessment.questionnaire
    try:
        questionnaire = catalogue().get(reference.id)
    except KeyError:
        raise CisecError(
            f"{path} answers questionnaire '{reference.id}', which is not installed.",
            "Put its YAML file in your questionnaires folder (see `cisec questionnaires`).",
            message_zh=f"{path} 回答的問卷「{reference.id}」並未安裝。",
            next_step_zh="請把該問卷的 YAML 檔案放進你的問卷資料夾（見 `cisec questionnaires`）。",
        ) from None
    session = AssessmentSession(
        path,
        questionnaire,
        assessment,
        passphrase=passphrase if encrypted else None,
        on_disk=on_disk,
    )
    current_hash = content_hash(questionnaire)
    if reference.content_hash != current_hash:
        if reference.version != questionnaire.version:
            session.notices.append(
                f"Made with {reference.id} {reference.version}; now on {questionnaire.version}."
            )
        session.notices.extend(reconcile(assessment, questionnaire, now or now_utc()).notices)
        assessment.questionnaire = QuestionnaireRef(
            id=questionnaire.id, version=questionnaire.version, content_hash=current_hash
        )
    return session


def applies_to(item: Question | ProfileQuestion, profile: dict[str, Any]) -> bool:
    """Whether a question (or profile question) is asked given these profile answers.

    Only a definite False skips it; a condition on an unanswered profile fact keeps it in.
    """
    from cisec.scoring import evaluate

    return item.applies_when is None or evaluate(item.applies_when, profile) is not False


def _check_continues(predecessor: AssessmentSession, questionnaire_id: str, out: Path) -> None:
    if predecessor.questionnaire.id != questionnaire_id:
        raise CisecError(
            f"{predecessor.path} answers {predecessor.questionnaire.id}, not {questionnaire_id}.",
            "Next year's assessment continues the same questionnaire: give last year's file "
            "of it, or start without --from.",
            message_zh=f"{predecessor.path} 回答的是 {predecessor.questionnaire.id}，"
            f"不是 {questionnaire_id}。",
            next_step_zh="來年的評估延續同一份問卷：請提供該問卷去年的檔案，或不用 --from 開始。",
        )
    if out.resolve() == predecessor.path.resolve():
        raise CisecError(
            f"{out} is last year's file itself.",
            "Give the new assessment its own name.",
            message_zh=f"{out} 就是去年的檔案。",
            next_step_zh="請為新的評估另取名稱。",
        )


def _continue_from(assessment: Assessment, predecessor: AssessmentSession, out: Path) -> None:
    """Start `assessment` (to be saved at `out`) where last year's left off."""
    with predecessor.lock:
        last = predecessor.assessment.model_copy(deep=True)
    assessment.organisation = assessment.organisation or last.organisation
    assessment.assessor = assessment.assessor or last.assessor
    assessment.profile = dict(last.profile)
    assessment.plan = carried_items(
        {q: item for q, item in last.plan.items() if q in predecessor.questionnaire.questions}
    )
    assessment.predecessor = Predecessor(
        file=_relative_name(predecessor.path, out.parent),
        created_at=last.created_at,
        questionnaire_version=last.questionnaire.version,
        sha256=predecessor.on_disk.plaintext_digest or "0" * 64,
    )


def _relative_name(path: Path, folder: Path) -> str:
    """`path` relative to `folder` when it can be (the pair may move together), else absolute."""
    try:
        return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return str(path.resolve())


def predecessor_path(session: AssessmentSession) -> Path | None:
    """Where the file this assessment was started from should be (None if none is recorded)."""
    record = session.assessment.predecessor
    if record is None or not record.file:
        return None
    named = Path(record.file)
    return named if named.is_absolute() else session.path.parent / named


def open_predecessor(
    session: AssessmentSession,
    *,
    passphrase: Passphrase | None = None,
    notice: Callable[[CisecError], None] | None = None,
) -> AssessmentSession | None:
    """Last year's assessment this one was started from (`cisec new --from`), opened; or None.

    None when no predecessor is recorded, or when it cannot be used: the file is missing,
    unreadable, not decrypted by `passphrase` (asked only if the file is encrypted), or
    answers another questionnaire. Those cases are not errors: the sentence saying so (both
    languages) goes to `notice`, or to `session.notices` in English. A predecessor changed
    since this file was started from it is still opened, with a notice.
    """
    say = notice or (lambda problem: session.notices.append(str(problem)))
    record = session.assessment.predecessor
    if record is None:
        return None
    path = predecessor_path(session)
    if path is None:
        say(
            CisecError(
                "Last year's file is not named in this assessment (a redacted copy).",
                "Give it with --previous to compare.",
                message_zh="此評估沒有記下去年檔案的名稱（已遮蓋的副本）。",
                next_step_zh="如要比較，請以 --previous 提供該檔案。",
            )
        )
        return None
    try:
        secret = resolve(passphrase) if passphrase and file_is_encrypted(path) else None
        previous = open_session(path, passphrase=secret)
    except CisecError as problem:
        say(_unusable(path, problem))
        return None
    if previous.questionnaire.id != session.questionnaire.id:
        other = previous.questionnaire.id
        say(_unusable(path, CisecError(f"it answers {other}.", message_zh=f"它回答的是 {other}。")))
        return None
    if previous.on_disk.plaintext_digest != record.sha256:
        say(
            CisecError(
                f"Last year's file {path} has changed since this assessment was started "
                "from it; it is compared as it is now.",
                message_zh=f"去年的檔案 {path} 在此評估由它開始後曾被更改；現按其目前內容比較。",
            )
        )
    return previous


def _unusable(path: Path, problem: CisecError) -> CisecError:
    reason = problem.message.removeprefix(f"{path}: ").rstrip(".")
    reason_zh = (problem.message_zh or problem.message).removeprefix(f"{path}：").rstrip("。.")
    return CisecError(
        f"Last year's file {path} cannot be used ({reason}); no comparison with last year.",
        "Give it with --previous, or put it back where it was.",
        message_zh=f"無法使用去年的檔案 {path}（{reason_zh}）；不會與去年比較。",
        next_step_zh="請以 --previous 提供該檔案，或把它放回原處。",
    )


@dataclass(frozen=True)
class PreviousAnswer:
    """Last year's answer to one question, worded as documents word it, in both languages."""

    question_id: str
    value: AnswerValue
    words: dict[Language, str]
    note: str
    answered_at: dt.datetime | None
    answered_by: str

    def text(self, language: Language) -> str:
        """The answer in words ("Partly", "部分符合")."""
        return self.words[language]


def previous_answer(previous: AssessmentSession, question_id: str) -> PreviousAnswer | None:
    """What `previous` (see `open_predecessor`) answered to `question_id`; None if nothing.

    A question last year's questionnaire did not have, or one left unanswered, gives None.
    """
    with previous.lock:
        answer = previous.assessment.answers.get(question_id)
        question = previous.questionnaire.questions.get(question_id)
        if answer is None or question is None:
            return None
        scale = previous.questionnaire.scales[question.scale]
        words = {language: answer_text(scale, answer, language) or "" for language in LANGUAGES}
        return PreviousAnswer(
            question_id=question_id,
            value=answer.value,
            words=words,
            note=answer.note,
            answered_at=answer.answered_at,
            answered_by=answer.answered_by,
        )
