"""`cisec serve`: the page answers on loopback; a warning beyond it; a sentence without the extra."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from cisec.cli import cli
from cisec.cli.workshop import is_loopback


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_on_loopback_then_stops(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve")
    port = free_port()
    folder = tmp_path / "class"
    environment = {**os.environ, "CISEC_DATA_DIR": str(tmp_path / "data")}
    server = subprocess.Popen(
        [sys.executable, "-m", "cisec", "serve", "--port", str(port), "--folder", str(folder)],
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
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "8123"])  # noqa: S104
    assert result.exit_code == 0, result.output
    assert "warning: listening on 0.0.0.0: anyone who can reach this machine" in result.stderr
    assert started == [("0.0.0.0", 8123)]  # noqa: S104


def test_without_textual_serve_the_command_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 2
    assert "needs textual-serve, which is not installed" in result.stderr
    assert "pip install 'cisec[serve]'" in result.stderr
