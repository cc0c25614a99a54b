"""Provides the bilingual explanations, fixes and snippets for tests, findings and errors (data/advice.yaml)."""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

import yaml

Language = Literal["en", "zh-Hant"]
LANGUAGES: tuple[Language, ...] = ("en", "zh-Hant")
SERVERS = ("nginx", "apache", "iis", "cloudflare")


@dataclass(frozen=True, slots=True)
class Fix:
    """What to do about one failed test or finding: why, what, how (per server), and hosted sites."""

    title: str
    why: str
    fix: str
    snippets: dict[str, str] = field(default_factory=dict)
    hosted: str = ""


@functools.lru_cache(maxsize=1)
def advice_data() -> dict[str, Any]:
    """The advice file, parsed once."""
    text = resources.files("cisec.scan").joinpath("data/advice.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


class _Blank(dict[str, str]):
    # A missing detail renders as '?' rather than failing on hostile or absent data.
    def __missing__(self, key: str) -> str:
        return "?"


def _fill(template: str, details: dict[str, str]) -> str:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    safe = _Blank({name: details[name] for name in names if name in details})
    return template.format_map(safe)


def result_reason(result: str, language: Language) -> str:
    """The one-line reason for an Observatory result."""
    entry = advice_data()["results"].get(result)
    return str(entry[language]) if entry else result


def test_fix(test: str, language: Language) -> Fix:
    """How to fix a failed Observatory test."""
    entry = advice_data()["tests"][test]
    return Fix(
        title=entry["title"][language],
        why=entry["why"][language],
        fix=entry["fix"][language],
        snippets=dict(entry.get("snippets", {})),
        hosted=advice_data()["hosted"][language],
    )


def test_title(test: str, language: Language) -> str:
    """The display title of an Observatory test."""
    return str(advice_data()["tests"][test]["title"][language])


def finding_text(kind: str, details: dict[str, str], language: Language) -> Fix:
    """The sentence and fix for an SME finding, with its details filled in."""
    entry = advice_data()["findings"][kind]
    return Fix(
        title=_fill(entry["title"][language], details),
        why="",
        fix=entry["fix"][language],
        snippets=dict(entry.get("snippets", {})),
        hosted=advice_data()["hosted"][language] if "snippets" in entry else "",
    )


def error_sentence(kind: str, details: dict[str, str], language: Language) -> str:
    """The plain sentence for why a site could not be scanned or graded."""
    entry = advice_data()["errors"].get(kind) or advice_data()["errors"]["other"]
    return _fill(entry[language], details)
