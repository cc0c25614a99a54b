"""Hostile servers on loopback: every one gives one row with a plain sentence, within the deadline."""

from __future__ import annotations

import http.client
import socket
import struct
import subprocess
import sys
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from loopback import Headers, Request, Site, serving

from cisec.scan import target
from cisec.scan.batch import scan_many
from cisec.scan.fetch import FetchOptions
from cisec.scan.limits import DEADLINE_FACTOR, MAX_HEADER_LINE_BYTES, MAX_HEADER_LINES
from cisec.scan.result import SiteResult

TIMEOUT = 0.5
DEADLINE = TIMEOUT * DEADLINE_FACTOR
HTML = [("Content-Type", "text/html")]


def _drip(prefix: bytes, byte: bytes = b"x") -> Callable[[Request, socket.socket], None]:
    def handler(_request: Request, sock: socket.socket) -> None:
        sock.sendall(prefix)
        stop = time.monotonic() + 10
        while time.monotonic() < stop:  # until the scanner hangs up
            sock.sendall(byte)
            time.sleep(0.05)

    return handler


def _silent(_request: Request, _sock: socket.socket) -> None:
    time.sleep(3)


def _garbage(_request: Request, _sock: socket.socket) -> bytes:
    return b"SSH-2.0-OpenSSH_9.6\r\n\x00\xff\xfe garbage \x1b[31m\r\n\r\n"


def _reset(_request: Request, sock: socket.socket) -> None:
    sock.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html>"
    )
    # SO_LINGER with a zero timeout makes close() send a TCP reset.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _gzip_bomb() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    zeros = b"\0" * (1024 * 1024)
    parts = [compressor.compress(zeros) for _ in range(256)]  # 256 MiB when inflated
    parts.append(compressor.flush())
    return b"".join(parts)


def _huge_html(_request: Request, sock: socket.socket) -> None:
    size = 200 * 1024 * 1024
    sock.sendall(
        f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {size}\r\n\r\n".encode()
    )
    chunk = b"<p>" + b"a" * 65533
    sent = 0
    while sent < size:  # stops with an error once the scanner has read its fill and hung up
        sock.sendall(chunk)
        sent += len(chunk)


def _closed_port() -> int:
    probe = socket.create_server(("127.0.0.1", 0))
    port = int(probe.getsockname()[1])
    probe.close()
    return port


