"""Scan results -> proposed answers (pure): each check's meaning, how they combine, and the
names questionnaires use for scan checks."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import canned
import pytest
import yaml

from cisec.model.questionnaire import Question
from cisec.scan import findings
from cisec.scan.checks import TEST_NAMES
from cisec.scan.findings import Finding
from cisec.scan.proposals import CHECK_NAMES, SME_CHECKS, Level, combine, propose, verdict
from cisec.scan.result import ScanError, SiteResult, evaluate, failed_result

QUESTIONNAIRES = Path(__file__).parents[2] / "questionnaires"
GOOD: canned.Headers = [
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
    ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", "camera=()"),
]


def question(checks: list[str], question_id: str = "web-x") -> Question:
    return Question.model_validate(
        {
            "id": question_id,
            "text": {"en": "Q?", "zh-Hant": "問？"},
            "guidance": {"en": "G.", "zh-Hant": "指引。"},
            "scale": "compliance",
            "kind": "practice",
            "references": ["RFC 9116"],
            "remediation": {"en": "R.", "zh-Hant": "改善。"},
            "scan_checks": checks,
        }
    )


def with_findings(result: SiteResult, *extra: Finding) -> SiteResult:
    return dataclasses.replace(result, findings=[*result.findings, *extra])


def value(result: SiteResult, checks: list[str]) -> str | None:
    found = propose(result, [question(checks)])
    return found[0].value if found else None


def test_every_scan_check_a_questionnaire_names_is_a_real_check() -> None:
    for path in QUESTIONNAIRES.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in data.get("sections", []):
            for q in section["questions"]:
                unknown = set(q.get("scan_checks", [])) - CHECK_NAMES
                assert not unknown, f"{path.name}: {q['id']}: {sorted(unknown)}"


def test_sme_check_names_are_the_finding_modules() -> None:
    modules = {check.__name__.rsplit(".", 1)[1].replace("_", "-") for check in findings.CHECKS}
    # scan-limits qualifies the scan itself and answers no question.
    assert set(SME_CHECKS) == modules - {"scan-limits"}
    assert {*TEST_NAMES, *SME_CHECKS} == CHECK_NAMES


def test_combining_levels() -> None:
    assert combine([]) is None
    assert combine([Level.YES, Level.YES]) is Level.YES
    assert combine([Level.NO, Level.NO]) is Level.NO
    assert combine([Level.YES, Level.NO]) is Level.PARTLY
    assert combine([Level.PARTLY]) is Level.PARTLY


def test_https_question_from_redirection_and_hsts() -> None:
    good = evaluate(canned.site(GOOD))
    assert value(good, ["redirection", "strict-transport-security"]) == "yes"
    no_hsts = evaluate(canned.site(GOOD[:1]))
    assert value(no_hsts, ["redirection", "strict-transport-security"]) == "partly"
    http_only = evaluate(canned.site([], https=False, http_route=["http://example.com/"]))
    assert value(http_only, ["redirection", "strict-transport-security"]) == "no"


def test_preload_readiness_counts_but_its_absence_is_no_gap() -> None:
    good = evaluate(canned.site(GOOD))
    assert verdict(good, "hsts-preload") is None  # not eligible yet: says nothing
    ready = with_findings(good, Finding("hsts-preload-ready", "info"))
    found = verdict(ready, "hsts-preload")
    assert found is not None and found.level is Level.YES


def test_headers_question_follows_each_test_and_permissions_policy() -> None:
    checks = ["x-frame-options", "x-content-type-options", "permissions-policy"]
    assert value(evaluate(canned.site(GOOD)), checks) == "yes"
    assert value(evaluate(canned.site(GOOD[:2])), checks) == "partly"
    assert value(evaluate(canned.site([])), checks) == "no"


@pytest.mark.parametrize(
    ("finding", "expected"),
    [
        (None, "yes"),
        (Finding("certificate-expires-soon", "warning", {"days": "20"}), "partly"),
        (Finding("certificate-expired", "critical"), "no"),
        (Finding("certificate-invalid", "critical"), "no"),
    ],
)
def test_certificate(finding: Finding | None, expected: str) -> None:
    result = evaluate(canned.site(GOOD))
    if finding is not None:
        result = with_findings(result, finding)
    assert value(result, ["certificate"]) == expected


def test_no_https_means_no_certificate() -> None:
    http_only = evaluate(canned.site([], https=False, http_route=["http://example.com/"]))
    assert value(http_only, ["certificate"]) == "no"


@pytest.mark.parametrize(
    ("check", "finding", "expected"),
    [
        ("information-leak", Finding("information-leaking-headers", "warning"), "no"),
        ("information-leak", Finding("information-leaking-headers", "info"), "partly"),
        ("information-leak", Finding("internal-address-in-headers", "warning"), "no"),
        ("mixed-content", Finding("mixed-content-active", "critical"), "no"),
        ("mixed-content", Finding("mixed-content-passive", "warning"), "partly"),
        ("mixed-content", Finding("protocol-relative-urls", "info"), "yes"),
        ("security-txt", Finding("security-txt-invalid", "warning"), "partly"),
        ("security-txt", Finding("security-txt-missing", "info"), "no"),
        ("permissions-policy", Finding("permissions-policy-missing", "warning"), "no"),
        ("cookie-prefixes", Finding("cookie-prefix-invalid", "warning"), "no"),
    ],
)
def test_sme_findings(check: str, finding: Finding, expected: str) -> None:
    # The canned site has no security.txt; start from a site without any finding.
    clean = dataclasses.replace(evaluate(canned.site(GOOD)), findings=[])
    assert value(clean, [check]) == "yes"
    assert value(with_findings(clean, finding), [check]) == expected


def test_a_slow_site_proposes_nothing_from_what_it_could_not_finish() -> None:
    result = with_findings(
        evaluate(canned.site(GOOD)),
        Finding("security-txt-missing", "info"),
        Finding("scan-incomplete", "warning"),
    )
    assert value(result, ["security-txt"]) is None
    assert value(result, ["cross-origin-resource-sharing"]) is None


def test_an_ungraded_site_proposes_nothing() -> None:
    assert propose(failed_result("x", ScanError("dns")), [question(["redirection"])]) == []


def test_questions_without_scan_checks_are_skipped_and_verdicts_kept() -> None:
    result = evaluate(canned.site(GOOD))
    found = propose(result, [question([], "web-07"), question(["cookies"], "web-05")])
    assert [(p.question_id, p.value) for p in found] == [("web-05", "yes")]
    assert found[0].verdicts[0].seen == "cookies-not-found"
