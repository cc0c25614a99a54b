"""Browser tests drive Debian's Chromium (`make setup` installs it); Playwright's download is not used."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium for one test module; Playwright's event loop ends with the module, so later
    tests that run their own asyncio loop are not disturbed."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class RunningClass:
    """A `cisec serve` on loopback, started by the test."""

    base: str
    trainer: str
    code: str
    folder: Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def running_class(tmp_path: Path) -> Iterator[RunningClass]:
    port = free_port()
    folder = tmp_path / "class"
    environment = {**os.environ, "CISEC_DATA_DIR": str(tmp_path / "data")}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cisec",
            "serve",
            "--pack",
            "cap653-incident-tabletop",
            "--port",
            str(port),
            "--code",
            "246810",
            "--folder",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
        text=True,
    )
    try:
        assert server.stderr is not None
        trainer = ""
        deadline = time.monotonic() + 30
        while not trainer and time.monotonic() < deadline:
            line = server.stderr.readline()
            assert line, "cisec serve stopped before printing the trainer's screen"
            found = re.search(r"trainer's screen: (\S+)", line)
            trainer = found.group(1) if found else ""
        for _ in range(100):  # listening a moment after printing
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield RunningClass(f"http://127.0.0.1:{port}", trainer, "246810", folder)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
