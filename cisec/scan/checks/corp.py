"""Provides the Cross-Origin-Resource-Policy test."""

from __future__ import annotations

from typing import Literal, get_args

from cisec.scan.checks.evidence import Evidence, Outcome

NAME = "cross-origin-resource-policy"

Result = Literal[
    "corp-not-implemented",
    "corp-implemented-with-same-origin",
    "corp-implemented-with-same-site",
    "corp-implemented-with-cross-origin",
    "corp-header-invalid",
]
POSSIBLE_RESULTS: tuple[str, ...] = get_args(Result)

_BY_VALUE: dict[str, Result] = {
    "same-site": "corp-implemented-with-same-site",
    "same-origin": "corp-implemented-with-same-origin",
    "cross-origin": "corp-implemented-with-cross-origin",
}


def check(evidence: Evidence) -> Outcome:
    """The Observatory's `cross-origin-resource-policy` test (repeated headers are invalid)."""
    response = evidence.response
    header = response.header("cross-origin-resource-policy") if response is not None else None
    result: Result = "corp-not-implemented"
    data: dict[str, object] = {}
    if header:
        value = header[:256].strip().lower()
        data["value"] = value
        result = _BY_VALUE.get(value, "corp-header-invalid")
    return Outcome(NAME, result, result != "corp-header-invalid", data)
