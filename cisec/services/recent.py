"""Remembers the assessments a person opened before, and their interface language.

The list lives in `recent.json` in the user's cisec folder, is written atomically, and is
only a convenience: a missing or damaged file means an empty list, never an error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cisec.content.catalogue import user_data_dir
from cisec.model.plan import PlanItem
from cisec.model.text import LANGUAGES, Language

RECENT_FILE = "recent.json"
MAX_RECENT = 20
SUFFIX = ".cisec.json"


@dataclass(frozen=True)
class RecentAssessment:
    """An assessment file a person can reopen from the home screen."""

    path: Path
    opened_at: dt.datetime | None
    exists: bool
    organisation: str = ""
    questionnaire: str = ""
    # Plan items past their due date and not done or risk-accepted (0 when unreadable).
    overdue: int = 0


# Reading the organisation for the list is a convenience: very large files are not opened.
_DESCRIBE_LIMIT = 2 * 1024 * 1024


def _overdue(plan: object, today: dt.date) -> int:
    """How many items of a file's `plan` are overdue; an item that does not read is skipped."""
    if not isinstance(plan, dict):
        return 0
    count = 0
    for item in plan.values():
        with contextlib.suppress(ValidationError):
            count += PlanItem.model_validate(item).is_overdue(today)
    return count


def _described(path: Path, opened_at: dt.datetime | None, today: dt.date) -> RecentAssessment:
    try:
        if path.stat().st_size > _DESCRIBE_LIMIT:
            return RecentAssessment(path, opened_at, True)
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return RecentAssessment(path, opened_at, False)
    except (OSError, ValueError):
        return RecentAssessment(path, opened_at, True)
    organisation = document.get("organisation", "") if isinstance(document, dict) else ""
    reference = document.get("questionnaire", {}) if isinstance(document, dict) else {}
    questionnaire = reference.get("id", "") if isinstance(reference, dict) else ""
    return RecentAssessment(
        path,
        opened_at,
        True,
        organisation if isinstance(organisation, str) else "",
        questionnaire if isinstance(questionnaire, str) else "",
        _overdue(document.get("plan") if isinstance(document, dict) else None, today),
    )


def data_folder() -> Path:
    """The user's cisec folder (new assessments go in its `assessments/` folder)."""
    return user_data_dir()


def recent_file() -> Path:
    """Where the list of recently opened assessments is kept."""
    return user_data_dir() / RECENT_FILE


def _read() -> dict[str, Any]:
    try:
        document = json.loads(recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return document if isinstance(document, dict) else {}


def _write(document: dict[str, Any]) -> None:
    path = recent_file()
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def recent_assessments(today: dt.date | None = None) -> list[RecentAssessment]:
    """Assessments opened before (newest first), then any others in the user's cisec folder;
    each with how many plan items are overdue on `today`."""
    today = today or dt.date.today()
    found: list[RecentAssessment] = []
    seen: set[Path] = set()
    entries = _read().get("recent", [])
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            continue
        path = Path(entry["path"])
        if path in seen:
            continue
        seen.add(path)
        opened: dt.datetime | None = None
        with contextlib.suppress(TypeError, ValueError):
            opened = dt.datetime.fromisoformat(entry.get("opened_at", ""))
        found.append(_described(path, opened, today))
    folder = user_data_dir()
    if folder.is_dir():
        others = sorted(
            (p for p in folder.rglob(f"*{SUFFIX}") if p.is_file()),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for path in others:
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found.append(_described(resolved, None, today))
    return found[:MAX_RECENT]


def remember_opened(path: Path, *, now: dt.datetime | None = None) -> None:
    """Put `path` at the top of the recent list (best effort: a read-only folder is not an error)."""
    resolved = path.resolve()
    moment = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    document = _read()
    entries = document.get("recent", [])
    kept = [
        entry
        for entry in (entries if isinstance(entries, list) else [])
        if isinstance(entry, dict) and entry.get("path") != str(resolved)
    ]
    document["recent"] = [{"path": str(resolved), "opened_at": moment.isoformat()}, *kept][
        :MAX_RECENT
    ]
    with contextlib.suppress(OSError):
        _write(document)


def preferred_language() -> Language | None:
    """The interface language chosen last time, if any."""
    value = _read().get("language")
    for language in LANGUAGES:
        if value == language:
            return language
    return None


def remember_language(language: Language) -> None:
    """Keep the interface language for next time (best effort)."""
    document = _read()
    document["language"] = language
    with contextlib.suppress(OSError):
        _write(document)


def default_assessment_path(questionnaire_id: str, today: dt.date) -> Path:
    """A free file name for a new assessment in the user's cisec folder."""
    folder = user_data_dir() / "assessments"
    stem = f"{questionnaire_id}-{today.isoformat()}"
    candidate = folder / f"{stem}{SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{SUFFIX}"
        number += 1
    return candidate
