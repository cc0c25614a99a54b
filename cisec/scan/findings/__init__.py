"""Provides the SME checks reported beside the grade (never changing it), each a pure function."""

from __future__ import annotations

from cisec.scan.checks.evidence import Evidence
from cisec.scan.findings import (
    certificate,
    cookie_prefixes,
    hsts_preload,
    information_leak,
    mixed_content,
    permissions_policy,
    scan_limits,
    security_txt,
)
from cisec.scan.findings.finding import Finding, Severity

CHECKS = (
    certificate,
    mixed_content,
    cookie_prefixes,
    permissions_policy,
    information_leak,
    security_txt,
    hsts_preload,
    scan_limits,
)

SEVERITY_ORDER: dict[Severity, int] = {"critical": 0, "warning": 1, "info": 2}


def run_findings(evidence: Evidence) -> list[Finding]:
    """Every SME finding for `evidence`, most severe first."""
    found = [finding for check in CHECKS for finding in check.findings(evidence)]
    return sorted(found, key=lambda finding: SEVERITY_ORDER[finding.severity])


__all__ = ["CHECKS", "Finding", "Severity", "run_findings"]
