"""The terminal UI's main flows, driven by keys through Textual's pilot."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea
from tui_support import PROFILE_YES, SIZE, StillApp, make_assessment, settle

from cisec.tui.screens.dialogs import ErrorDialog, KeysDialog, TextDialog
from cisec.tui.screens.home import HomeScreen
from cisec.tui.screens.new import NewScreen
from cisec.tui.screens.protect import EvidenceDialog
from cisec.tui.screens.summary import ExportDialog, SummaryScreen
from cisec.tui.screens.walk import WalkScreen

pytestmark = pytest.mark.usefixtures("tui_data")


def document(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def walk(pilot: Pilot[None]) -> WalkScreen:
    screen = pilot.app.screen
    assert isinstance(screen, WalkScreen)
    return screen


def text_of(pilot: Pilot[None], selector: str) -> str:
    """The plain text a Static shows (wide enough not to wrap)."""
    console = Console(width=200, file=io.StringIO(), color_system=None)
    content = pilot.app.screen.query_one(selector, Static).content
    console.print(Text.from_markup(content) if isinstance(content, str) else content)
    return " ".join(console.file.getvalue().split())


async def test_new_profile_answer_note_na_summary_export() -> None:
    """A newcomer's whole first sitting, keyboard only."""
    app = StillApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewScreen)
        await pilot.press("enter")  # the fixture, the only questionnaire; on to the organisation
        await pilot.press(*"Acme", "tab", *"Chan", "ctrl+s")
        await settle(pilot)
        screen = walk(pilot)
        path = screen.live.path
        assert path == Path("data/assessments/fixture-2026-11-25.cisec.json")
        # The profile comes first and tailors what follows.
        assert screen.current == "designated"
        await pilot.press("1")  # yes: the designation date now applies
        assert screen.current == "designated_on"
        await pilot.press(*"2026-01-01", "enter")
        await pilot.press("3", "enter")
        await pilot.press("2")  # Rated-3
        await settle(pilot)
        assert screen.current == "duties.office"
        await pilot.press("1")
        assert screen.current == "duties.report"
        await pilot.press("4")  # not applicable: asks why
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        await pilot.press(*"Group desk reports", "ctrl+s")
        await settle(pilot)
        assert screen.current == "duties.ot"
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("k", "e")  # on a number question, letters are still keys
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        await pilot.press(*"OT review in Q1", "ctrl+s")
        await settle(pilot)
        assert "OT review in Q1" in text_of(pilot, "#extras")

        saved = document(path)
        assert saved["organisation"] == "Acme"
        assert saved["assessor"] == "Chan"
        assert saved["profile"] == PROFILE_YES
        assert saved["answers"]["duties.office"]["value"] == "yes"
        assert saved["answers"]["duties.report"] == saved["answers"]["duties.report"] | {
            "value": "na",
            "note": "Group desk reports",
        }
        assert saved["answers"]["duties.ot"]["note"] == "OT review in Q1"

        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        summary = text_of(pilot, "#summary-text")
        assert "Overall" in summary
        assert "duties.ot" in summary  # the top gap: a statutory duty answered "No"
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")  # the Export button has the focus
        await settle(pilot)
        report = Path("data/assessments/fixture-2026-11-25.pdf")
        assert report.read_bytes().startswith(b"%PDF")
        assert str(report) in text_of(pilot, "#export-status")


async def test_not_applicable_needs_a_justification() -> None:
    path = make_assessment(profile=PROFILE_YES)
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert walk(pilot).current == "duties.office"
        await pilot.press("4", "ctrl+s")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, TextDialog)  # an empty reason is refused; the dialog stays
        assert "reason" in text_of(pilot, "#text-help")
        await pilot.press("escape")
        await settle(pilot)
        assert walk(pilot).current == "duties.office"
    assert "duties.office" not in document(path)["answers"]


async def test_questions_that_do_not_apply_are_skipped_visibly() -> None:
    path = make_assessment(profile={"designated": "no"})
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = walk(pilot)
        assert screen.current == "systems"  # the designation date is not asked
        assert screen.progress is not None
        assert screen.progress.state("designated_on") == "skipped"
        assert screen.progress.state("duties.office") == "skipped"
        screen.goto("duties.office")
        await pilot.pause()
        assert "Skipped" in text_of(pilot, "#card")
        assert "Are you designated?" in text_of(pilot, "#card")
        await pilot.press("1")  # digits do nothing on a skipped question
        await settle(pilot)
    assert "duties.office" not in document(path)["answers"]


