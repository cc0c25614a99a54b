"""Errors people see exist in Chinese too: `text(language)` gives them in the asked language."""

from __future__ import annotations

import pytest

from cisec.errors import CisecError
from cisec.store import AssessmentFileError


def test_text_gives_the_asked_language() -> None:
    error = CisecError(
        "It broke.", "Try again.", message_zh="出了問題。", next_step_zh="請再試一次。"
    )
    assert error.text("en") == ("It broke.", "Try again.")
    assert error.text("zh-Hant") == ("出了問題。", "請再試一次。")
    assert (error.message, error.next_step) == ("It broke.", "Try again.")
    assert str(error) == "It broke. Try again."


@pytest.mark.parametrize(
    ("error", "chinese"),
    [
        (CisecError("It broke.", "Try again."), ("It broke.", "Try again.")),
        (
            CisecError("It broke.", "Try again.", message_zh="出了問題。"),
            ("出了問題。", "Try again."),
        ),
        (CisecError("It broke.", next_step_zh="請再試一次。"), ("It broke.", "請再試一次。")),
        (
            AssessmentFileError("x: no such file.", message_zh="x：沒有這個檔案。"),
            ("x：沒有這個檔案。", ""),
        ),
    ],
)
def test_text_falls_back_to_english(error: CisecError, chinese: tuple[str, str]) -> None:
    assert error.text("zh-Hant") == chinese
    assert error.text("en") == (error.message, error.next_step)
