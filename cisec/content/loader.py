"""Loads questionnaire files into the model; every problem comes back as path:line: key: message."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from cisec.content.integrity import integrity_problems
from cisec.content.problems import ContentError, ContentProblem
from cisec.content.schema_errors import problems_from_validation
from cisec.content.yaml_source import parse_yaml
from cisec.model.questionnaire import Identifier, Questionnaire, Scale

SHARED_SCALES_FILE = "scales.yaml"
MAX_CONTENT_BYTES = 5 * 1024 * 1024


class ScalesFile(BaseModel):
    """The shared scales file: scales every questionnaire may use by name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    scales: dict[Identifier, Scale]


def read_text(path: Path, display_path: str) -> str:
    """A content file's text, or a ContentError saying why it cannot be read."""
    try:
        if path.stat().st_size > MAX_CONTENT_BYTES:
            raise ContentError(
                [ContentProblem(display_path, None, "", "the file is larger than 5 MB")]
            )
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(
            [ContentProblem(display_path, None, "", f"not UTF-8 text (byte {error.start})")]
        ) from None
    except OSError as error:
        raise ContentError(
            [ContentProblem(display_path, None, "", f"cannot read: {error.strerror}")]
        ) from None


def parse_scales(text: str, display_path: str) -> dict[str, Scale]:
    """Parse the shared scales file."""
    document = parse_yaml(text, display_path)
    try:
        return dict(ScalesFile.model_validate(document.data).scales)
    except ValidationError as error:
        raise ContentError(problems_from_validation(error, document, ScalesFile)) from None


def parse_questionnaire(
    text: str, display_path: str, shared_scales: Mapping[str, Scale]
) -> Questionnaire:
    """Parse and check one questionnaire; the result carries the shared scales it may use."""
    document = parse_yaml(text, display_path)
    try:
        questionnaire = Questionnaire.model_validate(document.data)
    except ValidationError as error:
        raise ContentError(problems_from_validation(error, document, Questionnaire)) from None
    problems = integrity_problems(questionnaire, document, shared_scales)
    if problems:
        raise ContentError(problems)
    used = {q.scale for q in questionnaire.questions.values()} | {
        p.scale for p in questionnaire.profile
    }
    merged = {name: scale for name, scale in shared_scales.items() if name in used}
    merged.update(questionnaire.scales)
    return questionnaire.model_copy(update={"scales": merged})


def content_hash(questionnaire: Questionnaire) -> str:
    """A stable fingerprint of the normalised questionnaire (ignores layout and comments)."""
    canonical = questionnaire.model_dump_json(by_alias=True).encode("utf-8")
    return "sha256:" + hashlib.sha256(canonical).hexdigest()
