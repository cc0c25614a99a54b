"""Provides the cookie-prefix finding: `__Host-`/`__Secure-` cookies that break their rules."""

from __future__ import annotations

from cisec.scan.checks.evidence import Evidence
from cisec.scan.cookie import parse_set_cookie, prefix_problem
from cisec.scan.findings.finding import Finding

KINDS = ("cookie-prefix-invalid",)


def findings(evidence: Evidence) -> list[Finding]:
    """One finding naming every cookie whose prefix promise is broken (browsers drop them)."""
    auto = evidence.snapshot.auto
    if auto is None:
        return []
    broken: dict[str, str] = {}
    for response in auto.responses:
        for line in response.header_lines("set-cookie"):
            cookie = parse_set_cookie(line, response.url, enforce_prefixes=False)
            if cookie is not None and (problem := prefix_problem(cookie)) is not None:
                broken.setdefault(cookie.name[:100], problem)
    if not broken:
        return []
    names = ", ".join(sorted(broken)[:10])
    return [Finding("cookie-prefix-invalid", "warning", {"cookies": names})]
