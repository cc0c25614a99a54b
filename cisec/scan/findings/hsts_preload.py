"""Provides the HSTS preload eligibility finding (the rules of hstspreload.org that a scan can see)."""

from __future__ import annotations

from urllib.parse import urlsplit

from cisec.scan.checks import hsts
from cisec.scan.checks.evidence import Evidence
from cisec.scan.domain import is_ip_address, is_preloaded
from cisec.scan.findings.finding import Finding

KINDS = ("hsts-preload-ready", "hsts-preload-not-eligible")
PRELOAD_MIN_AGE = 31_536_000


def findings(evidence: Evidence) -> list[Finding]:
    """Whether the site could join the HSTS preload list, and what is missing if not."""
    snapshot = evidence.snapshot
    host = snapshot.host
    if snapshot.https is None or is_ip_address(host) or "." not in host or is_preloaded(host):
        return []
    missing: list[str] = []
    if not snapshot.https.verified:
        missing.append("a valid certificate")
    http = snapshot.http
    if http is not None and len(http.responses) > 1:
        first = urlsplit(http.responses[0].url)
        second = urlsplit(http.responses[1].url)
        if second.scheme != "https" or second.hostname != first.hostname:
            missing.append("a first redirect from http to https on the same host")
    elif http is not None:
        missing.append("a redirect from http to https")
    header = snapshot.https.final.header("strict-transport-security") or ""
    try:
        max_age, include_subdomains, preload = hsts.parse_max_age(header)
    except ValueError:
        max_age, include_subdomains, preload = None, False, False
    if max_age is None or not max_age >= PRELOAD_MIN_AGE:
        missing.append("max-age of at least 31536000")
    if not include_subdomains:
        missing.append("includeSubDomains")
    if not preload:
        missing.append("preload")
    for response in snapshot.https.responses[:-1]:
        if not response.header("strict-transport-security"):
            missing.append("the HSTS header on HTTPS redirects too")
            break
    if missing:
        return [Finding("hsts-preload-not-eligible", "info", {"missing": ", ".join(missing)})]
    return [Finding("hsts-preload-ready", "info")]
