"""Provides the dialogs: an error with its next step, the key list, text and line entry, a path
to open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, TypeVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static, TextArea

from cisec.errors import CisecError
from cisec.model.text import Language
from cisec.tui.screens.base import CisecModal, language_of
from cisec.tui.wording import WORDS, say

T = TypeVar("T")


class ErrorDialog(CisecModal):
    """A problem in one sentence, and what to do next, in the interface language."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key.close"),
        Binding("enter", "close", "key.close", show=False),
    ]

    def __init__(self, texts: Callable[[Language], tuple[str, str]]) -> None:
        """`texts(language)` gives (message, next step); F2 shows them in the other language."""
        super().__init__(classes="dialog")
        self.texts = texts

    @property
    def message(self) -> str:
        """The message as shown now."""
        return self.texts(self.language)[0]

    @property
    def next_step(self) -> str:
        """The next step as shown now ("" when there is none)."""
        return self.texts(self.language)[1]

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box", classes="dialog-box"):
            yield Static(id="error-title", classes="dialog-title")
            yield Static(id="error-message")
            yield Static(id="error-next")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="error-ok", compact=True)

    def relabel(self) -> None:
        message, next_text = self.texts(self.language)
        self.query_one("#error-title", Static).update(say("error.title", self.language))
        self.query_one("#error-message", Static).update(message)
        self.query_one("#error-ok", Button).label = say("error.ok", self.language)
        next_step = self.query_one("#error-next", Static)
        next_step.display = bool(next_text)
        next_step.update(f"{say('error.next', self.language)}: {next_text}")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()


def _key_names(keys: list[str]) -> str:
    digits = sorted(k for k in keys if k.isdigit())
    if len(digits) > 2:
        keys = [f"{digits[0]}–{digits[-1]}", *(k for k in keys if not k.isdigit())]
    return " ".join(keys)


