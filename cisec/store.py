"""Reads and writes assessment files (`*.cisec.json`): the only writer of them.

Saving is atomic and durable (cisec.durable): a crash or kill at any moment leaves the old
or the new file, never a torn one, and the previous version stays as `FILE.bak`. A file saved
with a passphrase is an age file (cisec.encryption): it is decrypted and encrypted in memory,
so its temporary file and its .bak hold only ciphertext.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from cisec import encryption
from cisec.durable import DocumentKind, locked, parse_document, read_bytes, save_durably
from cisec.errors import CisecError
from cisec.model.assessment import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Answer,
    Assessment,
    ProfileValue,
    RetiredAnswer,
    SupersededAnswer,
    SupersededProfileValue,
)
from cisec.model.questionnaire import Questionnaire, Scale

_T = TypeVar("_T")

MAX_ASSESSMENT_BYTES = 50 * 1024 * 1024
SUFFIX = ".cisec.json"


class AssessmentFileError(CisecError):
    """An assessment file that cannot be read; the file is left as it is."""


@dataclass
class Reconciliation:
    """What loading against the current questionnaire changed: answers set aside, and why."""

    notices: list[str] = field(default_factory=list)


ASSESSMENT_FILE = DocumentKind(
    format_name=FORMAT_NAME,
    format_version=FORMAT_VERSION,
    max_bytes=MAX_ASSESSMENT_BYTES,
    name=("assessment file", "評估檔案"),
    newer_step=("Update cisec to open it.", "請更新 cisec 後再開啟。"),
    error=AssessmentFileError,
    missing_step=(
        "Check the path, or create one with `cisec new`.",
        "請檢查路徑，或以 `cisec new` 建立評估檔案。",
    ),
)


def load_assessment(path: Path, passphrase: str | None = None) -> Assessment:
    """Read and check an assessment file; refuse a corrupt or foreign one without touching it.

    An encrypted file (age) needs `passphrase`; it is decrypted in memory.
    """
    return parse_assessment(read_bytes(path, ASSESSMENT_FILE), path, passphrase)


def read_assessment(path: Path, passphrase: str | None = None) -> tuple[Assessment, OnDisk]:
    """Read an assessment file, with what a later `save_merged` needs to know of this read."""
    data = read_bytes(path, ASSESSMENT_FILE)
    plain = _plaintext(data, path, passphrase)
    assessment = parse_document(plain, path, ASSESSMENT_FILE, Assessment, migrate)
    return assessment, OnDisk(digest(data), assessment_bytes(assessment), digest(plain))


def parse_assessment(data: bytes, path: Path, passphrase: str | None = None) -> Assessment:
    """The assessment in `data` (the bytes of `path`, decrypted in memory if encrypted)."""
    return parse_document(
        _plaintext(data, path, passphrase), path, ASSESSMENT_FILE, Assessment, migrate
    )


def _plaintext(data: bytes, path: Path, passphrase: str | None) -> bytes:
    if encryption.is_encrypted(data):
        if passphrase is None:
            raise encryption.PassphraseError(
                f"{path}: encrypted, and no passphrase was given.",
                "Type it when asked, or set CISEC_PASSPHRASE in scripts.",
                message_zh=f"{path}：已加密，但沒有提供密碼短語。",
                next_step_zh="請在提示時輸入，或在腳本中設定 CISEC_PASSPHRASE。",
            )
        return encryption.decrypt(data, passphrase, path)
    return data


def migrate(document: dict[str, object]) -> dict[str, object]:
    """Bring an older format up to the current one (format 1 is the first; nothing to do yet)."""
    return document


def assessment_bytes(assessment: Assessment, passphrase: str | None = None) -> bytes:
    """The file form of `assessment`: indented JSON, or that JSON as an age file."""
    data = assessment.model_dump_json(indent=2).encode("utf-8") + b"\n"
    return data if passphrase is None else encryption.encrypt(data, passphrase)


def save_assessment(path: Path, assessment: Assessment, passphrase: str | None = None) -> None:
    """Write `assessment` to `path` atomically and durably, keeping the previous file as .bak.

    With `passphrase`, the file is encrypted before it reaches the disk. This replaces the
    file whatever it holds; a writer that read the file first saves with `save_merged`.
    """
    with locked(path, AssessmentFileError):
        save_durably(path, assessment_bytes(assessment, passphrase), AssessmentFileError)


def digest(data: bytes | None) -> str | None:
    """What identifies one version of a file's bytes (None: there was no file)."""
    return None if data is None else hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class OnDisk:
    """What one writer last read from or wrote to an assessment file.

    `digest` tells whether the file changed since; `content` (the plaintext JSON, or None when
    there was no file) is the common ancestor a three-way merge starts from.
    """

    digest: str | None = None
    content: bytes | None = None
    # SHA-256 of the plaintext as read (decrypted, if encrypted): the same for an encrypted
    # file re-encrypted unchanged, so a successor can tell whether its predecessor changed.
    plaintext_digest: str | None = None


