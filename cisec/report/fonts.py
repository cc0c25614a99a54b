"""Finds the Hong Kong CJK font the report names, and keeps characters it lacks from becoming boxes.

The report sets every language in Noto Sans CJK HK (Hong Kong glyph forms, and its own Latin).
WeasyPrint finds fonts through fontconfig; asking fontconfig the same question tells us which
file it will use, and that file's character map tells us which characters would otherwise
print as the empty box of a missing glyph. Those are written as their code point instead,
`[U+1F525]`, so a reader sees that something was there and what it was.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cisec.errors import CisecError

# In the order the stylesheet names them.
REPORT_FONT_FAMILIES = ("Noto Sans CJK HK", "Noto Sans HK")

# Characters that print nothing, so need no glyph: controls, formatting marks (zero-width
# joiners, soft hyphens) and variation selectors that follow an emoji.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class ReportFont:
    """The font file fontconfig gives for the report's family, and the characters it covers."""

    family: str
    path: Path
    coverage: frozenset[int]


@lru_cache(maxsize=1)
def report_font() -> ReportFont:
    """The installed report font; CisecError (with how to install it) when there is none."""
    for family in REPORT_FONT_FAMILIES:
        found = _fontconfig_match(family)
        if found is not None:
            return ReportFont(family, found, _coverage(found, family))
    raise CisecError(
        "The PDF report needs the Noto Sans CJK HK font, which is not installed.",
        "Install it with `make setup` (Debian/Ubuntu package fonts-noto-cjk).",
        message_zh="PDF 報告需要 Noto Sans CJK HK 字型，但電腦上未有安裝。",
        next_step_zh="請以 `make setup` 安裝（Debian/Ubuntu 套件 fonts-noto-cjk）。",
    )


def _fontconfig_match(family: str) -> Path | None:
    """The file fontconfig (WeasyPrint's font finder) uses for `family`, if it has that family.

    fontconfig always answers with some font; only an answer of the same family counts.
    """
    from cisec.report.engine import import_weasyprint

    import_weasyprint()
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    pattern = fontconfig.FcPatternCreate()
    try:
        fontconfig.FcPatternAddString(pattern, b"family", family.encode())
        fontconfig.FcConfigSubstitute(config, pattern, 0)  # FcMatchPattern
        fontconfig.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        match = fontconfig.FcFontMatch(config, pattern, result)
        if match == ffi.NULL:
            return None
        try:
            value = ffi.new("FcChar8 **")
            families = []
            index = 0
            while fontconfig.FcPatternGetString(match, b"family", index, value) == 0:
                families.append(ffi.string(value[0]).decode("utf-8", "replace"))
                index += 1
            if family not in families:
                return None
            if fontconfig.FcPatternGetString(match, b"file", 0, value) != 0:
                return None
            return Path(ffi.string(value[0]).decode("utf-8", "surrogateescape"))
        finally:
            fontconfig.FcPatternDestroy(match)
    finally:
        fontconfig.FcPatternDestroy(pattern)
        fontconfig.FcConfigDestroy(config)


def _coverage(path: Path, family: str) -> frozenset[int]:
    """The code points the face `family` in font file `path` (a collection or one font) maps."""
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() in (".ttc", ".otc"):
        collection = TTCollection(str(path), lazy=True)
        for font in collection.fonts:
            names = {
                record.toUnicode() for record in font["name"].names if record.nameID in (1, 16)
            }
            if family in names:
                return frozenset(font.getBestCmap())
        raise CisecError(
            f"{path} does not hold the {family} font it was found for.",
            message_zh=f"{path} 並不包含原應找到的 {family} 字型。",
        )
    return frozenset(TTFont(str(path), lazy=True).getBestCmap())


def replace_missing_glyphs(text: str, coverage: frozenset[int]) -> str:
    """`text` with every visible character the font lacks written as `[U+XXXX]`."""

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        code = ord(char)
        if code in coverage:
            return char
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES or _is_variation_selector(code):
            return char
        if unicodedata.category(char) == "Zs":
            return " "
        return f"[U+{code:04X}]"

    return _NON_ASCII.sub(replace, text)


def _is_variation_selector(code: int) -> bool:
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
