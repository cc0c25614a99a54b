"""Provides the questionnaire model: scales, profile questions, sections and questions.

The model is the schema: extra keys are refused, closed vocabularies are literals, and the
JSON Schema that editors use is generated from these classes.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cisec.errors import CisecError
from cisec.model.text import Language, LocalizedText

# Ids are stable and never reused; one pattern keeps them safe in file names, CLI arguments
# and CSS selectors alike.
ID_PATTERN = r"^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$"
OPTION_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

Identifier = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
OptionValue = Annotated[str, Field(pattern=OPTION_PATTERN, max_length=32)]
# The three tiers of a question, strongest first: a duty the Ordinance itself imposes, what a
# code of practice expects (not an offence by itself), and good practice.
Kind = Literal["statutory", "code_of_practice", "practice"]
# What a source can ground: an Ordinance duty, or a code-of-practice expectation.
SourceTier = Literal["statutory", "code_of_practice"]
Layer = Literal["management", "design", "operations"]
ScaleType = Literal["choice", "numeric", "date"]
UnitScore = Annotated[float, Field(ge=0.0, le=1.0)]

# Answer values reserved on numeric and date scales; choice scales name their own options.
NOT_APPLICABLE = "na"
UNKNOWN = "unknown"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _no_yaml_booleans(value: object) -> object:
    # YAML 1.1 reads a bare yes/no/on/off as a boolean; a value compared with option values
    # must be text, so say how to fix it rather than silently comparing with 1.0.
    items = value if isinstance(value, list) else [value]
    if any(isinstance(item, bool) for item in items):
        raise ValueError('YAML reads a bare yes/no/on/off as true/false: quote it, e.g. "yes"')
    return value


class Option(_Strict):
    """One answer of a choice scale: scored, or 'not applicable', or 'unknown'."""

    value: OptionValue
    label: LocalizedText
    description: LocalizedText | None = None
    score: UnitScore | None = None
    not_applicable: bool = False
    unknown: bool = False

    @model_validator(mode="after")
    def _one_meaning(self) -> Option:
        meanings = [self.score is not None, self.not_applicable, self.unknown]
        if sum(meanings) > 1:
            raise ValueError("an option has a score, or is not_applicable, or is unknown: not two")
        return self


class Threshold(_Strict):
    """A numeric answer of at least `at_least` scores `score`."""

    at_least: float
    score: UnitScore


class Scale(_Strict):
    """How a question is answered: a choice of options, a number, or a date."""

    type: ScaleType
    label: LocalizedText | None = None
    options: list[Option] | None = None
    unit: LocalizedText | None = None
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    thresholds: list[Threshold] | None = None
    allow_not_applicable: bool = False
    allow_unknown: bool = True

    @model_validator(mode="after")
    def _fits_type(self) -> Scale:
        if self.type == "choice":
            if not self.options:
                raise ValueError("a choice scale needs options")
            values = [option.value for option in self.options]
            duplicates = sorted({v for v in values if values.count(v) > 1})
            if duplicates:
                raise ValueError(f"option values repeat: {', '.join(duplicates)}")
            if self.thresholds is not None or self.unit is not None:
                raise ValueError("thresholds and unit belong to numeric scales")
        else:
            if self.options is not None:
                raise ValueError(f"options belong to choice scales, not {self.type} scales")
        if self.type == "date" and (self.thresholds is not None or self.unit is not None):
            raise ValueError("a date scale has no thresholds or unit")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError("minimum is greater than maximum")
        if self.thresholds is not None:
            bounds = [t.at_least for t in self.thresholds]
            if len(set(bounds)) != len(bounds):
                raise ValueError("two thresholds share the same at_least")
        return self

    @property
    def scored(self) -> bool:
        """Whether answers on this scale carry a score (only scored scales suit questions)."""
        if self.type == "choice":
            return True
        return self.type == "numeric" and bool(self.thresholds)

    def option(self, value: str) -> Option | None:
        """The option with `value`, if this is a choice scale that has it."""
        for option in self.options or ():
            if option.value == value:
                return option
        return None

    def numeric_score(self, number: float) -> float:
        """The score of a numeric answer: the highest threshold it reaches, else 0."""
        reached = [t.score for t in self.thresholds or () if number >= t.at_least]
        return max(reached, default=0.0)

    def accepts(self, value: object) -> bool:
        """Whether `value` is an answer this scale accepts."""
        if self.type == "choice":
            return isinstance(value, str) and self.option(value) is not None
        if value == UNKNOWN:
            return self.allow_unknown
        if value == NOT_APPLICABLE:
            return self.allow_not_applicable
        if self.type == "numeric":
            if isinstance(value, bool) or not isinstance(value, int | float):
                return False
            if self.minimum is not None and value < self.minimum:
                return False
            return self.maximum is None or value <= self.maximum
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return False
        return True

    def parse(self, raw: str | float, item_id: str) -> str | int | float:
        """What a person typed as an answer this scale accepts; CisecError says what it accepts."""
        value: str | int | float
        text = str(raw).strip()
        if self.type == "choice" or text in (NOT_APPLICABLE, UNKNOWN):
            value = text
        elif self.type == "numeric":
            try:
                number = float(text)
            except ValueError:
                number = math.nan
            if math.isnan(number) or math.isinf(number):
                raise CisecError(
                    f"'{text}' is not a number.",
                    self.accepted(item_id),
                    message_zh=f"「{text}」不是數字。",
                    next_step_zh=self.accepted(item_id, "zh-Hant"),
                ) from None
            if self.integer and not number.is_integer():
                raise CisecError(
                    f"{item_id} takes a whole number, not {text}.",
                    self.accepted(item_id),
                    message_zh=f"{item_id} 須填整數，不能填 {text}。",
                    next_step_zh=self.accepted(item_id, "zh-Hant"),
                )
            value = int(number) if self.integer else number
        else:
            value = text
        if not self.accepts(value):
            raise CisecError(
                f"'{text}' is not a valid answer to {item_id}.",
                self.accepted(item_id),
                message_zh=f"「{text}」不是 {item_id} 的有效答案。",
                next_step_zh=self.accepted(item_id, "zh-Hant"),
            )
        return value

    def accepted(self, item_id: str, language: Language = "en") -> str:
        """What `item_id` (on this scale) accepts, as the next step of an error, in `language`."""
        chinese = language == "zh-Hant"
        if self.type == "choice":
            values = [o.value for o in self.options or ()]
            if chinese:
                return "有效的答案：" + "、".join(values) + "。"
            return "Valid answers: " + ", ".join(values) + "."
        extras = [
            v
            for v, ok in (
                (NOT_APPLICABLE, self.allow_not_applicable),
                (UNKNOWN, self.allow_unknown),
            )
            if ok
        ]
        low = "" if self.minimum is None else f" ≥ {self.minimum:g}"
        high = "" if self.maximum is None else f" ≤ {self.maximum:g}"
        if chinese:
            if self.type == "date":
                what = "日期（格式為 YYYY-MM-DD）"
            else:
                what = ("整數" if self.integer else "數字") + low + high
            return f"{item_id} 須填{what}" + (f"，或填 {' / '.join(extras)}。" if extras else "。")
        if self.type == "date":
            what = "a date as YYYY-MM-DD"
        else:
            what = ("a whole number" if self.integer else "a number") + low + high
        return f"{item_id} takes {what}" + (f", or {' / '.join(extras)}." if extras else ".")


class Condition(_Strict):
    """A declarative condition on profile answers (never evaluated as code).

    Exactly one form: `question` with one of `equals`, `in`, `at_least`, `answered`;
    or `all`, `any`, `not` over nested conditions.
    """

    question: Identifier | None = None
    equals: str | float | None = None
    in_: list[str | float] | None = Field(default=None, alias="in")
    at_least: float | None = None
    answered: bool | None = None
    all_: list[Condition] | None = Field(default=None, alias="all")
    any_: list[Condition] | None = Field(default=None, alias="any")
    not_: Condition | None = Field(default=None, alias="not")

    _text_values = field_validator("equals", "in_", mode="before")(_no_yaml_booleans)

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        tests = [
            name
            for name, value in (
                ("equals", self.equals),
                ("in", self.in_),
                ("at_least", self.at_least),
                ("answered", self.answered),
            )
            if value is not None
        ]
        combinators = [
            name
            for name, value in (("all", self.all_), ("any", self.any_), ("not", self.not_))
            if value is not None
        ]
        if self.question is not None:
            if len(tests) != 1 or combinators:
                raise ValueError(
                    "a condition on a question takes exactly one of equals, in, at_least, answered"
                )
        elif tests:
            raise ValueError(f"'{tests[0]}' needs a 'question' beside it")
        elif len(combinators) != 1:
            raise ValueError("a condition needs 'question', or exactly one of all, any, not")
        if self.all_ == [] or self.any_ == []:
            raise ValueError("'all' and 'any' need at least one condition")
        return self

    def questions(self) -> set[str]:
        """Every profile question this condition reads."""
        found = {self.question} if self.question else set()
        for child in [*(self.all_ or ()), *(self.any_ or ()), *([self.not_] if self.not_ else [])]:
            found |= child.questions()
        return found


class Expectation(_Strict):
    """The minimum answer a site's own declared profile implies (e.g. its declared tier)."""

    when: Condition
    minimum: str | float
    reason: LocalizedText

    _text_values = field_validator("minimum", mode="before")(_no_yaml_booleans)


