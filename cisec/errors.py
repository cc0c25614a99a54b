"""Provides the one error family that faces show to people: a sentence and the next step."""

from __future__ import annotations


class CisecError(Exception):
    """A problem the user can act on; faces print it (CLI: stderr, exit 2; TUI: a modal)."""

    def __init__(self, message: str, next_step: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.next_step = next_step

    def __str__(self) -> str:
        return f"{self.message} {self.next_step}".strip()
