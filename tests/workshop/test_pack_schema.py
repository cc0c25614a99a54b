"""The committed JSON Schema for packs is the one the model generates, and the packs meet it."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from cisec.content.exercise import (
    SCHEMA_FILE,
    exercise_files,
    exercise_schema,
    exercise_schema_text,
    shipped_exercises_dir,
)

COMMITTED = Path(__file__).resolve().parents[2] / "questionnaires" / "exercises" / SCHEMA_FILE


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == exercise_schema_text(), (
        "questionnaires/exercises/exercise.schema.json is stale: "
        "run `python -m cisec.content.exercise`"
    )


def test_shipped_packs_meet_the_schema_an_editor_sees() -> None:
    validator = jsonschema.Draft202012Validator(exercise_schema())
    for path in exercise_files(shipped_exercises_dir()):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        # YAML dates arrive as dates; the schema (like a YAML language server) sees text.
        for source in document["sources"]:
            source["as_of"] = str(source["as_of"])
        errors = [error.message for error in validator.iter_errors(document)]
        assert errors == [], path.name


def test_schema_forbids_unknown_keys() -> None:
    schema = exercise_schema()
    assert schema["$defs"]["ExerciseQuestion"]["additionalProperties"] is False
    assert schema["additionalProperties"] is False
