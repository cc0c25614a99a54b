"""The SME checks beside the grade: certificate, mixed content, prefixes, leaks, security.txt, preload."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from canned import NOW, evidence, site

from cisec.scan.checks import Evidence
from cisec.scan.findings import run_findings
from cisec.scan.snapshot import Certificate, TextFile


def kinds(snapshot_evidence: Evidence) -> dict[str, str]:
    return {finding.kind: finding.severity for finding in run_findings(snapshot_evidence)}


def with_certificate(days: float, *, verified: bool = True, problem: str | None = None) -> Evidence:
    certificate = Certificate(
        verified=verified,
        problem=problem,
        detail="x",
        not_after=NOW + timedelta(days=days),  # type: ignore[arg-type]
    )
    return Evidence.of(dataclasses.replace(site([]), certificate=certificate))


def test_certificate_expiry_thresholds() -> None:
    assert "certificate-expires-soon" not in kinds(with_certificate(31))
    assert kinds(with_certificate(30))["certificate-expires-soon"] == "warning"
    assert kinds(with_certificate(7))["certificate-expires-soon"] == "critical"
    assert (
        kinds(with_certificate(-1, verified=False, problem="expired"))["certificate-expired"]
        == "critical"
    )
    found = kinds(with_certificate(200, verified=False, problem="self-signed"))
    assert found["certificate-invalid"] == "critical"


def test_mixed_content() -> None:
    body = (
        '<script src="http://a.example/x.js"></script><img src="http://a.example/i.png">'
        '<link rel="stylesheet" href="//a.example/s.css"><form action="http://a.example/post">'
    )
    found = kinds(evidence([], body=body))
    assert found["mixed-content-active"] == "critical"
    assert found["mixed-content-passive"] == "warning"
    assert found["protocol-relative-urls"] == "info"
    assert "mixed-content-active" not in kinds(evidence([], body=body, https=False))


def test_cookie_prefixes() -> None:
    bad = [
        ("Set-Cookie", "__Host-a=1; Secure; Path=/; Domain=example.com"),
        ("Set-Cookie", "__Secure-b=1"),
    ]
    finding = next(f for f in run_findings(evidence(bad)) if f.kind == "cookie-prefix-invalid")
    assert finding.details["cookies"] == "__Host-a, __Secure-b"
    good = [("Set-Cookie", "__Host-a=1; Secure; Path=/")]
    assert "cookie-prefix-invalid" not in kinds(evidence(good))


def test_permissions_policy_and_leaking_headers() -> None:
    found = kinds(evidence([("Server", "Apache/2.4.41 (Ubuntu)"), ("X-Powered-By", "PHP/7.4")]))
    assert found["permissions-policy-missing"] == "warning"
    assert found["information-leaking-headers"] == "warning"
    assert kinds(evidence([("Server", "nginx")]))["information-leaking-headers"] == "info"
    assert "permissions-policy-missing" not in kinds(
        evidence([("Permissions-Policy", "camera=()")])
    )
    assert (
        kinds(evidence([("X-Backend", "10.1.2.3:8080")]))["internal-address-in-headers"]
        == "warning"
    )


def _security_txt(text: str, media_type: str = "text/plain") -> Evidence:
    resource = TextFile("https://example.com/.well-known/security.txt", 200, media_type, text)
    return Evidence.of(dataclasses.replace(site([]), security_txt=resource))


def test_security_txt() -> None:
    assert "security-txt-missing" in kinds(evidence([]))
    good = "Contact: mailto:security@example.com\nExpires: 2027-06-30T00:00:00Z\n"
    assert not {"security-txt-missing", "security-txt-invalid"} & set(kinds(_security_txt(good)))
    assert "security-txt-missing" in kinds(_security_txt(good, "text/html"))
    problems = {
        "Expires: 2027-06-30T00:00:00Z\n": "no Contact",
        "Contact: mailto:a@b.c\n": "no Expires",
        "Contact: mailto:a@b.c\nExpires: 2020-01-01T00:00:00Z\n": "Expires is in the past",
        "Contact: mailto:a@b.c\nExpires: 2030-01-01T00:00:00Z\n": "more than a year ahead",
        "Contact: mailto:a@b.c\nExpires: 2027-01-01T00:00:00Z\nExpires: 2027-01-01T00:00:00Z\n": "more than once",
        "Contact: a@b.c\nExpires: 2027-01-01T00:00:00Z\n": "not a mailto",
    }
    for text, words in problems.items():
        finding = next(
            f for f in run_findings(_security_txt(text)) if f.kind == "security-txt-invalid"
        )
        assert words in finding.details["problems"], text


def test_hsts_preload_eligibility() -> None:
    ready = [("Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload")]
    assert "hsts-preload-ready" in kinds(evidence(ready))
    finding = next(
        f
        for f in run_findings(evidence([("Strict-Transport-Security", "max-age=600")]))
        if f.kind == "hsts-preload-not-eligible"
    )
    assert "includeSubDomains" in finding.details["missing"]
    assert "max-age of at least 31536000" in finding.details["missing"]
    off_host = evidence(ready, http_route=["http://example.com/", "https://www.example.com/"])
    assert "hsts-preload-not-eligible" in kinds(off_host)
