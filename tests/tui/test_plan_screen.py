"""The remediation plan screen: owner, due date, status, milestones and notes from the keyboard."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea
from tui_support import NOW, PROFILE_YES, SIZE, TODAY, StillApp, make_assessment, settle

from cisec import services
from cisec.model import RiskAcceptance
from cisec.services.plan import set_plan_item
from cisec.tui.screens.dialogs import ErrorDialog, LineDialog, TextDialog
from cisec.tui.screens.plan import PlanScreen, RiskDialog, StatusDialog
from cisec.tui.screens.summary import SummaryScreen
from tests.tui.test_flows import document, text_of, walk

pytestmark = pytest.mark.usefixtures("tui_data")

GAPS: dict[str, str | float] = {
    "duties.office": "no",
    "duties.report": "partly",
    "practice.power": "n",
}


def gappy(name: str = "acme") -> Path:
    return make_assessment(name, profile=PROFILE_YES, answers=GAPS)


async def open_plan(pilot: Pilot[None]) -> PlanScreen:
    """From the walk, `p`; the plan's rows loaded."""
    await settle(pilot)
    walk(pilot).set_focus(None)  # the walk's first question may have put the cursor in a field
    await pilot.press("p")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlanScreen)
    return screen


async def choose(pilot: Pilot[None], screen: PlanScreen, question_id: str) -> None:
    """Move the table's cursor to a question's row with the arrow keys."""
    target = [row.question_id for row in screen.rows].index(question_id)
    while screen.query_one(DataTable).cursor_row != target:
        await pilot.press("down" if screen.query_one(DataTable).cursor_row < target else "up")
    await pilot.pause()


def row_text(screen: PlanScreen, question_id: str) -> str:
    table: DataTable[Text] = screen.query_one(DataTable)
    cells = table.get_row(question_id)
    return "  ".join(cell.plain if isinstance(cell, Text) else str(cell) for cell in cells)


async def type_line(pilot: Pilot[None], text: str) -> LineDialog:
    dialog = pilot.app.screen
    assert isinstance(dialog, LineDialog)
    dialog.query_one(Input).value = ""
    await pilot.press(*text)
    return dialog


def plan_of(path: Path) -> dict[str, dict[str, object]]:
    plan: dict[str, dict[str, object]] = document(path).get("plan", {})
    return plan


async def test_every_gap_is_a_row_and_owner_and_due_are_typed_and_saved() -> None:
    path = gappy()
    async with StillApp(path).run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot)
        assert sorted(row.question_id for row in screen.rows) == sorted(GAPS)
        await choose(pilot, screen, "duties.report")
        await pilot.press("o")
        await pilot.pause()
        await type_line(pilot, "Ops lead")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        await type_line(pilot, "2027-03-31")
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        shown = row_text(screen, "duties.report")
        assert "Ops lead" in shown and "2027-03-31" in shown and "overdue" not in shown
        assert "Saved" in text_of(pilot, "#plan-saved")
    item = plan_of(path)["duties.report"]
    assert (item["owner"], item["due"], item["status"]) == ("Ops lead", "2027-03-31", "open")
    assert set(plan_of(path)) == {"duties.report"}  # the other gaps stay unplanned


async def test_an_impossible_date_is_refused_in_the_dialog_and_nothing_is_saved() -> None:
    path = gappy()
    session = services.open_session(path)
    set_plan_item(session, "duties.office", due=dt.date(2027, 1, 31), now=NOW)
    before = path.read_bytes()
    async with StillApp(path).run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot)
        await choose(pilot, screen, "duties.office")
        await pilot.press("d")
        await pilot.pause()
        dialog = await type_line(pilot, "2027-02-30")
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is dialog  # still open, to be corrected
        assert "'2027-02-30' is not a date." in text_of(pilot, "#line-problem")
        assert "YYYY-MM-DD" in text_of(pilot, "#line-problem")
        assert dialog.query_one(Input).value == "2027-02-30"  # what was typed stays
        await pilot.press("f2")  # the service's sentence, in the other language too
        await pilot.pause()
        assert "「2027-02-30」不是日期。" in text_of(pilot, "#line-problem")
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert "2027-01-31" in row_text(screen, "duties.office")
    assert path.read_bytes() == before


