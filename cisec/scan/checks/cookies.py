"""Provides the cookies test: the worst problem among the site's cookies, by the Observatory's order."""

from __future__ import annotations

from typing import Literal, get_args

from cisec.scan.checks import hsts
from cisec.scan.checks.evidence import Evidence, Outcome

NAME = "cookies"

Result = Literal[
    "cookies-secure-with-httponly-sessions-and-samesite",
    "cookies-secure-with-httponly-sessions",
    "cookies-not-found",
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
]
POSSIBLE_RESULTS: tuple[str, ...] = get_args(Result)

# Best to worst. This is the Observatory's fixed order, deliberately not the modifier order.
WORSENING: tuple[Result, ...] = (
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
)
# See mozilla/http-observatory issue 282: Heroku's affinity cookie cannot be fixed by sites.
IGNORED = frozenset({"heroku-session-affinity"})
PASSING = frozenset(
    {
        "cookies-not-found",
        "cookies-secure-with-httponly-sessions-and-samesite",
        "cookies-secure-with-httponly-sessions",
    }
)


def is_session_cookie(name: str) -> bool:
    """The Observatory's heuristic: the name contains 'login' or 'sess'."""
    lowered = name.lower()
    return "login" in lowered or "sess" in lowered


def is_anticsrf_cookie(name: str) -> bool:
    """The Observatory's heuristic: the name contains 'csrf'."""
    return "csrf" in name.lower()


def raw_samesite_invalid(line: str) -> bool:
    """Whether a raw Set-Cookie line carries an empty or unknown SameSite value."""
    for part in line.strip().split(";"):
        pieces = part.strip().split("=")
        if pieces[0].strip().lower() == "samesite":
            value = pieces[1] if len(pieces) > 1 else ""
            if not value or value.strip().lower() not in ("lax", "strict", "none"):
                return True
    return False


def _worse(new: Result, old: Result | None) -> Result:
    if old is None or WORSENING.index(new) > WORSENING.index(old):
        return new
    return old


def check(evidence: Evidence) -> Outcome:
    """The Observatory's `cookies` test."""
    protected = hsts.check(evidence).passed
    result: Result | None = None
    response = evidence.response
    if response is not None and any(
        raw_samesite_invalid(line) for line in response.header_lines("set-cookie")
    ):
        result = "cookies-samesite-flag-invalid"
    cookies = [cookie for cookie in evidence.cookies if cookie.name not in IGNORED]
    if not cookies:
        return Outcome(NAME, "cookies-not-found", True, {})
    missing_samesite = False
    for cookie in cookies:
        session = is_session_cookie(cookie.name)
        anticsrf = is_anticsrf_cookie(cookie.name)
        if not cookie.secure and cookie.samesite == "none":
            result = _worse("cookies-samesite-flag-invalid", result)
        if not cookie.secure:
            result = _worse(
                "cookies-without-secure-flag-but-protected-by-hsts"
                if protected
                else "cookies-without-secure-flag",
                result,
            )
        if anticsrf and cookie.samesite is None:
            result = _worse("cookies-anticsrf-without-samesite-flag", result)
        if session and not cookie.secure:
            result = _worse(
                "cookies-session-without-secure-flag-but-protected-by-hsts"
                if protected
                else "cookies-session-without-secure-flag",
                result,
            )
        if session and not cookie.httponly:
            result = _worse("cookies-session-without-httponly-flag", result)
        if cookie.samesite is None:
            missing_samesite = True
    if result is None:
        result = (
            "cookies-secure-with-httponly-sessions"
            if missing_samesite
            else "cookies-secure-with-httponly-sessions-and-samesite"
        )
    data = {
        "cookies": {
            cookie.name: {
                "domain": cookie.domain,
                "path": cookie.path,
                "secure": cookie.secure,
                "httponly": cookie.httponly,
                "samesite": cookie.samesite,
            }
            for cookie in cookies[:100]
        }
    }
    return Outcome(NAME, result, result in PASSING, data)
