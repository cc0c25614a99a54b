"""What people read: every screen at 80×24, in English and in Chinese, as SVG snapshots.

Update after a deliberate change with `pytest tests/tui --snapshot-update`, and look at the
SVG files in `__snapshots__/` before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_support import NOW, PROFILE_YES, SIZE, StillApp, make_assessment, settle

pytestmark = pytest.mark.usefixtures("tui_data")

LANGUAGES = ["en", "zh-Hant"]
Steps = Callable[[Pilot[None]], Awaitable[None]]


def steps(*keys: str) -> Steps:
    """Switch language as asked, press `keys`, then let workers finish."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


def start(language: str, path: Path | None = None) -> tuple[StillApp, list[str]]:
    """The app, and the keys that bring it to `language`."""
    return StillApp(path), (["f2"] if language == "zh-Hant" else [])


def answered() -> Path:
    return make_assessment(
        profile=PROFILE_YES,
        answers={"duties.office": "yes", "duties.report": "na", "practice.cctv": 45},
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_home(snap_compare: Callable[..., bool], language: str) -> None:
    make_assessment(profile=PROFILE_YES)
    app, keys = start(language)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(*keys))


@pytest.mark.parametrize("language", LANGUAGES)
def test_new_assessment(snap_compare: Callable[..., bool], language: str) -> None:
    app, keys = start(language)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(*keys, "n"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_walk_question(snap_compare: Callable[..., bool], language: str) -> None:
    app, keys = start(language, answered())
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(*keys))


@pytest.mark.parametrize("language", LANGUAGES)
def test_walk_guidance_and_note(snap_compare: Callable[..., bool], language: str) -> None:
    app, keys = start(language, answered())
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(*keys, "up", "up", "g"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_walk_number_question(snap_compare: Callable[..., bool], language: str) -> None:
    path = make_assessment(
        profile=PROFILE_YES,
        answers={"duties.office": "yes", "duties.report": "partly", "duties.ot": "no"},
    )
    app, keys = start(language, path)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(*keys, "9"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_walk_skipped_question(snap_compare: Callable[..., bool], language: str) -> None:
    path = make_assessment(profile={"designated": "no", "systems": 0})
    app, keys = start(language, path)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(*keys, "down", "down"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_applicable_asks_why(snap_compare: Callable[..., bool], language: str) -> None:
    path = make_assessment(profile=PROFILE_YES)
    app, keys = start(language, path)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(*keys, "4"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_keys(snap_compare: Callable[..., bool], language: str) -> None:
    app, keys = start(language, answered())
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(*keys, "question_mark"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_summary(snap_compare: Callable[..., bool], language: str) -> None:
    app, keys = start(language, answered())
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(*keys, "s"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_export(snap_compare: Callable[..., bool], language: str) -> None:
    app, keys = start(language, answered())
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(*keys, "s", "x"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_error(snap_compare: Callable[..., bool], language: str) -> None:
    # Over the walk, not the home screen (whose list grows as other screens land).
    app, keys = start(language, answered())
    typo = steps(*keys, "down", "enter", "x", "enter")  # "45x" is not a number of days
    assert snap_compare(app, terminal_size=SIZE, run_before=typo)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plan(snap_compare: Callable[..., bool], language: str) -> None:
    import datetime as dt

    from cisec import services
    from cisec.services.plan import set_plan_item

    path = make_assessment(
        profile=PROFILE_YES,
        answers={"duties.office": "no", "duties.report": "partly", "practice.cctv": 45},
    )
    session = services.open_session(path)
    set_plan_item(session, "duties.report", owner="Ops lead", due=dt.date(2026, 11, 1), now=NOW)
    set_plan_item(session, "duties.office", owner="Admin", due=dt.date(2027, 3, 31), now=NOW)
    app, keys = start(language, path)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(*keys, "p"))
