"""Finds and loads the shipped and the user's questionnaires."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cisec.content.loader import (
    SHARED_SCALES_FILE,
    parse_questionnaire,
    parse_scales,
    read_text,
)
from cisec.content.problems import ContentError, ContentProblem
from cisec.model.questionnaire import Questionnaire, Scale

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def shipped_dir() -> Path:
    """The questionnaires shipped with cisec: inside the installed package, else the source tree."""
    installed = _PACKAGE_DIR / "questionnaires"
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / "questionnaires"


def user_data_dir() -> Path:
    """The user's cisec folder (CISEC_DATA_DIR overrides the platform's user data folder)."""
    override = os.environ.get("CISEC_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("cisec", appauthor=False))


def user_questionnaires_dir() -> Path:
    """Where a user puts questionnaires of their own."""
    return user_data_dir() / "questionnaires"


def display(path: Path) -> str:
    """A path as shown in messages: relative to the working folder when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def questionnaire_files(folder: Path) -> list[Path]:
    """The questionnaire files directly in `folder` (not the shared scales, not exercises)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.yaml") if p.is_file() and p.name != SHARED_SCALES_FILE)


def shared_scales() -> dict[str, Scale]:
    """The shared scales shipped with cisec."""
    path = shipped_dir() / SHARED_SCALES_FILE
    return dict(_scales_cached(str(path), _mtime(path)))


@lru_cache(maxsize=8)
def _scales_cached(path: str, mtime: float) -> tuple[tuple[str, Scale], ...]:
    scales = parse_scales(read_text(Path(path), display(Path(path))), display(Path(path)))
    return tuple(scales.items())


def load_file(path: Path) -> Questionnaire:
    """Load one questionnaire file (cached while the file is unchanged)."""
    scales_file = shipped_dir() / SHARED_SCALES_FILE
    return _load_cached(str(path), _mtime(path), _mtime(scales_file))


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime: float, scales_mtime: float) -> Questionnaire:
    shown = display(Path(path))
    return parse_questionnaire(read_text(Path(path), shown), shown, shared_scales())


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


@dataclass
class Catalogue:
    """Every questionnaire cisec can find, by id, and the problems met on the way."""

    questionnaires: dict[str, Questionnaire] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    problems: list[ContentProblem] = field(default_factory=list)

    def get(self, questionnaire_id: str) -> Questionnaire:
        """The questionnaire `questionnaire_id`; KeyError says which ids exist."""
        try:
            return self.questionnaires[questionnaire_id]
        except KeyError:
            known = sorted(self.questionnaires)
            close = difflib.get_close_matches(questionnaire_id, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise KeyError(
                f"no questionnaire '{questionnaire_id}'{hint}; known: {', '.join(known) or 'none'}"
            ) from None


def load_catalogue(folders: Iterable[Path] | None = None) -> Catalogue:
    """Load every questionnaire in the shipped and user folders (or `folders`)."""
    catalogue = Catalogue()
    try:
        shared_scales()
    except ContentError as error:
        catalogue.problems.extend(error.problems)
        return catalogue
    for folder in folders if folders is not None else (shipped_dir(), user_questionnaires_dir()):
        for path in questionnaire_files(folder):
            try:
                questionnaire = load_file(path)
            except ContentError as error:
                catalogue.problems.extend(error.problems)
                continue
            if questionnaire.id in catalogue.questionnaires:
                first = display(catalogue.paths[questionnaire.id])
                catalogue.problems.append(
                    ContentProblem(
                        display(path),
                        None,
                        "id",
                        f"'{questionnaire.id}' is already defined in {first}",
                    )
                )
                continue
            catalogue.questionnaires[questionnaire.id] = questionnaire
            catalogue.paths[questionnaire.id] = path
    return catalogue
