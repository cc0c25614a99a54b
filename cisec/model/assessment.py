"""Provides the assessment model: one organisation's answers to one questionnaire."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
)

from cisec.model.plan import PlanItem
from cisec.model.text import Language

FORMAT_NAME = "cisec-assessment"
# Format 2 adds the answers two writers disagreed on (`history`, `profile_history`); format 3
# adds the remediation plan (`plan`) and the predecessor (`predecessor`). A file is written in
# the lowest format that holds what it has, so files without those keys stay readable by older cisec (docs/assessment-format.md).
FORMAT_VERSION = 3
CONFLICTS_FORMAT_VERSION = 2
FIRST_FORMAT_VERSION = 1

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


class _AnswerFields(_Record):
    value: AnswerValue
    note: str = ""
    evidence: list[str] = []
    evidence_files: list[EvidenceFile] = []
    answered_at: dt.datetime | None = None
    answered_by: str = ""
    flagged: bool = False


class SupersededAnswer(_AnswerFields):
    """An answer another writer gave at the same time, kept when the later one won."""

    kept_at: dt.datetime


class Answer(_AnswerFields):
    """The answer to one question, with what backs it."""

    history: list[SupersededAnswer] = []

    @model_serializer(mode="wrap")
    def _without_empty_history(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict) and not data.get("history"):
            data.pop("history", None)
        return data


class SupersededProfileValue(_Record):
    """A profile fact another writer set at the same time, kept when the later save won."""

    value: ProfileValue
    kept_at: dt.datetime


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


class Predecessor(_Record):
    """Last year's assessment this one was started from (`cisec new --from`): where it is and
    what it was, so next year's report compares against it without being told (format 3)."""

    # Relative to this file's folder when it can be (so the pair can move together); ""
    # in a redacted copy, where the name is removed.
    file: Annotated[str, Field(max_length=4_096)]
    created_at: dt.datetime
    questionnaire_version: Annotated[str, Field(max_length=100)]
    # Of the predecessor's plaintext (decrypted, if it is encrypted): tells a changed file.
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class Assessment(_Record):
    """One assessment file's content (`*.cisec.json`)."""

    format: Literal["cisec-assessment"] = "cisec-assessment"
    format_version: int = FIRST_FORMAT_VERSION  # as read; a save writes the lowest that fits
    questionnaire: QuestionnaireRef
    organisation: str = ""
    assessor: str = ""
    language: Language = "en"
    created_at: dt.datetime
    updated_at: dt.datetime
    profile: dict[str, ProfileValue] = {}
    answers: dict[str, Answer] = {}
    retired_answers: list[RetiredAnswer] = []
    profile_history: dict[str, list[SupersededProfileValue]] = {}
    # The remediation plan, by the question id of the gap each item closes (format 3).
    plan: dict[str, PlanItem] = {}
    # The assessment this one continues, when started from last year's (format 3).
    predecessor: Predecessor | None = None

    def keeps_conflicts(self) -> bool:
        """Whether the file holds answers two writers disagreed on (so it needs format 2)."""
        return bool(self.profile_history) or any(
            answer.history
            for answer in [*self.answers.values(), *(r.answer for r in self.retired_answers)]
        )

    @model_serializer(mode="wrap")
    def _lowest_format(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for optional in ("profile_history", "plan", "predecessor"):
                if not data.get(optional):
                    data.pop(optional, None)
            data["format_version"] = (
                FORMAT_VERSION
                if self.plan or self.predecessor is not None
                else CONFLICTS_FORMAT_VERSION
                if self.keeps_conflicts()
                else FIRST_FORMAT_VERSION
            )
        return data
