"""Provides the one error family that faces show to people: a sentence and the next step.

Each error is written in English and, where a person may meet it in the terminal UI, in
Traditional Chinese (Hong Kong) too (`message_zh`, `next_step_zh`); `text(language)` gives the
pair in the asked language, falling back to English. The CLI prints the English text.

Content problems (`ContentError`, cisec.content.problems) stay in English only: they are
`path:line: key: message` lines for questionnaire and exercise-pack authors, read beside the
YAML they point at.
"""

from __future__ import annotations


class CisecError(Exception):
    """A problem the user can act on; faces print it (CLI: stderr, exit 2; TUI: a modal)."""

    def __init__(
        self,
        message: str,
        next_step: str = "",
        *,
        message_zh: str = "",
        next_step_zh: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.next_step = next_step
        self.message_zh = message_zh
        self.next_step_zh = next_step_zh

    def text(self, language: str) -> tuple[str, str]:
        """(message, next step) in `language` ("en" or "zh-Hant"); English where no Chinese."""
        if language.startswith("zh"):
            return self.message_zh or self.message, self.next_step_zh or self.next_step
        return self.message, self.next_step

    def __str__(self) -> str:
        return f"{self.message} {self.next_step}".strip()
