"""Provides what every cisec screen shares: the current language, relabelling, the key bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar, Protocol, TypeVar, cast

from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.widgets import Select

from cisec.model.text import Language
from cisec.tui.widgets.keybar import KeyBar

T = TypeVar("T")


class Frame(Protocol):
    """What screens ask of the app (the app imports the screens, so they name it this way)."""

    language: Language
    today: dt.date
    quit_warned: bool  # a ctrl+q already said that answers are not saved

    def save(
        self,
        job: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> object:
        """Run a job that writes a file off the UI thread, then `done(result)` or `failed(error)`."""

    async def wait_for_saves(self) -> None:
        """Wait until every save started so far is on disk."""

    def show_error(self, error: BaseException) -> None:
        """Show a problem as a dialog with the next step."""

    def use_language(self, language: Language) -> None:
        """Follow an assessment's language, unless the person chose one."""


def language_of(app: App[Any]) -> Language:
    """The app's interface language."""
    return cast(Language, getattr(app, "language", "en"))


def today_of(app: App[Any]) -> dt.date:
    """The app's idea of today (tests pin it)."""
    today = getattr(app, "today", None)
    return today if isinstance(today, dt.date) else dt.date.today()


def relabel_select(select: Select[str], options: list[tuple[str, str]]) -> None:
    """Give a select new option labels, keeping its value (and showing the new label)."""
    value = select.value
    select.set_options(options)
    values = [v for _, v in options]
    if value in values:
        # Setting the same value again does not redraw the label: pass through another one.
        select.value = next((v for v in values if v != value), value)
        select.value = str(value)


class CisecScreen(Screen[None]):
    """A full screen: it relabels itself when the language changes."""

    @property
    def frame(self) -> Frame:
        """The cisec app, by what screens use of it."""
        return cast(Frame, self.app)

    # (key as shown, wording key of its short description), for the key bar
    KEY_BAR: ClassVar[list[tuple[str, str]]] = []

    @property
    def language(self) -> Language:
        """The interface language."""
        return language_of(self.app)

    def key_bar(self) -> KeyBar:
        """The key bar for this screen."""
        return KeyBar(self.KEY_BAR, id="keybar")

    def on_mount(self) -> None:
        self.relabel()

    def relabel(self) -> None:
        """Show every string in the current language (called at once when it changes)."""
        for bar in self.query(KeyBar):
            bar.show(self.language)


class CisecModal(ModalScreen[None]):
    """A dialog over a screen: it relabels itself when the language changes."""

    @property
    def frame(self) -> Frame:
        """The cisec app, by what screens use of it."""
        return cast(Frame, self.app)

    @property
    def language(self) -> Language:
        """The interface language."""
        return language_of(self.app)

    def on_mount(self) -> None:
        self.relabel()

    def relabel(self) -> None:
        """Show every string in the current language."""