class ProfileQuestion(_Strict):
    """A tailoring fact asked first: it drives `applies_when`, expectations and the calendar."""

    id: Identifier
    text: LocalizedText
    guidance: LocalizedText | None = None
    scale: Identifier
    applies_when: Condition | None = None


class Question(_Strict):
    """One assessable control or legal duty."""

    id: Identifier
    text: LocalizedText
    guidance: LocalizedText
    scale: Identifier
    kind: Kind
    weight: Annotated[float, Field(gt=0, le=10)] = 1.0
    references: list[Annotated[str, Field(min_length=1, max_length=120)]] = []
    remediation: LocalizedText
    applies_when: Condition | None = None
    evidence_hint: LocalizedText | None = None
    critical: bool = False
    # A statutory duty whose Ordinance section is not yet confirmed: the question cites the
    # code-of-practice clause that restates it, and says so wherever its references show.
    section_unconfirmed: bool = False
    layer: Layer | None = None
    expectations: list[Expectation] = []
    scan_checks: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]] = []


class Section(_Strict):
    """A group of questions, scored together."""

    id: Identifier
    title: LocalizedText
    description: LocalizedText | None = None
    weight: Annotated[float, Field(gt=0, le=10)] = 1.0
    questions: Annotated[list[Question], Field(min_length=1)]


