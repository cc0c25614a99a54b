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
        raise CisecError(
            "An empty target cannot be scanned.",
            "Give a host name or a URL.",
            message_zh="沒有輸入要掃描的目標。",
            next_step_zh="請輸入主機名稱或網址。",
        )
    if "://" not in text:
        if not _HOST.match(text):
            raise CisecError(
                f"{target!r} is not a host name.",
                "Give a host such as example.com, or a full URL (with http:// or https://) "
                "when you need a port or a path.",
                message_zh=f"{target!r} 不是主機名稱。",
                next_step_zh="請輸入主機名稱，例如 example.com；如需指定端口或路徑，"
                "請輸入完整網址（以 http:// 或 https:// 開頭）。",
            )
        text = "http://" + text
        named = None
    else:
        named = text.split("://", 1)[0].lower()
        if named not in ("http", "https"):
            raise CisecError(
                f"{target!r} is not an http or https URL.",
                "Give a URL starting with https://.",
                message_zh=f"{target!r} 不是 http 或 https 網址。",
                next_step_zh="請輸入以 https:// 開頭的網址。",
            )
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise CisecError(
            f"{target!r} is not a valid URL.",
            "Check the host and port.",
            message_zh=f"{target!r} 不是有效的網址。",
            next_step_zh="請檢查主機名稱和端口。",
        ) from error
    host = (parts.hostname or "").lower()
    if not host or not _HOST.match(host if ":" not in host else f"[{host}]"):
        raise CisecError(
            f"{target!r} has no valid host name.",
            "Give a URL such as https://example.com/.",
            message_zh=f"{target!r} 沒有有效的主機名稱。",
            next_step_zh="請輸入網址，例如 https://example.com/。",
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
