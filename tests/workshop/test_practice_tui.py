"""The practice flow in the terminal UI, driven with Textual's pilot."""

from __future__ import annotations

import asyncio
from pathlib import Path

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, RadioButton, SelectionList, Static

from cisec.tui.app import CisecApp
from cisec.tui.screens.workshop import WorkshopScreen, WorkshopStartScreen
from cisec.workshop.answers import load_answers


def shown(pilot: Pilot[None], selector: str) -> str:
    """The plain text a Static shows (markup rendered, styles dropped)."""
    content = pilot.app.screen.query_one(selector, Static).content
    text = Text.from_markup(content).plain if isinstance(content, str) else str(content)
    return " ".join(text.split())


async def settle(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, CisecApp)
    await pilot.pause()
    await app.wait_for_saves()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def start(pilot: Pilot[None], name: str, *, class_mode: bool = False) -> WorkshopScreen:
    pilot.app.push_screen(WorkshopStartScreen())
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WorkshopStartScreen)
    packs = screen.query_one("#ws-packs", OptionList)
    packs.highlighted = [pack.id for pack in screen.packs].index("fixture-drill")
    if class_mode:
        screen.query_one("#ws-class", RadioButton).value = True
    name_input = screen.query_one("#ws-name", Input)
    name_input.value = name
    name_input.focus()
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WorkshopScreen)
    return pilot.app.screen


def test_practice_shows_the_model_answer_at_once_and_the_score_at_the_end(
    trainer_dir: Path,
) -> None:
    async def run() -> None:
        app = CisecApp()
        async with app.run_test(size=(100, 40)) as pilot:
            screen = await start(pilot, "Team Kowloon")
            assert "Something happens." in shown(pilot, "#ws-story")
            assert "How long?" in shown(pilot, "#ws-question")

            await pilot.press("enter")  # the first option, 12 hours: the model answer
            await settle(pilot)
            feedback = shown(pilot, "#ws-feedback")
            assert "✓ The model answer." in feedback
            assert "Because s.28 says so." in feedback
            assert "Cap. 653 s.28" in feedback

            await pilot.press("n")
            await settle(pilot)
            assert "Keep which two?" in shown(pilot, "#ws-question")
            choices = screen.query_one("#ws-multiple", SelectionList)
            choices.select("logs")
            choices.select("coffee")
            await pilot.click("#ws-submit")
            await settle(pilot)
            assert "Partly right: 50% of the marks." in shown(pilot, "#ws-feedback")

            # The ranking arrives with the inject, when the trainer releases it.
            assert "order" not in [q.id for q in screen.open_questions()]
            await pilot.press("right_square_bracket")
            await settle(pilot)
            assert "More happens." in shown(pilot, "#ws-story")
            await pilot.press("n")
            await settle(pilot)
            assert "Rank them." in shown(pilot, "#ws-question")
            screen.query_one("#ws-single", OptionList).focus()
            await pilot.press("enter", "down", "enter", "down", "enter")
            await settle(pilot)
            assert "✓ The model answer." in shown(pilot, "#ws-feedback")

            await pilot.press("f")
            await settle(pilot)
            review = shown(pilot, "#ws-review")
            assert "Score 83% · 2 of 3 exactly right · 3 answered" in review
            saved = load_answers(screen.session.path)
            assert {qid: a.choices for qid, a in saved.answers.items()} == {
                "deadline": ["h12"],
                "preserve": ["logs", "coffee"],
                "order": ["first", "second", "third"],
            }
            assert saved.finished_at is not None
            assert saved.mode == "practice"

    asyncio.run(run())


def test_class_mode_keeps_the_model_answer_for_the_debrief(trainer_dir: Path) -> None:
    async def run() -> None:
        app = CisecApp()
        async with app.run_test(size=(100, 40)) as pilot:
            screen = await start(pilot, "Team Sha Tin", class_mode=True)
            await pilot.press("down", "enter")  # 48 hours: wrong, and not said so
            await settle(pilot)
            assert screen.session.answers.mode == "class"
            assert "Keep which two?" in shown(pilot, "#ws-question")  # moved on by itself
            assert "Because s.28" not in shown(pilot, "#ws-feedback")
            assert load_answers(screen.session.path).answers["deadline"].choices == ["h48"]

    asyncio.run(run())


