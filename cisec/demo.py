"""Builds the demo assessments of fictional organisations from `questionnaires/demo/*.yaml`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from cisec.content.catalogue import shipped_dir
from cisec.content.loader import read_text
from cisec.content.problems import ContentError
from cisec.content.schema_errors import problems_from_validation
from cisec.content.yaml_source import parse_yaml
from cisec.model.assessment import AnswerValue
from cisec.model.text import Language

Year = Literal["current", "previous"]


class DemoAnswer(BaseModel):
    """One demo answer."""

    model_config = ConfigDict(extra="forbid")

    value: str | float
    note: str = ""
    evidence: list[str] = []
    flagged: bool = False


class DemoYear(BaseModel):
    """One year's self-check of the demo organisation."""

    model_config = ConfigDict(extra="forbid")

    date: dt.date
    profile: dict[str, str | float | dt.date] = {}
    answers: dict[str, DemoAnswer] = {}


class DemoFile(BaseModel):
    """A demo file: a fictional organisation's answers this year and last year."""

    model_config = ConfigDict(extra="forbid")

    questionnaire: str
    organisation: str
    assessor: str
    language: Language = "en"
    current: DemoYear
    previous: DemoYear | None = None


def demo_dir() -> Path:
    """Where the shipped demo answers live."""
    return shipped_dir() / "demo"


def demo_ids() -> list[str]:
    """The questionnaires that have demo answers."""
    folder = demo_dir()
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def load_demo(questionnaire_id: str) -> DemoFile:
    """The demo file for `questionnaire_id` (ContentError if it is broken, KeyError if absent)."""
    path = demo_dir() / f"{questionnaire_id}.yaml"
    if not path.is_file():
        raise KeyError(questionnaire_id)
    document = parse_yaml(read_text(path, str(path)), str(path))
    try:
        return DemoFile.model_validate(document.data)
    except ValidationError as error:
        raise ContentError(problems_from_validation(error, document, DemoFile)) from None


def profile_value(value: str | float | dt.date) -> AnswerValue:
    """A demo profile value as stored in an assessment (dates as ISO text)."""
    return value.isoformat() if isinstance(value, dt.date) else value


def moment(day: dt.date) -> dt.datetime:
    """The time stamp demo answers carry: that day, 10:00 Hong Kong time."""
    return dt.datetime.combine(day, dt.time(2, 0), tzinfo=dt.UTC)


def answers_of(demo: DemoFile, year: Year) -> DemoYear:
    """This year's or last year's answers; KeyError when the demo has no previous year."""
    chosen = demo.current if year == "current" else demo.previous
    if chosen is None:
        raise KeyError(year)
    return chosen


def as_dict(answer: DemoAnswer) -> dict[str, Any]:
    """A demo answer as keyword arguments for recording it."""
    return {"note": answer.note, "evidence": list(answer.evidence), "flagged": answer.flagged}
