"""HSTS, redirection, referrer, X-Content-Type-Options, X-Frame-Options, CORS, CORP, COOP, COEP."""

from __future__ import annotations

import pytest
from canned import evidence, site

from cisec.scan.checks import (
    Evidence,
    coep,
    coop,
    corp,
    cors,
    hsts,
    redirection,
    referrer,
    x_content_type_options,
    x_frame_options,
)

STS = "Strict-Transport-Security"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("max-age=31536000", "hsts-implemented-max-age-at-least-six-months"),
        ("max-age=15552000; includeSubDomains", "hsts-implemented-max-age-at-least-six-months"),
        ("MAX-AGE=63072000; preload", "hsts-implemented-max-age-at-least-six-months"),
        ("max-age=15551999", "hsts-implemented-max-age-less-than-six-months"),
        ("max-age=0", "hsts-implemented-max-age-less-than-six-months"),
        ("includeSubDomains", "hsts-header-invalid"),
        ("max-age=31536000, max-age=31536000", "hsts-header-invalid"),
        ("max-age=abc", "hsts-implemented-max-age-at-least-six-months"),  # parseInt NaN quirk
    ],
)
def test_hsts(value: str, expected: str) -> None:
    assert hsts.check(evidence([(STS, value)])).result == expected


def test_hsts_without_https_bad_cert_and_twice() -> None:
    assert hsts.check(evidence([])).result == "hsts-not-implemented"
    assert hsts.check(evidence([], https=False)).result == "hsts-not-implemented-no-https"
    assert (
        hsts.check(evidence([(STS, "max-age=31536000")], verified=False)).result
        == "hsts-invalid-cert"
    )
    twice = [(STS, "max-age=31536000"), (STS, "max-age=31536000")]
    assert hsts.check(evidence(twice)).result == "hsts-header-invalid"


def test_hsts_preload_list_overrides() -> None:
    # .dev is preloaded as a whole top-level domain.
    assert hsts.check(evidence([], host="shop.dev")).result == "hsts-preloaded"
    assert hsts.check(evidence([], host="shop.dev")).passed


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        (["http://example.com/", "https://example.com/"], "redirection-to-https"),
        (["http://example.com/"], "redirection-missing"),
        (["http://example.com/", "http://www.example.com/"], "redirection-not-to-https"),
        (
            ["http://example.com/", "http://www.example.com/", "https://www.example.com/"],
            "redirection-not-to-https-on-initial-redirection",
        ),
        (["http://example.com/", "https://www.example.com/"], "redirection-off-host-from-http"),
        ([], "redirection-not-needed-no-http"),
    ],
)
def test_redirection(route: list[str], expected: str) -> None:
    assert redirection.check(evidence([], http_route=route)).result == expected


def test_redirection_invalid_cert_and_preloaded() -> None:
    assert redirection.check(evidence([], verified=False)).result == "redirection-invalid-cert"
    route = ["http://shop.dev/", "https://shop.dev/"]
    snapshot = site([], host="shop.dev", http_route=route)
    assert redirection.check(Evidence.of(snapshot)).result == "redirection-all-redirects-preloaded"


@pytest.mark.parametrize(
    ("values", "meta", "expected"),
    [
        ([], None, "referrer-policy-not-implemented"),
        (["no-referrer"], None, "referrer-policy-private"),
        (["STRICT-ORIGIN-WHEN-CROSS-ORIGIN"], None, "referrer-policy-private"),
        (["unsafe-url"], None, "referrer-policy-unsafe"),
        (["no-referrer-when-downgrade"], None, "referrer-policy-unsafe"),
        (["no-referrer, unsafe-url"], None, "referrer-policy-unsafe"),
        (["unsafe-url, bogus"], None, "referrer-policy-unsafe"),  # last *valid* wins
        (["bogus"], None, "referrer-policy-header-invalid"),
        (["unsafe-url"], "same-origin", "referrer-policy-private"),  # meta comes last
        ([], "origin", "referrer-policy-unsafe"),
    ],
)
def test_referrer(values: list[str], meta: str | None, expected: str) -> None:
    body = f'<meta name="referrer" content="{meta}">' if meta else ""
    headers = [("Referrer-Policy", value) for value in values]
    outcome = referrer.check(evidence(headers, body=body))
    assert outcome.result == expected
    assert outcome.passed == (
        expected in ("referrer-policy-private", "referrer-policy-not-implemented")
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], "x-content-type-options-not-implemented"),
        (["nosniff"], "x-content-type-options-nosniff"),
        ([" NoSniff "], "x-content-type-options-nosniff"),
        (["nosniff, nosniff"], "x-content-type-options-header-invalid"),
        (["nosniff", "nosniff"], "x-content-type-options-header-invalid"),
        (["sniff"], "x-content-type-options-header-invalid"),
    ],
)
def test_x_content_type_options(values: list[str], expected: str) -> None:
    headers = [("X-Content-Type-Options", value) for value in values]
    assert x_content_type_options.check(evidence(headers)).result == expected


