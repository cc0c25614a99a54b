"""Provides the scan's caps and timeouts, stated once for the fetcher, the messages and the README."""

from __future__ import annotations

MAX_BODY_BYTES = 2 * 1024 * 1024  # of the page, after decompression
MAX_TEXT_BYTES = 64 * 1024  # of robots.txt and security.txt
MAX_REDIRECTS = 10
# Enforced by Python's http.client itself (its _MAXHEADERS and _MAXLINE); a test keeps them equal.
MAX_HEADER_LINES = 100
MAX_HEADER_LINE_BYTES = 65536
DEFAULT_TIMEOUT = 10.0  # seconds each request may wait to connect, and between bytes
DEADLINE_FACTOR = 3  # a whole site may take three request timeouts
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
