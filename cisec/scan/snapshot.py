"""Provides the snapshot: everything the scan fetched from one site, as plain typed data.

The fetcher fills it once; every check reads it and nothing else, so checks are pure and tests
feed hand-made snapshots instead of servers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from cisec.scan.limits import DEFAULT_TIMEOUT

# Why a request produced no response; each has a plain sentence in the advice data.
FailureKind = Literal[
    "dns",  # the host name does not resolve
    "refused",  # nothing listens on the port
    "connect-timeout",  # no TCP connection within the timeout
    "read-timeout",  # connected, but the server stopped answering
    "deadline",  # the site as a whole took longer than its deadline
    "tls",  # the TLS handshake failed (not a certificate problem)
    "not-http",  # the answer was not HTTP
    "reset",  # the connection was cut in the middle of the answer
    "too-many-headers",  # more header lines than the cap
    "header-too-long",  # one header line longer than the cap
    "bad-url",  # the target is not a URL we can request
    "bad-target",  # the target is not a host name or an http(s) URL at all
    "other",
]

# Why a redirect chain stopped before reaching a page.
RedirectStop = Literal["loop", "too-many", "bad-scheme", "no-location"]

# What was wrong with the certificate, from the verifying handshake.
CertificateProblem = Literal[
    "expired", "not-yet-valid", "self-signed", "untrusted", "hostname-mismatch", "other"
]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True, slots=True)
class Response:
    """One HTTP response: where it came from, its status and its header lines as received."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...] = ()

    def header_lines(self, name: str) -> list[str]:
        """Every value of header `name` (case-insensitive), one per header line."""
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]

    def header(self, name: str) -> str | None:
        """Header `name` with repeated lines folded by ", ", as an HTTP client sees it.

        The Observatory reads headers through a client that folds repeats the same way, which is
        why `nosniff, nosniff` or a doubled HSTS header count as invalid.
        """
        lines = self.header_lines(name)
        return ", ".join(lines) if lines else None

    @property
    def declared_type(self) -> str:
        """The Content-Type before any parameters, as sent (case kept: the Observatory compares
        it case-sensitively with text/html and application/xhtml+xml)."""
        return (self.header("content-type") or "").split(";")[0].strip()

    @property
    def media_type(self) -> str:
        """The Content-Type without parameters, lowercased ('' when absent)."""
        return (self.header("content-type") or "").split(";")[0].strip().lower()


@dataclass(frozen=True, slots=True)
class Chain:
    """One GET and the redirects it followed: every hop's response, the final one last."""

    responses: tuple[Response, ...]
    verified: bool = True  # the certificate verified (always true over plain HTTP)
    body: str = ""  # the final response's body, decoded and capped
    body_truncated: bool = False
    stop: RedirectStop | None = None  # why redirects were not followed to a page

    @property
    def final(self) -> Response:
        """The last response of the chain."""
        return self.responses[-1]


@dataclass(frozen=True, slots=True)
class Certificate:
    """The server certificate as the scan's own TLS connection saw it."""

    verified: bool
    problem: CertificateProblem | None = None
    detail: str = ""  # the verifier's own words, for the finding
    not_before: datetime | None = None
    not_after: datetime | None = None
    subject: str = ""
    issuer: str = ""


@dataclass(frozen=True, slots=True)
class TextFile:
    """A small text resource such as security.txt, with its final URL after redirects."""

    url: str
    status: int
    media_type: str
    text: str


@dataclass(frozen=True, slots=True)
class SiteSnapshot:
    """Everything fetched from one site; `fetched_at` is the clock checks compare dates with.

    `timeout` is the request timeout the site was fetched under, so a message about a slow
    site can name it.
    """

    target: str  # what the user typed, repeated exactly
    host: str
    fetched_at: datetime
    timeout: float = DEFAULT_TIMEOUT
    http: Chain | None = None
    https: Chain | None = None
    http_failure: FailureKind | None = None
    https_failure: FailureKind | None = None
    robots: Response | None = None
    cors: Response | None = None
    cors_origin: str = ""
    security_txt: TextFile | None = None
    certificate: Certificate | None = None
    deadline_hit: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def auto(self) -> Chain | None:
        """The chain that is graded: HTTPS when it answered, else HTTP (the Observatory's `auto`)."""
        return self.https if self.https is not None else self.http

    @property
    def auto_is_https(self) -> bool:
        """Whether the graded chain started over HTTPS."""
        return self.https is not None