class Source(_Strict):
    """A document the questionnaire is derived from, and the prefix its references cite it by."""

    id: Identifier
    title: LocalizedText
    cites: Annotated[str, Field(min_length=1, max_length=60)]
    clause_pattern: str | None = None
    as_of: dt.date
    url: str | None = None
    provisional: bool = False
    # Which tier of question a reference to this source can ground (none: good practice only).
    tier: SourceTier | None = None
    note: LocalizedText | None = None


CalendarSchedule = Literal["once", "every", "rolling"]
# How sure the period is: confirmed in a source, unconfirmed, or an authority's stated
# expectation rather than a period the law sets.
CalendarBasis = Literal["confirmed", "unconfirmed", "expectation"]


class CalendarItem(_Strict):
    """One dated or rolling duty of the compliance calendar.

    `once`: due `months` after designation, done on the profile date `done`. `every`: due
    `months` after the profile date `done` (else `done_else`); the first one, or one done
    before designation or before the law was in force, counts from designation. `rolling`:
    runs from an event (an incident, a change); `note` states the time limit.
    """

    id: Identifier
    title: LocalizedText
    reference: Annotated[str, Field(min_length=1, max_length=120)]
    confidence: CalendarBasis
    schedule: CalendarSchedule
    months: Annotated[int, Field(ge=1, le=120)] | None = None
    done: Identifier | None = None
    done_else: Identifier | None = None
    note: LocalizedText

    @model_validator(mode="after")
    def _fits_schedule(self) -> CalendarItem:
        if self.schedule == "rolling" and self.months is not None:
            raise ValueError("a rolling item has no months: its note states the time limit")
        if self.schedule != "rolling" and self.months is None:
            raise ValueError(f"a '{self.schedule}' item needs months")
        if self.done_else is not None and self.schedule != "every":
            raise ValueError("done_else belongs to 'every' items")
        return self


class Calendar(_Strict):
    """The compliance calendar a questionnaire declares: which duties fall due, and when."""

    designated: Condition
    designation: Identifier
    in_force: dt.date
    note: LocalizedText
    items: Annotated[list[CalendarItem], Field(min_length=1)]


class Questionnaire(_Strict):
    """A whole questionnaire file, normalised."""

    id: Identifier
    version: Annotated[str, Field(pattern=r"^\d+\.\d+(\.\d+)?$")]
    title: LocalizedText
    description: LocalizedText
    disclaimer: LocalizedText
    sources: Annotated[list[Source], Field(min_length=1)]
    scales: dict[Identifier, Scale] = {}
    profile: list[ProfileQuestion] = []
    sections: Annotated[list[Section], Field(min_length=1)]
    calendar: Calendar | None = None

    @cached_property
    def questions(self) -> dict[str, Question]:
        """Every question by id, in questionnaire order."""
        return {q.id: q for section in self.sections for q in section.questions}

    @cached_property
    def profile_questions(self) -> dict[str, ProfileQuestion]:
        """Every profile question by id."""
        return {p.id: p for p in self.profile}

    def section_of(self, question_id: str) -> Section:
        """The section holding `question_id`."""
        for section in self.sections:
            if any(q.id == question_id for q in section.questions):
                return section
        raise KeyError(question_id)
