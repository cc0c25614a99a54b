"""Provides the findings about the scan itself: parts it could not finish, redirects it refused."""

from __future__ import annotations

from cisec.scan.checks.evidence import Evidence
from cisec.scan.findings.finding import Finding

KINDS = ("scan-incomplete", "page-truncated", "http-redirects-broken")


def findings(evidence: Evidence) -> list[Finding]:
    """Findings that qualify the grade: deadline reached, page cut at the cap, broken redirects."""
    snapshot = evidence.snapshot
    found: list[Finding] = []
    if snapshot.auto is not None and snapshot.deadline_hit:
        found.append(Finding("scan-incomplete", "warning"))
    if snapshot.auto is not None and snapshot.auto.body_truncated:
        found.append(Finding("page-truncated", "info"))
    for chain in (snapshot.http, snapshot.https):
        if chain is not None and chain.stop is not None:
            found.append(
                Finding(
                    "http-redirects-broken",
                    "warning",
                    {"url": chain.responses[0].url, "why": chain.stop},
                )
            )
    return found
