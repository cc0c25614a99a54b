"""Provides the X-Frame-Options test; any CSP frame-ancestors directive takes its place."""

from __future__ import annotations

from typing import Literal, get_args

from cisec.scan.checks import csp
from cisec.scan.checks.evidence import Evidence, Outcome

NAME = "x-frame-options"

Result = Literal[
    "x-frame-options-implemented-via-csp",
    "x-frame-options-sameorigin-or-deny",
    "x-frame-options-allow-from-origin",
    "x-frame-options-not-implemented",
    "x-frame-options-header-invalid",
]
POSSIBLE_RESULTS: tuple[str, ...] = get_args(Result)

PASSING = frozenset(
    {
        "x-frame-options-implemented-via-csp",
        "x-frame-options-sameorigin-or-deny",
        "x-frame-options-allow-from-origin",
    }
)


def check(evidence: Evidence) -> Outcome:
    """The Observatory's `x-frame-options` test."""
    response = evidence.response
    if response is None:
        return Outcome(NAME, "x-frame-options-not-implemented", False, {})
    header = response.header("x-frame-options")
    result: Result
    data: dict[str, object] = {}
    if header:
        value = header[:1024].strip().lower()
        data["value"] = header[:1024]
        if value in ("deny", "sameorigin"):
            result = "x-frame-options-sameorigin-or-deny"
        elif value.startswith("allow-from"):
            result = "x-frame-options-allow-from-origin"
        else:
            result = "x-frame-options-header-invalid"
    else:
        result = "x-frame-options-not-implemented"
    directives = csp.analyse(evidence).directives
    if directives is not None and "frame-ancestors" in directives:
        result = "x-frame-options-implemented-via-csp"
    return Outcome(NAME, result, result in PASSING, data)
