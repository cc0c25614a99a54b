"""Loads exercise packs (questionnaires/exercises/*.yaml); every problem as path:line: key: message.

Beyond the types, a pack must hold together: model answers are options of their question,
explanations cite a declared source, questions released with an inject name one that exists,
and injects arrive in order within the exercise's duration.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cisec.content.catalogue import display, shipped_dir, user_data_dir
from cisec.content.loader import read_text
from cisec.content.problems import ContentError, ContentProblem
from cisec.content.schema_errors import problems_from_validation
from cisec.content.yaml_source import DataPath, YamlDocument, parse_yaml
from cisec.model.exercise import Exercise, ExerciseQuestion

EXERCISES_FOLDER = "exercises"
SCHEMA_FILE = "exercise.schema.json"


def shipped_exercises_dir() -> Path:
    """The exercise packs shipped with cisec."""
    return shipped_dir() / EXERCISES_FOLDER


def user_exercises_dir() -> Path:
    """Where a trainer puts packs of their own."""
    return user_data_dir() / EXERCISES_FOLDER


def exercise_files(folder: Path) -> list[Path]:
    """The pack files directly in `folder`."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("*.yaml") if path.is_file())


def parse_exercise(text: str, display_path: str) -> Exercise:
    """Parse and check one pack; ContentError lists every problem at once."""
    document = parse_yaml(text, display_path)
    try:
        exercise = Exercise.model_validate(document.data)
    except ValidationError as error:
        raise ContentError(problems_from_validation(error, document, Exercise)) from None
    problems = exercise_problems(exercise, document)
    if problems:
        raise ContentError(problems)
    return exercise


def load_exercise_file(path: Path) -> Exercise:
    """Load one pack file (cached while the file is unchanged)."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = -1.0
    return _load_cached(str(path), mtime)


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime: float) -> Exercise:
    shown = display(Path(path))
    return parse_exercise(read_text(Path(path), shown), shown)


def pack_hash(exercise: Exercise) -> str:
    """A stable fingerprint of the normalised pack (ignores layout and comments)."""
    canonical = exercise.model_dump_json(by_alias=True).encode("utf-8")
    return "sha256:" + hashlib.sha256(canonical).hexdigest()


@dataclass
class ExerciseCatalogue:
    """Every pack cisec can find, by id, and the problems met on the way."""

    packs: dict[str, Exercise] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    problems: list[ContentProblem] = field(default_factory=list)


def load_exercises(folders: Iterable[Path] | None = None) -> ExerciseCatalogue:
    """Load every pack in the shipped and the user's exercise folders (or `folders`)."""
    found = ExerciseCatalogue()
    chosen = folders if folders is not None else (shipped_exercises_dir(), user_exercises_dir())
    for folder in chosen:
        for path in exercise_files(folder):
            try:
                exercise = load_exercise_file(path)
            except ContentError as error:
                found.problems.extend(error.problems)
                continue
            if exercise.id in found.packs:
                first = display(found.paths[exercise.id])
                found.problems.append(
                    ContentProblem(
                        display(path), None, "id", f"'{exercise.id}' is already defined in {first}"
                    )
                )
                continue
            found.packs[exercise.id] = exercise
            found.paths[exercise.id] = path
    return found


def validate_exercise_folder(folder: Path | None = None) -> tuple[int, list[ContentProblem]]:
    """Check every pack in `folder` (default: the shipped packs); return files checked and problems.

    This is what `cisec validate` adds to its check of the shipped questionnaires.
    """
    chosen = folder if folder is not None else shipped_exercises_dir()
    return len(exercise_files(chosen)), load_exercises([chosen]).problems


def validate_exercise_files(paths: Iterable[Path]) -> tuple[int, list[ContentProblem]]:
    """Check the given pack files; return files checked and problems."""
    checked = 0
    problems: list[ContentProblem] = []
    for path in paths:
        checked += 1
        try:
            load_exercise_file(path)
        except ContentError as error:
            problems.extend(error.problems)
    return checked, problems


def is_exercise_path(path: Path) -> bool:
    """Whether a content file is an exercise pack (it lives in a folder named `exercises`)."""
    return path.parent.name == EXERCISES_FOLDER


# Integrity rules ----------------------------------------------------------------------------


