"""Provides the Referrer-Policy test: the last valid policy of the header and `<meta name=referrer>`."""

from __future__ import annotations

from typing import Literal, get_args

from cisec.scan.checks.evidence import Evidence, Outcome

NAME = "referrer-policy"

Result = Literal[
    "referrer-policy-private",
    "referrer-policy-not-implemented",
    "referrer-policy-unsafe",
    "referrer-policy-header-invalid",
]
POSSIBLE_RESULTS: tuple[str, ...] = get_args(Result)

PRIVATE = ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin")
UNSAFE = ("origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade")
VALID = frozenset(PRIVATE + UNSAFE)


def check(evidence: Evidence) -> Outcome:
    """The Observatory's `referrer-policy` test."""
    response = evidence.response
    if response is None:
        return Outcome(NAME, "referrer-policy-not-implemented", False, {})
    values = response.header_lines("referrer-policy")
    if evidence.page_is_html and evidence.page.referrer_meta is not None:
        values.append(evidence.page.referrer_meta)  # the meta tag comes last, so it wins
    if not values:
        return Outcome(NAME, "referrer-policy-not-implemented", True, {})
    joined = ", ".join(values)
    valid = [token.strip().lower() for token in joined.split(",") if token.strip().lower() in VALID]
    policy = valid[-1] if valid else ""
    result: Result
    if policy in PRIVATE:
        result = "referrer-policy-private"
    elif policy in UNSAFE:
        result = "referrer-policy-unsafe"
    else:
        result = "referrer-policy-header-invalid"
    return Outcome(NAME, result, result == "referrer-policy-private", {"value": joined[:1024]})
