"""Loopback web servers for the scan tests: well-behaved sites and hostile ones, HTTP or HTTPS.

Each server is a raw socket server so a test can send anything: valid HTTP from a route table,
or bytes no HTTP server would (garbage, a slow drip, a reset in the middle, a gzip bomb).
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

Headers = list[tuple[str, str]]


@dataclass
class Request:
    """What the client sent: method, path and headers (lowercased names)."""

    method: str
    path: str
    headers: dict[str, str]


# A handler gets the request and the connected socket; it either returns the raw bytes to send
# (the server then closes the connection) or writes to the socket itself and returns None.
Handler = Callable[[Request, socket.socket], bytes | None]


def http_response(
    status: int = 200, headers: Headers | None = None, body: bytes = b"", *, reason: str = "OK"
) -> bytes:
    """An HTTP/1.1 response with Content-Length and Connection: close."""
    lines = [f"HTTP/1.1 {status} {reason}"]
    lines += [f"{name}: {value}" for name, value in headers or []]
    lines += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1") + body


@dataclass
class Site:
    """A route table: path -> (status, headers, body); unknown paths answer 404."""

    routes: dict[str, tuple[int, Headers, bytes]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def __call__(self, request: Request, _sock: socket.socket) -> bytes:
        self.requests.append(request)
        status, headers, body = self.routes.get(request.path, (404, [], b"not found"))
        if request.method == "OPTIONS":
            body = b""
        return http_response(status, headers, body)


class LoopbackServer:
    """A threaded server on 127.0.0.1 that hands every connection to `handler`."""

    def __init__(self, handler: Handler, *, tls: ssl.SSLContext | None = None) -> None:
        self.handler = handler
        self.tls = tls
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.scheme = "https" if tls else "http"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, path: str = "/") -> str:
        """The URL of `path` on this server."""
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        """Stop accepting connections."""
        self._stop.set()
        self._thread.join(timeout=2)
        self.listener.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection: socket.socket) -> None:
        connection.settimeout(10)
        try:
            if self.tls is not None:
                connection = self.tls.wrap_socket(connection, server_side=True)
            request = _read_request(connection)
            if request is None:
                return
            reply = self.handler(request, connection)
            if reply is not None:
                connection.sendall(reply)
        except (OSError, ssl.SSLError):
            pass  # the client went away or refused our certificate: nothing to answer
        finally:
            with contextlib.suppress(OSError):
                connection.close()


def _read_request(connection: socket.socket) -> Request | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(4096)
        if not chunk:
            return None
        data += chunk
        if len(data) > 65536:
            return None
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    request_line, *header_lines = head.split("\r\n")
    method, path, _ = request_line.split(" ", 2)
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Request(method, path, headers)


@contextlib.contextmanager
def serving(handler: Handler, *, tls: ssl.SSLContext | None = None) -> Iterator[LoopbackServer]:
    """A server for the duration of a `with` block."""
    server = LoopbackServer(handler, tls=tls)
    try:
        yield server
    finally:
        server.close()