@pytest.mark.parametrize(
    ("values", "csp", "expected"),
    [
        ([], None, "x-frame-options-not-implemented"),
        (["DENY"], None, "x-frame-options-sameorigin-or-deny"),
        ([" sameorigin "], None, "x-frame-options-sameorigin-or-deny"),
        (["ALLOW-FROM https://a.example"], None, "x-frame-options-allow-from-origin"),
        (["SAMEORIGIN, SAMEORIGIN"], None, "x-frame-options-header-invalid"),
        (["allowall"], None, "x-frame-options-header-invalid"),
        ([], "default-src 'self'; frame-ancestors *", "x-frame-options-implemented-via-csp"),
        (["bogus"], "frame-ancestors 'none'", "x-frame-options-implemented-via-csp"),
    ],
)
def test_x_frame_options(values: list[str], csp: str | None, expected: str) -> None:
    headers = [("X-Frame-Options", value) for value in values]
    if csp:
        headers.append(("Content-Security-Policy", csp))
    assert x_frame_options.check(evidence(headers)).result == expected


ORIGIN = "https://http-observatory.security.mozilla.org"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ([], "cross-origin-resource-sharing-not-implemented"),
        (
            [("Access-Control-Allow-Origin", "*")],
            "cross-origin-resource-sharing-implemented-with-public-access",
        ),
        (
            [("Access-Control-Allow-Origin", "https://partner.example")],
            "cross-origin-resource-sharing-implemented-with-restricted-access",
        ),
        (
            [("Access-Control-Allow-Origin", ORIGIN), ("Access-Control-Allow-Credentials", "true")],
            "cross-origin-resource-sharing-implemented-with-universal-access",
        ),
        (
            [("Access-Control-Allow-Origin", ORIGIN)],
            "cross-origin-resource-sharing-implemented-with-restricted-access",
        ),
    ],
)
def test_cors(headers: list[tuple[str, str]], expected: str) -> None:
    outcome = cors.check(evidence([], cors=headers))
    assert outcome.result == expected
    assert outcome.passed == (not expected.endswith("universal-access"))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], "corp-not-implemented"),
        (["same-origin"], "corp-implemented-with-same-origin"),
        (["Same-Site"], "corp-implemented-with-same-site"),
        (["cross-origin"], "corp-implemented-with-cross-origin"),
        (["same-origin", "same-origin"], "corp-header-invalid"),
        (["nope"], "corp-header-invalid"),
    ],
)
def test_corp(values: list[str], expected: str) -> None:
    headers = [("Cross-Origin-Resource-Policy", value) for value in values]
    assert corp.check(evidence(headers)).result == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], "coop-not-implemented"),
        (["same-origin"], "coop-implemented-with-same-origin"),
        (['same-origin; report-to="default"'], "coop-implemented-with-same-origin"),
        (["same-origin-allow-popups"], "coop-implemented-with-same-origin-allow-popups"),
        (["noopener-allow-popups"], "coop-implemented-with-noopener-allow-popups"),
        (["unsafe-none"], "coop-implemented-with-unsafe-none"),
        (['"same-origin"'], "coop-header-invalid"),
        (["Same-Origin"], "coop-header-invalid"),
        (["same-origin", "same-origin"], "coop-header-invalid"),
        (["same-origin;"], "coop-header-invalid"),
        (["same origin"], "coop-header-invalid"),
    ],
)
def test_coop(values: list[str], expected: str) -> None:
    headers = [("Cross-Origin-Opener-Policy", value) for value in values]
    outcome = coop.check(evidence(headers))
    assert outcome.result == expected
    assert outcome.passed == (expected != "coop-header-invalid")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], "coep-not-implemented"),
        (["require-corp"], "coep-implemented-with-require-corp"),
        (["credentialless; report-to=x"], "coep-implemented-with-credentialless"),
        (["unsafe-none"], "coep-implemented-with-unsafe-none"),
        (["require-corp, require-corp"], "coep-header-invalid"),
        (["REQUIRE-CORP"], "coep-header-invalid"),
        (["'require-corp'"], "coep-header-invalid"),
    ],
)
def test_coep(values: list[str], expected: str) -> None:
    headers = [("Cross-Origin-Embedder-Policy", value) for value in values]
    assert coep.check(evidence(headers)).result == expected
