"""Provides the one error family for bad content: every problem as path:line: key: message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cisec.errors import CisecError


@dataclass(frozen=True, order=True)
class ContentProblem:
    """One thing wrong with a content file, pointing at where it is."""

    path: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class ContentError(CisecError):
    """Content that cannot be used, with every problem found in it."""

    def __init__(self, problems: Iterable[ContentProblem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.key, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return self.message


def dotted(path: tuple[str | int, ...]) -> str:
    """`('sections', 2, 'questions', 4, 'scale')` -> `sections[2].questions[4].scale`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text
