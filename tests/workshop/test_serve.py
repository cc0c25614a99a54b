"""`cisec serve --tui`: the terminal UI answers on loopback; a warning beyond it; a sentence without the extra."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import aiohttp  # comes with textual-serve, which `make setup` installs (the serve extra)
import pytest
from click.testing import CliRunner

from cisec.cli import cli
from cisec.cli.workshop import is_loopback


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def join_as_a_browser(port: int, name: str, saved: Path) -> None:
    """Do what a browser does: open the websocket, read the screen, type a name, press enter."""

    async def screen_shows(websocket: Any, words: str) -> None:
        seen = ""
        async with asyncio.timeout(30):
            while words not in seen:
                message = await websocket.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen += message.data.decode("utf-8", "replace")
                elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    raise AssertionError(f"the app closed before showing {words!r}")

    async def next_frame(websocket: Any) -> None:
        async with asyncio.timeout(30):
            while (await websocket.receive()).type != aiohttp.WSMsgType.BINARY:
                pass

    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"ws://127.0.0.1:{port}/ws") as websocket,  # 80×24
    ):
        await screen_shows(websocket, "Tabletop")  # the packs are listed
        await websocket.send_json(["stdin", "\r"])  # choose the first pack: on to the name
        await next_frame(websocket)
        await asyncio.sleep(0.5)  # as a person would: the name field now has the focus
        # Keys that arrive before the focus has moved go to the pack list, and their enter
        # chooses the pack again, so a second try reaches the name field.
        for _attempt in range(3):
            await websocket.send_json(["stdin", name + "\r"])
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(5):
                    while not saved.exists():
                        await asyncio.sleep(0.1)
                return
        raise AssertionError(f"no participant file {saved} after typing the name")


def test_serve_answers_on_loopback_then_stops(tmp_path: Path) -> None:
    port = free_port()
    folder = tmp_path / "class"
    environment = {**os.environ, "CISEC_DATA_DIR": str(tmp_path / "data")}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cisec",
            "serve",
            "--tui",
            "--port",
            str(port),
            "--folder",
            str(folder),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    try:
        page = ""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200
                    page = response.read().decode("utf-8")
                    break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.2)
        assert "cisec workshop" in page
        assert f"ws://127.0.0.1:{port}/ws" in page
        assert folder.is_dir()
        # A browser's websocket gets its own app, at the workshop; an answer lands in the folder.
        saved = folder / "cap653-incident-tabletop" / "team-web.workshop.json"
        asyncio.run(join_as_a_browser(port, "Team Web", saved))
        assert json.loads(saved.read_text(encoding="utf-8"))["participant"] == "Team Web"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    errors = server.stderr.read().decode("utf-8") if server.stderr else ""
    assert "participant files go to" in errors
    assert "warning" not in errors  # loopback: nobody else can connect


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),  # noqa: S104
        ("192.168.1.20", False),
        ("::", False),
        ("classroom.local", False),
    ],
)
def test_which_hosts_are_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_binding_beyond_localhost_warns(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    started: list[tuple[str, int]] = []

    class FakeServer:
        def __init__(self, command: str, host: str, port: int, title: str) -> None:
            started.append((host, port))
            assert command.endswith("-m cisec workshop practice --classroom")

        def serve(self) -> None:
            return None

    import textual_serve.server

    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    monkeypatch.setenv("CISEC_WORKSHOP_DIR", str(tmp_path / "ws"))
    result = CliRunner().invoke(cli, ["serve", "--tui", "--host", "0.0.0.0", "--port", "8123"])  # noqa: S104
    assert result.exit_code == 0, result.output
    assert "warning: listening on 0.0.0.0: anyone who can reach this machine" in result.stderr
    assert started == [("0.0.0.0", 8123)]  # noqa: S104


def test_without_textual_serve_the_command_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    result = CliRunner().invoke(cli, ["serve", "--tui"])
    assert result.exit_code == 2
    assert "needs textual-serve, which is not installed" in result.stderr
    assert "pip install 'cisec[serve]'" in result.stderr
