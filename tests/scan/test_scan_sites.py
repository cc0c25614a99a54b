"""Whole scans of local HTTP and HTTPS sites: redirect chains, cookies, CSP and certificates."""

from __future__ import annotations

import socket
import ssl

from loopback import Headers, Site, serving

from cisec.scan.fetch import FetchOptions, fetch_site
from cisec.scan.result import SiteResult, evaluate
from cisec.scan.target import SitePlan

GOOD_HEADERS: Headers = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
    ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", "camera=()"),
    ("Set-Cookie", "__Host-session=1; Secure; HttpOnly; SameSite=Strict; Path=/"),
]


def scan(
    http_url: str | None, https_url: str | None, ca_bundle: str | None, timeout: float = 2
) -> SiteResult:
    plan = SitePlan("127.0.0.1", "127.0.0.1", http_url, https_url)
    return evaluate(fetch_site(plan, FetchOptions(timeout=timeout, ca_bundle=ca_bundle)))


def test_https_site_with_redirect_from_http(good_tls: ssl.SSLContext, ca_bundle: str) -> None:
    https_site = Site({"/": (200, GOOD_HEADERS, b"<html><p>shop</p></html>")})
    with serving(https_site, tls=good_tls) as https:
        http_site = Site({"/": (301, [("Location", https.url("/"))], b"")})
        with serving(http_site) as http:
            result = scan(http.url(), https.url(), ca_bundle)
    assert result.error is None
    assert result.tests["redirection"].result == "redirection-to-https"
    assert result.tests["strict-transport-security"].result == (
        "hsts-implemented-max-age-at-least-six-months"
    )
    assert result.tests["cookies"].result == "cookies-secure-with-httponly-sessions-and-samesite"
    assert result.tests["content-security-policy"].result == (
        "csp-implemented-with-no-unsafe-default-src-none"
    )
    # 100 +10 csp +5 cookies +5 referrer +5 xfo via csp
    assert (result.score, result.grade) == (125, "A+")
    assert result.final_url == https.url("/")
    # The scan asked for robots.txt, sent a CORS preflight with an unrelated Origin, looked for
    # security.txt, and made each request once.
    paths = [(r.method, r.path) for r in https_site.requests]
    assert ("GET", "/robots.txt") in paths
    assert ("GET", "/.well-known/security.txt") in paths
    preflight = next(r for r in https_site.requests if r.method == "OPTIONS")
    assert preflight.headers["origin"] == "https://http-observatory.security.mozilla.org"
    # https://host/ is asked for once: the http:// chain ends on the https:// chain's answer.
    assert paths.count(("GET", "/")) == 1


def robots_of(http_url: str | None, https_url: str | None, ca_bundle: str | None) -> str | None:
    plan = SitePlan("127.0.0.1", "127.0.0.1", http_url, https_url)
    snapshot = fetch_site(plan, FetchOptions(timeout=2, ca_bundle=ca_bundle))
    return snapshot.robots.url if snapshot.robots else None


ROBOTS: dict[str, tuple[int, Headers, bytes]] = {
    "/": (200, [("Content-Type", "text/html")], b"<p>shop</p>"),
    "/robots.txt": (200, [("Content-Type", "text/plain")], b"User-agent: *"),
}


def test_robots_txt_is_asked_for_once_where_the_graded_page_is(
    good_tls: ssl.SSLContext, expired_tls: ssl.SSLContext, ca_bundle: str
) -> None:
    # robots.txt of https://host/ is asked for alongside the page; it is kept when the page
    # verifies, and asked for again without verification when the certificate is invalid.
    for tls in (good_tls, expired_tls):
        site = Site(dict(ROBOTS))
        with serving(site, tls=tls) as https:
            assert robots_of(None, https.url(), ca_bundle) == https.url("/robots.txt")
        assert [r.path for r in site.requests].count("/robots.txt") == 1
    # No HTTPS at all: robots.txt comes from the http:// site the scan graded.
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    with serving(Site(dict(ROBOTS))) as http:
        assert robots_of(http.url(), f"https://127.0.0.1:{port}/", None) == http.url("/robots.txt")


def test_http_only_site_with_a_redirect_chain_and_bad_cookies() -> None:
    page: Headers = [
        ("Content-Type", "text/html"),
        ("Set-Cookie", "sessionid=abc; Path=/"),
        ("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'"),
        ("X-Frame-Options", "SAMEORIGIN"),
    ]
    routes = {
        "/": (302, [("Location", "/step")], b""),
        "/step": (301, [("Location", "/home")], b""),
        "/home": (200, page, b'<script src="http://cdn.other.org/x.js"></script>'),
    }
    with serving(Site(routes)) as http:
        result = scan(http.url(), None, None)
    assert result.error is None
    assert result.final_url == http.url("/home")
    assert result.tests["redirection"].result == "redirection-not-to-https"
    assert result.tests["cookies"].result == "cookies-session-without-secure-flag"
    assert result.tests["content-security-policy"].result == "csp-implemented-with-unsafe-inline"
    assert result.tests["strict-transport-security"].result == "hsts-not-implemented-no-https"
    assert result.tests["subresource-integrity"].result == (
        "sri-not-implemented-and-external-scripts-not-loaded-securely"
    )
    # -20 csp -40 cookies -20 redirection -20 hsts -50 sri -5 xcto (+5 xfo dropped): 0
    assert (result.score, result.grade) == (0, "F")
    assert len(result.to_json()["tests"]) == 12


