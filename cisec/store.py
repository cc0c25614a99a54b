"""Reads and writes assessment files (`*.cisec.json`): the only writer of them.

Saving is atomic and durable (cisec.durable): a crash or kill at any moment leaves the old
or the new file, never a torn one, and the previous version stays as `FILE.bak`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from cisec.durable import save_durably
from cisec.errors import CisecError
from cisec.model.assessment import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Answer,
    Assessment,
    RetiredAnswer,
)
from cisec.model.questionnaire import NOT_APPLICABLE, UNKNOWN, Questionnaire, Scale

MAX_ASSESSMENT_BYTES = 50 * 1024 * 1024
SUFFIX = ".cisec.json"


class AssessmentFileError(CisecError):
    """An assessment file that cannot be read; the file is left as it is."""


@dataclass
class Reconciliation:
    """What loading against the current questionnaire changed: answers set aside, and why."""

    notices: list[str] = field(default_factory=list)


def load_assessment(path: Path) -> Assessment:
    """Read and check an assessment file; refuse a corrupt or foreign one without touching it."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise AssessmentFileError(
            f"{path}: no such file.",
            "Check the path, or create one with `cisec new`.",
            message_zh=f"{path}：沒有這個檔案。",
            next_step_zh="請檢查路徑，或以 `cisec new` 建立評估檔案。",
        ) from None
    except OSError as error:
        raise AssessmentFileError(
            f"{path}: cannot read it ({error.strerror}).",
            message_zh=f"{path}：無法讀取（{error.strerror}）。",
        ) from None
    if size > MAX_ASSESSMENT_BYTES:
        raise AssessmentFileError(
            f"{path}: larger than 50 MB, so not an assessment file.",
            message_zh=f"{path}：大於 50 MB，所以不是評估檔案。",
        )
    try:
        raw = path.read_bytes()
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise AssessmentFileError(
            f"{path}: not UTF-8 text, so not an assessment file.",
            message_zh=f"{path}：不是 UTF-8 文字，所以不是評估檔案。",
        ) from None
    except json.JSONDecodeError as error:
        raise AssessmentFileError(
            f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}).",
            f"The file was left untouched; the previous version may be in {path.name}.bak.",
            message_zh=f"{path}：不是有效的 JSON（第 {error.lineno} 行第 {error.colno} 欄：{error.msg}）。",
            next_step_zh=f"檔案沒有被改動；上一個版本可能在 {path.name}.bak。",
        ) from None
    except OSError as error:
        raise AssessmentFileError(
            f"{path}: cannot read it ({error.strerror}).",
            message_zh=f"{path}：無法讀取（{error.strerror}）。",
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise AssessmentFileError(
            f'{path}: not a cisec assessment file (it has no "format": "{FORMAT_NAME}").',
            message_zh=f'{path}：不是 cisec 評估檔案（沒有 "format": "{FORMAT_NAME}"）。',
        )
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise AssessmentFileError(
            f"{path}: format_version is missing or not a whole number.",
            message_zh=f"{path}：format_version 缺少或不是整數。",
        )
    if version > FORMAT_VERSION:
        raise AssessmentFileError(
            f"{path}: written by a newer cisec (format {version}; this one reads up to {FORMAT_VERSION}).",
            "Update cisec to open it.",
            message_zh=f"{path}：由較新版本的 cisec 寫成（格式 {version}；此版本最高只讀到 {FORMAT_VERSION}）。",
            next_step_zh="請更新 cisec 後再開啟。",
        )
    document = migrate(document)
    try:
        return Assessment.model_validate(document)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        more = error.error_count() - 1
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        extra_zh = f"（另有 {more} 個問題）" if more else ""
        raise AssessmentFileError(
            f"{path}: {where}: {first['msg'].lower()}{extra}.",
            "The file was left untouched.",
            message_zh=f"{path}：{where}：{first['msg'].lower()}{extra_zh}。",
            next_step_zh="檔案沒有被改動。",
        ) from None


def migrate(document: dict[str, object]) -> dict[str, object]:
    """Bring an older format up to the current one (format 1 is the first; nothing to do yet)."""
    return document


def save_assessment(path: Path, assessment: Assessment) -> None:
    """Write `assessment` to `path` atomically and durably, keeping the previous file as .bak."""
    data = assessment.model_dump_json(indent=2).encode("utf-8") + b"\n"
    save_durably(path, data, AssessmentFileError)


def valid_value(scale: Scale, value: object) -> bool:
    """Whether `value` is an answer this scale accepts."""
    if scale.type == "choice":
        return isinstance(value, str) and scale.option(value) is not None
    if value == UNKNOWN:
        return scale.allow_unknown
    if value == NOT_APPLICABLE:
        return scale.allow_not_applicable
    if scale.type == "numeric":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if scale.minimum is not None and value < scale.minimum:
            return False
        return scale.maximum is None or value <= scale.maximum
    if scale.type == "date":
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return False
        return True
    return False


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
