"""Helpers for the terminal UI tests: a still app, settling, and assessments to open."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from textual.worker import WorkerCancelled, WorkerFailed

from cisec import services
from cisec.tui.app import CisecApp

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "data" / "content" / "fixture.yaml"
SCALES = REPO / "questionnaires" / "scales.yaml"

TODAY = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC)
SIZE = (80, 24)


class StillApp(CisecApp):
    """The app with animations off and no blinking cursors, so screenshots are repeatable."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path, today=TODAY)
        self.animation_level = "none"

    def on_descendant_mount(self, event: events.DescendantMount) -> None:
        if isinstance(event.node, Input | TextArea):
            event.node.cursor_blink = False


async def settle(pilot: Pilot[None]) -> None:
    """Let every worker (loading, saving, rendering) finish, then let the screen catch up.

    A worker whose screen closed meanwhile (e.g. a file that failed to open) counts as done.
    """
    for worker in list(pilot.app.workers):
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await worker.wait()
    await pilot.pause()


def make_assessment(
    name: str = "acme",
    *,
    profile: dict[str, str | float] | None = None,
    answers: dict[str, str | float] | None = None,
) -> Path:
    """An assessment of the fixture questionnaire in `data/assessments/`."""
    path = Path("data") / "assessments" / f"{name}.cisec.json"
    session = services.new_session(
        "fixture", path, organisation="Acme Power Ltd", assessor="Chan Tai Man", now=NOW
    )
    for item_id, value in (profile or {}).items():
        session.answer(item_id, value, now=NOW)
    for item_id, value in (answers or {}).items():
        note = "Handled by the group's incident desk." if value == "na" else None
        session.answer(item_id, value, note=note, now=NOW)
    return path


PROFILE_YES: dict[str, str | float] = {
    "designated": "yes",
    "designated_on": "2026-01-01",
    "systems": 3,
    "declared_level": "rated3",
}
