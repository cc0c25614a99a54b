"""Encrypted assessment files: age v1 with a passphrase, end to end, and never plain on disk."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyrage
import pytest
from click.testing import CliRunner

from cisec import durable, services
from cisec.cli import cli
from cisec.encryption import AGE_MAGIC, PassphraseError
from cisec.store import load_assessment

PASSPHRASE = "correct horse battery staple"
# Words that appear only in what was typed: if they are on disk, plaintext is on disk.
SECRETS = ("Kowloon Widget Works", "unpatched SCADA gateway")


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CISEC_PASSPHRASE", PASSPHRASE)
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def plaintext_on_disk(folder: Path) -> list[str]:
    """Every file under `folder` that holds one of the typed secrets."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}: {s}" for s in SECRETS if s.encode() in data]
    return found


def test_round_trip_new_answer_score_report(
    user_dir: Path, tmp_path: Path, runner: CliRunner
) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    file = str(folder / "a.cisec.json.age")
    created = invoke(runner, "new", "-q", "fixture", "-o", file, "--org", SECRETS[0])
    assert created.exit_code == 0, created.output
    answer = invoke(
        runner, "answer", file, "duties.office", "partly", "--note", SECRETS[1], "--evidence", "E-1"
    )
    assert answer.exit_code == 0, answer.output
    assert invoke(runner, "answer", file, "designated", "yes").exit_code == 0
    assert plaintext_on_disk(folder) == []
    assert Path(file).read_bytes().startswith(AGE_MAGIC)
    assert Path(file + ".bak").read_bytes().startswith(AGE_MAGIC)

    scored = invoke(runner, "score", file, "--json")
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["coverage"] > 0

    # A report from an encrypted file is plain unless asked otherwise...
    plain = folder / "report.json"
    assert invoke(runner, "report", file, "-o", str(plain), "-q").exit_code == 0
    assert json.loads(plain.read_text(encoding="utf-8"))["format"] == "cisec-report"
    plain.unlink()
    # ...and with --encrypt it is an age file with the assessment's passphrase, named .age.
    encrypted = invoke(runner, "report", file, "-o", str(folder / "r.pdf"), "--encrypt", "-q")
    assert encrypted.exit_code == 0, encrypted.output
    assert not (folder / "r.pdf").exists()
    pdf = pyrage.passphrase.decrypt((folder / "r.pdf.age").read_bytes(), PASSPHRASE)
    assert pdf.startswith(b"%PDF-")
    # An -o ending in .age asks for encryption by itself; the format is the name before it.
    named = invoke(runner, "report", file, "-o", str(folder / "gaps.csv.age"), "-q")
    assert named.exit_code == 0, named.output
    csv = pyrage.passphrase.decrypt((folder / "gaps.csv.age").read_bytes(), PASSPHRASE)
    assert b"duties.office" in csv
    assert plaintext_on_disk(folder) == []


