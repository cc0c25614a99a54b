"""Reads and writes participant answer files (`*.workshop.json`), one per participant or team.

Saving is atomic and durable like an assessment's: a temporary file in the same folder is
flushed to disk and renamed over the old one, the previous version kept as `FILE.bak`, so a
browser tab closed mid-answer never leaves a torn file for the merge to trip over.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from cisec.durable import DocumentKind, read_document, save_durably
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


ANSWERS_FILE = DocumentKind(
    format_name=FORMAT_NAME,
    format_version=FORMAT_VERSION,
    max_bytes=MAX_ANSWERS_BYTES,
    name=("participant file", "參加者檔案"),
    newer_step=("Update cisec to merge it.", "請更新 cisec 後再合併。"),
    error=AnswersFileError,
)


def load_answers(path: Path) -> ParticipantAnswers:
    """Read and check a participant file; refuse a corrupt or foreign one, naming it."""
    return read_document(path, ANSWERS_FILE, ParticipantAnswers)


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
