"""Provides the Textual app: the frame every screen shares (language, keys, saving, errors)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import ClassVar, TypeVar

from textual import events, on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.reactive import reactive
from textual.worker import Worker

from cisec.errors import CisecError
from cisec.model.text import Language
from cisec.services import recent
from cisec.tui.screens.base import Frame
from cisec.tui.screens.dialogs import ErrorDialog, KeysDialog, LineDialog, TextDialog
from cisec.tui.screens.home import HomeScreen
from cisec.tui.screens.walk import WalkScreen
from cisec.tui.screens.workshop import WorkshopStartScreen
from cisec.tui.wording import say

T = TypeVar("T")


class CisecApp(App[None]):
    """The cisec terminal UI: home, new assessment, the questionnaire walk, summary and export."""

    TITLE = "cisec"
    # Absolute, so subclasses defined elsewhere (tests) find it too.
    CSS_PATH = Path(__file__).parent / "app.tcss"
    # The question finder belongs to the walk screen; the app adds no system commands.
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = set()
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "save_quit", "key.quit", priority=True),
        Binding("f2", "switch_language", "key.language", priority=True),
        Binding("question_mark", "keys", "key.help"),
    ]

    language: reactive[Language] = reactive("en")

    def __init__(
        self,
        path: Path | None = None,
        *,
        today: dt.date | None = None,
        passphrase: str | None = None,
    ) -> None:
        super().__init__()
        self.start_path = path
        # Given on the command line (CISEC_PASSPHRASE); otherwise the walk asks in a dialog.
        self.start_passphrase = passphrase
        self.today = today or dt.date.today()
        # One writer thread: saves happen one after another, in the order they were made, so
        # the file always ends with the latest change (a pool could finish them out of order).
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cisec-save")
        preferred = recent.preferred_language()
        self.set_reactive(CisecApp.language, preferred or "en")
        self.language_chosen = preferred is not None
        # Set by a first ctrl+q that found answers not saved; the second one quits.
        self.quit_warned = False

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self.start_path is not None:
            self.push_screen(WalkScreen(path=self.start_path, passphrase=self.start_passphrase))

    # Language ------------------------------------------------------------------------------

    def watch_language(self, language: Language) -> None:
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if callable(relabel):
                relabel()

    def action_switch_language(self) -> None:
        """Switch between English and Chinese at once, and remember the choice."""
        self.language = "zh-Hant" if self.language == "en" else "en"
        self.language_chosen = True
        self.run_worker(
            partial(recent.remember_language, self.language),
            thread=True,
            group="preferences",
            exit_on_error=False,
        )

    def use_language(self, language: Language) -> None:
        """Follow an assessment's language, unless the person already chose one."""
        if not self.language_chosen:
            self.language = language

    # Keys ------------------------------------------------------------------------------------

    def action_keys(self) -> None:
        """Show every key of the current screen and the keys that work everywhere."""
        if not isinstance(self.screen, KeysDialog):
            self.push_screen(KeysDialog(self.screen))

    def action_command_palette(self) -> None:
        """Open the question finder (only screens with something to find have one)."""
        if self.screen.COMMANDS and not self.screen.has_class("--textual-command-palette"):
            self.push_screen(
                CommandPalette(placeholder=say("walk.palette", self.language), id="--palette")
            )

    async def action_save_quit(self) -> None:
        """Save whatever is being typed, wait for every pending save, then quit.

        When a save failed and was not retried, the first ctrl+q says so and the second quits.
        """
        if isinstance(self.screen, TextDialog | LineDialog | WalkScreen):
            self.screen.save_now()  # a note or a line being typed, a number not yet entered
        await self.wait_for_saves()
        unsaved = any(getattr(screen, "unsaved", None) for screen in self.screen_stack)
        if unsaved and not self.quit_warned:
            self.quit_warned = True
            self.notify(say("quit.unsaved", self.language), severity="error", timeout=10)
            return
        self._writer.shutdown(wait=True)
        self.exit()

    # Saving ----------------------------------------------------------------------------------

    def save(
        self,
        job: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> Worker[None]:
        """Run `job` (which writes a file) off the UI thread; then `done(result)`.

        Any error becomes an error dialog, after `failed(error)` (so the screen can say what is
        not saved); both callbacks run on the UI thread.
        """
        return self.run_worker(
            partial(self._save, job, done, failed),
            group="save",
            exit_on_error=False,
            name="save",
        )

    async def _save(
        self,
        job: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None,
    ) -> None:
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self._writer, job)
        except Exception as error:  # a failed save is shown and kept in memory, never a crash
            if failed is not None:
                failed(error)
            self.show_error(error)
            return
        done(result)

    async def wait_for_saves(self) -> None:
        """Wait until every save started so far is on disk."""
        pending = [w for w in self.workers if w.group == "save" and not w.is_finished]
        if pending:
            await self.workers.wait_for_complete(pending)

    # Errors ----------------------------------------------------------------------------------

    def show_error(self, error: BaseException) -> None:
        """Show a problem as a dialog with the next step."""
        if isinstance(error, CisecError):
            self.push_screen(ErrorDialog(error.text))
            return
        detail = f"{type(error).__name__}: {error}"

        def unexpected(language: Language) -> tuple[str, str]:
            return (
                say("error.unexpected", language, detail=detail),
                say("error.unexpected.next", language),
            )

        self.push_screen(ErrorDialog(unexpected))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Any worker that failed unexpectedly ends in an error dialog, never a traceback."""
        worker = event.worker
        if worker.error is not None and event.state.name == "ERROR":
            self.show_error(worker.error)


def _frame(app: CisecApp) -> Frame:
    """Lets mypy prove the app gives screens everything `Frame` promises."""
    return app


class WorkshopApp(CisecApp):
    """The cisec app opened straight at the workshop.

    In a terminal, escape leads back to the home screen underneath. Served to a classroom
    (`classroom=True`, what `cisec serve` gives each browser) there is only the workshop: the
    home screen's open and new dialogs read and write files anywhere the trainer can, which is
    not for everyone on the network.
    """

    def __init__(self, *, classroom: bool = False) -> None:
        super().__init__()
        self.classroom = classroom

    @on(events.Mount)
    def _open_workshop(self, event: events.Mount) -> None:
        if self.classroom:
            # Stops CisecApp's own mount handler, which would push the home screen.
            event.prevent_default()
            self.push_screen(WorkshopStartScreen(classroom=True))
        else:
            # CisecApp's mount handler runs after this one and pushes the home screen;
            # the workshop goes on top of it once that is done.
            self.call_later(self.push_screen, WorkshopStartScreen())
