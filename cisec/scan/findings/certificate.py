"""Provides the certificate findings: not trusted, expired, or expiring soon."""

from __future__ import annotations

from cisec.scan.checks.evidence import Evidence
from cisec.scan.findings.finding import Finding

KINDS = ("certificate-invalid", "certificate-expired", "certificate-expires-soon")
WARN_DAYS = 30
CRITICAL_DAYS = 7


def findings(evidence: Evidence) -> list[Finding]:
    """Certificate findings from the HTTPS connection's certificate."""
    certificate = evidence.snapshot.certificate
    if certificate is None:
        return []
    found: list[Finding] = []
    expired = certificate.problem == "expired"
    if certificate.not_after is not None:
        days = (certificate.not_after - evidence.snapshot.fetched_at).total_seconds() / 86400
        date = certificate.not_after.date().isoformat()
        if days < 0:
            expired = True
        elif days <= WARN_DAYS:
            found.append(
                Finding(
                    "certificate-expires-soon",
                    "critical" if days <= CRITICAL_DAYS else "warning",
                    {"days": str(int(days)), "date": date},
                )
            )
        if expired:
            found.append(Finding("certificate-expired", "critical", {"date": date}))
    elif expired:
        found.append(Finding("certificate-expired", "critical", {"date": "?"}))
    if not certificate.verified and not expired:
        found.append(
            Finding(
                "certificate-invalid",
                "critical",
                {"problem": certificate.problem or "other", "detail": certificate.detail[:200]},
            )
        )
    return found