async def test_status_is_chosen_and_accepting_the_risk_needs_both_reasons() -> None:
    path = gappy()
    async with StillApp(path).run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot)
        await choose(pilot, screen, "practice.power")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StatusDialog)
        await pilot.press("2")
        await settle(pilot)
        assert plan_of(path)["practice.power"]["status"] == "in-progress"
        assert "in progress" in row_text(screen, "practice.power")
        # Arrows and Enter choose too: down twice from in-progress is risk-accepted.
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, RiskDialog)
        await pilot.press(*"Generator replaced in 2027")
        await pilot.press("ctrl+s")  # no one named as accepting it: refused, dialog stays
        await pilot.pause()
        assert pilot.app.screen is dialog
        assert "Give the justification and who accepted the risk." in text_of(pilot, "#risk-help")
        assert plan_of(path)["practice.power"]["status"] == "in-progress"
        await pilot.press("enter")  # from the justification to who accepted it
        await pilot.press(*"CFO", "enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert "risk accepted" in row_text(screen, "practice.power")
        assert "Risk accepted by CFO: Generator replaced in 2027" in text_of(pilot, "#plan-detail")
    item = plan_of(path)["practice.power"]
    assert item["status"] == "risk-accepted"
    assert item["risk_acceptance"] == {
        "justification": "Generator replaced in 2027",
        "accepted_by": "CFO",
        "accepted_on": TODAY.isoformat(),
    }


async def test_milestones_and_a_note_are_added() -> None:
    path = gappy()
    async with StillApp(path).run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot)
        await choose(pilot, screen, "duties.office")
        await pilot.press("m")
        await pilot.pause()
        dialog = await type_line(pilot, "2027-01-31")  # a date without what happens then
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is dialog and "is not a milestone" in text_of(
            pilot, "#line-problem"
        )
        await pilot.press(*" Lease signed", "enter")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        note = pilot.app.screen
        assert isinstance(note, TextDialog)
        note.query_one(TextArea).text = "Landlord chosen by the board."
        await pilot.press("ctrl+s")
        await settle(pilot)
        detail = text_of(pilot, "#plan-detail")
        assert "2027-01-31 Lease signed" in detail and "Landlord chosen by the board." in detail
    item = plan_of(path)["duties.office"]
    assert item["milestones"] == [{"date": "2027-01-31", "text": "Lease signed"}]
    assert item["note"] == "Landlord chosen by the board."


async def test_overdue_items_stand_out_in_words_and_closed_gaps_say_so() -> None:
    path = gappy()
    session = services.open_session(path)
    set_plan_item(session, "duties.report", owner="Ops", due=TODAY - dt.timedelta(days=3))
    set_plan_item(session, "duties.office", due=TODAY - dt.timedelta(days=3), status="done")
    set_plan_item(session, "practice.power", owner="Facilities", due=dt.date(2027, 6, 30))
    session.answer("practice.power", "2n")  # the gap closes; its plan item stays
    async with StillApp(path).run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot)
        assert "open ⚠ overdue" in row_text(screen, "duties.report")
        assert "overdue" not in row_text(screen, "duties.office")  # done is never overdue
        closed = row_text(screen, "practice.power")
        assert "✓ gap closed" in closed and "overdue" not in closed
        assert "1 overdue" in text_of(pilot, "#plan-counts")
        await choose(pilot, screen, "duties.report")
        assert "⚠ Overdue: due 2026-11-22, 3 days ago" in text_of(pilot, "#plan-detail")
        await choose(pilot, screen, "practice.power")
        assert "The gap has closed" in text_of(pilot, "#plan-detail")
        await pilot.press("f2")
        await pilot.pause()
        assert "未處理 ⚠ 逾期" in row_text(screen, "duties.report")
        assert "✓ 差距已消除" in row_text(screen, "practice.power")


