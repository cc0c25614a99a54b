"""The terminal UI with an encrypted assessment (passphrase dialog) and evidence files (`v`)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from pathlib import Path

import pyrage
import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DirectoryTree, Input, Static
from textual.worker import WorkerCancelled, WorkerFailed
from tui_support import NOW, SIZE, StillApp, make_assessment, settle

from cisec import services
from cisec.tui.screens.home import HomeScreen
from cisec.tui.screens.protect import EvidenceDialog, PassphraseDialog
from cisec.tui.screens.walk import WalkScreen

pytestmark = pytest.mark.usefixtures("tui_data")
PASSPHRASE = "correct horse battery staple"


async def settle_around_tree(pilot: Pilot[None]) -> None:
    """`settle`, except for the directory tree's loader, a worker that runs until the tree goes."""
    for worker in list(pilot.app.workers):
        if not isinstance(worker.node, DirectoryTree):
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()
    await pilot.pause()


def encrypted_assessment() -> Path:
    path = Path("data") / "assessments" / "acme.cisec.json.age"
    session = services.new_session(
        "fixture", path, organisation="Acme Power Ltd", passphrase=PASSPHRASE, now=NOW
    )
    session.assessment.profile["designated"] = "yes"
    session.save()
    return path


async def test_an_encrypted_file_opens_with_the_passphrase_and_saves_encrypted() -> None:
    path = encrypted_assessment()
    app = StillApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PassphraseDialog)
        await pilot.press(*PASSPHRASE)
        assert PASSPHRASE not in str(app.screen.query_one(Input).render_line(0))  # hidden
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        assert screen.live.encrypted
        screen.goto("duties.office")
        await pilot.press("1")
        await settle(pilot)
        await app.wait_for_saves()
        await settle(pilot)
        assert "Encrypted" in str(screen.query_one("#walk-saved").render())
    data = path.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    document = json.loads(pyrage.passphrase.decrypt(data, PASSPHRASE))
    assert document["answers"]["duties.office"]["value"] == "yes"
    assert b"Acme" not in data and b"Acme" not in Path(f"{path}.bak").read_bytes()


async def test_a_wrong_passphrase_asks_again_saying_why_and_the_file_is_untouched() -> None:
    path = encrypted_assessment()
    before = path.read_bytes()
    app = StillApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"not it", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PassphraseDialog)
        problem = app.screen.query_one("#passphrase-problem", Static)
        assert "the passphrase does not open it" in str(problem.render())
        await pilot.press("f2")  # the sentence in the other language too
        assert "密碼短語無法開啟" in str(problem.render())
        assert path.read_bytes() == before
        await pilot.press(*PASSPHRASE, "enter")
        await settle(pilot)
        assert isinstance(app.screen, WalkScreen)
        assert app.screen.live.encrypted


async def test_escape_at_the_passphrase_goes_back_home() -> None:
    app = StillApp(encrypted_assessment())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_v_picks_an_evidence_file_and_records_its_checksum() -> None:
    path = make_assessment(answers={"duties.office": "yes"})
    evidence = path.parent / "a-lease.pdf"  # first in the folder's listing
    evidence.write_bytes(b"%PDF lease 2026")
    app = StillApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle_around_tree(pilot)
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        screen.goto("duties.office")
        await pilot.press("v")
        await settle_around_tree(pilot)
        assert isinstance(app.screen, EvidenceDialog)
        await pilot.press(*"Lease 2026")
        app.screen.query_one(DirectoryTree).focus()
        await settle_around_tree(pilot)
        await pilot.press("down", "enter")  # the first file under the assessment's folder
        await settle_around_tree(pilot)
        assert app.screen.query_one("#evidence-file", Input).value == str(evidence.resolve())
        await pilot.press("ctrl+s")
        await settle_around_tree(pilot)
        await app.wait_for_saves()
        await settle_around_tree(pilot)
        console = Console(width=200, file=io.StringIO(), color_system=None)
        console.print(screen.query_one("#extras", Static).content)
        assert "Evidence files: a-lease.pdf" in console.file.getvalue()
    answer = json.loads(path.read_text(encoding="utf-8"))["answers"]["duties.office"]
    assert answer["evidence"] == ["Lease 2026"]
    assert answer["evidence_files"][0]["name"] == "a-lease.pdf"
    assert answer["evidence_files"][0]["size"] == 15
    assert answer["evidence_files"][0]["sha256"] == hashlib.sha256(b"%PDF lease 2026").hexdigest()
