"""The two wording tables: one for the screens, one for documents. Each key once, both languages
filled, the same placeholders in both, and no sentence written twice under two names."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import string
from collections import defaultdict
from pathlib import Path

import pytest

import cisec
import cisec.tui
from cisec.tui import wording as tui_wording

PACKAGE = Path(cisec.__file__).parent

# Tables: (module file, table name). A dict literal silently keeps the last of two equal keys,
# so keys are counted in the source, not in the imported dict.
TABLES = [(PACKAGE / "tui" / "wording.py", "WORDS")]

# The same English word deliberately under two keys, because it plays two roles that Chinese
# words differently. Keep this list tiny: every other repeat is one string defined twice.
SAME_ENGLISH: set[frozenset[str]] = set()


def _table_node(path: Path, name: str) -> ast.Dict:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        target = None
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            target, value = node.target.id, node.value
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        if target == name and isinstance(value, ast.Dict):
            return value
    raise AssertionError(f"{path.name} has no dict literal {name}")


def _entries(path: Path, name: str) -> list[tuple[str, str, str]]:
    """(key, English, Chinese) in source order, keys as written."""
    entries = []
    for key, value in zip(
        _table_node(path, name).keys, _table_node(path, name).values, strict=True
    ):
        assert isinstance(key, ast.Constant), f"{path.name}: a key that is not a literal"
        pair = ast.literal_eval(value)
        assert isinstance(pair, tuple) and len(pair) == 2, f"{path.name}: {key.value} is not a pair"
        entries.append((key.value, *pair))
    return entries


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


@pytest.mark.parametrize(("path", "name"), TABLES, ids=lambda value: getattr(value, "name", value))
def test_keys_are_unique(path: Path, name: str) -> None:
    counts: dict[str, int] = defaultdict(int)
    for key, _, _ in _entries(path, name):
        counts[key] += 1
    assert [key for key, count in counts.items() if count > 1] == []


@pytest.mark.parametrize(("path", "name"), TABLES, ids=lambda value: getattr(value, "name", value))
def test_both_languages_are_filled_with_the_same_placeholders(path: Path, name: str) -> None:
    for key, english, chinese in _entries(path, name):
        assert isinstance(english, str) and english.strip(), f"{key}: no English"
        assert isinstance(chinese, str) and chinese.strip(), f"{key}: no Chinese"
        assert _fields(english) == _fields(chinese), f"{key}: placeholders differ"


@pytest.mark.parametrize(("path", "name"), TABLES, ids=lambda value: getattr(value, "name", value))
def test_no_string_is_defined_twice(path: Path, name: str) -> None:
    """Within one table (a screen and a document may well use the same word)."""
    by_text: dict[str, list[str]] = defaultdict(list)
    for key, english, _ in _entries(path, name):
        by_text[english].append(key)
    repeated = [
        keys for keys in by_text.values() if len(keys) > 1 and frozenset(keys) not in SAME_ENGLISH
    ]
    assert repeated == []


def test_the_exceptions_are_still_needed() -> None:
    keys = {key for path, name in TABLES for key, _, _ in _entries(path, name)}
    for pair in SAME_ENGLISH:
        assert pair <= keys, f"{sorted(pair)} is no longer in the tables: drop the exception"


def _defines(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def test_the_screens_have_one_wording_home() -> None:
    others = [
        path.relative_to(PACKAGE).as_posix()
        for path in sorted((PACKAGE / "tui").rglob("*.py"))
        if path.name != "wording.py" and _defines(path) & {"WORDS", "say"}
    ]
    assert others == []


def _tui_classes() -> list[type]:
    classes = []
    for info in pkgutil.walk_packages(cisec.tui.__path__, "cisec.tui."):
        module = importlib.import_module(info.name)
        classes += [
            value
            for _, value in inspect.getmembers(module, inspect.isclass)
            if value.__module__ == module.__name__
        ]
    return classes


def test_every_key_description_is_worded() -> None:
    """The key list (?) and the key bars show these through `say`: each must be a key."""
    missing = []
    for cls in _tui_classes():
        for binding in vars(cls).get("BINDINGS", []):
            description = getattr(binding, "description", "")
            if description and description not in tui_wording.WORDS:
                missing.append(f"{cls.__name__}: {binding.key} {description}")
        for _, wording in vars(cls).get("KEY_BAR", []):
            if wording not in tui_wording.WORDS:
                missing.append(f"{cls.__name__}: key bar {wording}")
    assert missing == []