@pytest.fixture(scope="module", autouse=True)
def closed_default_ports() -> Iterator[None]:
    """The scheme a URL does not name is tried on a closed port, not on the machine's 80/443."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(target, "DEFAULT_PORTS", {"http": _closed_port(), "https": _closed_port()})
        yield


@pytest.fixture(scope="module")
def hostile() -> Iterator[dict[str, str]]:
    """name -> URL of each hostile server (and one good site), all running for the module."""
    bomb = _gzip_bomb()
    handlers: dict[str, Callable[[Request, socket.socket], bytes | None]] = {
        "drip-headers": _drip(b"HTTP/1.1 200 OK\r\n", b"X"),
        "drip-body": _drip(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 99999\r\n\r\n"
        ),
        "silent": _silent,
        "garbage": _garbage,
        "reset": _reset,
        "gzip-bomb": Site({"/": (200, [*HTML, ("Content-Encoding", "gzip")], bomb)}),
        "bad-header-bytes": lambda request, sock: (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Evil: \x1b[31m\xff\xfe\x01\r\n"
            b"Server: \xc3\x28 nginx\r\nContent-Length: 0\r\n\r\n"
        ),
        "many-cookies": Site(
            {"/": (200, HTML + [("Set-Cookie", f"c{i}=1") for i in range(3000)], b"")}
        ),
        "long-header": Site({"/": (200, [*HTML, ("X-Long", "a" * 100_000)], b"")}),
        "huge-html": _huge_html,
        "loop": Site(
            {"/": (302, [("Location", "/a")], b""), "/a": (302, [("Location", "/")], b"")}
        ),
        "non-http-redirect": Site({"/": (301, [("Location", "ftp://127.0.0.1/file")], b"")}),
        "javascript-redirect": Site({"/": (301, [("Location", "javascript:alert(1)")], b"")}),
        "too-many-redirects": Site(
            {f"/{n}" if n else "/": (302, [("Location", f"/{n + 1}")], b"") for n in range(15)}
        ),
        "good": Site({"/": (200, [*HTML, ("X-Content-Type-Options", "nosniff")], b"<p>ok</p>")}),
    }
    with ExitStack() as stack:
        urls = {
            name: stack.enter_context(serving(handler)).url() for name, handler in handlers.items()
        }
        urls["refused"] = f"http://127.0.0.1:{_closed_port()}/"
        # A "TLS" server that drips bytes instead of finishing its handshake; CPython bounds a
        # whole handshake by the socket timeout, so this ends as a read timeout.
        tls_drip = stack.enter_context(serving(_drip(b"\x16\x03\x01", b"\x00")))
        urls["drip-tls-handshake"] = tls_drip.url().replace("http://", "https://")
        yield urls


@pytest.fixture(scope="module")
def rows(hostile: dict[str, str]) -> dict[str, tuple[SiteResult, float]]:
    """Every hostile site scanned in one batch, with the time the batch took."""
    start = time.monotonic()
    by_url = {url: name for name, url in hostile.items()}
    results = list(
        scan_many(hostile.values(), FetchOptions(timeout=TIMEOUT), concurrency=len(hostile))
    )
    elapsed = time.monotonic() - start
    return {by_url[result.target]: (result, elapsed) for result in results}


EXPECTED_ERRORS = {
    "drip-headers": "took longer than 1.5 seconds",
    "drip-tls-handshake": "did not answer within 0.5 seconds",
    "drip-body": "took longer than 1.5 seconds",
    "silent": "did not answer within 0.5 seconds",
    "garbage": "not HTTP",
    "reset": "broke off the connection",
    "many-cookies": "more than 100 header lines",
    "long-header": "header line longer",
    "loop": "redirects in a loop",
    "non-http-redirect": "not http or https",
    "javascript-redirect": "not http or https",
    "too-many-redirects": "more than 10 times",
    "refused": "connection refused",
}


def test_one_row_per_site_and_the_batch_survives(
    hostile: dict[str, str], rows: dict[str, tuple[SiteResult, float]]
) -> None:
    assert set(rows) == set(hostile)
    good, elapsed = rows["good"]
    assert good.error is None and good.grade is not None
    # All sites ran side by side; none outlived its deadline by more than a little.
    assert elapsed < DEADLINE + 2


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_hostile_site_gives_a_sentence(
    name: str, rows: dict[str, tuple[SiteResult, float]]
) -> None:
    result, _ = rows[name]
    error = result.to_json()["error"]
    assert error is not None and EXPECTED_ERRORS[name] in error
    assert error.endswith(".") and "Error" not in error and "(" not in error.split(".")[0][:3]
    assert result.grade is None


@pytest.mark.parametrize("name", ["gzip-bomb", "huge-html"])
def test_oversized_pages_are_cut_and_graded(
    name: str, rows: dict[str, tuple[SiteResult, float]]
) -> None:
    result, _ = rows[name]
    assert result.error is None and result.grade is not None
    assert any(finding.kind == "page-truncated" for finding in result.findings)


def test_invalid_header_bytes_are_graded_and_reported_as_text(
    rows: dict[str, tuple[SiteResult, float]],
) -> None:
    result, _ = rows["bad-header-bytes"]
    assert result.error is None and result.grade is not None
    leak = next(f for f in result.findings if f.kind == "information-leaking-headers")
    assert "nginx" in leak.details["headers"]


def test_stated_header_caps_are_the_ones_http_client_enforces() -> None:
    # The README and the error sentence state these caps; http.client is what enforces them.
    assert (MAX_HEADER_LINES, MAX_HEADER_LINE_BYTES) == (
        http.client._MAXHEADERS,  # type: ignore[attr-defined]
        http.client._MAXLINE,  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("name", ["gzip-bomb", "huge-html", "many-cookies"])
def test_memory_stays_bounded(name: str, hostile: dict[str, str]) -> None:
    # 256 MiB inflated, 200 MiB of HTML, 3,000 cookies: the scan holds a few MiB at most.
    tracemalloc.start()
    try:
        results = list(scan_many([hostile[name]], FetchOptions(timeout=TIMEOUT), concurrency=1))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(results) == 1
    assert peak < 16 * 1024 * 1024, f"{peak / 2**20:.1f} MiB"


def test_a_cookie_python_cannot_read_is_dropped_without_a_word_on_stderr() -> None:
    # http.cookiejar trips over this date, recovers, and would warn with a traceback.
    unreadable = "a=1; Expires=Wed, 99 Foo 99999 99:99:99 GMT"
    redirect: Headers = [("Location", "/home"), ("Set-Cookie", unreadable)]
    redirect.append(("Set-Cookie2", unreadable))
    routes = {"/": (302, redirect, b""), "/home": (200, [("Content-Type", "text/html")], b"hi")}
    with serving(Site(routes)) as site:
        done = subprocess.run(
            [sys.executable, "-m", "cisec", "scan", "--timeout", "2", site.url()],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert f"{site.url()}: grade" in done.stdout
    assert done.stderr == ""
