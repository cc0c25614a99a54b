"""The services package is a face: short, re-exporting named modules, never imported back."""

from __future__ import annotations

import ast
from pathlib import Path

import cisec.services

SERVICES = Path(__file__).resolve().parents[1] / "cisec" / "services"
FACE = SERVICES / "__init__.py"


def imports_of(path: Path) -> list[str]:
    """Every module a file imports, with `from cisec import services` as `cisec.services`."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "cisec":
                found.extend(f"cisec.{alias.name}" for alias in node.names)
            else:
                found.append(node.module)
    return found


def test_the_face_is_short_and_holds_no_code() -> None:
    assert len(FACE.read_text(encoding="utf-8").splitlines()) <= 60
    tree = ast.parse(FACE.read_text(encoding="utf-8"))
    defined = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)]
    assert not defined, [n.name for n in defined]


def test_no_service_module_imports_the_face() -> None:
    back = {
        path.name
        for path in SERVICES.glob("*.py")
        if path != FACE and "cisec.services" in imports_of(path)
    }
    assert not back, sorted(back)


def test_every_name_the_face_promises_exists() -> None:
    missing = [name for name in cisec.services.__all__ if not hasattr(cisec.services, name)]
    assert not missing
