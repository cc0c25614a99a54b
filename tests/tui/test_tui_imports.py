"""The terminal UI talks only to services: it never imports the store, content or scoring."""

from __future__ import annotations

import ast
from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "cisec" / "tui"
ALLOWED = ("cisec.services", "cisec.model", "cisec.errors", "cisec.tui")


def type_checking_only(tree: ast.Module) -> set[ast.AST]:
    """Nodes under `if TYPE_CHECKING:` (names for annotations, never imported at run time)."""
    hidden: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            for child in node.body:
                hidden.update(ast.walk(child))
    return hidden


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = type_checking_only(tree)
    for node in ast.walk(tree):
        if node in hidden:
            continue
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
        for path in sorted(TUI.rglob("*.py"))
        for module in imported_modules(path)
        if module.startswith("cisec.") and not module.startswith(ALLOWED)
    }
    assert not wrong, sorted(wrong)