async def test_next_key_jumps_to_unanswered_or_flagged() -> None:
    path = make_assessment(
        profile=PROFILE_YES,
        answers={"duties.office": "yes", "duties.report": "yes", "duties.ot": "no"},
    )
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = walk(pilot)
        assert screen.current == "practice.cctv"  # opens at the first unanswered
        screen.goto("duties.report")
        await pilot.press("f")  # flag it for review
        await settle(pilot)
        assert document(path)["answers"]["duties.report"]["flagged"] is True
        screen.goto("designated")
        await pilot.press("n")
        assert screen.current == "duties.report"
        await pilot.press("n")
        assert screen.current == "practice.cctv"


async def test_numbers_are_typed_and_checked() -> None:
    path = make_assessment(profile=PROFILE_YES, answers={"duties.office": "yes"})
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = walk(pilot)
        screen.goto("practice.cctv")
        await pilot.pause()
        field = pilot.app.screen.query_one("#answer-input", Input)
        assert not field.has_focus  # letters are still keys until a digit or Enter
        await pilot.press("enter", *"lots", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ErrorDialog)
        await pilot.press("escape")
        assert field.has_focus
        await pilot.press("escape", "1", *"20", "enter")  # a digit starts afresh
        await settle(pilot)
        assert screen.current == "practice.power"
    assert document(path)["answers"]["practice.cctv"]["value"] == 120


async def test_language_switches_at_once() -> None:
    path = make_assessment(profile=PROFILE_YES)
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Do you keep an office in Hong Kong?" in text_of(pilot, "#card")
        await pilot.press("f2")
        await pilot.pause()
        assert "貴機構是否在香港設有辦事處？" in text_of(pilot, "#card")
        assert "作答" in text_of(pilot, "#keybar")
        assert "測試問卷" in text_of(pilot, "#walk-title")
        await pilot.press("f2")
        await pilot.pause()
        assert "answer" in text_of(pilot, "#keybar")


async def test_command_palette_finds_a_question_by_words() -> None:
    path = make_assessment(profile=PROFILE_YES)
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"cctv")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert walk(pilot).current == "practice.cctv"


async def test_keys_dialog_lists_every_key() -> None:
    path = make_assessment(profile=PROFILE_YES)
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, KeysDialog)
        keys = text_of(pilot, "#keys-text")
        for description in (
            "Choose the n-th answer",
            "Next unanswered or flagged",
            "Write a note",
            "Find a question",
            "Switch English / Chinese",
            "Save and quit",
        ):
            assert description in keys
        assert "1–9" in keys and "0–9" not in keys  # 0 answers nothing
        assert "Save again" in keys


async def test_ctrl_q_keeps_a_note_being_typed() -> None:
    path = make_assessment(profile=PROFILE_YES, answers={"duties.office": "partly"})
    app = StillApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        walk(pilot).goto("duties.office")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        assert app.screen.query_one(TextArea).has_focus
        await pilot.press(*"Lease signed", "ctrl+q")
        await pilot.pause()
    assert document(path)["answers"]["duties.office"]["note"] == "Lease signed"


async def test_a_bad_file_is_an_error_dialog_with_the_next_step() -> None:
    missing = Path("data/assessments/missing.cisec.json")
    async with StillApp(missing).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, ErrorDialog)
        assert "no such file" in text_of(pilot, "#error-message")
        assert "cisec new" in text_of(pilot, "#error-next")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_a_corrupt_file_is_an_error_in_the_interface_language() -> None:
    corrupt = Path("data/assessments/broken.cisec.json")
    corrupt.parent.mkdir(parents=True, exist_ok=True)
    corrupt.write_text('{"format": "cisec-assessment",', encoding="utf-8")
    async with StillApp().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2", "o", *str(corrupt), "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ErrorDialog)
        message = text_of(pilot, "#error-message")
        assert "不是有效的 JSON" in message and str(corrupt) in message
        assert "檔案沒有被改動" in text_of(pilot, "#error-next")
        assert "下一步" in text_of(pilot, "#error-next")
        await pilot.press("f2")  # the error dialog follows the language at once
        await pilot.pause()
        assert "not valid JSON" in text_of(pilot, "#error-message")
        assert "left untouched" in text_of(pilot, "#error-next")


