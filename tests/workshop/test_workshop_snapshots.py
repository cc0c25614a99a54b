"""What participants read: the workshop screens at 80×24, in English and in Chinese, as SVG.

Update after a deliberate change with `pytest tests/workshop --snapshot-update`, and look at the
SVG files in `__snapshots__/` before committing them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from cisec.services import workshop as service
from cisec.tui.app import CisecApp
from cisec.tui.screens.workshop import WorkshopScreen, WorkshopStartScreen

LANGUAGES = ["en", "zh-Hant"]
SIZE = (80, 24)
NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


class StillApp(CisecApp):
    """The app with animations off, so screenshots repeat."""

    def __init__(self) -> None:
        super().__init__(today=NOW.date())
        self.animation_level = "none"


def steps(
    language: str, *keys: str, screen: Callable[[], Screen[None]]
) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, CisecApp)
        if language == "zh-Hant":
            await pilot.press("f2")
        pilot.app.push_screen(screen())
        for key in ("", *keys):
            if key:
                await pilot.press(key)
            await pilot.pause()
            await app.wait_for_saves()
            await app.workers.wait_for_complete()
            await pilot.pause()
        for field in app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the snapshot flicker
        await pilot.pause()

    return run


@pytest.mark.parametrize("language", LANGUAGES)
def test_start(snap_compare: Callable[..., bool], trainer_dir: Path, language: str) -> None:
    assert snap_compare(
        StillApp(), terminal_size=SIZE, run_before=steps(language, screen=WorkshopStartScreen)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_practice_feedback(
    snap_compare: Callable[..., bool], trainer_dir: Path, language: str
) -> None:
    session = service.start_practice(
        "fixture-drill", "Team Kowloon", language="en", now=NOW, folder=trainer_dir / "ws"
    )
    assert snap_compare(
        StillApp(),
        terminal_size=SIZE,
        run_before=steps(
            language, "enter", screen=lambda: WorkshopScreen(session, clock=lambda: 0.0)
        ),
    )