@dataclass(frozen=True)
class MergeReport:
    """What a save took from another writer of the same file."""

    added_from_other: int = 0  # answers and profile facts only the other writer changed
    conflicts_kept: int = 0  # both changed: the later won, the other is kept in history
    plan_items_from_other: int = 0  # remediation plan items the other writer added or changed

    def __bool__(self) -> bool:
        return bool(self.added_from_other or self.conflicts_kept or self.plan_items_from_other)

    def __add__(self, other: MergeReport) -> MergeReport:
        return MergeReport(
            self.added_from_other + other.added_from_other,
            self.conflicts_kept + other.conflicts_kept,
            self.plan_items_from_other + other.plan_items_from_other,
        )

    def sentence(self, language: str = "en") -> str:
        """E.g. "2 answers added from another window; 1 conflict kept." ("" when nothing merged)."""
        added, kept, plan = self.added_from_other, self.conflicts_kept, self.plan_items_from_other
        if language.startswith("zh"):
            parts = [f"已從另一個視窗加入 {added} 個答案"] if added else []
            parts += [f"保留了 {kept} 個衝突的答案"] if kept else []
            parts += [f"已從另一個視窗更新 {plan} 個改善計劃項目"] if plan else []
            return "；".join(parts) + "。" if parts else ""
        parts = (
            [f"{added} answer{'s' if added != 1 else ''} added from another window"]
            if added
            else []
        )
        parts += [f"{kept} conflict{'s' if kept != 1 else ''} kept"] if kept else []
        parts += (
            [f"{plan} plan item{'s' if plan != 1 else ''} updated from another window"]
            if plan
            else []
        )
        return "; ".join(parts).capitalize() + "." if parts else ""


def save_merged(
    path: Path,
    assessment: Assessment,
    read: OnDisk,
    passphrase: str | None = None,
    *,
    now: dt.datetime,
    replace: bool = False,
) -> tuple[Assessment, OnDisk, MergeReport]:
    """Save `assessment` without losing what another writer saved since `read`.

    Under the file's lock: if the file changed since this writer read (or last wrote) it, it is
    read again and merged question by question (`merge_assessments`) before the write.
    Returns what was written, the new `OnDisk`, and what the merge took from the other writer.
    `replace` writes `assessment` as it is, whatever the file holds (`cisec new --force`).
    """
    with locked(path, AssessmentFileError):
        current: bytes | None = None
        if not replace and path.exists():
            current = read_bytes(path, ASSESSMENT_FILE)
        merged, report = assessment, MergeReport()
        if not replace and current is not None and digest(current) != read.digest:
            theirs = _theirs(path, current, passphrase, assessment)
            base = None if read.content is None else Assessment.model_validate_json(read.content)
            merged, report = merge_assessments(base, assessment, theirs, now)
        plain = assessment_bytes(merged)
        data = plain if passphrase is None else encryption.encrypt(plain, passphrase)
        save_durably(path, data, AssessmentFileError)
    return merged, OnDisk(digest(data), plain, digest(plain)), report


def _theirs(path: Path, data: bytes, passphrase: str | None, mine: Assessment) -> Assessment:
    """The other writer's version, or a refusal: a file that is no longer this assessment stays."""
    try:
        theirs = parse_assessment(data, path, passphrase)
    except CisecError as error:
        raise AssessmentFileError(
            f"{path} changed since it was opened and cannot be read now ({error.message})",
            "Your answers are kept here; save them to another file.",
            message_zh=f"{path} 在開啟後被改動，現在無法讀取（{error.message_zh or error.message}）",
            next_step_zh="你的答案仍保留在此；請另存為其他檔案。",
        ) from None
    if theirs.questionnaire.id != mine.questionnaire.id:
        raise AssessmentFileError(
            f"{path} now holds an assessment of {theirs.questionnaire.id}, not {mine.questionnaire.id}.",
            "Your answers are kept here; save them to another file.",
            message_zh=f"{path} 現在是 {theirs.questionnaire.id} 的評估，不是 {mine.questionnaire.id}。",
            next_step_zh="你的答案仍保留在此；請另存為其他檔案。",
        )
    return theirs


