"""Where the report templates (HTML, CSS, fonts' stylesheet, images) are.

A module of its own so that the PDF engine, which fetches from this folder, does not load the
report's view model and Jinja2 to find it.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    """The report templates: inside the installed package, else the source tree."""
    installed = _PACKAGE_DIR / "report_templates"
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / "report_templates"
