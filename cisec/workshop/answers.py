"""Reads and writes participant answer files (`*.workshop.json`), one per participant or team.

Saving is atomic and durable like an assessment's: a temporary file in the same folder is
flushed to disk and renamed over the old one, the previous version kept as `FILE.bak`, so a
browser tab closed mid-answer never leaves a torn file for the merge to trip over.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cisec.durable import save_durably
from cisec.errors import CisecError
from cisec.model.questionnaire import OptionValue
from cisec.model.text import Language

FORMAT_NAME = "cisec-workshop-answers"
FORMAT_VERSION = 1
SUFFIX = ".workshop.json"
MAX_ANSWERS_BYTES = 5 * 1024 * 1024

Mode = Literal["practice", "class"]
Pacing = Literal["trainer", "timer"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class PackRef(_Record):
    """Which pack, at which version, the answers belong to."""

    id: str
    version: str
    content_hash: Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")]


class ParticipantAnswer(_Record):
    """One question's answer: the chosen options (in order, for a ranking)."""

    choices: Annotated[list[OptionValue], Field(min_length=1, max_length=20)]
    answered_at: dt.datetime


class ParticipantAnswers(_Record):
    """One participant file's content."""

    format: Literal["cisec-workshop-answers"] = "cisec-workshop-answers"
    format_version: int = FORMAT_VERSION
    pack: PackRef
    participant: Annotated[str, Field(min_length=1, max_length=80)]
    mode: Mode = "class"
    pacing: Pacing = "trainer"
    language: Language = "en"
    started_at: dt.datetime
    updated_at: dt.datetime
    finished_at: dt.datetime | None = None
    answers: dict[str, ParticipantAnswer] = {}


class AnswersFileError(CisecError):
    """A participant file that cannot be read; it is left as it is."""


def load_answers(path: Path) -> ParticipantAnswers:
    """Read and check a participant file; refuse a corrupt or foreign one, naming it."""
    try:
        if path.stat().st_size > MAX_ANSWERS_BYTES:
            raise AnswersFileError(
                f"{path}: larger than 5 MB, so not a participant file.",
                message_zh=f"{path}：大於 5 MB，所以不是參加者檔案。",
            )
        document = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise AnswersFileError(
            f"{path}: no such file.", message_zh=f"{path}：沒有這個檔案。"
        ) from None
    except UnicodeDecodeError:
        raise AnswersFileError(
            f"{path}: not UTF-8 text, so not a participant file.",
            message_zh=f"{path}：不是 UTF-8 文字，所以不是參加者檔案。",
        ) from None
    except json.JSONDecodeError as error:
        backup = path.with_name(path.name + ".bak")
        raise AnswersFileError(
            f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}).",
            f"The previous version is in {backup.name}." if backup.exists() else "",
            message_zh=f"{path}：不是有效的 JSON（第 {error.lineno} 行第 {error.colno} 欄：{error.msg}）。",
            next_step_zh=f"上一個版本在 {backup.name}。" if backup.exists() else "",
        ) from None
    except OSError as error:
        raise AnswersFileError(
            f"{path}: cannot read it ({error.strerror}).",
            message_zh=f"{path}：無法讀取（{error.strerror}）。",
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise AnswersFileError(
            f'{path}: not a cisec participant file (it has no "format": "{FORMAT_NAME}").',
            message_zh=f'{path}：不是 cisec 參加者檔案（沒有 "format": "{FORMAT_NAME}"）。',
        )
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise AnswersFileError(
            f"{path}: format_version is missing or not a whole number.",
            message_zh=f"{path}：format_version 缺少或不是整數。",
        )
    if version > FORMAT_VERSION:
        raise AnswersFileError(
            f"{path}: written by a newer cisec (format {version}; this one reads up to "
            f"{FORMAT_VERSION}).",
            "Update cisec to merge it.",
            message_zh=f"{path}：由較新版本的 cisec 寫成（格式 {version}；"
            f"此版本最高只讀到 {FORMAT_VERSION}）。",
            next_step_zh="請更新 cisec 後再合併。",
        )
    try:
        return ParticipantAnswers.model_validate(document)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        more = error.error_count() - 1
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        extra_zh = f"（另有 {more} 個問題）" if more else ""
        raise AnswersFileError(
            f"{path}: {where}: {first['msg'].lower()}{extra}.",
            message_zh=f"{path}：{where}：{first['msg'].lower()}{extra_zh}。",
        ) from None


def save_answers(path: Path, answers: ParticipantAnswers) -> None:
    """Write `answers` to `path` atomically and durably, keeping the previous file as .bak."""
    data = answers.model_dump_json(indent=2).encode("utf-8") + b"\n"
    save_durably(path, data, AnswersFileError)


def participant_key(name: str) -> str:
    """The name two files must share to be the same participant: case, width and spaces ignored."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def file_stem(name: str) -> str:
    """A file-name-safe stem for a participant name (letters of any script, digits, dashes)."""
    cleaned = re.sub(r"[^\w]+", "-", unicodedata.normalize("NFKC", name), flags=re.UNICODE)
    cleaned = cleaned.strip("-_.").lower()[:40]
    return cleaned or "participant"
