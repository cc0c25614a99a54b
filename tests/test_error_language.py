"""Errors people see exist in Chinese too: `text(language)`, and every raise site gives it.

Content problems (`ContentError`: `path:line: key: message` for questionnaire authors) stay in
English and are not checked here.
"""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import pytest

from cisec.errors import CisecError
from cisec.store import AssessmentFileError

ROOT = Path(__file__).resolve().parents[1] / "cisec"

# The modules whose errors reach the terminal UI (and the CLI).
CHECKED = [
    "services",
    "model/questionnaire.py",
    "store.py",
    "durable.py",
    "demo.py",
    "report",
    "scan",
    "workshop",
    "tui",
]

# English only on purpose: problems in questionnaires and exercise packs, for their authors.
ENGLISH_ONLY = {"ContentError"}


def _files(names: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in names:
        path = ROOT / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def _error_classes() -> tuple[set[str], set[str]]:
    """(names of CisecError and its subclasses in cisec, names of every other class in cisec)."""
    bases: dict[str, set[str]] = {}
    for file in _files(["."]):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(
                    base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
                    for base in node.bases
                )
    errors = {"CisecError"}
    grew = True
    while grew:
        found = {name for name, parents in bases.items() if parents & errors}
        grew = not found <= errors
        errors |= found
    return errors - ENGLISH_ONLY, set(bases) - errors


def _callee(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def _gives_next_step(call: ast.Call) -> bool:
    given = call.args[1] if len(call.args) > 1 else None
    for keyword in call.keywords:
        if keyword.arg == "next_step":
            given = keyword.value
    return given is not None and not (isinstance(given, ast.Constant) and given.value == "")


def _error_calls() -> list[tuple[str, ast.Call]]:
    """Every construction of a CisecError (or subclass) in the checked modules, with its place.

    A `raise name(...)` whose name is neither a class in cisec nor a built-in exception (a
    parameter such as durable's `error: type[CisecError]`) counts as one too.
    """
    errors, others = _error_classes()
    known_others = others | {name for name in dir(builtins) if name[0].isupper()}
    calls: list[tuple[str, ast.Call]] = []
    for file in _files(CHECKED):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        raised = {
            id(node.exc)
            for node in ast.walk(tree)
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _callee(node)
            unknown = (
                id(node) in raised
                and isinstance(node.func, ast.Name)
                and name not in known_others
                and name not in ENGLISH_ONLY
            )
            if name in errors or unknown:
                calls.append((f"{file.relative_to(ROOT.parent)}:{node.lineno}", node))
    return calls


def test_every_error_raised_in_the_checked_modules_has_chinese() -> None:
    calls = _error_calls()
    assert len(calls) >= 50, "the walk no longer finds the raise sites"
    missing = [
        place
        for place, call in calls
        if not any(keyword.arg == "message_zh" for keyword in call.keywords)
    ]
    assert not missing, "CisecError without message_zh at:\n" + "\n".join(missing)


def test_every_next_step_has_chinese() -> None:
    missing = [
        place
        for place, call in _error_calls()
        if _gives_next_step(call)
        and not any(keyword.arg == "next_step_zh" for keyword in call.keywords)
    ]
    assert not missing, "a next step without next_step_zh at:\n" + "\n".join(missing)


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


def test_content_errors_stay_english() -> None:
    errors, _ = _error_classes()
    assert "ContentError" not in errors
    assert {"CisecError", "AssessmentFileError", "AnswersFileError"} <= errors