async def test_the_summary_opens_the_plan_and_escape_returns() -> None:
    path = gappy()
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        walk(pilot).set_focus(None)
        await pilot.press("s")
        await settle(pilot)
        summary = pilot.app.screen
        assert isinstance(summary, SummaryScreen)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(pilot.app.screen, PlanScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is summary


async def test_a_failed_plan_save_is_said_kept_in_memory_and_saved_again() -> None:
    path = gappy()
    async with StillApp(path).run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot)
        await choose(pilot, screen, "duties.report")
        path.unlink()
        path.mkdir()  # a folder where the file was: the save fails, for root too
        await pilot.press("o")
        await pilot.pause()
        await type_line(pilot, "Ops lead")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ErrorDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert "Not saved" in text_of(pilot, "#plan-saved")
        assert "Ops lead" in row_text(screen, "duties.report")  # kept in memory
        await pilot.press("escape")  # the first Esc only warns
        await pilot.pause()
        assert pilot.app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        walking = walk(pilot)  # the walk knows the assessment is not on disk
        assert walking.unsaved is not None and "Not saved" in text_of(pilot, "#walk-saved")
        shutil.rmtree(path)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert walking.unsaved is None
    assert plan_of(path)["duties.report"]["owner"] == "Ops lead"


async def test_a_plan_item_saved_by_another_window_is_kept_and_said() -> None:
    path = gappy()
    async with StillApp(path).run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot)
        elsewhere = services.open_session(path)
        accepted = RiskAcceptance(justification="Insured", accepted_by="CEO")
        set_plan_item(elsewhere, "practice.power", status="risk-accepted", risk_acceptance=accepted)
        await choose(pilot, screen, "duties.report")
        await pilot.press("o")
        await pilot.pause()
        await type_line(pilot, "Ops lead")
        await pilot.press("enter")
        await settle(pilot)
        said = [n.message for n in pilot.app._notifications]
        assert any("1 plan item updated from another window" in m for m in said), said
        assert "risk accepted" in row_text(screen, "practice.power")
    plan = plan_of(path)
    assert plan["duties.report"]["owner"] == "Ops lead"
    assert plan["practice.power"]["status"] == "risk-accepted"


async def test_home_says_how_many_plan_items_are_overdue_only_when_some_are() -> None:
    late = gappy("late")
    session = services.open_session(late)
    for question_id in ("duties.report", "duties.office"):
        set_plan_item(session, question_id, due=TODAY - dt.timedelta(days=1))
    on_time = gappy("on-time")
    set_plan_item(services.open_session(on_time), "duties.report", due=TODAY)
    async with StillApp().run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = _options_text(pilot)
        assert "late.cisec.json ⚠ 2 plan items overdue" in shown
        assert shown.count("overdue") == 1
        await pilot.press("f2")
        await pilot.pause()
        assert "⚠ 2 個改善計劃項目逾期" in _options_text(pilot)


def _options_text(pilot: Pilot[None]) -> str:
    from textual.widgets import OptionList

    options = pilot.app.screen.query_one("#home-recent", OptionList)
    prompts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
    return " | ".join(
        " ".join((p.plain if isinstance(p, Text) else str(p)).split()) for p in prompts
    )


async def test_the_walk_shows_last_years_answer_beside_the_question_without_answering_it() -> None:
    last_year = make_assessment("acme-2025", profile=PROFILE_YES, answers={"duties.office": "no"})
    previous = services.open_session(last_year)
    previous.annotate("duties.office", note="Office lease ended in 2025.")
    path = Path("data") / "assessments" / "acme-2026.cisec.json"
    services.new_session("fixture", path, predecessor=previous, now=NOW)
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = walk(pilot)
        screen.goto("duties.office")
        await pilot.pause()
        shown = text_of(pilot, "#previous")
        assert shown == "Last year: No · Office lease ended in 2025."
        await pilot.press("f2")
        await pilot.pause()
        assert text_of(pilot, "#previous") == "去年：否 · Office lease ended in 2025."
        screen.goto("duties.report")  # not answered last year: nothing beside it
        await pilot.pause()
        assert not screen.query_one("#previous").display
    assert "duties.office" not in document(path)["answers"]


async def test_without_a_predecessor_the_walk_shows_no_last_year() -> None:
    path = gappy()
    async with StillApp(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = walk(pilot)
        screen.goto("duties.office")
        await pilot.pause()
        assert screen.previous is None and not screen.query_one("#previous").display
