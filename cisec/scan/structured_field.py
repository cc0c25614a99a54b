"""Provides the RFC 8941 structured-field item parser that COOP and COEP values are read with.

Browsers parse these headers as an item and ignore a value that does not parse, so
`"same-origin"` (a string), `Same-Origin` (another token) and `same-origin, same-origin`
(two headers folded) are all invalid for the Observatory.
"""

from __future__ import annotations

import re
import string

_TOKEN_START = set(string.ascii_letters + "*")
_TOKEN_CHARS = set(string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~:/")
_KEY_START = set(string.ascii_lowercase + "*")
_KEY_CHARS = set(string.ascii_lowercase + string.digits + "_-.*")
_NUMBER = re.compile(r"-?\d{1,15}(\.\d{1,3})?")
_BYTES = re.compile(r":[A-Za-z0-9+/=]*:")


class _Invalid(ValueError):
    pass


def item_token(value: str) -> str | None:
    """The bare item of `value` when it parses as an item whose bare item is a token, else None.

    Parameters (such as `report-to="x"`) are parsed for validity and otherwise ignored.
    """
    text = value.lstrip(" ")
    try:
        bare, position = _bare_item(text, 0)
        position = _parameters(text, position)
    except _Invalid:
        return None
    if text[position:].lstrip(" "):
        return None
    return bare if isinstance(bare, _Token) else None


class _Token(str):
    __slots__ = ()


def _bare_item(text: str, position: int) -> tuple[object, int]:
    if position >= len(text):
        raise _Invalid("empty item")
    first = text[position]
    if first == "-" or first.isdigit():
        match = _NUMBER.match(text, position)
        if match is None:
            raise _Invalid("bad number")
        return match.group(0), match.end()
    if first == '"':
        return _string(text, position + 1)
    if first in _TOKEN_START:
        end = position + 1
        while end < len(text) and text[end] in _TOKEN_CHARS:
            end += 1
        return _Token(text[position:end]), end
    if first == ":":
        match = _BYTES.match(text, position)
        if match is None:
            raise _Invalid("bad byte sequence")
        return match.group(0), match.end()
    if first == "?":
        if text[position + 1 : position + 2] in ("0", "1"):
            return text[position + 1] == "1", position + 2
        raise _Invalid("bad boolean")
    raise _Invalid(f"unexpected {first!r}")


def _string(text: str, position: int) -> tuple[str, int]:
    characters: list[str] = []
    while position < len(text):
        character = text[position]
        position += 1
        if character == "\\":
            if position >= len(text) or text[position] not in '"\\':
                raise _Invalid("bad escape")
            characters.append(text[position])
            position += 1
        elif character == '"':
            return "".join(characters), position
        elif not " " <= character <= "~":
            raise _Invalid("bad character in string")
        else:
            characters.append(character)
    raise _Invalid("unterminated string")


def _parameters(text: str, position: int) -> int:
    while position < len(text) and text[position] == ";":
        position += 1
        while position < len(text) and text[position] == " ":
            position += 1
        if position >= len(text) or text[position] not in _KEY_START:
            raise _Invalid("bad parameter key")
        while position < len(text) and text[position] in _KEY_CHARS:
            position += 1
        if position < len(text) and text[position] == "=":
            _, position = _bare_item(text, position + 1)
    return position
