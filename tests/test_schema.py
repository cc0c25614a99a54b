"""The committed JSON Schema is the one the model generates."""

from __future__ import annotations

import json
from pathlib import Path

from cisec.content.schema import SCHEMA_FILE, questionnaire_schema, schema_text

COMMITTED = Path(__file__).parent.parent / "questionnaires" / SCHEMA_FILE


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "questionnaires/questionnaire.schema.json is stale: run `python -m cisec.content.schema`"
    )


def test_schema_forbids_unknown_keys_and_names_yaml_keys() -> None:
    schema = questionnaire_schema()
    question = schema["$defs"]["Question"]
    assert question["additionalProperties"] is False
    text = json.dumps(schema)
    assert '"zh-Hant"' in text and '"zh_hant"' not in text


def test_shipped_questionnaires_meet_the_schema_an_editor_sees() -> None:
    import jsonschema
    import yaml

    validator = jsonschema.Draft202012Validator(questionnaire_schema())
    for path in sorted(COMMITTED.parent.glob("*.yaml")):
        if path.name == "scales.yaml":
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        # YAML dates arrive as dates; the schema (like a YAML language server) sees text.
        for source in document["sources"]:
            source["as_of"] = str(source["as_of"])
        if "calendar" in document:
            document["calendar"]["in_force"] = str(document["calendar"]["in_force"])
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
        assert errors == [], f"{path.name}: {errors[:3]}"
