"""Provides the Cross-Origin-Embedder-Policy test."""

from __future__ import annotations

from typing import Literal, get_args

from cisec.scan.checks.evidence import Evidence, Outcome
from cisec.scan.structured_field import item_token

NAME = "cross-origin-embedder-policy"

Result = Literal[
    "coep-not-implemented",
    "coep-implemented-with-require-corp",
    "coep-implemented-with-credentialless",
    "coep-implemented-with-unsafe-none",
    "coep-header-invalid",
]
POSSIBLE_RESULTS: tuple[str, ...] = get_args(Result)

_BY_TOKEN: dict[str, Result] = {
    "require-corp": "coep-implemented-with-require-corp",
    "credentialless": "coep-implemented-with-credentialless",
    "unsafe-none": "coep-implemented-with-unsafe-none",
}


def check(evidence: Evidence) -> Outcome:
    """The Observatory's `cross-origin-embedder-policy` test."""
    response = evidence.response
    lines = response.header_lines("cross-origin-embedder-policy") if response is not None else []
    result: Result = "coep-not-implemented"
    data: dict[str, object] = {}
    if len(lines) > 1:
        result = "coep-header-invalid"
    elif lines and lines[0]:
        value = lines[0][:1024].strip()
        data["value"] = value
        token = item_token(value)
        result = _BY_TOKEN.get(token or "", "coep-header-invalid")
    return Outcome(NAME, result, result != "coep-header-invalid", data)
