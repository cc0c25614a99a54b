"""Reading targets into the URLs to scan."""

from __future__ import annotations

import pytest

from cisec.errors import CisecError
from cisec.scan.target import plan_site


def test_bare_host_scans_both_schemes() -> None:
    plan = plan_site("Example.com")
    assert (plan.host, plan.http_url, plan.https_url) == (
        "example.com",
        "http://example.com/",
        "https://example.com/",
    )
    assert plan.target == "Example.com"


def test_url_keeps_port_and_path_for_its_scheme() -> None:
    plan = plan_site("https://example.com:8443/shop?x=1")
    assert plan.https_url == "https://example.com:8443/shop?x=1"
    assert plan.http_url == "http://example.com/shop?x=1"


def test_ip_addresses_are_scannable() -> None:
    assert plan_site("http://127.0.0.1:8080").http_url == "http://127.0.0.1:8080/"
    assert plan_site("[::1]").https_url == "https://[::1]/"


@pytest.mark.parametrize(
    "target", ["", "ftp://example.com", "a b", "example.com:8080", "http://:80/"]
)
def test_bad_targets(target: str) -> None:
    with pytest.raises(CisecError):
        plan_site(target)
