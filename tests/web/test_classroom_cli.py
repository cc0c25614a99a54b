"""`cisec serve --pack`: what it prints at start, the warning beyond loopback, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cisec.cli import cli


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, str, int]]:
    calls: list[tuple[object, str, int]] = []
    import cisec.web.app

    monkeypatch.setattr(
        cisec.web.app, "run", lambda server, host, port: calls.append((server, host, port))
    )
    return calls


def test_start_prints_the_code_both_addresses_and_the_folder(
    started: list[tuple[object, str, int]], tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "serve",
            "--pack",
            "cap653-incident-tabletop",
            "--port",
            "8123",
            "--folder",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    code = next(line for line in result.stderr.splitlines() if "class code:" in line).split()[-1]
    assert code.isdigit() and len(code) == 6
    assert "participants open: http://127.0.0.1:8123/" in result.stderr
    assert "trainer's screen: http://127.0.0.1:8123/trainer?key=" in result.stderr
    assert str(tmp_path / "cap653-incident-tabletop") in result.stderr
    assert "warning" not in result.stderr
    server, host, port = started[0]
    assert (host, port) == ("127.0.0.1", 8123)
    assert server.classroom.code == code  # type: ignore[attr-defined]


def test_beyond_loopback_it_warns(started: list[tuple[object, str, int]], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "serve",
            "--pack",
            "cap653-incident-tabletop",
            "--host",
            "0.0.0.0",  # noqa: S104  # the warning under test
            "--folder",
            str(tmp_path),
            "--code",
            "ABCD12",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "warning: listening on 0.0.0.0" in result.stderr
    assert "class code: ABCD12" in result.stderr


@pytest.mark.parametrize(
    ("arguments", "sentence"),
    [
        ([], "Name the exercise pack with --pack."),
        (["--pack", "no-such-pack"], "No exercise pack 'no-such-pack'."),
        (
            ["--pack", "cap653-incident-tabletop", "--code", "x"],
            "A class code is 4 to 32 letters or digits.",
        ),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(
    started: list[tuple[object, str, int]], tmp_path: Path, arguments: list[str], sentence: str
) -> None:
    result = CliRunner().invoke(cli, ["serve", "--folder", str(tmp_path), *arguments])
    assert result.exit_code == 2
    assert sentence in result.stderr
    assert "Traceback" not in result.output
    assert started == []
