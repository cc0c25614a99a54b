"""The terminal UI talks only to services: it never imports the store, content or scoring."""

from __future__ import annotations

import ast
from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "cisec" / "tui"
ALLOWED = ("cisec.services", "cisec.model", "cisec.errors", "cisec.tui")
# The questionnaire walk and its frame; the scan and workshop screens carry their own checks.
CHECKED = [
    "app.py",
    "wording.py",
    "screens/base.py",
    "screens/dialogs.py",
    "screens/home.py",
    "screens/new.py",
    "screens/walk.py",
    "screens/summary.py",
    "widgets/card.py",
    "widgets/keybar.py",
    "widgets/sections.py",
]


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            if node.module == "cisec":
                found.update(f"cisec.{alias.name}" for alias in node.names)
    return found


def test_the_tui_imports_only_services_and_the_model() -> None:
    wrong = {
        f"{path.relative_to(TUI)}: {module}"
        for path in (TUI / name for name in CHECKED)
        for module in imported_modules(path)
        if module.startswith("cisec.") and not module.startswith(ALLOWED)
    }
    assert not wrong, sorted(wrong)