def merge_assessments(
    base: Assessment | None, mine: Assessment, theirs: Assessment, now: dt.datetime
) -> tuple[Assessment, MergeReport]:
    """Three-way merge, question by question: what both writers changed from `base` is kept.

    A question only one writer changed takes that writer's answer. Where both changed the same
    answer, each part (value, note, evidence, flag) merges on its own; where both changed the
    same part differently, the answer with the later `answered_at` wins (on a tie, this
    writer's) and the other whole answer goes into the winner's `history`. A profile fact both
    set differently keeps this writer's value (the later save; facts carry no time) and the
    other in `profile_history`. Answers set aside by either writer stay set aside.
    """
    merged = mine.model_copy(deep=True)
    added = kept = 0
    base_answers = base.answers if base else {}
    for question_id in [*mine.answers, *(q for q in theirs.answers if q not in mine.answers)]:
        answer, outcome = _merge_answer(
            base_answers.get(question_id),
            mine.answers.get(question_id),
            theirs.answers.get(question_id),
            now,
        )
        added += outcome == "added"
        kept += outcome == "conflict"
        if answer is not None:
            merged.answers[question_id] = answer
    base_profile = base.profile if base else {}
    for fact in [*mine.profile, *(f for f in theirs.profile if f not in mine.profile)]:
        value, outcome = _merge_fact(
            fact in base_profile,
            base_profile.get(fact),
            mine.profile.get(fact),
            theirs.profile.get(fact),
        )
        if value is not None:
            merged.profile[fact] = value
        added += outcome == "added"
        if outcome == "conflict":
            kept += 1
            lost = theirs.profile[fact]
            merged.profile_history.setdefault(fact, []).append(
                SupersededProfileValue(value=lost, kept_at=now)
            )
    for fact, values in theirs.profile_history.items():
        known = merged.profile_history.setdefault(fact, [])
        known.extend(v for v in values if v not in known)
    merged.retired_answers.extend(
        r for r in theirs.retired_answers if r not in mine.retired_answers
    )
    plan = _merge_plan(base, mine, theirs, merged)
    merged.predecessor = mine.predecessor or theirs.predecessor
    merged.updated_at = max(_utc(mine.updated_at), _utc(theirs.updated_at))
    return merged, MergeReport(added, kept, plan)


def _utc(moment: dt.datetime) -> dt.datetime:
    # A hand-edited file may carry a time without a zone; cisec writes UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _later(one: Answer, other: Answer) -> bool:
    """Whether `one` was answered after `other` (an answer without a time is the oldest)."""
    if one.answered_at is None:
        return False
    return other.answered_at is None or _utc(one.answered_at) > _utc(other.answered_at)


def _merge_plan(
    base: Assessment | None, mine: Assessment, theirs: Assessment, merged: Assessment
) -> int:
    """Merge the two writers' remediation plans, item by item, into `merged`; return how many
    items the other writer's change decided (so the session takes them in too).

    An item only one writer changed (added, edited or removed) takes that writer's change;
    where both changed one item, the later `updated_at` wins (on a tie, this writer's).
    """
    base_plan = base.plan if base else {}
    taken = 0
    for question_id in [*mine.plan, *(q for q in theirs.plan if q not in mine.plan)]:
        before = base_plan.get(question_id)
        ours, other = mine.plan.get(question_id), theirs.plan.get(question_id)
        if other in (ours, before):
            continue  # merged already holds ours (or its removal)
        if ours != before:
            mine_at = ours.updated_at if ours is not None else None
            theirs_at = other.updated_at if other is not None else None
            if theirs_at is None or (mine_at is not None and _utc(mine_at) >= _utc(theirs_at)):
                continue
        if other is None:
            merged.plan.pop(question_id, None)
        else:
            merged.plan[question_id] = other.model_copy(deep=True)
        taken += 1
    return taken


