"""Provides the CORS test: does the page answer an unrelated origin's preflight with credentials."""

from __future__ import annotations

from typing import Literal, get_args

from cisec.scan.checks.evidence import Evidence, Outcome

NAME = "cross-origin-resource-sharing"

Result = Literal[
    "cross-origin-resource-sharing-not-implemented",
    "cross-origin-resource-sharing-implemented-with-public-access",
    "cross-origin-resource-sharing-implemented-with-restricted-access",
    "cross-origin-resource-sharing-implemented-with-universal-access",
]
POSSIBLE_RESULTS: tuple[str, ...] = get_args(Result)


def check(evidence: Evidence) -> Outcome:
    """The Observatory's `cross-origin-resource-sharing` test (on the OPTIONS response)."""
    response = evidence.snapshot.cors
    origin = evidence.snapshot.cors_origin
    allow_origin = response.header("access-control-allow-origin") if response else None
    result: Result = "cross-origin-resource-sharing-not-implemented"
    data: dict[str, object] = {}
    if response is not None and allow_origin:
        value = allow_origin[:256].strip().lower()
        data["value"] = value
        credentials = response.header("access-control-allow-credentials") or ""
        if value == "*":
            result = "cross-origin-resource-sharing-implemented-with-public-access"
        elif origin and allow_origin == origin and credentials.strip().lower() == "true":
            result = "cross-origin-resource-sharing-implemented-with-universal-access"
        else:
            result = "cross-origin-resource-sharing-implemented-with-restricted-access"
    passed = result != "cross-origin-resource-sharing-implemented-with-universal-access"
    return Outcome(NAME, result, passed, data)
