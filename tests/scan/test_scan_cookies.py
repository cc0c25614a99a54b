"""The cookies test: worst finding by the Observatory's fixed order, jar semantics."""

from __future__ import annotations

import pytest
from canned import evidence

from cisec.scan.checks import cookies

HSTS = ("Strict-Transport-Security", "max-age=31536000")


def result(*set_cookies: str, hsts: bool = False, https: bool = True) -> str:
    headers = [("Set-Cookie", line) for line in set_cookies]
    if hsts:
        headers.append(HSTS)
    return cookies.check(evidence(headers, https=https)).result


@pytest.mark.parametrize(
    ("lines", "hsts", "expected"),
    [
        ((), False, "cookies-not-found"),
        (
            ("a=1; Secure; SameSite=Lax",),
            False,
            "cookies-secure-with-httponly-sessions-and-samesite",
        ),
        (("a=1; Secure",), False, "cookies-secure-with-httponly-sessions"),
        (
            ("sessionid=1; Secure; HttpOnly; SameSite=Strict",),
            False,
            "cookies-secure-with-httponly-sessions-and-samesite",
        ),
        (("a=1",), True, "cookies-without-secure-flag-but-protected-by-hsts"),
        (("a=1",), False, "cookies-without-secure-flag"),
        (
            ("PHPSESSID=1; HttpOnly",),
            True,
            "cookies-session-without-secure-flag-but-protected-by-hsts",
        ),
        (("a=1; Secure; SameSite=Bogus",), False, "cookies-samesite-flag-invalid"),
        (("a=1; Secure; SameSite",), False, "cookies-samesite-flag-invalid"),
        (("a=1; SameSite=None",), True, "cookies-samesite-flag-invalid"),
        (("csrftoken=1; Secure",), False, "cookies-anticsrf-without-samesite-flag"),
        (("login=1; Secure; SameSite=Lax",), False, "cookies-session-without-httponly-flag"),
        (("sess=1; HttpOnly",), False, "cookies-session-without-secure-flag"),
        # Worst by the fixed order: session-without-secure beats everything.
        (("a=1", "csrf=1; Secure", "sessionid=1"), False, "cookies-session-without-secure-flag"),
        # samesite-invalid (-20) is worse in the order than session-without-secure-but-hsts (-10).
        (
            ("sessionid=1; HttpOnly; SameSite=Lax", "b=1; Secure; SameSite=x"),
            True,
            "cookies-samesite-flag-invalid",
        ),
        (("heroku-session-affinity=1",), False, "cookies-not-found"),
        (("novalue",), False, "cookies-not-found"),
        (("__Host-id=1; Path=/",), False, "cookies-not-found"),  # a jar rejects the bad prefix
    ],
)
def test_cookie_results(lines: tuple[str, ...], hsts: bool, expected: str) -> None:
    assert result(*lines, hsts=hsts) == expected


def test_cookie_set_twice_is_graded_once() -> None:
    assert (
        result("a=1", "a=2; Secure; SameSite=Lax")
        == "cookies-secure-with-httponly-sessions-and-samesite"
    )


def test_cookies_from_robots_txt_count() -> None:
    outcome = cookies.check(evidence([], robots=[("Set-Cookie", "sessionid=1")]))
    assert outcome.result == "cookies-session-without-secure-flag"


def test_foreign_domain_cookie_is_rejected() -> None:
    assert result("a=1; Domain=other.example") == "cookies-not-found"
    assert result("a=1; Domain=.example.com") == "cookies-without-secure-flag"