def test_the_start_screen_speaks_chinese(trainer_dir: Path) -> None:
    async def run() -> None:
        app = CisecApp()
        async with app.run_test(size=(80, 24)) as pilot:
            pilot.app.push_screen(WorkshopStartScreen())
            await settle(pilot)
            await pilot.press("f2")
            await settle(pilot)
            assert shown(pilot, "#ws-start-title") == "工作坊——選擇演練"
            assert shown(pilot, "#ws-name-label") == "參加者或隊伍名稱"

    asyncio.run(run())


def test_in_a_terminal_the_workshop_app_has_home_underneath(trainer_dir: Path) -> None:
    from cisec.tui.app import WorkshopApp
    from cisec.tui.screens.home import HomeScreen

    async def run() -> None:
        app = WorkshopApp()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, WorkshopStartScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)

    asyncio.run(run())


def test_the_classroom_app_never_reaches_the_home_screen(trainer_dir: Path) -> None:
    from cisec.tui.app import WorkshopApp
    from cisec.tui.screens.home import HomeScreen

    async def run() -> None:
        app = WorkshopApp(classroom=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, WorkshopStartScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, WorkshopStartScreen)
            start_screen = app.screen
            start_screen.query_one("#ws-name", Input).value = "Team Room"
            start_screen.action_start()
            await settle(pilot)
            assert isinstance(app.screen, WorkshopScreen)
            await pilot.press("escape")  # leaves the exercise for a new start, not for home
            await settle(pilot)
            assert isinstance(app.screen, WorkshopStartScreen)
            assert not any(isinstance(screen, HomeScreen) for screen in app.screen_stack)

    asyncio.run(run())


def test_timer_pacing_releases_the_inject_at_its_minute(trainer_dir: Path) -> None:
    async def run() -> None:
        app = CisecApp()
        async with app.run_test(size=(100, 40)) as pilot:
            pilot.app.push_screen(WorkshopStartScreen())
            await settle(pilot)
            start_screen = pilot.app.screen
            assert isinstance(start_screen, WorkshopStartScreen)
            packs = start_screen.query_one("#ws-packs", OptionList)
            packs.highlighted = [pack.id for pack in start_screen.packs].index("fixture-drill")
            start_screen.query_one("#ws-timer", RadioButton).value = True
            start_screen.query_one("#ws-name", Input).value = "Team Timer"
            start_screen.action_start()
            await settle(pilot)
            screen = pilot.app.screen
            assert isinstance(screen, WorkshopScreen)
            now = [0.0]
            screen.clock = lambda: now[0]
            screen.started = 0.0
            now[0] = 9 * 60 + 59
            screen._tick()
            assert screen.released == 0
            now[0] = 10 * 60
            screen._tick()
            await settle(pilot)
            assert screen.released == 1
            assert "More happens." in shown(pilot, "#ws-story")
            assert "T+10:00" in shown(pilot, "#ws-title")

    asyncio.run(run())


def test_home_links_to_the_workshop(trainer_dir: Path) -> None:
    async def run() -> None:
        app = CisecApp()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
            assert isinstance(app.screen, WorkshopStartScreen)

    asyncio.run(run())


def test_an_empty_name_is_refused_with_the_error_dialog(trainer_dir: Path) -> None:
    from cisec.tui.screens.dialogs import ErrorDialog

    async def run() -> None:
        app = CisecApp()
        async with app.run_test(size=(80, 24)) as pilot:
            pilot.app.push_screen(WorkshopStartScreen())
            await settle(pilot)
            pilot.app.screen.query_one("#ws-name", Input).focus()
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ErrorDialog)
            assert "participant or team name" in app.screen.message
            assert not (trainer_dir / "workshop").exists()

    asyncio.run(run())


def test_digits_answer_and_s_submits(trainer_dir: Path) -> None:
    async def run() -> None:
        app = CisecApp()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await start(pilot, "Team Digits", class_mode=True)
            await pilot.press("2")  # 48 hours; class mode moves on by itself
            await settle(pilot)
            await pilot.press("1", "2", "s")  # logs and disk images
            await settle(pilot)
            await pilot.press("right_square_bracket", "n")
            await settle(pilot)
            await pilot.press("3", "1", "backspace", "2", "1")  # third, second, first
            await settle(pilot)
            saved = load_answers(screen.session.path)
            assert {qid: a.choices for qid, a in saved.answers.items()} == {
                "deadline": ["h48"],
                "preserve": ["logs", "images"],
                "order": ["third", "second", "first"],
            }

    asyncio.run(run())
