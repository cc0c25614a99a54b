"""The score curve, the grade chart, and a whole evaluation of canned sites."""

from __future__ import annotations

import pytest
from canned import site

from cisec.scan import checks
from cisec.scan.grade import GRADES, SCORE_TABLE, grade, grade_for_score
from cisec.scan.result import evaluate


@pytest.mark.parametrize(
    ("score", "letter"),
    [
        (165, "A+"),
        (100, "A+"),
        (99, "A"),
        (90, "A"),
        (89, "A-"),
        (85, "A-"),
        (84, "B+"),
        (80, "B+"),
        (79, "B"),
        (70, "B"),
        (69, "B-"),
        (65, "B-"),
        (64, "C+"),
        (60, "C+"),
        (59, "C"),
        (50, "C"),
        (49, "C-"),
        (45, "C-"),
        (44, "D+"),
        (40, "D+"),
        (39, "D"),
        (30, "D"),
        (29, "D-"),
        (25, "D-"),
        (24, "F"),
        (0, "F"),
        (-30, "F"),
    ],
)
def test_grade_chart(score: int, letter: str) -> None:
    assert grade_for_score(score) == letter


def test_bonuses_only_count_for_an_a() -> None:
    # 100 - 5 (xcto) = 95 >= 90, so the +10 CSP and +5 XFO bonuses count: 110.
    assert (
        grade(
            [
                "csp-implemented-with-no-unsafe-default-src-none",
                "x-frame-options-sameorigin-or-deny",
                "x-content-type-options-not-implemented",
            ]
        ).score
        == 110
    )
    # 100 - 20 = 80 < 90, so the +10 bonus is dropped: 80, B+.
    result = grade(
        ["csp-implemented-with-no-unsafe-default-src-none", "x-frame-options-not-implemented"]
    )
    assert (result.score, result.grade) == (80, "B+")


def test_score_floor_is_zero_and_maximum_is_165() -> None:
    worst = grade(
        [
            "csp-not-implemented",
            "cookies-session-without-secure-flag",
            "cross-origin-resource-sharing-implemented-with-universal-access",
        ]
    )
    assert (worst.score, worst.grade) == (0, "F")
    best = [
        max((r for r in test.POSSIBLE_RESULTS), key=SCORE_TABLE.__getitem__)
        for test in checks.TESTS
    ]
    assert grade(best).score == 165


def test_every_declared_result_is_scored() -> None:
    declared = {result for test in checks.TESTS for result in test.POSSIBLE_RESULTS}
    assert declared == set(SCORE_TABLE)
    assert len(checks.TESTS) == 12
    assert GRADES[0] == "A+" and GRADES[-1] == "F"


def test_a_well_configured_site() -> None:
    headers = [
        ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
        ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Embedder-Policy", "require-corp"),
        ("Set-Cookie", "__Host-session=1; Secure; HttpOnly; SameSite=Strict; Path=/"),
    ]
    result = evaluate(site(headers))
    # 100 +10 csp +5 cookies +5 referrer +5 xfo-via-csp +10 corp +10 coop +10 coep
    assert (result.score, result.grade) == (155, "A+")
    assert result.top_fixes() == []
    assert all(outcome.passed for outcome in result.tests.values())


def test_a_bare_http_site() -> None:
    result = evaluate(site([], https=False, http_route=["http://example.com/"]))
    # -25 csp -20 redirection -20 hsts -5 xcto -20 xfo
    assert (result.score, result.grade) == (10, "F")
    assert result.top_fixes() == [
        "content-security-policy",
        "redirection",
        "strict-transport-security",
    ]
    assert len(result.to_json()["tests"]) == 12
