"""Provides the questionnaire use cases: the catalogue, one questionnaire, validating content."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cisec.content.catalogue import (
    Catalogue,
    display,
    load_catalogue,
    load_file,
    questionnaire_files,
    shipped_dir,
    user_questionnaires_dir,
)
from cisec.content.loader import content_hash
from cisec.content.problems import ContentError, ContentProblem
from cisec.errors import CisecError
from cisec.model.questionnaire import Questionnaire


def user_questionnaires_folder() -> Path:
    """The folder where the user's own questionnaires are found."""
    return user_questionnaires_dir()


def catalogue() -> Catalogue:
    """Every questionnaire cisec can find (shipped and the user's)."""
    return load_catalogue()


def get_questionnaire(questionnaire_id: str) -> Questionnaire:
    """One questionnaire by id; CisecError names the known ones."""
    found = catalogue()
    try:
        return found.get(questionnaire_id)
    except KeyError as error:
        raise CisecError(
            str(error.args[0]).capitalize() + ".",
            "See `cisec questionnaires`.",
            message_zh=f"找不到問卷 {questionnaire_id}。",
            next_step_zh="請以 `cisec questionnaires` 查看可用的問卷。",
        ) from None


def validate_paths(paths: list[Path]) -> tuple[int, list[ContentProblem]]:
    """Check questionnaire files and exercise packs (folders: every file in them).

    Return the number of files checked and every problem found.
    """
    from cisec.content.exercise import (
        EXERCISES_FOLDER,
        exercise_files,
        is_exercise_path,
        validate_exercise_files,
    )

    files: list[Path] = []
    problems: list[ContentProblem] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                exercise_files(path) if path.name == EXERCISES_FOLDER else questionnaire_files(path)
            )
        elif path.exists():
            files.append(path)
        else:
            problems.append(ContentProblem(str(path), None, "", "no such file or folder"))
    for path in files:
        if is_exercise_path(path) or _looks_like_pack(path):
            problems.extend(validate_exercise_files([path])[1])
            continue
        try:
            load_file(path)
        except ContentError as error:
            problems.extend(error.problems)
    return len(files), problems


def _looks_like_pack(path: Path) -> bool:
    # An exercise pack outside an `exercises` folder is known by its scenario, which no
    # questionnaire has.
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return any(line.startswith("scenario:") for line in handle)
    except OSError:
        return False


def validate_shipped() -> tuple[int, list[ContentProblem]]:
    """Check every shipped questionnaire (with the shared scales) and every shipped exercise pack."""
    from cisec.content.exercise import validate_exercise_folder

    found = load_catalogue([shipped_dir()])
    packs_checked, pack_problems = validate_exercise_folder()
    checked = len(questionnaire_files(shipped_dir())) + packs_checked
    return checked, [*found.problems, *pack_problems]


@dataclass(frozen=True)
class QuestionnaireSummary:
    """A line of the questionnaire list."""

    id: str
    version: str
    title: dict[str, str]
    questions: int
    path: str
    shipped: bool


def questionnaire_summaries() -> tuple[list[QuestionnaireSummary], list[ContentProblem]]:
    """Every questionnaire found, with any that failed to load reported as problems."""
    found = catalogue()
    shipped = shipped_dir().resolve()
    rows = [
        QuestionnaireSummary(
            id=q.id,
            version=q.version,
            title={"en": q.title.en, "zh-Hant": q.title.zh_hant},
            questions=len(q.questions),
            path=display(found.paths[q.id]),
            shipped=found.paths[q.id].resolve().parent == shipped,
        )
        for q in found.questionnaires.values()
    ]
    return rows, found.problems


def questionnaire_document(questionnaire: Questionnaire) -> dict[str, Any]:
    """The normalised questionnaire as plain JSON-ready data (aliases, no defaults dropped)."""
    document: dict[str, Any] = questionnaire.model_dump(mode="json", by_alias=True)
    document["content_hash"] = content_hash(questionnaire)
    return document
