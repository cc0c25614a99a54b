"""Generates the JSON Schema for questionnaire files from the model.

Regenerate the committed copy with `python -m cisec.content.schema` (a test fails when it is stale).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from cisec.model.questionnaire import Questionnaire

SCHEMA_FILE = "questionnaire.schema.json"


def questionnaire_schema() -> dict[str, Any]:
    """The JSON Schema of a questionnaire file (by YAML key names)."""
    schema = Questionnaire.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://cisec.invalid/questionnaire.schema.json"
    return schema


def schema_text() -> str:
    """The schema as committed: sorted keys, two-space indent, final newline."""
    return json.dumps(questionnaire_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    """Write the schema next to the shipped questionnaires."""
    from cisec.content.catalogue import shipped_dir

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else shipped_dir() / SCHEMA_FILE
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
