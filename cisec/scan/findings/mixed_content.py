"""Provides the mixed-content findings: an HTTPS page loading or posting over plain HTTP."""

from __future__ import annotations

from cisec.scan.checks.evidence import Evidence
from cisec.scan.findings.finding import Finding, Severity

KINDS = ("mixed-content-active", "mixed-content-passive", "protocol-relative-urls")
_LISTED = 5  # URLs named in the sentence; the rest are counted


def findings(evidence: Evidence) -> list[Finding]:
    """Mixed-content findings for the graded page, when it was served over HTTPS."""
    auto = evidence.snapshot.auto
    if auto is None or not auto.final.url.startswith("https:"):
        return []
    active: list[str] = []
    passive: list[str] = []
    relative: list[str] = []
    for resource in evidence.page.resources:
        url = resource.url
        if url[:7].lower() == "http://":
            (active if resource.active else passive).append(url)
        elif url.startswith("//"):
            relative.append(url)
    groups: tuple[tuple[str, list[str], Severity], ...] = (
        ("mixed-content-active", active, "critical"),
        ("mixed-content-passive", passive, "warning"),
        ("protocol-relative-urls", relative, "info"),
    )
    return [
        Finding(
            kind,
            severity,
            {"count": str(len(urls)), "urls": ", ".join(url[:200] for url in urls[:_LISTED])},
        )
        for kind, urls, severity in groups
        if urls
    ]
