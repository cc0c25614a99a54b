"""Provides a site's scan result (grade, tests, findings, error) from its snapshot, and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from cisec.scan import advice, limits
from cisec.scan.advice import Language
from cisec.scan.checks import TEST_NAMES, Evidence, Outcome, run_tests
from cisec.scan.findings import Finding, run_findings
from cisec.scan.grade import SCORE_TABLE, grade
from cisec.scan.snapshot import SiteSnapshot

TOP_FIXES = 3


@dataclass(frozen=True, slots=True)
class ScanError:
    """Why a site has no grade: a kind from the advice data's errors and the details it names."""

    kind: str
    details: dict[str, str] = field(default_factory=dict)

    def sentence(self, language: Language) -> str:
        """The error as one plain sentence."""
        return advice.error_sentence(self.kind, self.details, language)


Change = Literal["new", "improved", "regressed", "unchanged"]


@dataclass(frozen=True, slots=True)
class Previous:
    """The last scan of the same target in the history."""

    grade: str | None
    score: int | None
    scanned_at: str


@dataclass(frozen=True, slots=True)
class Trend:
    """How the site changed since its previous scan (only with a history)."""

    previous: Previous | None
    change: Change


@dataclass(frozen=True, slots=True)
class SiteResult:
    """Everything reported about one site."""

    target: str
    final_url: str | None
    status_code: int | None
    score: int | None
    grade: str | None
    tests: dict[str, Outcome]
    findings: list[Finding]
    error: ScanError | None = None
    trend: Trend | None = None

    def _test_json(self, name: str) -> dict[str, Any]:
        outcome = self.tests.get(name)
        if outcome is None:
            return {"result": None, "pass": None, "score_modifier": None}
        return {
            "result": outcome.result,
            "pass": outcome.passed,
            "score_modifier": SCORE_TABLE[outcome.result],
        }

    @staticmethod
    def _finding_json(finding: Finding, language: Language) -> dict[str, Any]:
        text = advice.finding_text(finding.kind, finding.details, language)
        return {
            "check": finding.kind,
            "severity": finding.severity,
            "message": text.title,
            "fix": text.fix,
            "details": finding.details,
        }

    def top_fixes(self) -> list[str]:
        """The failed tests that cost the most points, worst first (at most three)."""
        failed = [
            (SCORE_TABLE[outcome.result], name)
            for name, outcome in self.tests.items()
            if SCORE_TABLE[outcome.result] < 0
        ]
        return [name for _, name in sorted(failed)[:TOP_FIXES]]

    def to_json(self, language: Language = "en") -> dict[str, Any]:
        """The documented JSON object: target, final_url, status_code, score, grade, tests, checks, error."""
        row: dict[str, Any] = {
            "target": self.target,
            "final_url": self.final_url,
            "status_code": self.status_code,
            "score": self.score,
            "grade": self.grade,
            # Every test is always present; an ungraded site has nulls rather than made-up results.
            "tests": {name: self._test_json(name) for name in TEST_NAMES},
            "checks": [self._finding_json(finding, language) for finding in self.findings],
            "error": self.error.sentence(language) if self.error else None,
        }
        if self.trend is not None:  # scanned with a history
            last = self.trend.previous
            row["previous"] = (
                {"grade": last.grade, "score": last.score, "scanned_at": last.scanned_at}
                if last
                else None
            )
            row["change"] = self.trend.change
        return row


def _error_for(snapshot: SiteSnapshot) -> ScanError | None:
    timeout = snapshot.timeout
    details = {
        "timeout": f"{timeout:g}",
        "deadline": f"{timeout * limits.DEADLINE_FACTOR:g}",
        "max_headers": str(limits.MAX_HEADER_LINES),
    }
    auto = snapshot.auto
    if auto is None:
        # Name the more telling failure: a scheme that is simply closed says little.
        failures = [snapshot.https_failure, snapshot.http_failure]
        telling = [kind for kind in failures if kind not in (None, "refused")]
        kind = telling[0] if telling else next((k for k in failures if k), "other")
        return ScanError(kind, details)
    if auto.stop is not None and auto.final.status in limits.REDIRECT_STATUSES:
        return ScanError(auto.stop, details)
    status = auto.final.status
    if not (200 <= status < 400 or status in (401, 403)):
        return ScanError("status", {**details, "status": str(status)})
    return None


def evaluate(snapshot: SiteSnapshot) -> SiteResult:
    """Run the twelve tests and the SME checks on `snapshot`, and grade it."""
    evidence = Evidence.of(snapshot)
    # SME findings are reported even for a site that gets no grade.
    findings = run_findings(evidence)
    auto = snapshot.auto
    error = _error_for(snapshot)
    if error is not None or auto is None:
        return SiteResult(
            target=snapshot.target,
            final_url=auto.final.url if auto else None,
            status_code=auto.final.status if auto else None,
            score=None,
            grade=None,
            tests={},
            findings=findings,
            error=error or ScanError("other"),
        )
    tests = run_tests(evidence)
    site_grade = grade(outcome.result for outcome in tests.values())
    return SiteResult(
        target=snapshot.target,
        final_url=auto.final.url,
        status_code=auto.final.status,
        score=site_grade.score,
        grade=site_grade.grade,
        tests=tests,
        findings=findings,
    )


def failed_result(target: str, error: ScanError) -> SiteResult:
    """A row for a target that could not be scanned at all (e.g. not a host name)."""
    return SiteResult(target, None, None, None, None, {}, [], error)
