"""Provides cookies as a browser's cookie jar would keep them from a site's Set-Cookie headers.

The Observatory grades the cookies left in a jar (tough-cookie) after every request of the scan,
so a cookie that a jar rejects (a bad `__Host-` prefix, a foreign Domain) is not graded, and a
cookie set twice is graded once.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

SAMESITE_VALUES = frozenset({"strict", "lax", "none"})


@dataclass(frozen=True, slots=True)
class Cookie:
    """One cookie with the attributes the checks read."""

    name: str
    domain: str  # the Domain attribute without a leading dot, or the request host (host-only)
    path: str
    secure: bool
    httponly: bool
    samesite: str | None  # 'strict' | 'lax' | 'none', or None when absent or not understood
    samesite_raw: str | None  # the attribute's value as sent (None when absent)
    host_only: bool
    expires: str | None = None
    max_age: str | None = None


def parse_set_cookie(
    line: str, request_url: str, *, enforce_prefixes: bool = True
) -> Cookie | None:
    """Parse one Set-Cookie header line sent in answer to `request_url`.

    Returns None for a line a jar would not store: no `name=value` pair, an empty name,
    a Domain the request host does not belong to, or (with `enforce_prefixes`) a cookie that
    breaks its `__Secure-`/`__Host-` prefix.
    """
    pair, _, attributes = line.partition(";")
    name, equals, _value = pair.partition("=")
    name = name.strip()
    if not equals or not name:
        return None
    parts = urlsplit(request_url)
    host = (parts.hostname or "").lower()
    domain: str | None = None
    path: str | None = None
    secure = httponly = False
    samesite: str | None = None
    samesite_raw: str | None = None
    expires: str | None = None
    max_age: str | None = None
    for attribute in attributes.split(";"):
        key, _, raw_value = attribute.partition("=")
        key = key.strip().lower()
        value = raw_value.strip()
        if key == "secure":
            secure = True
        elif key == "httponly":
            httponly = True
        elif key == "samesite":
            samesite_raw = value
            samesite = value.lower() if value.lower() in SAMESITE_VALUES else None
        elif key == "domain" and value:
            domain = value.lstrip(".").lower()
        elif key == "path" and value.startswith("/"):
            path = value
        elif key == "expires":
            expires = value
        elif key == "max-age":
            max_age = value
    if domain is not None and not _domain_matches(host, domain):
        return None
    cookie = Cookie(
        name=name,
        domain=domain if domain is not None else host,
        path=path if path is not None else _default_path(parts.path),
        secure=secure,
        httponly=httponly,
        samesite=samesite,
        samesite_raw=samesite_raw,
        host_only=domain is None,
        expires=expires,
        max_age=max_age,
    )
    if enforce_prefixes and prefix_problem(cookie) is not None:
        return None
    return cookie


def prefix_problem(cookie: Cookie) -> str | None:
    """Why a `__Secure-` or `__Host-` cookie breaks its prefix's rules, or None when it does not.

    Browsers (and the Observatory's jar) drop such cookies; the SME check reports them.
    """
    if cookie.name.startswith("__Secure-") and not cookie.secure:
        return "secure-prefix-without-secure"
    if cookie.name.startswith("__Host-"):
        if not cookie.secure:
            return "host-prefix-without-secure"
        if not cookie.host_only:
            return "host-prefix-with-domain"
        if cookie.path != "/":
            return "host-prefix-path-not-root"
    return None


def cookie_jar(set_cookies: list[tuple[str, str]]) -> list[Cookie]:
    """The cookies a jar holds after `set_cookies` ((request URL, header line) in order).

    A later cookie with the same name, domain and path replaces the earlier one.
    """
    jar: dict[tuple[str, str, str], Cookie] = {}
    for request_url, line in set_cookies:
        cookie = parse_set_cookie(line, request_url)
        if cookie is not None:
            jar[(cookie.name, cookie.domain, cookie.path)] = cookie
    return list(jar.values())


def _domain_matches(host: str, domain: str) -> bool:
    if host == domain:
        return True
    if _is_ip(host):
        return False
    return host.endswith("." + domain)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _default_path(request_path: str) -> str:
    # RFC 6265 5.1.4: the directory of the request path.
    if not request_path.startswith("/") or request_path.count("/") == 1:
        return "/"
    return request_path[: request_path.rindex("/")]
