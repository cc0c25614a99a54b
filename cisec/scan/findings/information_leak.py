"""Provides the information-leak findings: headers that tell attackers what software runs the site.

The list is the OWASP Secure Headers Project's `headers_remove.json` (shipped in scan/data), plus
a few debugging headers and internal addresses that the OSHP list does not cover.
"""

from __future__ import annotations

import functools
import ipaddress
import json
import re
from importlib import resources

from cisec.scan.checks.evidence import Evidence
from cisec.scan.findings.finding import Finding, Severity

KINDS = ("information-leaking-headers", "internal-address-in-headers")
# Not in the OSHP list, but they expose framework internals just the same.
EXTRA_LEAKING = ("X-Runtime", "X-Debug-Token", "X-Debug-Token-Link")
_VERSION = re.compile(r"\d+\.\d+")
_IPV4 = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])")


@functools.lru_cache(maxsize=1)
def leaking_header_names() -> frozenset[str]:
    """Lowercased names of the headers to remove (OSHP list plus our additions)."""
    data = resources.files("cisec.scan").joinpath("data/headers_remove.json").read_text("utf-8")
    names = json.loads(data)["headers"]
    return frozenset(name.lower() for name in [*names, *EXTRA_LEAKING])


def findings(evidence: Evidence) -> list[Finding]:
    """Findings for leaking headers and private IP addresses in the graded response's headers."""
    response = evidence.response
    if response is None:
        return []
    names = leaking_header_names()
    leaking: list[str] = []
    versioned = False
    internal: list[str] = []
    for name, value in response.headers:
        if name.lower() in names and len(leaking) < 10:
            leaking.append(f"{name}: {value[:80]}")
            versioned = versioned or bool(_VERSION.search(value))
        for candidate in _IPV4.findall(value[:1024]):
            try:
                address = ipaddress.ip_address(candidate)
            except ValueError:
                continue
            if (address.is_private or address.is_loopback) and len(internal) < 5:
                internal.append(f"{name}: {candidate}")
    found: list[Finding] = []
    if leaking:
        # A version number tells an attacker exactly which published flaws to try.
        severity: Severity = "warning" if versioned else "info"
        found.append(
            Finding("information-leaking-headers", severity, {"headers": "; ".join(leaking)})
        )
    if internal and not _is_internal_site(evidence.snapshot.host):
        found.append(
            Finding("internal-address-in-headers", "warning", {"headers": "; ".join(internal)})
        )
    return found


def _is_internal_site(host: str) -> bool:
    # An intranet site naming its own private addresses reveals nothing new.
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host == "localhost"
    return address.is_private or address.is_loopback