class KeysDialog(CisecModal):
    """Every key of the screen underneath, and the keys that work everywhere."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key.close"),
        Binding("question_mark", "close", "key.close", show=False),
        Binding("enter", "close", "key.close", show=False),
    ]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__(classes="dialog")
        self.under = screen

    def compose(self) -> ComposeResult:
        with Vertical(id="keys-box", classes="dialog-box"):
            yield Static(id="keys-title", classes="dialog-title")
            with VerticalScroll(id="keys-list"):
                yield Static(id="keys-text")

    def _rows(self, bindings: list[Binding]) -> list[tuple[str, str]]:
        grouped: dict[str, list[str]] = {}
        for binding in bindings:
            if binding.description not in WORDS:
                continue
            shown = self.app.get_key_display(binding)
            keys = grouped.setdefault(binding.description, [])
            if shown not in keys:
                keys.append(shown)
        return [
            (_key_names(keys), say(description, self.language))
            for description, keys in grouped.items()
        ]

    def relabel(self) -> None:
        language = self.language
        self.query_one("#keys-title", Static).update(say("help.title", language))
        here = self._rows([binding for _, binding in self.under._bindings])
        everywhere = self._rows([binding for _, binding in self.app._bindings])
        if self.under.COMMANDS:
            everywhere.insert(0, ("ctrl+p", say("key.palette", language)))
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1, overflow="fold")
        for title, rows in (("help.here", here), ("help.everywhere", everywhere)):
            if rows:
                table.add_row(Text(say(title, language), style="bold underline"), "")
                for key, text in rows:
                    table.add_row(Text(f" {key}"), text)
        self.query_one("#keys-text", Static).update(table)

    def action_close(self) -> None:
        self.dismiss()


class TextDialog(CisecModal):
    """A note or a list of evidence references; ctrl+s saves through `on_save`, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("escape", "cancel", "key.cancel"),
    ]

    def __init__(
        self,
        title: Callable[[], str],
        help_text: Callable[[], str],
        initial: str,
        on_save: Callable[[str], None],
        *,
        required: bool = False,
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.help_text = help_text
        self.initial = initial
        self.on_save = on_save
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(id="text-box", classes="dialog-box"):
            yield Static(id="text-title", classes="dialog-title")
            yield TextArea(self.initial, id="text-area", soft_wrap=True, show_line_numbers=False)
            yield Static(id="text-help", classes="dialog-help")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="text-save", compact=True, variant="primary")
                yield Button("Cancel", id="text-cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def relabel(self) -> None:
        language = self.language
        self.query_one("#text-title", Static).update(self.title_text())
        self.query_one("#text-help", Static).update(self.help_text())
        self.query_one("#text-save", Button).label = say("key.save", language)
        self.query_one("#text-cancel", Button).label = say("key.cancel", language)

    @property
    def text(self) -> str:
        """What has been typed so far."""
        return self.query_one(TextArea).text.strip()

    def save_now(self) -> bool:
        """Hand what was typed to `on_save` and close; refuse an empty required text."""
        if self.required and not self.text:
            self.query_one("#text-help", Static).update(say("note.needed", self.language))
            self.query_one("#text-help", Static).add_class("-warning")
            return False
        self.on_save(self.text)
        self.dismiss()
        return True

    def action_save(self) -> None:
        self.save_now()

    def action_cancel(self) -> None:
        self.dismiss()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "text-save":
            self.save_now()
        else:
            self.dismiss()


class OpenDialog(CisecModal):
    """Type the path of an assessment file to open."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, on_open: Callable[[Path], None]) -> None:
        super().__init__(classes="dialog")
        self.on_open = on_open

    def compose(self) -> ComposeResult:
        with Vertical(id="open-box", classes="dialog-box"):
            yield Static(id="open-title", classes="dialog-title")
            yield Static(id="open-prompt")
            yield Input(id="open-path", compact=True)

    def relabel(self) -> None:
        language = language_of(self.app)
        self.query_one("#open-title", Static).update(say("key.open", language))
        self.query_one("#open-prompt", Static).update(say("open.prompt", language))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss()
            self.on_open(Path(value).expanduser())

    def action_cancel(self) -> None:
        self.dismiss()


class LineDialog(CisecModal):
    """One line to type (a name, a date); Enter saves, Esc cancels.

    `check(text)` turns what was typed into the value `on_save` receives, or raises a
    CisecError whose sentence the dialog shows in the interface language: nothing is saved
    until the line is right, and what was typed stays to be corrected.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save", priority=True),
    ]

    def __init__(
        self,
        title: Callable[[], str],
        help_text: Callable[[], str],
        initial: str,
        check: Callable[[str], T],
        on_save: Callable[[T], None],
        *,
        placeholder: str = "",
        max_length: int = 0,
    ) -> None:
        super().__init__(classes="dialog")
        self.max_length = max_length
        self.title_text = title
        self.help_text = help_text
        self.initial = initial
        self.check = check
        self.on_save = on_save
        self.placeholder = placeholder
        self.problem: CisecError | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="line-box", classes="dialog-box"):
            yield Static(id="line-title", classes="dialog-title")
            yield Input(
                self.initial,
                id="line-input",
                compact=True,
                placeholder=self.placeholder,
                max_length=self.max_length,
            )
            yield Static(id="line-problem", classes="dialog-help -warning")
            yield Static(id="line-help", classes="dialog-help")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(Input).focus()

    def relabel(self) -> None:
        self.query_one("#line-title", Static).update(self.title_text())
        self.query_one("#line-help", Static).update(self.help_text())
        problem = self.query_one("#line-problem", Static)
        problem.display = self.problem is not None
        if self.problem is not None:
            message, next_step = self.problem.text(self.language)
            problem.update(f"{message}\n{next_step}".strip())

    def save_now(self) -> bool:
        """Check what was typed; save it and close, or say what is wrong and stay."""
        try:
            value = self.check(self.query_one(Input).value)
        except CisecError as error:
            self.problem = error
            self.relabel()
            return False
        self.dismiss()
        self.on_save(value)
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save_now()

    def action_save(self) -> None:
        self.save_now()

    def action_cancel(self) -> None:
        self.dismiss()
