"""The core is headless: importing it never loads Textual, click, WeasyPrint or requests."""

from __future__ import annotations

import json
import subprocess
import sys

CORE = [
    "cisec.model",
    "cisec.content.catalogue",
    "cisec.scoring",
    "cisec.calendar",
    "cisec.store",
    "cisec.services",
    "cisec.demo",
]


def modules_after_import(*names: str) -> set[str]:
    code = (
        "import json, sys\n"
        + "".join(f"import {name}\n" for name in names)
        + "print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout))


def test_core_does_not_load_faces_or_heavy_libraries() -> None:
    loaded = modules_after_import(*CORE)
    for heavy in ("textual", "click", "weasyprint", "requests", "jinja2"):
        assert heavy not in loaded, f"importing the core loaded {heavy}"


def test_cli_entry_does_not_load_textual_or_pydantic_for_help() -> None:
    loaded = modules_after_import("cisec.cli")
    for heavy in ("textual", "weasyprint", "requests", "pydantic", "yaml"):
        assert heavy not in loaded, f"`cisec --help` would load {heavy}"
