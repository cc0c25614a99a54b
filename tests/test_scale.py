"""Parsing and validating an answer belong to its scale: one place for the CLI, the TUI, the store."""

from __future__ import annotations

import pytest

from cisec.errors import CisecError
from cisec.model.questionnaire import Scale

COUNT = Scale.model_validate({"type": "numeric", "integer": True, "minimum": 0, "maximum": 50})
DAY = Scale.model_validate({"type": "date", "allow_unknown": False})


@pytest.mark.parametrize(
    ("scale", "typed", "value"),
    [
        (COUNT, " 12 ", 12),
        (COUNT, "12.0", 12),
        (COUNT, "unknown", "unknown"),
        (DAY, "2026-01-01", "2026-01-01"),
    ],
)
def test_what_people_type_becomes_the_value_kept(scale: Scale, typed: str, value: object) -> None:
    assert scale.parse(typed, "q") == value
    assert scale.accepts(value)


@pytest.mark.parametrize(
    ("scale", "typed", "message"),
    [
        (COUNT, "3.5", "q takes a whole number, not 3.5."),
        (COUNT, "inf", "'inf' is not a number."),
        (COUNT, "51", "'51' is not a valid answer to q."),
        (COUNT, "na", "'na' is not a valid answer to q."),
        (DAY, "2026-02-30", "'2026-02-30' is not a valid answer to q."),
        (DAY, "unknown", "'unknown' is not a valid answer to q."),
    ],
)
def test_a_wrong_answer_says_what_the_scale_takes(scale: Scale, typed: str, message: str) -> None:
    with pytest.raises(CisecError) as caught:
        scale.parse(typed, "q")
    assert caught.value.message == message
    assert caught.value.next_step.startswith("q takes ")
    assert caught.value.text("zh-Hant")[1].startswith("q 須填")


def test_a_boolean_is_never_a_number() -> None:
    assert not COUNT.accepts(True)
