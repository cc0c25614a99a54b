"""Provides the reading of a scan target (a host or a URL) into the two URLs the scan requests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from cisec.errors import CisecError

STANDARD_PORTS: dict[str, int] = {"http": 80, "https": 443}
# The port the scheme the user did not name is tried on. Tests point these at loopback servers.
DEFAULT_PORTS: dict[str, int] = dict(STANDARD_PORTS)
_HOST = re.compile(r"^(\[[0-9a-fA-F:.]+\]|[^\s/?#@:\[\]]+)$")


@dataclass(frozen=True, slots=True)
class SitePlan:
    """What to request for one target: `http_url` and `https_url` (either may be None)."""

    target: str
    host: str
    http_url: str | None
    https_url: str | None


def plan_site(target: str) -> SitePlan:
    """Read `target` (`example.com`, `https://example.com:8443/shop`) into the URLs to scan.

    A bare host is requested as http://host/ and https://host/. A URL is requested as given,
    and the other scheme on the same host at its default port, as the Observatory does.
    Raises CisecError for a target that is neither.
    """
    text = target.strip()
    if not text:
        raise CisecError("An empty target cannot be scanned.", "Give a host name or a URL.")
    if "://" not in text:
        if not _HOST.match(text):
            raise CisecError(
                f"{target!r} is not a host name.",
                "Give a host such as example.com, or a full URL (with http:// or https://) "
                "when you need a port or a path.",
            )
        text = "http://" + text
        named = None
    else:
        named = text.split("://", 1)[0].lower()
        if named not in ("http", "https"):
            raise CisecError(
                f"{target!r} is not an http or https URL.", "Give a URL starting with https://."
            )
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise CisecError(f"{target!r} is not a valid URL.", "Check the host and port.") from error
    host = (parts.hostname or "").lower()
    if not host or not _HOST.match(host if ":" not in host else f"[{host}]"):
        raise CisecError(
            f"{target!r} has no valid host name.", "Give a URL such as https://example.com/."
        )
    path = parts.path or "/"
    netloc_host = f"[{host}]" if ":" in host else host

    def url(scheme: str, with_port: int | None) -> str:
        netloc = netloc_host if with_port is None else f"{netloc_host}:{with_port}"
        return urlunsplit((scheme, netloc, path, parts.query, ""))

    def other(scheme: str) -> str:
        port = DEFAULT_PORTS[scheme]
        return url(scheme, None if port == STANDARD_PORTS[scheme] else port)

    if named is None:
        return SitePlan(target, host, other("http"), other("https"))
    given = url(named, port)
    if named == "https":
        return SitePlan(target, host, other("http"), given)
    return SitePlan(target, host, given, other("https"))
