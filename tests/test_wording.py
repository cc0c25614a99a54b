"""The wording tables: one for the screens, one for the classroom pages, one for documents. Each key once, both languages
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
from cisec import wording as document_wording
from cisec.tui import wording as tui_wording
from cisec.web import wording as web_wording

PACKAGE = Path(cisec.__file__).parent

# Tables: (module file, table name). A dict literal silently keeps the last of two equal keys,
# so keys are counted in the source, not in the imported dict.
TABLES = [
    (PACKAGE / "tui" / "wording.py", "WORDS"),
    (PACKAGE / "web" / "wording.py", "WORDS"),
    (PACKAGE / "wording.py", "WORDS"),
]

# The same English word deliberately under two keys, because it plays two roles that Chinese
# words differently. Keep this list tiny: every other repeat is one string defined twice.
SAME_ENGLISH = {
    # A gap report's score is a rating (評分), a scanned site's Observatory points (分數), a
    # workshop participant's marks (得分): three facts that Chinese names apart.
    frozenset({"report.col_score", "scan.col_score", "debrief.score"}),
    # Assessments are 回答 (replied to), exercises 作答 (answered, as in a test) throughout.
    frozenset({"report.col_answered", "debrief.answered"}),
    # A duty's status is how it stands (狀況); a merged file's is the state it ended in (狀態).
    frozenset({"report.calendar_status", "debrief.status"}),
    # To open a file (開啟) and a plan item still open, its work not started (未處理).
    frozenset({"key.open.short", "plan.status.open"}),
}


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


def _cjk(text: object) -> bool:
    return isinstance(text, str) and any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _bilingual_tables(path: Path) -> list[str]:
    """Module-level dicts of (English, Chinese) pairs: wording tables, wherever they hide."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if not isinstance(value, ast.Dict) or not value.values:
            continue
        pairs = [v for v in value.values if isinstance(v, ast.Tuple) and len(v.elts) == 2]
        if pairs and any(_cjk(getattr(v.elts[1], "value", None)) for v in pairs):
            found.append(f"{path.relative_to(PACKAGE).as_posix()}:{node.lineno}")
    return found


def test_one_wording_home_per_reader() -> None:
    """Every bilingual table is one of three: the screens', the classroom pages' or the
    documents'."""
    homes = {PACKAGE / "tui" / "wording.py", PACKAGE / "web" / "wording.py", PACKAGE / "wording.py"}
    tables = [
        where
        for path in sorted(PACKAGE.rglob("*.py"))
        if path not in homes
        for where in _bilingual_tables(path)
    ]
    assert tables == []


def _literal_keys(path: Path) -> list[tuple[int, str]]:
    """The wording keys a module names literally in `say(...)` calls."""
    keys = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        first = node.args[0]
        options = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
        if name == "say":
            keys += [(node.lineno, o.value) for o in options if isinstance(o, ast.Constant)]
    return keys


def test_every_key_said_exists() -> None:
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "tui" in path.parts:
            table = tui_wording.WORDS
        elif "web" in path.parts:
            table = web_wording.WORDS
        else:
            table = document_wording.WORDS
        for line, key in _literal_keys(path):
            if key not in table:
                missing.append(f"{path.name}:{line}: {key}")
    assert missing == []


def test_labels_of_each_document_do_not_collide() -> None:
    phrases = document_wording.Phrases(("en", "zh-Hant"))
    for document in ("report", "scan", "debrief"):
        labels = phrases.labels(document)
        assert "sources" in labels or document == "scan"
        assert all(words for words in labels.values())


def test_an_answer_reads_the_same_in_every_document() -> None:
    """One function words an answer: the report, the JSON export and the summary screen."""
    from cisec.model.assessment import Answer
    from cisec.model.questionnaire import Scale
    from cisec.model.text import LocalizedText

    days = Scale(type="numeric", unit=LocalizedText(en="days", zh_hant="日"))
    answer = Answer(value=45.0)
    assert document_wording.answer_text(days, answer, "en") == "45 days"
    assert document_wording.answer_text(days, answer, "zh-Hant") == "45日"
    assert document_wording.answer_text(days, Answer(value="unknown"), "en") == "Unknown"
    assert document_wording.answer_text(days, Answer(value="na"), "zh-Hant") == "不適用"
    assert document_wording.answer_text(days, None, "en") is None
