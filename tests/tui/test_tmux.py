"""A check as a person would: `cisec open FILE` in a real terminal (tmux), three digits, quit.

tmux comes with `make setup`; the test runs its own tmux server on a private socket.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_support import FIXTURE, NOW

from cisec import services

TIMEOUT = 30.0


class Terminal:
    """An 80×24 tmux pane running one command."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        tmux = shutil.which("tmux")
        assert tmux, "tmux is missing: run `make setup`"
        done = subprocess.run(
            [tmux, "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def start(self, command: str) -> None:
        self.tmux("new-session", "-d", "-s", "cisec", "-x", "80", "-y", "24", command)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "cisec")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "cisec", *keys)

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    term = Terminal(f"cisec-test-{os.getpid()}")
    try:
        yield term
    finally:
        subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True, check=False)


def profiled_assessment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A data folder with the fixture, and an assessment whose profile is filled in."""
    data = tmp_path / "data"
    (data / "questionnaires").mkdir(parents=True)
    shutil.copy(FIXTURE, data / "questionnaires" / "fixture.yaml")
    monkeypatch.setenv("CISEC_DATA_DIR", str(data))
    path = tmp_path / "acme.cisec.json"
    session = services.new_session("fixture", path, organisation="Acme", now=NOW)
    for item_id, value in (
        ("designated", "yes"),
        ("designated_on", "2026-01-01"),
        ("systems", 3),
        ("declared_level", "rated3"),
    ):
        session.answer(item_id, value, now=NOW)
    return data, path


def open_in(terminal: Terminal, data: Path, path: Path) -> None:
    terminal.start(
        f"env CISEC_DATA_DIR={data} TERM=xterm-256color "
        f"{sys.executable} -m cisec open {path}; echo CISEC-EXIT $?; sleep 30"
    )


def answers_in(path: Path) -> dict[str, object]:
    answers = json.loads(path.read_text(encoding="utf-8"))["answers"]
    return {key: answer["value"] for key, answer in answers.items()}


def test_open_answer_three_by_digit_quit_and_the_file_has_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: Terminal
) -> None:
    data, path = profiled_assessment(tmp_path, monkeypatch)
    open_in(terminal, data, path)
    terminal.wait_for("Do you keep an office in Hong Kong?")
    terminal.keys("1")
    terminal.wait_for("Do you report incidents in time?")
    terminal.keys("2")
    terminal.wait_for("Is OT covered?")
    terminal.keys("3")
    terminal.wait_for("How many days is CCTV kept?")
    terminal.keys("C-q")
    terminal.wait_for("CISEC-EXIT 0")

    assert answers_in(path) == {
        "duties.office": "yes",
        "duties.report": "partly",
        "duties.ot": "no",
    }


def test_closing_the_terminal_loses_no_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: Terminal
) -> None:
    data, path = profiled_assessment(tmp_path, monkeypatch)
    open_in(terminal, data, path)
    terminal.wait_for("Do you keep an office in Hong Kong?")
    terminal.keys("1")
    terminal.wait_for("Do you report incidents in time?")
    terminal.keys("3")
    terminal.wait_for("Is OT covered?")
    terminal.wait_for("✓ Saved")
    terminal.tmux("kill-server")  # the window closes: the app gets SIGHUP, no chance to quit
    assert answers_in(path) == {"duties.office": "yes", "duties.report": "no"}