def test_cookies_go_back_along_the_page_chain_and_stay_with_their_site() -> None:
    routes = {
        "/": (302, [("Location", "/gate"), ("Set-Cookie", "visited=1; Path=/")], b""),
        "/gate": (302, [("Location", "/home"), ("Set-Cookie", "gate=open; Path=/")], b""),
        "/home": (200, [("Content-Type", "text/html")], b"<p>home</p>"),
    }
    site = Site(routes)
    with serving(site) as http:
        scan(http.url(), None, None)
        first = list(site.requests)
        site.requests.clear()
        scan(http.url(), None, None)
    cookies = {r.path: r.headers.get("cookie") for r in first if r.method == "GET"}
    # Each hop carries what the hops before it set, as a browser's jar would.
    assert cookies["/"] is None
    assert cookies["/gate"] == "visited=1"
    assert sorted((cookies["/home"] or "").split("; ")) == ["gate=open", "visited=1"]
    # The side requests carry none: a browser's preflight sends no cookies.
    preflight = next(r for r in first if r.method == "OPTIONS")
    assert "cookie" not in preflight.headers
    assert cookies["/robots.txt"] is None
    # The next scan of the same site starts with an empty jar.
    assert site.requests[0].path == "/"
    assert "cookie" not in site.requests[0].headers


def test_cors_reflecting_origin_with_credentials(good_tls: ssl.SSLContext, ca_bundle: str) -> None:
    class Reflecting(Site):
        def __call__(self, request, sock):  # type: ignore[no-untyped-def]
            if request.method == "OPTIONS":
                from loopback import http_response

                return http_response(
                    204,
                    [
                        ("Access-Control-Allow-Origin", request.headers.get("origin", "")),
                        ("Access-Control-Allow-Credentials", "true"),
                    ],
                )
            return super().__call__(request, sock)

    with serving(
        Reflecting({"/": (200, [("Content-Type", "text/html")], b"")}), tls=good_tls
    ) as https:
        result = scan(None, https.url(), ca_bundle)
    assert result.tests["cross-origin-resource-sharing"].result == (
        "cross-origin-resource-sharing-implemented-with-universal-access"
    )


def _certificate_case(tls: ssl.SSLContext, ca_bundle: str) -> SiteResult:
    with serving(Site({"/": (200, GOOD_HEADERS, b"<p>x</p>")}), tls=tls) as https:
        http_site = Site({"/": (301, [("Location", https.url("/"))], b"")})
        with serving(http_site) as http:
            return scan(http.url(), https.url(), ca_bundle)


def test_expired_certificate_is_scored_and_reported(
    expired_tls: ssl.SSLContext, ca_bundle: str
) -> None:
    result = _certificate_case(expired_tls, ca_bundle)
    assert result.error is None and result.grade is not None
    assert result.tests["strict-transport-security"].result == "hsts-invalid-cert"
    assert result.tests["redirection"].result == "redirection-invalid-cert"
    kinds = {finding.kind: finding for finding in result.findings}
    assert kinds["certificate-expired"].severity == "critical"


def test_wrong_host_and_untrusted_certificates(
    wrong_host_tls: ssl.SSLContext, untrusted_tls: ssl.SSLContext, ca_bundle: str
) -> None:
    for tls, problem in ((wrong_host_tls, "hostname-mismatch"), (untrusted_tls, "untrusted")):
        result = _certificate_case(tls, ca_bundle)
        assert result.error is None
        assert result.tests["strict-transport-security"].result == "hsts-invalid-cert"
        finding = next(f for f in result.findings if f.kind == "certificate-invalid")
        assert finding.details["problem"] == problem


def test_certificate_expiring_soon(soon_expiring_tls: ssl.SSLContext, ca_bundle: str) -> None:
    result = _certificate_case(soon_expiring_tls, ca_bundle)
    assert result.tests["strict-transport-security"].result == (
        "hsts-implemented-max-age-at-least-six-months"
    )
    finding = next(f for f in result.findings if f.kind == "certificate-expires-soon")
    assert finding.severity == "critical"
    assert finding.details["days"] in ("4", "5")


def test_without_the_ca_bundle_the_test_ca_is_untrusted(good_tls: ssl.SSLContext) -> None:
    result = _certificate_case(good_tls, None)  # type: ignore[arg-type]
    assert result.tests["strict-transport-security"].result == "hsts-invalid-cert"


def test_status_outside_the_accepted_range_is_refused() -> None:
    with serving(Site({"/": (500, [("Content-Type", "text/html")], b"oops")})) as http:
        result = scan(http.url(), None, None)
    assert result.grade is None and result.score is None
    assert (
        result.to_json()["error"]
        == "The site answered with HTTP status 500, so it cannot be graded."
    )
    assert any(finding.kind == "permissions-policy-missing" for finding in result.findings)
    for status in (401, 403, 204):
        with serving(Site({"/": (status, [], b"")})) as http:
            assert scan(http.url(), None, None).grade is not None, status


def test_security_txt_is_read(good_tls: ssl.SSLContext, ca_bundle: str) -> None:
    text = b"Contact: mailto:security@example.com\nExpires: 2020-01-01T00:00:00Z\n"
    routes = {
        "/": (200, GOOD_HEADERS, b""),
        "/.well-known/security.txt": (200, [("Content-Type", "text/plain; charset=utf-8")], text),
    }
    with serving(Site(routes), tls=good_tls) as https:
        result = scan(None, https.url(), ca_bundle)
    finding = next(f for f in result.findings if f.kind == "security-txt-invalid")
    assert "in the past" in finding.details["problems"]
