"""The services package is a face: short, re-exporting named modules, never imported back."""

from __future__ import annotations

import ast
import subprocess
import sys
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


def test_the_face_is_short_and_holds_no_code_but_its_lookup() -> None:
    assert len(FACE.read_text(encoding="utf-8").splitlines()) <= 80
    tree = ast.parse(FACE.read_text(encoding="utf-8"))
    defined = [n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef)]
    assert defined == ["__getattr__"]


def test_the_face_loads_no_use_case_until_one_is_asked_for() -> None:
    script = (
        "import sys, cisec.services as services\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('cisec.services.'))\n"
        "assert not loaded, loaded\n"
        "assert services.open_session.__module__ == 'cisec.services.session'\n"
        "assert 'cisec.services.session' in sys.modules\n"
        "assert 'cisec.services.demo' not in sys.modules\n"
        "try:\n"
        "    services.no_such_use_case\n"
        "except AttributeError as error:\n"
        "    assert 'no_such_use_case' in str(error)\n"
        "else:\n"
        "    raise SystemExit('an unknown name was found')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_names_for_type_checkers_are_the_names_looked_up() -> None:
    tree = ast.parse(FACE.read_text(encoding="utf-8"))
    checked = {
        (node.module, alias.name)
        for branch in tree.body
        if isinstance(branch, ast.If)
        for node in branch.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    homes = {(module, name) for module, names in cisec.services._HOMES.items() for name in names}
    assert checked == homes


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