async def test_a_typo_in_chinese_is_a_chinese_error() -> None:
    path = make_assessment(profile=PROFILE_YES)
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        walk(pilot).goto("practice.cctv")
        await pilot.pause()
        await pilot.press("enter", *"lots", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ErrorDialog)
        assert text_of(pilot, "#error-message") == "「lots」不是數字。"
        assert "practice.cctv 須填整數" in text_of(pilot, "#error-next")


async def test_home_lists_recent_assessments_and_opens_them() -> None:
    make_assessment("first", profile=PROFILE_YES)
    async with StillApp().run_test(size=SIZE) as pilot:
        await settle(pilot)
        options = pilot.app.screen.query_one("#home-recent", OptionList)
        assert options.option_count == 1
        await pilot.press("enter")
        await settle(pilot)
        assert walk(pilot).live.path.name == "first.cisec.json"


async def test_a_fast_burst_of_keys_lands_in_the_field_in_order() -> None:
    """A terminal may deliver "2026-01-01⏎" in one read, before the field has the focus."""
    path = make_assessment(profile={"designated": "yes"})
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert walk(pilot).current == "designated_on"
        for character in "2026-01-01":
            pilot.app.post_message(
                events.Key("minus" if character == "-" else character, character)
            )
        pilot.app.post_message(events.Key("enter", "\r"))
        await settle(pilot)
        assert walk(pilot).current == "systems"
    assert document(path)["profile"]["designated_on"] == "2026-01-01"


async def test_evidence_references_one_per_line() -> None:
    path = make_assessment(profile=PROFILE_YES, answers={"duties.office": "yes"})
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        walk(pilot).goto("duties.office")
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EvidenceDialog)
        await pilot.press(*"Lease 2026", "enter", *"Ticket 42", "ctrl+s")
        await settle(pilot)
        assert "Lease 2026; Ticket 42" in text_of(pilot, "#extras")
    assert document(path)["answers"]["duties.office"]["evidence"] == ["Lease 2026", "Ticket 42"]


async def test_open_a_file_by_its_path() -> None:
    path = make_assessment("typed", profile=PROFILE_YES)
    async with StillApp().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*str(path), "enter")
        await settle(pilot)
        assert walk(pilot).live.path == path


async def test_the_chosen_language_is_remembered() -> None:
    async with StillApp().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
    async with StillApp().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.language == "zh-Hant"
        assert "最近的評估" in text_of(pilot, "#home-recent-title")


async def test_ctrl_q_keeps_a_number_typed_but_not_entered() -> None:
    path = make_assessment(
        profile=PROFILE_YES,
        answers={"duties.office": "yes", "duties.report": "yes", "duties.ot": "no"},
    )
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert walk(pilot).current == "practice.cctv"
        await pilot.press("9", "0", "ctrl+q")
        await pilot.pause()
    assert document(path)["answers"]["practice.cctv"]["value"] == 90


async def test_export_asks_which_edition() -> None:
    """The export dialog offers both editions, board first; the full one holds every answer."""
    from textual.widgets import Select

    path = make_assessment(profile=PROFILE_YES)
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        edition = dialog.query_one("#export-edition", Select)
        assert edition.value == "board"
        dialog.query_one("#export-format", Select).value = "html"
        await settle(pilot)
        board = Path(dialog.query_one("#export-path", Input).value)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert 'id="answers"' not in board.read_text(encoding="utf-8")
        edition.value = "full"
        full = board.with_name("full.html")
        dialog.query_one("#export-path", Input).value = str(full)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert 'id="answers"' in full.read_text(encoding="utf-8")


async def test_export_writes_word_and_markdown() -> None:
    """Word and Markdown are offered too; the file name follows the chosen format."""
    from docx import Document
    from textual.widgets import Select

    path = make_assessment(profile=PROFILE_YES)
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        for chosen, suffix in (("docx", ".docx"), ("md", ".md")):
            dialog.query_one("#export-format", Select).value = chosen
            await settle(pilot)
            out = Path(dialog.query_one("#export-path", Input).value)
            assert out.suffix == suffix
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert out.is_file(), chosen
        word = Document(str(out.with_suffix(".docx")))
        assert any(p.style.name.startswith("Heading") for p in word.paragraphs)
        assert "\n# Cybersecurity gap report\n" in out.read_text(encoding="utf-8")