def test_the_file_is_standard_age_both_ways(user_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "a.cisec.json.age"
    session = services.new_session("fixture", file, organisation=SECRETS[0], passphrase=PASSPHRASE)
    session.answer("duties.report", "yes", note=SECRETS[1])
    # Decrypted by pyrage alone (what `age -d` does): the assessment JSON as cisec writes it.
    document = json.loads(pyrage.passphrase.decrypt(file.read_bytes(), PASSPHRASE))
    assert document["organisation"] == SECRETS[0]
    assert document["answers"]["duties.report"]["note"] == SECRETS[1]
    # Encrypted by pyrage alone (what `age -p` does): cisec opens it.
    other = tmp_path / "from-age.cisec.json.age"
    other.write_bytes(pyrage.passphrase.encrypt(json.dumps(document).encode(), "another one"))
    opened = services.open_session(other, passphrase="another one")
    assert opened.encrypted
    assert opened.assessment.answers["duties.report"].value == "yes"


def test_wrong_passphrase_exits_2_with_one_sentence(
    user_dir: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "a.cisec.json.age"
    services.new_session("fixture", file, passphrase=PASSPHRASE)
    before = file.read_bytes()
    monkeypatch.setenv("CISEC_PASSPHRASE", "not it")
    for command in (["score", str(file)], ["answer", str(file), "designated", "yes"]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        assert lines[0] == (
            f"cisec: {file}: the passphrase does not open it (wrong passphrase, or the file is damaged)."
        )
        assert "Traceback" not in result.output
    assert file.read_bytes() == before
    with pytest.raises(PassphraseError) as raised:
        load_assessment(file, "not it")
    message_zh, next_step_zh = raised.value.text("zh-Hant")
    assert "密碼短語" in message_zh and "檔案沒有被改動" in next_step_zh


def test_no_passphrase_and_no_terminal_exits_2(
    user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "a.cisec.json.age"
    services.new_session("fixture", file, passphrase=PASSPHRASE)
    monkeypatch.delenv("CISEC_PASSPHRASE", raising=False)
    result = CliRunner().invoke(cli, ["score", str(file)])
    assert result.exit_code == 2
    assert "needs a passphrase, and there is no terminal" in result.stderr
    assert "CISEC_PASSPHRASE" in result.stderr
    # A new .age file needs one too, and nothing is created without it.
    new = tmp_path / "b.cisec.json.age"
    result = CliRunner().invoke(cli, ["new", "-q", "fixture", "-o", str(new)])
    assert result.exit_code == 2
    assert not new.exists()


def test_nothing_plain_reaches_the_disk_while_saving(
    user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the moment of every rename (temporary file and .bak in place), the folder is ciphertext."""
    file = tmp_path / "a.cisec.json.age"
    seen: list[list[str]] = []
    real_replace: Callable[..., None] = os.replace

    def watching_replace(source: Any, target: Any) -> None:
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        assert plaintext_on_disk(tmp_path) == []
        real_replace(source, target)

    monkeypatch.setattr(durable.os, "replace", watching_replace)
    session = services.new_session("fixture", file, organisation=SECRETS[0], passphrase=PASSPHRASE)
    session.answer("duties.office", "partly", note=SECRETS[1])
    assert any(
        name.endswith(".tmp") for names in seen for name in names
    )  # the scan saw the temp file
    assert any(name.endswith(".bak") for names in seen for name in names)
    assert plaintext_on_disk(tmp_path) == []
    assert services.open_session(file, passphrase=PASSPHRASE).assessment.organisation == SECRETS[0]


def test_encrypt_and_decrypt_commands(user_dir: Path, tmp_path: Path, runner: CliRunner) -> None:
    plain = tmp_path / "a.cisec.json"
    services.new_session("fixture", plain, organisation=SECRETS[0]).answer("designated", "yes")
    original = plain.read_bytes()

    result = invoke(runner, "encrypt", str(plain))
    assert result.exit_code == 0, result.output
    encrypted = tmp_path / "a.cisec.json.age"
    assert pyrage.passphrase.decrypt(encrypted.read_bytes(), PASSPHRASE) == original
    # The plain file and its .bak are still there, and the command says so.
    assert f"still unencrypted on disk: {plain}, {plain}.bak" in result.stderr
    # Every command opens the encrypted file.
    assert invoke(runner, "score", str(encrypted), "--json").exit_code == 0

    again = invoke(runner, "encrypt", str(plain))
    assert again.exit_code == 2 and "already exists" in again.stderr
    twice = invoke(runner, "encrypt", str(encrypted), "-o", str(tmp_path / "x.age"))
    assert twice.exit_code == 2 and "already encrypted" in twice.stderr

    out = tmp_path / "back.cisec.json"
    result = invoke(runner, "decrypt", str(encrypted), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == original
    not_age = invoke(runner, "decrypt", str(plain), "-o", str(tmp_path / "y.json"))
    assert not_age.exit_code == 2 and "is not encrypted" in not_age.stderr


def test_a_plain_file_opened_with_a_passphrase_stays_plain(user_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "a.cisec.json"
    services.new_session("fixture", file)
    session = services.open_session(file, passphrase=PASSPHRASE)
    assert not session.encrypted
    session.answer("designated", "yes")
    assert json.loads(file.read_text(encoding="utf-8"))["answers"] == {}
    assert json.loads(file.read_text(encoding="utf-8"))["profile"] == {"designated": "yes"}


def test_on_a_terminal_the_passphrase_is_asked_and_not_echoed(
    user_dir: Path, tmp_path: Path
) -> None:
    import pty
    import select
    import subprocess
    import sys

    file = tmp_path / "a.cisec.json.age"
    services.new_session("fixture", file, organisation=SECRETS[0], passphrase=PASSPHRASE)
    environment = {k: v for k, v in os.environ.items() if k != "CISEC_PASSPHRASE"}
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "cisec", "score", str(file)],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=environment,
        close_fds=True,
    )
    os.close(secondary)
    seen = b""

    def read_until(marker: bytes) -> None:
        nonlocal seen
        while marker not in seen:
            ready, _, _ = select.select([primary], [], [], 60)
            assert ready, seen
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the child closed the terminal
                chunk = b""
            assert chunk, seen
            seen += chunk

    read_until(b"Passphrase for")
    os.write(primary, PASSPHRASE.encode() + b"\n")
    read_until(b"coverage")
    assert process.wait(timeout=60) == 0
    os.close(primary)
    assert SECRETS[0].encode() in seen  # the score's heading names the organisation
    assert PASSPHRASE.encode() not in seen  # typed without echo
