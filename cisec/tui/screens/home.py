"""Provides the home screen: recent assessments, and what one can start from here."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cisec.model.text import Language
from cisec.services import recent
from cisec.tui.screens.base import CisecScreen, today_of
from cisec.tui.screens.dialogs import OpenDialog
from cisec.tui.wording import say

# What one can start from the home screen: (key, wording key, action). The website scan and
# the workshop join this list when they land; nothing else on the screen changes.
HOME_ACTIONS: list[tuple[str, str, str]] = [
    ("n", "key.new", "new"),
    ("o", "key.open", "open"),
    ("w", "key.workshop", "workshop"),
    ("s", "key.scan", "scan"),
]


def shown_path(path: Path) -> tuple[str, str]:
    """A file's name and its folder as people read it (inside the cisec folder: relative)."""
    folder = path.parent
    with_home = str(folder)
    for base, prefix in ((recent.data_folder(), ""), (Path.home(), "~/")):
        try:
            relative = folder.resolve().relative_to(base.resolve())
        except (ValueError, OSError):
            continue
        with_home = prefix + str(relative) if str(relative) != "." else prefix.rstrip("/") or "."
        break
    return path.name, with_home


def overdue_words(count: int, language: Language) -> str:
    """`⚠ 3 plan items overdue`: the marker and the words, not colour alone."""
    if count == 1:
        return say("home.overdue.one", language)
    return say("home.overdue", language, count=count)


class HomeScreen(CisecScreen):
    """Recent assessments, new, open (and later the website scan and the workshop)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key, f"start('{action}')", wording) for key, wording, action in HOME_ACTIONS
    ]
    # The actions are listed on the screen itself; the bar keeps to what fits in 80 columns.
    KEY_BAR: ClassVar[list[tuple[str, str]]] = [
        ("⏎", "key.open.short"),
        ("?", "key.help.short"),
        ("F2", "key.language.short"),
        ("^q", "key.quit.short"),
    ]

    def __init__(self) -> None:
        super().__init__(id="home")
        self.recent: list[recent.RecentAssessment] = []

    def compose(self) -> ComposeResult:
        yield Static(id="home-title", classes="screen-title")
        with Vertical(id="home-body"):
            yield Static(id="home-heading")
            yield Static(id="home-recent-title", classes="heading")
            yield OptionList(id="home-recent")
            yield Static(id="home-none")
            yield Static(id="home-actions-title", classes="heading")
            yield Static(id="home-actions")
        yield self.key_bar()

    def on_mount(self) -> None:
        super().on_mount()
        self.load_recent()

    def on_screen_resume(self) -> None:
        self.load_recent()

    @work(thread=True, exclusive=True, exit_on_error=False, group="recent")
    def load_recent(self) -> None:
        found = recent.recent_assessments(today_of(self.app))
        self.app.call_from_thread(self._show_recent, found)

    def _show_recent(self, found: list[recent.RecentAssessment]) -> None:
        self.recent = found
        self._fill_recent()

    def _fill_recent(self) -> None:
        options = self.query_one("#home-recent", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for entry in self.recent:
            name, folder = shown_path(entry.path)
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(name, style="bold" if entry.exists else "dim")
            if entry.overdue:
                line.append(f"  {overdue_words(entry.overdue, self.language)}", style="bold red")
            described = " · ".join(
                part for part in (entry.organisation, entry.questionnaire) if part
            )
            if described:
                line.append(f"  {described}")
            line.append(f"  {folder}", style="dim")
            if not entry.exists:
                line.append(f"  {say('home.missing', self.language)}", style="dim")
            options.add_option(Option(line, disabled=not entry.exists))
        has_any = bool(self.recent)
        options.display = has_any
        self.query_one("#home-none", Static).display = not has_any
        if has_any:
            options.highlighted = highlighted if highlighted is not None else 0
            options.focus()

    def relabel(self) -> None:
        super().relabel()
        language = self.language
        self.query_one("#home-title", Static).update(say("app.title", language))
        self.query_one("#home-heading", Static).update(say("home.heading", language))
        self.query_one("#home-recent-title", Static).update(say("home.recent", language))
        self.query_one("#home-none", Static).update(say("home.none", language))
        self.query_one("#home-actions-title", Static).update(say("start", language))
        self.query_one("#home-actions", Static).update(
            "\n".join(f"[b]{key}[/b]  {say(wording, language)}" for key, wording, _ in HOME_ACTIONS)
        )
        if self.recent:
            self._fill_recent()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry = self.recent[event.option_index]
        if entry.exists:
            self.open_assessment(entry.path)

    def action_start(self, action: str) -> None:
        """Start one of HOME_ACTIONS."""
        if action == "new":
            from cisec.tui.screens.new import NewScreen

            self.app.push_screen(NewScreen())
        elif action == "open":
            self.app.push_screen(OpenDialog(self.open_assessment))
        elif action == "workshop":
            from cisec.tui.screens.workshop import WorkshopStartScreen

            self.app.push_screen(WorkshopStartScreen())
        elif action == "scan":
            from cisec.tui.screens.scan import ScanScreen

            self.app.push_screen(ScanScreen())

    def open_assessment(self, path: Path) -> None:
        """Open an assessment file at its first unanswered question."""
        from cisec.tui.screens.walk import WalkScreen

        self.app.push_screen(WalkScreen(path=path))
