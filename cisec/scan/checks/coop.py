"""Provides the Cross-Origin-Opener-Policy test."""

from __future__ import annotations

from typing import Literal, get_args

from cisec.scan.checks.evidence import Evidence, Outcome
from cisec.scan.structured_field import item_token

NAME = "cross-origin-opener-policy"

Result = Literal[
    "coop-not-implemented",
    "coop-implemented-with-same-origin",
    "coop-implemented-with-same-origin-allow-popups",
    "coop-implemented-with-noopener-allow-popups",
    "coop-implemented-with-unsafe-none",
    "coop-header-invalid",
]
POSSIBLE_RESULTS: tuple[str, ...] = get_args(Result)

_BY_TOKEN: dict[str, Result] = {
    "same-origin": "coop-implemented-with-same-origin",
    "same-origin-allow-popups": "coop-implemented-with-same-origin-allow-popups",
    "noopener-allow-popups": "coop-implemented-with-noopener-allow-popups",
    "unsafe-none": "coop-implemented-with-unsafe-none",
}


def check(evidence: Evidence) -> Outcome:
    """The Observatory's `cross-origin-opener-policy` test."""
    response = evidence.response
    lines = response.header_lines("cross-origin-opener-policy") if response is not None else []
    result: Result = "coop-not-implemented"
    data: dict[str, object] = {}
    if len(lines) > 1:
        result = "coop-header-invalid"
    elif lines and lines[0]:
        value = lines[0][:1024].strip()
        data["value"] = value
        token = item_token(value)
        result = _BY_TOKEN.get(token or "", "coop-header-invalid")
    return Outcome(NAME, result, result != "coop-header-invalid", data)
