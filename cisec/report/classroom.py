"""Renders the classroom's web pages (join, exercise, trainer's screen) from their view models.

The same renderer as the reports: autoescaped and strict, so a name typed at the join page
prints as the characters typed and a template typo fails the tests. The pages' own stylesheet
and script are served from the same folder, never from the internet.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from cisec.report.html import environment
from cisec.report.templates import templates_dir

FOLDER = "classroom"
ASSETS = ("classroom.css", "classroom.js")


def render(template: str, context: Mapping[str, Any]) -> str:
    """The page or fragment `classroom/<template>` rendered with `context`."""
    return environment().get_template(f"{FOLDER}/{template}").render(**context)


@lru_cache(maxsize=len(ASSETS))
def asset(name: str) -> bytes | None:
    """The bytes of one of the pages' assets; None for any other name (no paths are taken)."""
    if name not in ASSETS:
        return None
    return (templates_dir() / FOLDER / name).read_bytes()
