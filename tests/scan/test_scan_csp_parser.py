"""The CSP parser: intersection of several policies and invalid policies, case by case."""

from __future__ import annotations

import pytest

from cisec.scan.checks.csp import CspInvalid, parse_policies

ORG, NET = "https://mozilla.org", "https://mozilla.net"


@pytest.mark.parametrize(
    ("policies", "expected"),
    [
        (["default-src 'none'"], {"default-src": {"'none'"}}),
        (
            ["default-src 'none'; script-src 'self' https://mozilla.org"],
            {"default-src": {"'none'"}, "script-src": {"'self'", ORG}},
        ),
        (
            ["default-src 'none'; script-src 'self' https://mozilla.org"] * 2,
            {"default-src": {"'none'"}, "script-src": {"'self'", ORG}},
        ),
        (
            [
                "default-src 'none'; script-src 'self' https://mozilla.org",
                "default-src 'none'; script-src https://example.com 'self' https://mozilla.org",
            ],
            {"default-src": {"'none'"}, "script-src": {"'self'", ORG}},
        ),
        (
            ["default-src https://mozilla.org", "default-src https://mozilla.com"],
            {"default-src": {"'none'"}},
        ),
        (
            [
                "default-src https://mozilla.org https://mozilla.net https://mozilla.com https://mozilla.io",
                "default-src https://mozilla.pizza https://mozilla.ninja https://mozilla.net https://mozilla.org",
                "default-src https://mozilla.net https://mozilla.fox https://mozilla.fire https://mozilla.org",
                "default-src https://mozilla.browser https://mozilla.web https://mozilla.net https://mozilla.org",
            ],
            {"default-src": {NET, ORG}},
        ),
        (
            ["default-src https://mozilla.org/fire", "default-src https://mozilla.org/firefox/"],
            {"default-src": {"'none'"}},
        ),
        (
            [
                "default-src https://mozilla.org/firefox/",
                "default-src https://mozilla.org/firefox/download/",
            ],
            {"default-src": {"https://mozilla.org/firefox/download/"}},
        ),
        (
            [
                "default-src https://mozilla.org/firefox/download/",
                "default-src https://mozilla.org/firefox/",
            ],
            {"default-src": {"https://mozilla.org/firefox/download/"}},
        ),
        (["default-src http:", "default-src https:"], {"default-src": {"'none'"}}),
        (["default-src http: http:", "default-src https: https:"], {"default-src": {"'none'"}}),
    ],
)
def test_intersection(policies: list[str], expected: dict[str, set[str]]) -> None:
    assert parse_policies(policies).directives == expected


@pytest.mark.parametrize(
    "policy",
    [
        "  ",
        "\r\n",
        "\r\n" * 6,
        "",
        "default-src 'none'; default-src 'none'",
        "default-src 'none'; img-src 'self'; default-src 'none'",
        "defa",
    ],
)
def test_invalid_policies(policy: str) -> None:
    with pytest.raises(CspInvalid):
        parse_policies([policy])


def test_duplicate_report_directives_are_recorded() -> None:
    parsed = parse_policies(["report-uri https://a.example/x ; report-uri https://a.example/y"])
    assert parsed.duplicates == {"report-uri"}
    assert parse_policies(["report-to a ; report-to b"]).duplicates == {"report-to"}


def test_a_long_real_world_policy_parses() -> None:
    policy = (
        "default-src 'self' blob: https://*.cnn.com:* http://*.cnn.com:* *.cnn.io:* courageousstudio.com; "
        "script-src 'unsafe-eval' 'unsafe-inline' 'self' *; style-src 'unsafe-inline' 'self' blob: *; "
        "frame-ancestors 'self' https://*.cnn.com:* http://*.cnn.com;"
    )
    assert "script-src" in parse_policies([policy]).directives