def exercise_problems(exercise: Exercise, document: YamlDocument) -> list[ContentProblem]:
    """Every rule broken by an otherwise well-typed pack."""
    problems: list[ContentProblem] = []
    add = problems.append

    seen: dict[str, DataPath] = {}
    ids: list[tuple[DataPath, str]] = [
        *((("injects", index, "id"), inject.id) for index, inject in enumerate(exercise.injects)),
        *(
            (("questions", index, "id"), question.id)
            for index, question in enumerate(exercise.questions)
        ),
    ]
    for id_path, item_id in ids:
        if item_id in seen:
            first = document.line_of(seen[item_id])
            add(document.problem(id_path, f"id '{item_id}' is used twice (first at line {first})"))
        else:
            seen[item_id] = id_path

    previous_minute = 0
    for index, inject in enumerate(exercise.injects):
        path: DataPath = ("injects", index, "at_minute")
        if inject.at_minute > exercise.duration_minutes:
            add(
                document.problem(
                    path,
                    f"T+{inject.at_minute} is after the end of the exercise "
                    f"(duration_minutes: {exercise.duration_minutes})",
                )
            )
        if inject.at_minute < previous_minute:
            add(
                document.problem(
                    path,
                    f"injects must be in time order: T+{inject.at_minute} comes after "
                    f"T+{previous_minute}",
                )
            )
        previous_minute = max(previous_minute, inject.at_minute)

    prefixes: dict[str, re.Pattern[str] | None] = {}
    for index, source in enumerate(exercise.sources):
        pattern: re.Pattern[str] | None = None
        if source.clause_pattern is not None:
            try:
                pattern = re.compile(source.clause_pattern)
            except re.error as error:
                add(
                    document.problem(
                        ("sources", index, "clause_pattern"), f"not a valid pattern: {error}"
                    )
                )
        prefixes[source.cites] = pattern

    for index, question in enumerate(exercise.questions):
        path = ("questions", index)
        if (
            question.after_inject is not None
            and question.after_inject not in exercise.injects_by_id
        ):
            add(
                document.problem(
                    (*path, "after_inject"),
                    f"no inject '{question.after_inject}'"
                    f"{_did_you_mean(question.after_inject, list(exercise.injects_by_id))}",
                )
            )
        for answer_problem, key in _answer_problems(question):
            add(document.problem((*path, *key), answer_problem))
        for r_index, reference in enumerate(question.references):
            reference_problem = _reference_problem(reference, prefixes)
            if reference_problem:
                add(document.problem((*path, "references", r_index), reference_problem))
    return problems


def _answer_problems(question: ExerciseQuestion) -> list[tuple[str, DataPath]]:
    """What is wrong with a question's options and model answer, and where."""
    found: list[tuple[str, DataPath]] = []
    values = [option.value for option in question.options]
    repeated = sorted({value for value in values if values.count(value) > 1})
    if repeated:
        found.append((f"option values repeat: {', '.join(repeated)}", ("options",)))
    for a_index, value in enumerate(question.model_answer):
        if value not in values:
            found.append(
                (
                    f"'{value}' is not an option of this question ({', '.join(values)})"
                    f"{_did_you_mean(value, values)}",
                    ("model_answer", a_index)
                    if len(question.model_answer) > 1
                    else ("model_answer",),
                )
            )
    answer = question.model_answer
    if len(set(answer)) != len(answer):
        found.append(("the model answer names an option twice", ("model_answer",)))
    if question.kind == "single":
        if len(answer) != 1:
            found.append(
                (
                    f"a single-choice question has one model answer, not {len(answer)}",
                    ("model_answer",),
                )
            )
        if question.pick not in (None, 1):
            found.append(("pick belongs to multiple-choice questions", ("pick",)))
    elif question.kind == "multiple":
        if question.pick is not None:
            if question.pick > len(values):
                found.append(
                    (f"pick {question.pick} is more than the {len(values)} options", ("pick",))
                )
            elif len(answer) != question.pick:
                found.append(
                    (
                        f"the question asks for {question.pick} options but the model answer "
                        f"has {len(answer)}",
                        ("model_answer",),
                    )
                )
    else:
        if question.pick is not None:
            found.append(("a ranking orders every option: leave out pick", ("pick",)))
        if sorted(set(answer)) != sorted(set(values)) or len(answer) != len(values):
            found.append(
                ("a ranking's model answer orders every option exactly once", ("model_answer",))
            )
    return found


def _reference_problem(
    reference: str, prefixes: Mapping[str, re.Pattern[str] | None]
) -> str | None:
    for prefix in sorted(prefixes, key=len, reverse=True):
        if reference.startswith(prefix + " "):
            clause = reference[len(prefix) + 1 :].strip()
            if not clause:
                return f"reference '{reference}' names no clause"
            pattern = prefixes[prefix]
            if pattern is not None and not pattern.fullmatch(clause):
                return f"'{clause}' is not a clause of {prefix} (expected {pattern.pattern})"
            return None
    head = reference.rsplit(" ", 1)[0]
    return (
        f"reference '{reference}' cites no declared source"
        f"{_did_you_mean(head, list(prefixes))}: an explanation must cite one of the pack's sources"
    )


def _did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# JSON Schema ---------------------------------------------------------------------------------


def exercise_schema() -> dict[str, Any]:
    """The JSON Schema of a pack file (by YAML key names), for editors that validate as you type."""
    schema = Exercise.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://cisec.invalid/exercise.schema.json"
    return schema


def exercise_schema_text() -> str:
    """The schema as committed: sorted keys, two-space indent, final newline."""
    return json.dumps(exercise_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    """Write the schema beside the shipped packs (`python -m cisec.content.exercise [PATH]`)."""
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else shipped_exercises_dir() / SCHEMA_FILE
    target.write_text(exercise_schema_text(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
