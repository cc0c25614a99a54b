"""Provides the scan's only network access: fetch one site once and return its snapshot.

Every request has connect and read timeouts, and the whole site has a deadline enforced by a
watchdog that shuts the site's sockets down, so a server dripping one byte at a time cannot keep
a scan alive. Bodies are capped after decompression; Python's http.client caps the header count
(100) and line length (64 KiB); redirects are followed by hand (at most 10, http and https only).
"""

from __future__ import annotations

import heapq
import http.client
import http.cookiejar
import os
import socket
import ssl
import threading
import time
import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import TypeVar
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.request import Request as _CookieRequest

import requests.certs
import requests.utils
import urllib3
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from cisec.errors import CisecError
from cisec.scan.certificate import read_certificate
from cisec.scan.limits import (
    DEADLINE_FACTOR,
    DEFAULT_TIMEOUT,
    MAX_BODY_BYTES,
    MAX_REDIRECTS,
    MAX_TEXT_BYTES,
    REDIRECT_STATUSES,
)
from cisec.scan.snapshot import (
    Certificate,
    CertificateProblem,
    Chain,
    FailureKind,
    RedirectStop,
    Response,
    SiteSnapshot,
    TextFile,
)
from cisec.scan.target import SitePlan

# An origin unrelated to any scanned site, the one the Observatory sends.
CORS_ORIGIN = "https://http-observatory.security.mozilla.org"
USER_AGENT = "cisec-scan/0.1 (website security-header check)"
_CHUNK = 16 * 1024
_T = TypeVar("_T")
# What every request carries unless it says otherwise: the headers requests would have sent.
_BASE_HEADERS = {
    "Accept": "*/*",
    "Accept-Encoding": requests.utils.DEFAULT_ACCEPT_ENCODING,
    "Connection": "keep-alive",
}
_PAGE_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
}
# Connections kept per origin: the side requests of a site run three at a time.
_POOL_SIZE = 3


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How patiently and with which trust anchors to fetch."""

    timeout: float = DEFAULT_TIMEOUT
    ca_bundle: str | None = None  # None: the bundle requests ships (certifi)

    @property
    def deadline(self) -> float:
        """Seconds the whole site may take."""
        return self.timeout * DEADLINE_FACTOR

    @property
    def verify(self) -> str:
        """The CA bundle every TLS connection of the scan verifies against."""
        return self.ca_bundle or str(requests.certs.where())  # type: ignore[attr-defined]


def ca_bundle_from(explicit: str | None, environ: Mapping[str, str]) -> str | None:
    """The CA bundle to trust: `--ca-bundle`, else REQUESTS_CA_BUNDLE, else None (the default).

    Raises CisecError when the chosen file does not exist.
    """
    chosen, source = explicit, "--ca-bundle"
    if not chosen and environ.get("REQUESTS_CA_BUNDLE"):
        chosen, source = environ["REQUESTS_CA_BUNDLE"], "REQUESTS_CA_BUNDLE"
    if not chosen:
        return None
    if not os.path.isfile(chosen):
        raise CisecError(
            f"The CA bundle given by {source} does not exist: {chosen}",
            "Give the path of a PEM file of trusted certificates.",
            message_zh=f"{source} 指定的 CA 憑證檔案不存在：{chosen}",
            next_step_zh="請提供一個載有受信任憑證的 PEM 檔案的路徑。",
        )
    return chosen


# --- The per-site deadline -------------------------------------------------------------------

_site = threading.local()


class _Deadline:
    """The connections one site opened: shut down once its time is up, certificates kept.

    A read timeout bounds each wait for a byte, not the whole answer; shutting the socket down
    from the watchdog makes any blocked read (headers, body or TLS handshake) return at once.
    """

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self.expired = False
        self.done = False
        # (host, port) -> the DER certificate the server presented, verified or not.
        self.certificates: dict[tuple[str, int], bytes] = {}
        self._sockets: list[tuple[int, int]] = []  # (fd, inode): the inode guards against fd reuse
        self._lock = threading.Lock()

    def __enter__(self) -> _Deadline:
        _site.deadline = self
        _WATCHDOG.watch(self)
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self.done = True
            self._sockets.clear()
            # The watchdog holds this object until its time would have come: keep it small.
            self.certificates.clear()
            self.expired = self.expired or time.monotonic() >= self.at
        _site.deadline = None
        _WATCHDOG.finished()

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def certificate(self, host: str, port: int) -> bytes | None:
        """The certificate `host` presented on `port`, named as a connection names its host."""
        return self.certificates.get((_connection_host(host), port))

    def register(self, sock: socket.socket) -> None:
        entry = (sock.fileno(), os.fstat(sock.fileno()).st_ino)
        with self._lock:
            if not self.expired:
                self._sockets.append(entry)
                return
        _shutdown(*entry)

    def expire(self) -> None:
        with self._lock:
            if self.done:
                return  # the site finished in time; its sockets belong to no one now
            self.expired = True
            sockets, self._sockets = self._sockets, []
        for entry in sockets:
            _shutdown(*entry)


class _Watchdog:
    """One thread for every site's deadline (a timer thread per site would cost a thread each)."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, _Deadline]] = []
        self._count = 0
        self._finished = 0  # finished sites still in the heap, about
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def watch(self, deadline: _Deadline) -> None:
        with self._wake:
            self._count += 1
            heapq.heappush(self._heap, (deadline.at, self._count, deadline))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="scan-watchdog", daemon=True)
                self._thread.start()
            self._wake.notify()

    def finished(self) -> None:
        """A site ended in time: drop finished sites once they are half the heap, so it holds
        only the sites in flight, not every site of the last deadline's length."""
        with self._wake:
            self._finished += 1
            if self._finished * 2 > len(self._heap):
                self._heap = [entry for entry in self._heap if not entry[2].done]
                heapq.heapify(self._heap)
                self._finished = 0

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._heap and self._heap[0][2].done:
                    heapq.heappop(self._heap)  # finished in time: nothing to cut
                if not self._heap:
                    self._wake.wait()
                    continue
                wait = self._heap[0][0] - time.monotonic()
                if wait > 0:
                    self._wake.wait(wait)
                    continue
                _, _, due = heapq.heappop(self._heap)
            due.expire()


