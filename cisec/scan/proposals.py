"""Provides the mapping from a site's scan result to proposed answers for linked questions.

Pure: a questionnaire question names the scan checks that can answer it (`scan_checks`, e.g.
`redirection` or `security-txt`); this module says what each check's result means for a
compliance answer (yes / partly / no) and combines them. It lives beside the checks because
what a result means is scan knowledge; reading and saving the assessment is the services'
job (cisec/services/scan.py).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cisec.model.questionnaire import Question
from cisec.scan.checks import TEST_NAMES
from cisec.scan.result import SiteResult


class Level(enum.IntEnum):
    """What one check says about a question: met, partly met, or not met."""

    NO = 0
    PARTLY = 1
    YES = 2


# Compliance-scale values (questionnaires/scales.yaml) for each level.
ANSWER_VALUES: dict[Level, str] = {Level.YES: "yes", Level.PARTLY: "partly", Level.NO: "no"}


@dataclass(frozen=True, slots=True)
class CheckVerdict:
    """One check's contribution: its name, its level, and what the scan saw (for the note)."""

    check: str
    level: Level
    seen: str


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed answer to one question, with the verdicts it rests on."""

    question_id: str
    value: str
    verdicts: tuple[CheckVerdict, ...]


def _kinds(result: SiteResult) -> dict[str, str]:
    """Finding kind -> severity, for the findings the site has."""
    return {finding.kind: finding.severity for finding in result.findings}


def _has_https(result: SiteResult) -> bool:
    hsts = result.tests.get("strict-transport-security")
    return hsts is not None and hsts.result != "hsts-not-implemented-no-https"


def _certificate(result: SiteResult) -> tuple[Level, str] | None:
    kinds = _kinds(result)
    for kind in ("certificate-invalid", "certificate-expired"):
        if kind in kinds:
            return Level.NO, kind
    if "certificate-expires-soon" in kinds:
        # Valid today, but not renewed "well before" expiry.
        return Level.PARTLY, "certificate-expires-soon"
    if not _has_https(result):
        return Level.NO, "no HTTPS, so no certificate"
    return Level.YES, "certificate valid, more than 30 days left"


def _cookie_prefixes(result: SiteResult) -> tuple[Level, str] | None:
    if "cookie-prefix-invalid" in _kinds(result):
        return Level.NO, "cookie-prefix-invalid"
    return Level.YES, "no broken cookie prefixes"


def _hsts_preload(result: SiteResult) -> tuple[Level, str] | None:
    # Preloading is optional extra protection: being ready counts for the question, not being
    # ready is no gap (the hsts test already judges the header itself).
    if "hsts-preload-ready" in _kinds(result):
        return Level.YES, "hsts-preload-ready"
    return None


def _information_leak(result: SiteResult) -> tuple[Level, str] | None:
    kinds = _kinds(result)
    if "internal-address-in-headers" in kinds:
        return Level.NO, "internal-address-in-headers"
    severity = kinds.get("information-leaking-headers")
    if severity is not None:
        # With a version number an attacker knows which published flaws to try.
        if severity == "info":
            return Level.PARTLY, "information-leaking-headers (no version numbers)"
        return Level.NO, "information-leaking-headers (with version numbers)"
    return Level.YES, "no information-leaking headers"


def _mixed_content(result: SiteResult) -> tuple[Level, str] | None:
    kinds = _kinds(result)
    if "mixed-content-active" in kinds:
        return Level.NO, "mixed-content-active"
    if "mixed-content-passive" in kinds:
        return Level.PARTLY, "mixed-content-passive"
    if not (result.final_url or "").startswith("https:"):
        return Level.NO, "the page itself is served over plain http"
    return Level.YES, "no mixed content"


def _permissions_policy(result: SiteResult) -> tuple[Level, str] | None:
    if "permissions-policy-missing" in _kinds(result):
        return Level.NO, "permissions-policy-missing"
    return Level.YES, "Permissions-Policy sent"


def _security_txt(result: SiteResult) -> tuple[Level, str] | None:
    kinds = _kinds(result)
    if "scan-incomplete" in kinds:
        return None  # security.txt may simply not have been read before the deadline
    if "security-txt-missing" in kinds:
        return Level.NO, "security-txt-missing"
    if "security-txt-invalid" in kinds:
        return Level.PARTLY, "security-txt-invalid"
    return Level.YES, "security.txt with Contact and Expires"


# The SME checks a question may name, by the scan's own names (module names of
# cisec/scan/findings with '-' for '_'). scan-limits qualifies a scan and answers nothing.
SME_CHECKS: dict[str, Callable[[SiteResult], tuple[Level, str] | None]] = {
    "certificate": _certificate,
    "cookie-prefixes": _cookie_prefixes,
    "hsts-preload": _hsts_preload,
    "information-leak": _information_leak,
    "mixed-content": _mixed_content,
    "permissions-policy": _permissions_policy,
    "security-txt": _security_txt,
}

# Every name a question's `scan_checks` may use.
CHECK_NAMES: frozenset[str] = frozenset({*TEST_NAMES, *SME_CHECKS})

# Tests whose result depends on a request the deadline may have cut (the CORS preflight).
_NEEDS_COMPLETE_SCAN = frozenset({"cross-origin-resource-sharing"})


def verdict(result: SiteResult, check: str) -> CheckVerdict | None:
    """What `check` says for this site, or None when the scan saw nothing to judge it by."""
    if check in SME_CHECKS:
        found = SME_CHECKS[check](result)
        return None if found is None else CheckVerdict(check, found[0], found[1])
    outcome = result.tests.get(check)
    if outcome is None:
        return None
    if check in _NEEDS_COMPLETE_SCAN and "scan-incomplete" in _kinds(result):
        return None
    # The Observatory's own pass flag: a result that loses no points but is not a pass (e.g.
    # allow-from framing) still means the protection is not really there.
    level = Level.YES if outcome.passed else Level.NO
    return CheckVerdict(check, level, outcome.result)


def combine(levels: Iterable[Level]) -> Level | None:
    """All met: yes; none met: no; anything between: partly. None when there is nothing."""
    found = list(levels)
    if not found:
        return None
    if all(level is Level.YES for level in found):
        return Level.YES
    if all(level is Level.NO for level in found):
        return Level.NO
    return Level.PARTLY


def propose(result: SiteResult, questions: Iterable[Question]) -> list[Proposal]:
    """Proposed answers for the questions that name scan checks; none for an ungraded site.

    A site the scan could not grade proposes nothing: "could not reach it" says nothing about
    whether the site is configured well.
    """
    if result.error is not None or result.grade is None:
        return []
    proposals: list[Proposal] = []
    for question in questions:
        if not question.scan_checks:
            continue
        verdicts = tuple(
            found for check in question.scan_checks if (found := verdict(result, check)) is not None
        )
        level = combine(found.level for found in verdicts)
        if level is not None:
            proposals.append(Proposal(question.id, ANSWER_VALUES[level], verdicts))
    return proposals
