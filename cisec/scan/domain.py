"""Provides host-name facts from offline reference lists: HSTS preload status and registrable domain.

Both lists ship inside packages (hstspreload, publicsuffixlist) and are read once, lazily; no
network is involved, so checks that call these stay pure functions of the snapshot.
"""

from __future__ import annotations

import functools
import ipaddress

import hstspreload
from publicsuffixlist import PublicSuffixList


def is_ip_address(host: str) -> bool:
    """Whether `host` is an IPv4 or IPv6 literal (brackets allowed)."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=4096)
def is_preloaded(host: str) -> bool:
    """Whether `host`, or a parent with includeSubDomains, is on the Chromium HSTS preload list."""
    if not host or is_ip_address(host):
        return False
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return bool(hstspreload.in_hsts_preload(ascii_host.lower().rstrip(".")))


@functools.lru_cache(maxsize=1)
def _suffix_list() -> PublicSuffixList:
    # The ICANN section only, as the Observatory's tldts does by default.
    return PublicSuffixList(only_icann=True)


@functools.lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str | None:
    """The registrable domain (eTLD+1) of `host`; None for IP addresses and bare suffixes."""
    host = host.lower().rstrip(".")
    if not host or is_ip_address(host):
        return None
    suffix: str | None = _suffix_list().privatesuffix(host)
    return suffix
