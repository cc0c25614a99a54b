"""The SRI test over the page's scripts (registrable domain from the public suffix list)."""

from __future__ import annotations

import pytest
from canned import evidence

from cisec.scan.checks import sri

INTEGRITY = 'integrity="sha384-abc" crossorigin="anonymous"'


@pytest.mark.parametrize(
    ("scripts", "https", "expected"),
    [
        ("", True, "sri-not-implemented-but-no-scripts-loaded"),
        (
            "<script>alert(1)</script>",
            True,
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        ),
        (
            '<script src="/app.js"></script>',
            True,
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        ),
        (
            '<script src="https://cdn.example.com/a.js"></script>',
            True,
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        ),
        (
            f'<script src="/app.js" {INTEGRITY}></script>',
            True,
            "sri-implemented-and-all-scripts-loaded-securely",
        ),
        (
            f'<script src="https://cdn.other.org/a.js" {INTEGRITY}></script>',
            True,
            "sri-implemented-and-external-scripts-loaded-securely",
        ),
        (
            '<script src="https://cdn.other.org/a.js"></script>',
            True,
            "sri-not-implemented-but-external-scripts-loaded-securely",
        ),
        (
            f'<script src="http://cdn.other.org/a.js" {INTEGRITY}></script>',
            True,
            "sri-implemented-but-external-scripts-not-loaded-securely",
        ),
        (
            '<script src="http://cdn.other.org/a.js"></script>',
            True,
            "sri-not-implemented-and-external-scripts-not-loaded-securely",
        ),
        (
            '<script src="//cdn.other.org/a.js"></script>',
            True,
            "sri-not-implemented-and-external-scripts-not-loaded-securely",
        ),
        (
            '<script src="//example.com/a.js"></script>',
            True,
            "sri-not-implemented-and-external-scripts-not-loaded-securely",
        ),
        # The worst script wins.
        (
            '<script src="https://a.other.org/a.js"></script><script src="http://b.other.org/b.js"></script>',
            True,
            "sri-not-implemented-and-external-scripts-not-loaded-securely",
        ),
        # Registrable domain: a different site under the same public suffix is foreign.
        (
            '<script src="https://other.co.uk/a.js"></script>',
            True,
            "sri-not-implemented-but-external-scripts-loaded-securely",
        ),
    ],
)
def test_scripts(scripts: str, https: bool, expected: str) -> None:
    outcome = sri.check(evidence([], body=f"<html><head>{scripts}</head></html>", https=https))
    assert outcome.result == expected


def test_same_site_on_a_public_suffix() -> None:
    body = '<script src="https://static.shop.co.uk/a.js"></script>'
    assert sri.check(evidence([], body=body, host="www.shop.co.uk")).result == (
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
    )


def test_not_html() -> None:
    outcome = sri.check(evidence([], body="{}", content_type="application/json"))
    assert outcome.result == "sri-not-implemented-response-not-html"
    assert outcome.passed


def test_missing_content_type_is_read_as_html() -> None:
    body = '<script src="http://cdn.other.org/a.js"></script>'
    assert sri.check(evidence([], body=body, content_type=None)).result == (
        "sri-not-implemented-and-external-scripts-not-loaded-securely"
    )


def test_content_type_is_compared_as_sent() -> None:
    # The Observatory compares the media type case-sensitively, so TEXT/HTML is not HTML to it.
    body = '<script src="http://cdn.other.org/a.js"></script>'
    outcome = sri.check(evidence([], body=body, content_type="TEXT/HTML"))
    assert outcome.result == "sri-not-implemented-response-not-html"
