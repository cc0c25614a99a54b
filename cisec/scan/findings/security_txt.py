"""Provides the security.txt findings (RFC 9116): is there a way to report a vulnerability."""

from __future__ import annotations

from datetime import datetime, timedelta

from cisec.scan.checks.evidence import Evidence
from cisec.scan.findings.finding import Finding

KINDS = ("security-txt-missing", "security-txt-invalid")
CONTACT_SCHEMES = ("mailto:", "https:", "tel:")


def findings(evidence: Evidence) -> list[Finding]:
    """A finding when /.well-known/security.txt is missing or breaks RFC 9116's rules."""
    snapshot = evidence.snapshot
    if snapshot.auto is None:
        return []
    resource = snapshot.security_txt
    if resource is None or resource.status != 200 or resource.media_type != "text/plain":
        return [Finding("security-txt-missing", "info")]
    problems = _problems(resource.text, snapshot.fetched_at)
    if not problems:
        return []
    return [Finding("security-txt-invalid", "warning", {"problems": ", ".join(problems)})]


def _problems(text: str, now: datetime) -> list[str]:
    contacts: list[str] = []
    expires: list[str] = []
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "contact":
            contacts.append(value.strip())
        elif name == "expires":
            expires.append(value.strip())
    problems: list[str] = []
    if not contacts:
        problems.append("no Contact")
    elif not any(contact.lower().startswith(CONTACT_SCHEMES) for contact in contacts):
        problems.append("Contact is not a mailto:, https: or tel: URI")
    if not expires:
        problems.append("no Expires")
    elif len(expires) > 1:
        problems.append("Expires given more than once")
    else:
        try:
            moment = datetime.fromisoformat(expires[0].replace("Z", "+00:00"))
        except ValueError:
            problems.append("Expires is not an ISO 8601 date")
        else:
            if moment.tzinfo is None:
                problems.append("Expires has no time zone")
            elif moment < now:
                problems.append("Expires is in the past")
            elif moment > now + timedelta(days=366):
                problems.append("Expires is more than a year ahead")
    return problems
