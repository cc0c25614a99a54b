"""Checks of OSCAL documents: NIST's JSON Schemas, and the references the schemas cannot see."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "oscal"
SCHEMA_FILES = {
    "assessment-results": "oscal_assessment-results_schema-1.1.3.json",
    "plan-of-action-and-milestones": "oscal_poam_schema-1.1.3.json",
}
# Keys whose values name a UUID defined elsewhere in the document.
REFERENCE_KEYS = {
    "observation-uuid",
    "finding-uuid",
    "risk-uuid",
    "response-uuid",
    "actor-uuid",
    "party-uuid",
    "party-uuids",
    "subject-uuid",
}


@cache
def validator(model: str) -> Draft7Validator:
    """A validator for one OSCAL model, with the `\\p{..}` classes Python's re lacks rewritten."""
    text = (SCHEMAS / SCHEMA_FILES[model]).read_text(encoding="utf-8")
    # In the JSON text a pattern's backslash is escaped, hence the doubled ones here.
    text = text.replace("\\\\p{L}", "[^\\\\W\\\\d_]").replace("\\\\p{N}", "\\\\d")
    return Draft7Validator(json.loads(text))


def schema_errors(document: dict[str, Any]) -> list[str]:
    """Every way `document` breaks its model's schema, as path: message."""
    (model,) = document
    return [
        f"{'/'.join(str(part) for part in error.absolute_path)}: {error.message}"
        for error in validator(model).iter_errors(document)
    ]


def walk(node: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair anywhere in `node`."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def defined_uuids(document: dict[str, Any]) -> list[str]:
    return [value for key, value in walk(document) if key == "uuid"]


def dangling_references(document: dict[str, Any]) -> list[str]:
    """Every UUID reference (and `#uuid` href) that names nothing in the document."""
    defined = set(defined_uuids(document))
    missing = []
    for key, value in walk(document):
        if key in REFERENCE_KEYS:
            for reference in value if isinstance(value, list) else [value]:
                if reference not in defined:
                    missing.append(f"{key}: {reference}")
        local = key == "href" and isinstance(value, str) and value.startswith("#")
        if local and value[1:] not in defined:
            missing.append(f"href: {value}")
        if key == "role-id" and value not in _role_ids(document):
            missing.append(f"role-id: {value}")
    return missing


def _role_ids(document: dict[str, Any]) -> set[str]:
    (body,) = document.values()
    return {role["id"] for role in body["metadata"].get("roles", [])}
