"""A save that fails is said on the walk, kept in memory, and can be retried or saved elsewhere."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cisec.tui.screens.dialogs import ErrorDialog, TextDialog
from tests.tui.test_flows import document, text_of, walk
from tests.tui.tui_support import PROFILE_YES, SIZE, StillApp, make_assessment, settle

pytestmark = pytest.mark.usefixtures("tui_data")


def _break(path: Path) -> None:
    # A folder where the file was: renaming over it fails, for root too.
    path.unlink()
    path.mkdir()


async def test_a_failed_save_is_shown_and_retried_once_the_cause_is_gone() -> None:
    path = make_assessment(profile=PROFILE_YES)
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = walk(pilot)
        question = screen.current
        _break(path)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ErrorDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.unsaved is not None and screen.pending == 0
        assert "Not saved" in text_of(pilot, "#walk-saved")
        # Kept in memory: the walk shows it answered, ready for the next save.
        assert screen.progress is not None and screen.progress.state(question) != "unanswered"
        shutil.rmtree(path)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.unsaved is None
        assert "Saved" in text_of(pilot, "#walk-saved")
    assert question in document(path)["answers"]


async def test_quitting_with_unsaved_answers_asks_first_then_saving_elsewhere_keeps_them(
    tmp_path: Path,
) -> None:
    path = make_assessment(profile=PROFILE_YES)
    app = StillApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        question = walk(pilot).current
        _break(path)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("escape")  # the error dialog
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running and app.quit_warned  # the first ctrl+q only warns
        await pilot.press("w")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, TextDialog)
        elsewhere = tmp_path / "rescued.cisec.json"
        dialog.query_one("TextArea").text = str(elsewhere)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert walk(pilot).unsaved is None and not app.quit_warned
    saved = json.loads(elsewhere.read_text(encoding="utf-8"))
    assert question in saved["answers"]


async def test_zero_and_digits_past_the_last_option_answer_nothing() -> None:
    path = make_assessment(profile=PROFILE_YES)
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = walk(pilot)
        screen.goto("duties.office")
        await pilot.press("0", "9")
        await settle(pilot)
        assert screen.current == "duties.office"
    assert "duties.office" not in document(path)["answers"]


async def test_an_answer_saved_by_another_window_is_kept_and_the_walk_says_so() -> None:
    from cisec import services

    path = make_assessment(profile=PROFILE_YES)
    app = StillApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = walk(pilot)
        mine = screen.current
        other = next(i for i in ("practice.policy", "duties.report") if i != mine)
        # The command line (another writer) answers a different question meanwhile.
        elsewhere = services.open_session(path)
        options = elsewhere.item(other)[1].options or []
        elsewhere.answer(other, options[0].value)
        await pilot.press("1")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any("1 answer added from another window" in m for m in said), said
    answers = document(path)["answers"]
    assert mine in answers and other in answers
