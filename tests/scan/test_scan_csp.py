"""The CSP test against the spec's rules, with many policies."""

from __future__ import annotations

import pytest
from canned import evidence

from cisec.scan.checks import csp

CSP = "Content-Security-Policy"


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("default-src 'none'", "csp-implemented-with-no-unsafe-default-src-none"),
        ("default-src 'none'; img-src 'self'", "csp-implemented-with-no-unsafe-default-src-none"),
        ("default-src 'self'", "csp-implemented-with-no-unsafe"),
        ("default-src 'none' 'self'", "csp-implemented-with-no-unsafe"),
        ("DEFAULT-SRC 'SELF'", "csp-implemented-with-no-unsafe"),
        (
            "default-src 'self'; style-src 'self' 'unsafe-inline'",
            "csp-implemented-with-unsafe-inline-in-style-src-only",
        ),
        (
            "default-src 'self'; style-src https:",
            "csp-implemented-with-unsafe-inline-in-style-src-only",
        ),
        (
            "default-src 'self'; img-src http:",
            "csp-implemented-with-insecure-scheme-in-passive-content-only",
        ),
        (
            "default-src 'self'; media-src ftp://media.example.com",
            "csp-implemented-with-insecure-scheme-in-passive-content-only",
        ),
        ("default-src 'self'; script-src 'self' 'unsafe-eval'", "csp-implemented-with-unsafe-eval"),
        ("default-src 'self'; style-src 'self' 'unsafe-eval'", "csp-implemented-with-unsafe-eval"),
        (
            "default-src 'self'; script-src 'self' 'unsafe-inline'",
            "csp-implemented-with-unsafe-inline",
        ),
        ("default-src 'self'; script-src 'self' data:", "csp-implemented-with-unsafe-inline"),
        ("default-src *", "csp-implemented-with-unsafe-inline"),
        ("default-src 'self'; script-src https:", "csp-implemented-with-unsafe-inline"),
        ("default-src 'self'; object-src https://*", "csp-implemented-with-unsafe-inline"),
        ("script-src 'self'", "csp-implemented-with-unsafe-inline"),  # object-src falls back to *
        (
            "default-src 'self'; script-src http://cdn.example.com",
            "csp-implemented-with-insecure-scheme",
        ),
        (
            "default-src 'self'; report-uri http://report.example.com",
            "csp-implemented-with-insecure-scheme",
        ),
        (
            "default-src 'self'; script-src 'self' 'unsafe-inline' 'nonce-abc'",
            "csp-implemented-with-no-unsafe",
        ),
        (
            "default-src 'self'; script-src 'self' 'unsafe-inline' 'sha256-abc='",
            "csp-implemented-with-no-unsafe",
        ),
        (
            "default-src 'self'; script-src 'strict-dynamic' 'nonce-abc' https: 'unsafe-inline'",
            "csp-implemented-with-no-unsafe",
        ),
        ("default-src 'self'; script-src 'strict-dynamic' 'self'", "csp-header-invalid"),
        ("default-src 'self'; default-src 'none'", "csp-header-invalid"),
        ("img-s", "csp-header-invalid"),
        (
            "default-src 'self'; report-uri /a; report-uri /b",
            "csp-implemented-but-duplicate-directives",
        ),
        (
            "default-src 'self'; script-src",
            "csp-implemented-with-no-unsafe",
        ),  # empty -src is 'none'
    ],
)
def test_header_policies(policy: str, expected: str) -> None:
    outcome = csp.check(evidence([(CSP, policy)]))
    assert outcome.result == expected
    assert outcome.passed == (expected in csp.PASSING or expected.endswith("duplicate-directives"))


def test_no_policy_and_report_only() -> None:
    assert csp.check(evidence([])).result == "csp-not-implemented"
    report_only = [("Content-Security-Policy-Report-Only", "default-src 'none'")]
    assert csp.check(evidence(report_only)).result == "csp-not-implemented-but-reporting-enabled"


def test_insecure_schemes_count_only_on_https_sites() -> None:
    policy = [(CSP, "default-src 'self'; script-src http://cdn.example.com")]
    assert csp.check(evidence(policy, https=False)).result == "csp-implemented-with-no-unsafe"


def test_multiple_policies_are_intersected() -> None:
    # The second policy forbids 'unsafe-inline', so the effective script-src does not allow it.
    headers = [
        (CSP, "default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'"),
        (CSP, "default-src 'self'; script-src 'self'; object-src 'none'"),
    ]
    assert csp.check(evidence(headers)).result == "csp-implemented-with-no-unsafe"
    # Folded into one line by a comma, the same two policies intersect too; style-src has
    # no policy at all, so it falls back to *.
    folded = [(CSP, "script-src 'self' 'unsafe-inline'; object-src 'none', script-src 'self'")]
    assert csp.check(evidence(folded)).result == (
        "csp-implemented-with-unsafe-inline-in-style-src-only"
    )


