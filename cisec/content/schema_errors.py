"""Turns pydantic validation errors into content problems that point at file:line and key."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from cisec.content.problems import ContentProblem
from cisec.content.yaml_source import DataPath, YamlDocument

_YAML_BOOL_HINT = " (YAML reads a bare yes/no/on/off as true/false: quote it, e.g. 'yes')"


def problems_from_validation(
    error: ValidationError, document: YamlDocument, root: type[BaseModel]
) -> list[ContentProblem]:
    """Every error of `error`, one problem per key, with 'did you mean' for misspelt keys."""
    messages: dict[DataPath, list[str]] = {}
    for item in error.errors(include_url=False):
        path = _data_path(document.data, item["loc"])
        message = _message(item, path, root, document)
        bucket = messages.setdefault(path, [])
        if message not in bucket:
            bucket.append(message)
    return [document.problem(path, "; or ".join(found)) for path, found in messages.items()]


def _data_path(data: Any, loc: tuple[int | str, ...]) -> DataPath:
    """The part of a pydantic location that names real keys (drops union member names)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        found, child = _child(node, part)
        if found:
            node = child
        elif isinstance(node, dict) and isinstance(part, str) and not path_is_union(part):
            # An unknown or missing key: keep it so the message names it.
            path.append(part)
            break
        else:
            continue
        path.append(part)
    return tuple(path)


def _child(node: Any, part: int | str) -> tuple[bool, Any]:
    if isinstance(node, dict) and part in node:
        return True, node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, None


def path_is_union(part: str) -> bool:
    """Whether a location part is pydantic's name for a union member, not a key."""
    return part in {"str", "float", "int", "bool", "list[str]", "list[float]"} or "[" in part


def _message(item: Any, path: DataPath, root: type[BaseModel], document: YamlDocument) -> str:
    kind = item["type"]
    given = item.get("input")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(root, path[:-1])
        close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
        suggestion = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown key{suggestion}"
    if kind == "missing":
        return "is required"
    text = str(item["msg"])
    text = text.removeprefix("Value error, ")
    if text[:1].isupper() and text[1:2].islower():
        text = text[0].lower() + text[1:]
    if isinstance(given, bool) and kind in {
        "string_type",
        "literal_error",
        "string_pattern_mismatch",
    }:
        text += _YAML_BOOL_HINT
    if kind == "string_pattern_mismatch" and path and path[-1] == "id":
        return f"'{given}' is not a valid id (lower-case letters and digits, joined by - _ or ., e.g. cat1.hk-office)"
    if kind in {"model_type", "model_attributes_type"} and not path:
        return "the file must be a mapping of keys (id, version, title, sections, …)"
    if kind.endswith(("_type", "_parsing")):
        shown = type(given).__name__ if isinstance(given, dict | list) else repr(given)
        text += f", got {shown}"
    return text


def _allowed_keys(root: type[BaseModel], path: DataPath) -> list[str]:
    """The keys the model accepts at `path` (for suggestions)."""
    current: Any = root
    for part in path:
        current = _step(current, part)
        if current is None:
            return []
    model = _model_in(current)
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _step(annotation: Any, part: str | int) -> Any:
    model = _model_in(annotation)
    if model is not None and isinstance(part, str):
        for name, info in model.model_fields.items():
            if part in (name, info.alias):
                return info.annotation
        return None
    for candidate in _members(annotation):
        origin = typing.get_origin(candidate)
        args = typing.get_args(candidate)
        if isinstance(part, int) and origin is list and args:
            return args[0]
        if isinstance(part, str) and origin is dict and len(args) == 2:
            return args[1]
    return None


def _members(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [annotation]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    for member in _members(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel):
            return member
    return None
