"""The website scan screen: type a URL, keys keep working while it runs, the grade, tests and
fixes appear, the report exports; against loopback servers started here (never the internet)."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_support import SIZE, StillApp, settle

from cisec.scan import target
from cisec.scan.result import SiteResult
from cisec.services import scan as scan_service
from cisec.tui.screens.scan import ScanScreen

pytestmark = pytest.mark.usefixtures("tui_data")

HEADERS = [
    ("Content-Type", "text/html"),
    ("X-Frame-Options", "DENY"),
    ("X-Content-Type-Options", "nosniff"),
    # Hostile: Rich markup must print as these characters, not turn the screen red.
    ("Server", "nginx/1.2.3 [bold red]owned[/]"),
]


def response(headers: list[tuple[str, str]]) -> bytes:
    lines = ["HTTP/1.1 200 OK", *(f"{n}: {v}" for n, v in headers)]
    body = b"<p>shop</p>"
    lines += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1") + body


class Server:
    """A loopback HTTP site that answers every request the same; `gate` can hold answers back."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.gate.set()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self.serve, daemon=True).start()

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            threading.Thread(target=self.answer, args=(connection,), daemon=True).start()

    def answer(self, connection: socket.socket) -> None:
        with contextlib.closing(connection), contextlib.suppress(OSError):
            connection.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = connection.recv(4096)
                if not chunk:
                    return
                data += chunk
            self.gate.wait(5)
            connection.sendall(response(HEADERS))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    # The scheme the URL does not name goes to a closed port, not the machine's 443.
    probe = socket.create_server(("127.0.0.1", 0))
    closed = probe.getsockname()[1]
    probe.close()
    monkeypatch.setattr(target, "DEFAULT_PORTS", {"http": closed, "https": closed})
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    site = Server()
    yield site
    site.gate.set()
    site.stop.set()
    site.listener.close()


def shown(pilot: Pilot[None], selector: str) -> str:
    """The plain text a Static shows, wide enough not to wrap."""
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(pilot.app.screen.query_one(selector, Static).content)
    return " ".join(console.file.getvalue().split())


async def open_scan(pilot: Pilot[None]) -> ScanScreen:
    await settle(pilot)
    pilot.app.push_screen(ScanScreen())
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ScanScreen)
    return screen


async def test_scan_runs_in_a_worker_and_shows_grade_tests_and_fixes(server: Server) -> None:
    app = StillApp()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scan(pilot)
        server.gate.clear()  # hold the site's answers: the scan will wait on the network
        await pilot.press(*server.url(), "enter")
        await pilot.pause()
        assert "Scanning" in shown(pilot, "#scan-status")
        # Keys still work while the scan waits: switch the language, and back.
        await pilot.press("f2")
        await pilot.pause()
        assert shown(pilot, "#scan-title") == "網站保安標頭檢查"
        await pilot.press("f2")
        await pilot.pause()
        server.gate.set()
        await settle(pilot)
        result = shown(pilot, "#scan-result")
        # -25 csp, -20 redirection, -20 hsts (+5 xfo dropped below an A) = 35
        assert "Grade D · score 35" in result
        assert "1. Content Security Policy (CSP)" in result
        assert "fail -20 Redirection to HTTPS" in result
        assert "pass 0 X-Content-Type-Options" in result
        assert "[bold red]owned[/]" in result  # the header value, literally
        assert screen.result is not None and screen.result.grade == "D"
        assert screen.query_one("#scan-export").display


async def test_export_writes_the_report(server: Server, tmp_path: Path) -> None:
    app = StillApp()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scan(pilot)
        await pilot.press(*server.url(), "enter")
        await settle(pilot)
        path_input = screen.query_one("#scan-path", Input)
        assert path_input.value.endswith("scan-127.0.0.1-2026-11-25.pdf")
        out = tmp_path / "shop.html"
        path_input.value = str(out)
        await pilot.press("ctrl+x")
        await settle(pilot)
        assert f"Report saved: {out}" in shown(pilot, "#scan-status")
    html = out.read_text(encoding="utf-8")
    assert "Website security-header scan" in html and "nginx/1.2.3 [bold red]owned[/]" in html


async def test_an_unreachable_site_says_why(server: Server) -> None:
    app = StillApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_scan(pilot)
        await pilot.press(*"not a host", "enter")
        await settle(pilot)
        assert "Not graded 'not a host' is not a host name." in shown(pilot, "#scan-result")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ScanScreen)


def stable(scan: Callable[..., SiteResult]) -> Callable[..., SiteResult]:
    """The real scan of the loopback site, with its changing port replaced by a fixed name."""

    def run(target: str, options: object = None) -> SiteResult:
        result = scan(target, options)
        return dataclasses.replace(
            result, target="shop.example.hk", final_url="http://shop.example.hk/"
        )

    return run


@pytest.mark.parametrize("language", ["en", "zh-Hant"])
def test_snapshot(
    snap_compare: Callable[..., bool],
    server: Server,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    monkeypatch.setattr(scan_service, "scan_site", stable(scan_service.scan_site))

    async def run_before(pilot: Pilot[None]) -> None:
        await open_scan(pilot)
        if language == "zh-Hant":
            await pilot.press("f2")
        await pilot.press(*server.url(), "enter")
        await settle(pilot)
        pilot.app.screen.query_one("#scan-target", Input).value = "shop.example.hk"
        await pilot.pause()

    assert snap_compare(StillApp(), terminal_size=SIZE, run_before=run_before)


async def test_home_s_opens_the_scan_screen_and_escape_returns() -> None:
    from cisec.tui.screens.home import HomeScreen

    app = StillApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ScanScreen)
        assert app.screen.query_one("#scan-target", Input).has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_a_missing_ca_bundle_opens_the_error_dialog(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cisec.tui.screens.dialogs import ErrorDialog

    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/nonexistent/ca.pem")
    app = StillApp()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scan(pilot)
        await pilot.press(*server.url(), "enter")
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert screen.result is None and screen.running is None
