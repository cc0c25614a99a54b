"""Provides the assessment model: one organisation's answers to one questionnaire."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from cisec.model.text import Language

FORMAT_NAME = "cisec-assessment"
FORMAT_VERSION = 1

AnswerValue = str | int | float
ProfileValue = str | int | float


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class EvidenceFile(_Record):
    """A file that backs an answer, recorded by name, size and SHA-256 (the file stays put)."""

    # A bare file name (never a path): packs and checks look it up inside a chosen folder.
    name: Annotated[str, Field(pattern=r"^[^/\\\x00]+$", max_length=255)]
    size: Annotated[int, Field(ge=0)]
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    recorded_at: dt.datetime | None = None

    @field_validator("name")
    @classmethod
    def _not_a_folder(cls, name: str) -> str:
        if name in (".", ".."):
            raise ValueError("an evidence file's name cannot be . or ..")
        return name


class Answer(_Record):
    """The answer to one question, with what backs it."""

    value: AnswerValue
    note: str = ""
    evidence: list[str] = []
    evidence_files: list[EvidenceFile] = []
    answered_at: dt.datetime | None = None
    answered_by: str = ""
    flagged: bool = False


class QuestionnaireRef(_Record):
    """Which questionnaire, at which version, an assessment answers."""

    id: str
    version: str
    content_hash: Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")]


class RetiredAnswer(_Record):
    """An answer kept from an older questionnaire version whose question no longer fits."""

    question_id: str
    answer: Answer
    reason: str
    retired_at: dt.datetime


class Assessment(_Record):
    """One assessment file's content (`*.cisec.json`)."""

    format: Literal["cisec-assessment"] = "cisec-assessment"
    format_version: int = FORMAT_VERSION
    questionnaire: QuestionnaireRef
    organisation: str = ""
    assessor: str = ""
    language: Language = "en"
    created_at: dt.datetime
    updated_at: dt.datetime
    profile: dict[str, ProfileValue] = {}
    answers: dict[str, Answer] = {}
    retired_answers: list[RetiredAnswer] = []
