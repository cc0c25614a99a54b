"""Reads and writes assessment files (`*.cisec.json`): the only writer of them.

Saving is atomic and durable (cisec.durable): a crash or kill at any moment leaves the old
or the new file, never a torn one, and the previous version stays as `FILE.bak`. A file saved
with a passphrase is an age file (cisec.encryption): it is decrypted and encrypted in memory,
so its temporary file and its .bak hold only ciphertext.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from cisec import encryption
from cisec.durable import DocumentKind, parse_document, read_bytes, save_durably
from cisec.errors import CisecError
from cisec.model.assessment import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Answer,
    Assessment,
    RetiredAnswer,
)
from cisec.model.questionnaire import Questionnaire, Scale

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
    data = read_bytes(path, ASSESSMENT_FILE)
    if encryption.is_encrypted(data):
        if passphrase is None:
            raise encryption.PassphraseError(
                f"{path}: encrypted, and no passphrase was given.",
                "Type it when asked, or set CISEC_PASSPHRASE in scripts.",
                message_zh=f"{path}：已加密，但沒有提供密碼短語。",
                next_step_zh="請在提示時輸入，或在腳本中設定 CISEC_PASSPHRASE。",
            )
        data = encryption.decrypt(data, passphrase, path)
    return parse_document(data, path, ASSESSMENT_FILE, Assessment, migrate)


def migrate(document: dict[str, object]) -> dict[str, object]:
    """Bring an older format up to the current one (format 1 is the first; nothing to do yet)."""
    return document


def assessment_bytes(assessment: Assessment, passphrase: str | None = None) -> bytes:
    """The file form of `assessment`: indented JSON, or that JSON as an age file."""
    data = assessment.model_dump_json(indent=2).encode("utf-8") + b"\n"
    return data if passphrase is None else encryption.encrypt(data, passphrase)


def save_assessment(path: Path, assessment: Assessment, passphrase: str | None = None) -> None:
    """Write `assessment` to `path` atomically and durably, keeping the previous file as .bak.

    With `passphrase`, the file is encrypted before it reaches the disk.
    """
    save_durably(path, assessment_bytes(assessment, passphrase), AssessmentFileError)


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
