"""Provides the Permissions-Policy finding: the page does not say which browser features it needs."""

from __future__ import annotations

from cisec.scan.checks.evidence import Evidence
from cisec.scan.findings.finding import Finding

KINDS = ("permissions-policy-missing",)


def findings(evidence: Evidence) -> list[Finding]:
    """A finding when the graded page sends no Permissions-Policy header."""
    response = evidence.response
    if response is None or response.header("permissions-policy"):
        return []
    return [Finding("permissions-policy-missing", "warning")]
