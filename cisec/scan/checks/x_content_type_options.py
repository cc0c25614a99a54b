"""Provides the X-Content-Type-Options test: only `nosniff` is valid."""

from __future__ import annotations

from typing import Literal, get_args

from cisec.scan.checks.evidence import Evidence, Outcome

NAME = "x-content-type-options"

Result = Literal[
    "x-content-type-options-nosniff",
    "x-content-type-options-header-invalid",
    "x-content-type-options-not-implemented",
]
POSSIBLE_RESULTS: tuple[str, ...] = get_args(Result)


def check(evidence: Evidence) -> Outcome:
    """The Observatory's `x-content-type-options` test."""
    response = evidence.response
    header = response.header("x-content-type-options") if response is not None else None
    result: Result
    if not header:
        result = "x-content-type-options-not-implemented"
    elif header[:256].strip().lower() == "nosniff":
        result = "x-content-type-options-nosniff"
    else:
        result = "x-content-type-options-header-invalid"
    data = {"value": header[:256]} if header else {}
    return Outcome(NAME, result, result == "x-content-type-options-nosniff", data)
