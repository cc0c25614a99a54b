"""Provides the Subresource Integrity test over the page's `<script src>` elements."""

from __future__ import annotations

import re
from typing import Literal, get_args
from urllib.parse import urlsplit

from cisec.scan.checks.evidence import Evidence, Outcome
from cisec.scan.domain import registrable_domain

NAME = "subresource-integrity"

Result = Literal[
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-not-implemented-response-not-html",
    "sri-not-implemented-but-no-scripts-loaded",
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
    "sri-not-implemented-but-external-scripts-loaded-securely",
    "sri-implemented-but-external-scripts-not-loaded-securely",
    "sri-not-implemented-and-external-scripts-not-loaded-securely",
    "html-not-parseable",
]
POSSIBLE_RESULTS: tuple[str, ...] = get_args(Result)

# Best to worst, for keeping the worst script's result.
WORSENING: tuple[Result, ...] = (
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-implemented-but-external-scripts-not-loaded-securely",
    "sri-not-implemented-but-external-scripts-loaded-securely",
    "sri-not-implemented-and-external-scripts-not-loaded-securely",
    "sri-not-implemented-response-not-html",
)
PASSING = frozenset(
    {
        "sri-implemented-and-all-scripts-loaded-securely",
        "sri-implemented-and-external-scripts-loaded-securely",
        "sri-not-implemented-response-not-html",
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        "sri-not-implemented-but-no-scripts-loaded",
    }
)
_PROTOCOL_RELATIVE = re.compile(r"^//[^/]")
_FULL_URL = re.compile(r"^https?://", re.IGNORECASE)


def _worse(new: Result, old: Result | None) -> Result:
    if old is None or WORSENING.index(new) > WORSENING.index(old):
        return new
    return old


def check(evidence: Evidence) -> Outcome:
    """The Observatory's `subresource-integrity` test."""
    response = evidence.response
    if response is None:
        return Outcome(NAME, "sri-not-implemented-but-no-scripts-loaded", True, {})
    if response.declared_type and not evidence.page_is_html:
        return Outcome(NAME, "sri-not-implemented-response-not-html", True, {})
    site_domain = registrable_domain(evidence.snapshot.host)
    https = evidence.snapshot.auto_is_https
    result: Result | None = None
    foreign = False
    external: dict[str, dict[str, str | None]] = {}
    for script in evidence.page.scripts:
        if not script.src:
            continue
        integrity = script.integrity or None
        relative_origin = relative_protocol = False
        scheme: str | None = None
        if _PROTOCOL_RELATIVE.match(script.src):
            relative_protocol = True
            same_domain = True
        elif _FULL_URL.match(script.src):
            parts = urlsplit(script.src)
            scheme = parts.scheme.lower()
            same_domain = registrable_domain(parts.hostname or "") == site_domain
        else:
            relative_origin = True
            same_domain = True
        secure_origin = relative_origin or (same_domain and not relative_protocol)
        if not secure_origin:
            foreign = True
        secure_scheme = scheme == "https" or (relative_origin and https)
        if not secure_origin:
            if len(external) < 100:
                external[script.src[:1024]] = {
                    "integrity": integrity,
                    "crossorigin": script.crossorigin,
                }
            if integrity and not secure_scheme:
                result = _worse("sri-implemented-but-external-scripts-not-loaded-securely", result)
            elif not integrity and secure_scheme:
                result = _worse("sri-not-implemented-but-external-scripts-loaded-securely", result)
            elif not integrity:
                result = _worse(
                    "sri-not-implemented-and-external-scripts-not-loaded-securely", result
                )
        elif integrity and secure_scheme and result is None:
            # The Observatory grants the bonus even for SRI on same-origin scripts.
            result = "sri-implemented-and-all-scripts-loaded-securely"
    if not evidence.page.scripts:
        result = "sri-not-implemented-but-no-scripts-loaded"
    elif result is None:
        result = (
            "sri-implemented-and-external-scripts-loaded-securely"
            if foreign
            else "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
        )
    return Outcome(NAME, result, result in PASSING, {"scripts": external} if external else {})