def test_path_prefixes_survive_intersection() -> None:
    parsed = csp.parse_policies(
        [
            "script-src https://a.example/js/ https://b.example",
            "script-src https://a.example/js/app.js",
        ]
    )
    assert parsed.directives["script-src"] == {"https://a.example/js/app.js"}


def test_meta_policy_counts_but_not_its_frame_ancestors() -> None:
    body = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
    assert (
        csp.check(evidence([], body=body)).result
        == "csp-implemented-with-no-unsafe-default-src-none"
    )
    only_forbidden = (
        '<meta http-equiv="content-security-policy" content="frame-ancestors \'none\'">'
    )
    assert csp.check(evidence([], body=only_forbidden)).result == "csp-not-implemented"
    # Meta tags are read only from HTML responses.
    assert (
        csp.check(evidence([], body=body, content_type="text/plain")).result
        == "csp-not-implemented"
    )


def test_flags() -> None:
    outcome = csp.check(evidence([(CSP, "default-src 'self'; frame-ancestors 'none'")]))
    assert outcome.data["antiClickjacking"] is True
    assert outcome.data["insecureBaseUri"] is True  # base-uri defaults to *


# Further cases, grouped by the result the Observatory gives them.
CASES = {
    "csp-header-invalid": [
        "  ",
        "",
        "default-src 'none'; img-src 'self'; default-src 'none'",
        "default-src 'none'; script-src 'strict-dynamic'",
        "defa",
    ],
    "csp-implemented-with-unsafe-inline": [
        "default-src 'none'; script-src https://*",
        "script-src 'unsafe-inline'",
        "script-src ftp:",
        "default-src 'UNSAFE-INLINE'",
        "upgrade-insecure-requests",
        "script-src 'none'",
        "script-src https://mozilla.org https:",
        "default-src *; script-src *; object-src 'none'",
        "default-src 'none'; script-src 'none'; object-src *",
        "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'",
        "object-src https:; script-src 'none'",
    ],
    "csp-implemented-with-insecure-scheme": [
        "default-src http://mozilla.org",
        "default-src 'none'; script-src ftp://mozilla.org",
    ],
    "csp-implemented-with-insecure-scheme-in-passive-content-only": [
        "default-src 'self'; img-src ftp:",
        "default-src 'none'; img-src https:; media-src http://mozilla.org",
        "default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; style-src 'unsafe-inline'",
    ],
    "csp-implemented-with-unsafe-inline-in-style-src-only": [
        "object-src 'none'; script-src 'none'; style-src 'unsafe-inline'",
        "default-src 'unsafe-inline'; script-src https://mozilla.org",
        "default-src 'none';;; ;;;style-src 'self' 'unsafe-inline'",
        "default-src 'none'; style-src data:",
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-abc=' 'unsafe-inline'",
    ],
    "csp-implemented-with-no-unsafe": [
        "default-src https://mozilla.org;;; ;;;script-src 'none'",
        "object-src 'none'; script-src 'strict-dynamic' 'nonce-abc' 'unsafe-inline'; style-src 'none'",
        "object-src 'none'; style-src 'self'; script-src 'unsafe-inline' 'sha256-a=''sha256-b='",
        "default-src https://mozilla.org; style-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'",
    ],
    "csp-implemented-with-no-unsafe-default-src-none": [
        "default-src",
        "default-src 'none'; script-src 'strict-dynamic' 'nonce-abc123' 'unsafe-inline'",
        "default-src 'none'; object-src https://mozilla.org",
        "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' https://*",
    ],
}


@pytest.mark.parametrize(
    ("policy", "expected"), [(p, result) for result, policies in CASES.items() for p in policies]
)
def test_more_policies(policy: str, expected: str) -> None:
    assert csp.check(evidence([(CSP, policy)])).result == expected


def test_header_and_meta_policies_intersect() -> None:
    meta = '<meta http-equiv="Content-Security-Policy" content="default-src https:">'
    assert csp.check(evidence([(CSP, "default-src http:")], body=meta)).result == (
        "csp-implemented-with-no-unsafe-default-src-none"
    )
    none_meta = '<meta http-equiv="content-security-policy" content="default-src \'none\'">'
    assert csp.check(evidence([(CSP, "img-src 'none'")], body=none_meta)).result == (
        "csp-implemented-with-no-unsafe-default-src-none"
    )