_WATCHDOG = _Watchdog()


def _shutdown(fd: int, inode: int) -> None:
    # The socket may have been wrapped for TLS (same fd) or closed meanwhile; shut it down only
    # if the fd still names the same socket, through a duplicate so ownership stays with urllib3.
    try:
        if os.fstat(fd).st_ino != inode:
            return
        duplicate = socket.socket(fileno=os.dup(fd))
    except OSError:
        return
    try:
        duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already disconnected: nothing left to interrupt
    finally:
        duplicate.close()


def _register_with_site(sock: socket.socket) -> None:
    deadline: _Deadline | None = getattr(_site, "deadline", None)
    if deadline is not None:
        deadline.register(sock)


class _GuardedHTTPConnection(urllib3.connection.HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _register_with_site(sock)
        return sock


class _GuardedHTTPSConnection(urllib3.connection.HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _register_with_site(sock)
        return sock

    def connect(self) -> None:
        super().connect()
        # Keep the certificate now: http.client drops the socket of a `Connection: close` answer.
        deadline: _Deadline | None = getattr(_site, "deadline", None)
        if deadline is not None and isinstance(self.sock, ssl.SSLSocket):
            der = self.sock.getpeercert(binary_form=True)
            if der:
                deadline.certificates[(_connection_host(self.host), self.port)] = der


def _connection_host(host: str) -> str:
    # urllib3 drops an IPv6 address's brackets and a trailing dot from the host it connects to.
    return host.strip("[]").rstrip(".").lower()


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


_contexts: dict[str | bool, ssl.SSLContext] = {}
_contexts_lock = threading.Lock()


def _tls_context(verify: str | bool) -> ssl.SSLContext:
    """The context for `verify` (a CA bundle, or False), built once: loading a bundle of a few
    hundred certificates for every connection would cost more than the handshake."""
    with _contexts_lock:
        context = _contexts.get(verify)
        if context is None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            context.minimum_version = ssl.TLSVersion.TLSv1_2
            context.options |= ssl.OP_NO_COMPRESSION
            if verify is False:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            else:
                context.load_verify_locations(cafile=str(verify))
            _contexts[verify] = context
        return context


# Unverified requests happen only after a certificate failed verification, deliberately, and the
# problem is reported as a finding; urllib3's warning would only clutter stderr.
warnings.filterwarnings("ignore", category=urllib3.exceptions.InsecureRequestWarning)
# http.cookiejar recovers from a Set-Cookie it cannot read (a site's own doing, e.g. an
# impossible Expires date) by dropping the cookie and warning with a traceback: say nothing.
warnings.filterwarnings("ignore", message=r"http\.cookiejar bug!", category=UserWarning)


class _SiteConnections:
    """One site's connections, a keep-alive pool per origin and trust, and the cookies the site
    set; both end with the site, so nothing travels from one site to the next.

    urllib3's pools directly rather than a requests session: the scan follows redirects and
    reads bodies itself, and preparing each request through requests cost as much CPU again
    as the request (1.2 ms against 0.6 ms per loopback request), on a scan bound by CPU.
    """

    def __init__(self) -> None:
        self._pools: dict[tuple[str, str, int, str | bool], HTTPConnectionPool] = {}
        self._lock = threading.Lock()
        # Sent back along the page chains, as a browser would: some sites redirect until they
        # get their cookie back. robots.txt, the preflight and security.txt neither send nor
        # keep them: a browser's preflight carries no cookies, and the jar cost a quarter of the
        # scan's CPU when every request went through it.
        self.cookies = http.cookiejar.CookieJar()

    def pool(self, scheme: str, host: str, port: int, verify: str | bool) -> HTTPConnectionPool:
        key = (scheme, host, port, verify)
        with self._lock:
            pool = self._pools.get(key)
            if pool is None:
                pool = self._pools[key] = _new_pool(scheme, host, port, verify)
            return pool

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()

    def cookie_header(self, url: str) -> str | None:
        if not len(self.cookies):
            return None
        # Never opened: http.cookiejar only reads the URL of a request (always http or https).
        request = _CookieRequest(url)  # noqa: S310
        self.cookies.add_cookie_header(request)
        return request.get_header("Cookie")

    def keep_cookies(self, url: str, headers: urllib3.HTTPHeaderDict) -> None:
        if "set-cookie" in headers or "set-cookie2" in headers:
            request = _CookieRequest(url)  # noqa: S310 (never opened, as above)
            self.cookies.extract_cookies(_CookieHeaders(headers), request)  # type: ignore[arg-type]


class _CookieHeaders:
    """The face http.cookiejar reads a response through (`info().get_all`)."""

    def __init__(self, headers: urllib3.HTTPHeaderDict) -> None:
        self._headers = headers

    def info(self) -> _CookieHeaders:
        return self

    def get_all(self, name: str, default: list[str]) -> list[str]:
        return self._headers.getlist(name) or default


def _new_pool(scheme: str, host: str, port: int, verify: str | bool) -> HTTPConnectionPool:
    if scheme == "http":
        return _GuardedHTTPPool(host, port, maxsize=_POOL_SIZE, block=False, retries=False)
    return _GuardedHTTPSPool(
        host,
        port,
        maxsize=_POOL_SIZE,
        block=False,
        retries=False,
        # The context already holds the trust anchors; loading the bundle per connection
        # would cost more than the handshake.
        ssl_context=_tls_context(verify),
        cert_reqs="CERT_NONE" if verify is False else "CERT_REQUIRED",
    )


# --- Requests ---------------------------------------------------------------------------------


class _Failed(Exception):
    def __init__(self, kind: FailureKind) -> None:
        super().__init__(kind)
        self.kind = kind


class _CertificateRejected(Exception):
    def __init__(self, problem: CertificateProblem, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem
        self.detail = detail


@dataclass(slots=True)
class _Answer:
    response: Response
    body: bytes
    truncated: bool
    charset: str | None
    certificate_der: bytes | None


def _request(
    connections: _SiteConnections,
    method: str,
    url: str,
    *,
    verify: str | bool,
    deadline: _Deadline,
    options: FetchOptions,
    body_cap: int,
    headers: Mapping[str, str] | None = None,
    cookies: bool = False,
) -> _Answer:
    """One request; `cookies`: send the site's cookies and keep the ones it sets."""
    remaining = deadline.remaining()
    if remaining <= 0:
        raise _Failed("deadline")
    wait_at_most = min(options.timeout, remaining)
    try:
        parts = urllib3.util.parse_url(url)
    except urllib3.exceptions.LocationValueError as error:
        raise _Failed("bad-url") from error
    if parts.scheme not in ("http", "https") or not parts.host:
        raise _Failed("bad-url")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    sent = {**_BASE_HEADERS, **(headers or _PAGE_HEADERS)}
    cookie = connections.cookie_header(url) if cookies else None
    if cookie:
        sent["Cookie"] = cookie
    try:
        pool = connections.pool(parts.scheme, parts.host, port, verify)
        raw = pool.urlopen(
            method,
            parts.request_uri,
            headers=sent,
            redirect=False,
            retries=False,
            preload_content=False,
            timeout=urllib3.Timeout(connect=wait_at_most, read=wait_at_most),
        )
    except urllib3.exceptions.SSLError as error:
        verification = _verification_error(error)
        if verification is not None:
            raise _CertificateRejected(*_certificate_problem(verification)) from error
        raise _Failed("deadline" if deadline.expired else "tls") from error
    except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError, ValueError) as error:
        raise _Failed(_failure_kind(error, deadline)) from error
    complete = False
    try:
        der = deadline.certificate(parts.host, port) if parts.scheme == "https" else None
        body, truncated = _read_body(raw, body_cap, deadline)
        if deadline.expired:
            # The watchdog cut the connection: whatever arrived is a fragment, not an answer.
            raise _Failed("deadline")
        complete = not truncated
        response = Response(url=url, status=raw.status, headers=tuple(raw.headers.items()))
        charset = requests.utils.get_encoding_from_headers(raw.headers)
        if cookies:
            connections.keep_cookies(url, raw.headers)
    except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as error:
        raise _Failed(_failure_kind(error, deadline)) from error
    finally:
        if not complete:
            raw.close()  # a fragment left on the connection would be read as the next answer
        raw.release_conn()
    return _Answer(response, body, truncated, charset, der)


def _read_body(raw: urllib3.BaseHTTPResponse, cap: int, deadline: _Deadline) -> tuple[bytes, bool]:
    if cap <= 0:
        return b"", False
    chunks: list[bytes] = []
    total = 0
    # urllib3 decompresses in bounded steps, so a gzip bomb yields at most a chunk at a time.
    for chunk in raw.stream(_CHUNK, decode_content=True):
        if deadline.expired:
            raise _Failed("deadline")
        chunks.append(chunk)
        total += len(chunk)
        if total >= cap:
            return b"".join(chunks)[:cap], True
    return b"".join(chunks), False


def _verification_error(error: BaseException) -> ssl.SSLCertVerificationError | None:
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        pending.extend([current.__cause__, current.__context__])
        pending.extend(arg for arg in current.args if isinstance(arg, BaseException))
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            pending.append(reason)
    return None


def _certificate_problem(error: ssl.SSLCertVerificationError) -> tuple[CertificateProblem, str]:
    code = error.verify_code
    detail = str(error.verify_message or error.reason or "certificate verification failed")
    problem: CertificateProblem
    if code == 10:
        problem = "expired"
    elif code == 9:
        problem = "not-yet-valid"
    elif code == 18:
        problem = "self-signed"
    elif code in (2, 19, 20, 21, 27):
        problem = "untrusted"
    elif code in (62, 64) or "mismatch" in detail.lower():  # 64: an IP address mismatch
        problem = "hostname-mismatch"
    else:
        problem = "other"
    return problem, detail


def _failure_kind(error: BaseException, deadline: _Deadline) -> FailureKind:
    if deadline.expired:
        return "deadline"
    if isinstance(error, _Failed):
        return error.kind
    chain = _causes(error)
    text = " ".join(str(item) for item in chain).lower()
    # urllib3's NewConnectionError (refused, unresolved) is a ConnectTimeoutError too.
    if any(
        isinstance(item, urllib3.exceptions.ConnectTimeoutError)
        and not isinstance(item, urllib3.exceptions.NewConnectionError)
        for item in chain
    ):
        return "connect-timeout"
    if any(
        isinstance(item, urllib3.exceptions.ReadTimeoutError | TimeoutError | socket.timeout)
        for item in chain
    ):
        return "read-timeout"
    if any(
        isinstance(item, urllib3.exceptions.LocationValueError | http.client.InvalidURL)
        for item in chain
    ):
        return "bad-url"
    if any(isinstance(item, urllib3.exceptions.NameResolutionError) for item in chain):
        return "dns"
    if any(isinstance(item, ConnectionRefusedError) for item in chain):
        return "refused"
    if "got more than" in text and "headers" in text:
        return "too-many-headers"
    if any(isinstance(item, http.client.LineTooLong) for item in chain) or "line too long" in text:
        return "header-too-long"
    if any(isinstance(item, http.client.BadStatusLine) for item in chain):
        return "not-http"
    if any(
        isinstance(
            item,
            ConnectionResetError
            | http.client.IncompleteRead
            | urllib3.exceptions.ProtocolError
            | urllib3.exceptions.DecodeError
            | http.client.RemoteDisconnected,
        )
        for item in chain
    ):
        return "reset"
    if any(isinstance(item, ssl.SSLError) for item in chain):
        return "tls"
    return "other"


def _causes(error: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    pending: list[BaseException | None] = [error]
    while pending and len(found) < 20:
        current = pending.pop()
        if current is None or any(current is item for item in found):
            continue
        found.append(current)
        pending.extend([current.__cause__, current.__context__])
        pending.extend(arg for arg in current.args if isinstance(arg, BaseException))
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            pending.append(reason)
    return found


# --- Chains of redirects ----------------------------------------------------------------------


class _Once:
    """A site's page requests, each made once: the http:// chain's hop to https://host/ is the
    request the https:// chain makes anyway, so it waits for that answer instead of asking again.

    Keyed by URL and trust (a verified and an unverified fetch are different questions); a
    failure is shared as well, so both chains see the same answer, as two requests would.
    """

    def __init__(self) -> None:
        self._flights: dict[tuple[str, str | bool], Future[_Answer]] = {}
        self._lock = threading.Lock()

    def answer(
        self, url: str, verify: str | bool, deadline: _Deadline, ask: Callable[[], _Answer]
    ) -> _Answer:
        with self._lock:
            flight = self._flights.get((url, verify))
            mine = flight is None
            if flight is None:
                flight = self._flights[(url, verify)] = Future()
        if mine:
            try:
                flight.set_result(ask())
            except BaseException as error:
                flight.set_exception(error)
                raise
            return flight.result()
        try:
            # The asking thread is bounded by the same deadline; the margin only guards it.
            flight.result(timeout=max(deadline.remaining(), 0.0) + 1.0)
        except TimeoutError as error:
            raise _Failed("deadline") from error
        except _Failed as failure:
            raise _Failed(failure.kind) from failure
        except _CertificateRejected as rejected:
            raise _CertificateRejected(rejected.problem, rejected.detail) from rejected
        return flight.result()


@dataclass(slots=True)
class _ChainResult:
    chain: Chain
    certificate_der: bytes | None


def _follow(
    connections: _SiteConnections,
    url: str,
    *,
    verify: str | bool,
    deadline: _Deadline,
    options: FetchOptions,
    body_cap: int,
    max_redirects: int = MAX_REDIRECTS,
    once: _Once | None = None,
    cookies: bool = False,
) -> _ChainResult:
    responses: list[Response] = []
    visited = {url}
    der: bytes | None = None
    stop: RedirectStop | None = None
    while True:

        def ask(url: str = url) -> _Answer:
            return _request(
                connections,
                "GET",
                url,
                verify=verify,
                deadline=deadline,
                options=options,
                body_cap=body_cap,
                cookies=cookies,
            )

        answer = ask() if once is None else once.answer(url, verify, deadline, ask)
        if der is None and answer.certificate_der is not None:
            der = answer.certificate_der
        responses.append(answer.response)
        if answer.response.status not in REDIRECT_STATUSES:
            break
        location = answer.response.header("location")
        if not location:
            stop = "no-location"
            break
        next_url = _absolute(url, location)
        if next_url is None:
            stop = "bad-scheme"
            break
        if next_url in visited:
            stop = "loop"
            break
        if len(responses) > max_redirects:
            stop = "too-many"
            break
        visited.add(next_url)
        url = next_url
    body = answer.body.decode(_codec(answer.charset), "replace")
    chain = Chain(
        responses=tuple(responses),
        verified=verify is not False,
        body=body,
        body_truncated=answer.truncated,
        stop=stop,
    )
    return _ChainResult(chain, der)


def _absolute(base: str, location: str) -> str | None:
    try:
        joined = urljoin(base, location.strip())
        parts = urlsplit(joined)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def _codec(charset: str | None) -> str:
    if charset:
        try:
            "".encode(charset)
        except LookupError:
            return "utf-8"
        # requests reports ISO-8859-1 for any text/* without a charset; UTF-8 is far likelier.
        if charset.lower() != "iso-8859-1":
            return charset
    return "utf-8"


@dataclass(slots=True)
class _Attempt:
    chain: Chain | None = None
    failure: FailureKind | None = None
    certificate_der: bytes | None = None
    certificate_problem: tuple[CertificateProblem, str] | None = None


def _fetch_chain(
    connections: _SiteConnections,
    url: str,
    deadline: _Deadline,
    options: FetchOptions,
    once: _Once | None = None,
) -> _Attempt:
    """GET `url` and its redirects; with an invalid certificate, again without verification."""
    attempt = _Attempt()
    try:
        result = _follow(
            connections,
            url,
            verify=options.verify,
            deadline=deadline,
            options=options,
            body_cap=MAX_BODY_BYTES,
            once=once,
            cookies=True,
        )
    except _Failed as failure:
        attempt.failure = failure.kind
        return attempt
    except _CertificateRejected as rejected:
        attempt.certificate_problem = (rejected.problem, rejected.detail)
        try:
            result = _follow(
                connections,
                url,
                verify=False,
                deadline=deadline,
                options=options,
                body_cap=MAX_BODY_BYTES,
                once=once,
                cookies=True,
            )
        except _Failed as failure:
            attempt.failure = failure.kind
            return attempt
        except _CertificateRejected:  # cannot happen without verification; be safe
            attempt.failure = "tls"
            return attempt
    attempt.chain = result.chain
    attempt.certificate_der = result.certificate_der
    return attempt


def _certificate(attempt: _Attempt) -> Certificate | None:
    if attempt.chain is None or attempt.certificate_der is None:
        if attempt.certificate_problem is not None:
            rejected, reason = attempt.certificate_problem
            return Certificate(verified=False, problem=rejected, detail=reason)
        return None
    try:
        fields = read_certificate(attempt.certificate_der)
    except ValueError:
        fields = None
    problem: CertificateProblem | None = None
    detail = ""
    if attempt.certificate_problem is not None:
        problem, detail = attempt.certificate_problem
    return Certificate(
        verified=attempt.certificate_problem is None,
        problem=problem,
        detail=detail,
        not_before=fields.not_before if fields else None,
        not_after=fields.not_after if fields else None,
        subject=fields.subject if fields else "",
        issuer=fields.issuer if fields else "",
    )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def fetch_site(
    plan: SitePlan,
    options: FetchOptions,
    *,
    now: datetime | None = None,
) -> SiteSnapshot:
    """Fetch one site (both schemes, robots.txt, a CORS preflight, security.txt) into a snapshot.

    Never raises for anything the site does: failures are recorded in the snapshot.
    """
    fetched_at = now or datetime.now(UTC)
    connections = _SiteConnections()
    with _Deadline(options.deadline) as deadline:
        try:
            return _fetch(plan, connections, options, deadline, fetched_at)
        finally:
            # Sockets and cookies never outlive their site.
            connections.close()


# Threads for a site's overlapping requests, shared by every site: starting threads per site
# cost more than the requests they made. At most three per site run at once, and none of them
# waits for another helper, so a busy pool only queues work, never deadlocks.
_HELPERS = ThreadPoolExecutor(max_workers=1024, thread_name_prefix="scan-helper")


def _start(deadline: _Deadline, call: Callable[[], _T]) -> Future[_T]:
    """Run `call` on a helper thread, its sockets registered with this site's deadline."""

    def run() -> _T:
        _site.deadline = deadline
        try:
            return call()
        finally:
            _site.deadline = None

    return _HELPERS.submit(run)


@dataclass(slots=True)
class _Extras:
    robots: Response | None
    cors: Response | None
    security_txt: TextFile | None


def _fetch(
    plan: SitePlan,
    connections: _SiteConnections,
    options: FetchOptions,
    deadline: _Deadline,
    fetched_at: datetime,
) -> SiteSnapshot:
    once = _Once()

    def chain(url: str | None) -> Callable[[], _Attempt | None]:
        return lambda: _fetch_chain(connections, url, deadline, options, once) if url else None

    http_job = _start(deadline, chain(plan.http_url))
    early = _early_robots(connections, plan, deadline, options)
    extras: _Extras | None = None
    try:
        try:
            https = chain(plan.https_url)()
        finally:
            wait([http_job])
        http = http_job.result()
        # The other side requests wait for both chains: they then reuse the chains' kept-alive
        # connections instead of opening more (overlapping the http:// redirects measured no
        # faster and made more TLS handshakes).
        auto = https if https is not None and https.chain is not None else http
        if auto is not None and auto.chain is not None:
            extras = _side_requests(connections, plan, auto.chain, https, deadline, options, early)
    finally:
        if early is not None:
            wait([early.answer])  # no request of the site outlives it, whatever happened
    return SiteSnapshot(
        target=plan.target,
        host=plan.host,
        fetched_at=fetched_at,
        timeout=options.timeout,
        http=http.chain if http else None,
        https=https.chain if https else None,
        http_failure=http.failure if http else None,
        https_failure=https.failure if https else None,
        certificate=_certificate(https) if https else None,
        cors_origin=CORS_ORIGIN,
        robots=extras.robots if extras else None,
        cors=extras.cors if extras else None,
        security_txt=extras.security_txt if extras else None,
        deadline_hit=deadline.expired or deadline.remaining() <= 0,
    )


@dataclass(slots=True)
class _EarlyRobots:
    url: str
    verify: str | bool
    answer: Future[Response | None]


def _early_robots(
    connections: _SiteConnections, plan: SitePlan, deadline: _Deadline, options: FetchOptions
) -> _EarlyRobots | None:
    """Ask for https://host/robots.txt alongside the page.

    It is the robots.txt the scan needs whenever the https:// page verifies, and asked early
    its connection is there, kept alive, when the preflight and security.txt go out side by
    side after the page: two TLS handshakes per site instead of three, with no wait added.
    When the page turns out otherwise (no HTTPS, an invalid certificate), the answer is set
    aside and robots.txt asked for where the page says.
    """
    if not plan.https_url:
        return None
    url = _origin(plan.https_url) + "/robots.txt"
    verify = options.verify
    call = partial(
        _side_request, connections, "GET", url, _ROBOTS_HEADERS, verify, deadline, options
    )
    return _EarlyRobots(url, verify, _start(deadline, call))


_ROBOTS_HEADERS = {"User-Agent": USER_AGENT}
_PREFLIGHT_HEADERS = {
    "User-Agent": USER_AGENT,
    "Origin": CORS_ORIGIN,
    "Access-Control-Request-Method": "GET",
}


def _side_request(
    connections: _SiteConnections,
    method: str,
    url: str,
    headers: dict[str, str],
    verify: str | bool,
    deadline: _Deadline,
    options: FetchOptions,
) -> Response | None:
    try:
        return _request(
            connections,
            method,
            url,
            verify=verify,
            deadline=deadline,
            options=options,
            body_cap=MAX_TEXT_BYTES,
            headers=headers,
        ).response
    except (_Failed, _CertificateRejected):
        return None  # the Observatory ignores these requests' failures too


def _side_requests(
    connections: _SiteConnections,
    plan: SitePlan,
    page: Chain,
    https: _Attempt | None,
    deadline: _Deadline,
    options: FetchOptions,
    early: _EarlyRobots | None = None,
) -> _Extras:
    """robots.txt, the CORS preflight and security.txt, side by side, once `page` (the graded
    chain) is known.

    Side by side means a connection each, so a TLS handshake each (robots.txt's is usually
    made early, see `_early_robots`). Resuming the page connection's TLS session would save
    a sixth of the scan's CPU, but reading `SSLSocket.session` leaks the session in CPython
    3.11 to 3.13.0 (python/cpython#116810): 0.1 MiB per site, measured, on a scan whose
    memory must stay flat.
    """
    verify: str | bool = options.verify if page.verified else False

    def side(method: str, url: str, headers: dict[str, str]) -> Future[Response | None]:
        call = partial(_side_request, connections, method, url, headers, verify, deadline, options)
        return _start(deadline, call)

    robots_url = _origin(page.responses[0].url) + "/robots.txt"
    if early is not None and (early.url, early.verify) == (robots_url, verify):
        robots = early.answer
    else:
        robots = side("GET", robots_url, _ROBOTS_HEADERS)
    cors = side("OPTIONS", page.final.url, _PREFLIGHT_HEADERS)
    try:
        security_txt = _security_txt(connections, plan, https, deadline, options)
    finally:
        wait([robots, cors])
    return _Extras(robots.result(), cors.result(), security_txt)


def _security_txt(
    connections: _SiteConnections,
    plan: SitePlan,
    https: _Attempt | None,
    deadline: _Deadline,
    options: FetchOptions,
) -> TextFile | None:
    # RFC 9116 asks for HTTPS; only look over plain HTTP when the site has no HTTPS at all.
    if https is not None and https.chain is not None:
        base = _origin(https.chain.responses[0].url)
        verify: str | bool = options.verify if https.chain.verified else False
    elif plan.http_url:
        base = _origin(plan.http_url)
        verify = options.verify
    else:
        return None
    try:
        result = _follow(
            connections,
            base + "/.well-known/security.txt",
            verify=verify,
            deadline=deadline,
            options=options,
            body_cap=MAX_TEXT_BYTES,
            max_redirects=3,
        )
    except (_Failed, _CertificateRejected):
        return None
    final = result.chain.final
    return TextFile(
        url=final.url, status=final.status, media_type=final.media_type, text=result.chain.body
    )
