"""Provides the exercise pack model: a scenario, timed injects and questions with model answers.

A pack is what a trainer runs in a workshop: the class reads the scenario, new facts (injects)
arrive at T+n minutes, and each participant or team answers questions whose model answer and
explanation are revealed in practice mode or in the debrief.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator

from cisec.model.questionnaire import OPTION_PATTERN, Identifier, OptionValue, Source
from cisec.model.text import LocalizedText

# single: one option; multiple: a set of options (`pick` of them when set); ranking: every
# option in order, most important first.
AnswerKind = Literal["single", "multiple", "ranking"]
Audience = Literal["operator", "data-centre", "sme", "general"]
Minutes = Annotated[int, Field(ge=0, le=24 * 60)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _as_list(value: object) -> object:
    # A single-choice model answer reads naturally as one value; keep one shape inside.
    return [value] if isinstance(value, str) else value


class ExerciseOption(_Strict):
    """One answer a participant can choose."""

    value: OptionValue
    label: LocalizedText


class Inject(_Strict):
    """A new fact released to the class at T+`at_minute`."""

    id: Identifier
    at_minute: Minutes
    title: LocalizedText
    text: LocalizedText


class ExerciseQuestion(_Strict):
    """A question of the exercise, released with the scenario or with an inject."""

    id: Identifier
    after_inject: Identifier | None = None
    text: LocalizedText
    kind: AnswerKind = "single"
    pick: Annotated[int, Field(ge=1, le=20)] | None = None
    options: Annotated[list[ExerciseOption], Field(min_length=2, max_length=20)]
    model_answer: Annotated[
        list[OptionValue],
        Field(min_length=1),
        # YAML may give a single-choice model answer as one value; the schema says so too.
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "pattern": OPTION_PATTERN},
                    {
                        "type": "array",
                        "items": {"type": "string", "pattern": OPTION_PATTERN},
                        "minItems": 1,
                    },
                ]
            }
        ),
    ]
    explanation: LocalizedText
    references: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=120)]], Field(min_length=1)
    ]
    discussion: list[LocalizedText] = []

    _one_or_many = field_validator("model_answer", mode="before")(_as_list)

    def option(self, value: str) -> ExerciseOption | None:
        """The option with `value`, if the question has it."""
        for option in self.options:
            if option.value == value:
                return option
        return None


class Exercise(_Strict):
    """A whole exercise pack file, normalised."""

    id: Identifier
    version: Annotated[str, Field(pattern=r"^\d+\.\d+(\.\d+)?$")]
    title: LocalizedText
    description: LocalizedText
    audience: Audience
    duration_minutes: Annotated[int, Field(ge=5, le=8 * 60)]
    disclaimer: LocalizedText
    sources: Annotated[list[Source], Field(min_length=1)]
    scenario: LocalizedText
    injects: list[Inject] = []
    questions: Annotated[list[ExerciseQuestion], Field(min_length=1)]

    @cached_property
    def questions_by_id(self) -> dict[str, ExerciseQuestion]:
        """Every question by id, in pack order."""
        return {question.id: question for question in self.questions}

    @cached_property
    def injects_by_id(self) -> dict[str, Inject]:
        """Every inject by id."""
        return {inject.id: inject for inject in self.injects}

    def released_at(self, question: ExerciseQuestion) -> int:
        """The minute a question becomes answerable (with the scenario, or with its inject)."""
        if question.after_inject is None:
            return 0
        inject = self.injects_by_id.get(question.after_inject)
        return inject.at_minute if inject is not None else 0