def _merge_fact(
    in_base: bool,
    base: ProfileValue | None,
    mine: ProfileValue | None,
    theirs: ProfileValue | None,
) -> tuple[ProfileValue | None, str]:
    if mine == theirs:
        return mine, "same"
    if theirs is None or (in_base and theirs == base):
        return mine, "mine"
    if mine is None or (in_base and mine == base):
        return theirs, "added"
    return mine, "conflict"


def _merge_list(base: list[_T], mine: list[_T], theirs: list[_T]) -> list[_T]:
    """References either writer added are kept; references either removed are removed."""
    kept = [item for item in mine if item in theirs or item not in base]
    return kept + [item for item in theirs if item not in mine and item not in base]


_VALUE_PART = ("value", "answered_at", "answered_by")
_UNANSWERED: dict[tuple[str, ...], tuple[object, ...]] = {("note",): ("",), ("flagged",): (False,)}


def _merge_answer(
    base: Answer | None, mine: Answer | None, theirs: Answer | None, now: dt.datetime
) -> tuple[Answer | None, str]:
    """One question's answer after both writers, and whether it is mine, added or a conflict."""
    if mine == theirs or theirs is None or theirs == base:
        return mine, "mine"
    if mine is None or mine == base:
        return theirs, "added"
    winner, loser = (theirs, mine) if _later(theirs, mine) else (mine, theirs)
    fields: dict[str, object] = {}
    conflict = False
    for part in (_VALUE_PART, ("note",), ("flagged",)):
        ours = tuple(getattr(mine, name) for name in part)
        other = tuple(getattr(theirs, name) for name in part)
        # No earlier answer: as if it had been unanswered, with no note and no flag.
        old = tuple(getattr(base, name) for name in part) if base else _UNANSWERED.get(part)
        if ours == other or other == old:
            chosen = ours
        elif ours == old:
            chosen = other
        else:
            chosen = tuple(getattr(winner, name) for name in part)
            # The same value given twice is agreement, whoever answered last.
            conflict = conflict or ours[0] != other[0]
        fields.update(zip(part, chosen, strict=True))
    history = [*mine.history, *(h for h in theirs.history if h not in mine.history)]
    if conflict:
        lost = SupersededAnswer(**loser.model_dump(exclude={"history"}), kept_at=now)
        history.append(lost)
    for name in ("evidence", "evidence_files"):
        fields[name] = _merge_list(
            getattr(base, name) if base else [], getattr(mine, name), getattr(theirs, name)
        )
    answer = Answer.model_validate({**fields, "history": history})
    return answer, "conflict" if conflict else "added"


def valid_value(scale: Scale, value: object) -> bool:
    """Whether `value` is an answer this scale accepts (see `Scale.accepts`)."""
    return scale.accepts(value)


def reconcile(
    assessment: Assessment, questionnaire: Questionnaire, now: dt.datetime
) -> Reconciliation:
    """Set aside (never delete) answers the questionnaire's current version no longer has.

    Answers whose question is gone, or whose value the question's scale no longer offers,
    move to `retired_answers` with the reason, and are reported.
    """
    result = Reconciliation()
    for question_id in list(assessment.answers):
        question = questionnaire.questions.get(question_id)
        answer = assessment.answers[question_id]
        if question is None:
            reason = f"question {question_id} is not in {questionnaire.id} {questionnaire.version}"
        elif not valid_value(questionnaire.scales[question.scale], answer.value):
            reason = f"'{answer.value}' is no longer an answer to {question_id}"
        else:
            continue
        del assessment.answers[question_id]
        assessment.retired_answers.append(
            RetiredAnswer(question_id=question_id, answer=answer, reason=reason, retired_at=now)
        )
        result.notices.append(f"Kept aside: {reason}.")
    for profile_id in list(assessment.profile):
        profile_question = questionnaire.profile_questions.get(profile_id)
        value = assessment.profile[profile_id]
        if profile_question is None:
            reason = f"profile question {profile_id} is not in {questionnaire.id} {questionnaire.version}"
        elif not valid_value(questionnaire.scales[profile_question.scale], value):
            reason = f"'{value}' is no longer an answer to profile question {profile_id}"
        else:
            continue
        del assessment.profile[profile_id]
        assessment.retired_answers.append(
            RetiredAnswer(
                question_id=profile_id,
                answer=Answer(value=value),
                reason=reason,
                retired_at=now,
            )
        )
        result.notices.append(f"Kept aside: {reason}.")
    return result
