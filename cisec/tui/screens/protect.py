"""Provides the dialogs that protect an assessment: the passphrase, evidence files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DirectoryTree, Input, Static, TextArea

from cisec.model.text import Language
from cisec.tui.screens.base import CisecModal
from cisec.tui.wording import say


class PassphraseDialog(CisecModal):
    """Type the passphrase of an encrypted file (hidden); Esc gives up opening it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "key.cancel")]

    def __init__(
        self,
        path: Path,
        on_done: Callable[[str | None], None],
        *,
        problem: Callable[[Language], tuple[str, str]] | None = None,
    ) -> None:
        """`problem(language)`, if given, says why the passphrase is asked again."""
        super().__init__(classes="dialog")
        self.path = path
        self.on_done = on_done
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="passphrase-box", classes="dialog-box"):
            yield Static(id="passphrase-title", classes="dialog-title")
            yield Static(id="passphrase-problem", classes="dialog-help -warning")
            yield Static(id="passphrase-help", classes="dialog-help")
            yield Input(id="passphrase-input", password=True, compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(Input).focus()

    def relabel(self) -> None:
        self.query_one("#passphrase-title", Static).update(
            say("passphrase.title", self.language, name=self.path.name)
        )
        self.query_one("#passphrase-help", Static).update(say("passphrase.help", self.language))
        problem = self.query_one("#passphrase-problem", Static)
        problem.display = self.problem is not None
        if self.problem is not None:
            problem.update(self.problem(self.language)[0])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value:
            self.dismiss()
            self.on_done(event.value)

    def action_cancel(self) -> None:
        self.dismiss()
        self.on_done(None)


class EvidenceTree(DirectoryTree):
    """The folder tree to pick an evidence file from, without hidden files.

    Hidden files are cisec's own (the lock beside an assessment, temporary saves) or the
    system's; none is evidence.
    """

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [path for path in paths if not path.name.startswith(".")]


class EvidenceDialog(CisecModal):
    """Evidence references (one per line) and an evidence file to record, picked or typed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("escape", "cancel", "key.cancel"),
    ]

    def __init__(
        self,
        item_id: str,
        references: list[str],
        files: list[str],
        folder: Path,
        on_save: Callable[[list[str], Path | None], None],
    ) -> None:
        super().__init__(classes="dialog")
        self.item_id = item_id
        self.references = references
        self.files = files
        self.folder = folder
        self.on_save = on_save

    def compose(self) -> ComposeResult:
        with Vertical(id="evidence-box", classes="dialog-box"):
            yield Static(id="evidence-title", classes="dialog-title")
            yield TextArea("\n".join(self.references), id="evidence-refs", show_line_numbers=False)
            yield Static(id="evidence-files", classes="dialog-help")
            yield Input(id="evidence-file", compact=True)
            yield EvidenceTree(self.folder, id="evidence-tree")
            yield Static(id="evidence-help", classes="dialog-help")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="evidence-save", compact=True, variant="primary")
                yield Button("Cancel", id="evidence-cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(TextArea).focus()

    def relabel(self) -> None:
        language = self.language
        self.query_one("#evidence-title", Static).update(
            say("evidence.title", language, id=self.item_id)
        )
        recorded = ", ".join(self.files) or say("evidence.no_files", language)
        self.query_one("#evidence-files", Static).update(
            say("evidence.files", language, files=recorded)
        )
        self.query_one("#evidence-file", Input).placeholder = say("evidence.file", language)
        self.query_one("#evidence-help", Static).update(say("evidence.file_help", language))
        self.query_one("#evidence-save", Button).label = say("key.save", language)
        self.query_one("#evidence-cancel", Button).label = say("key.cancel", language)

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#evidence-file", Input).value = str(event.path)

    def save_now(self) -> None:
        """Hand the references and the chosen file (if any) to `on_save`, and close."""
        text = self.query_one(TextArea).text
        references = [line.strip() for line in text.splitlines() if line.strip()]
        typed = self.query_one("#evidence-file", Input).value.strip()
        self.dismiss()
        self.on_save(references, Path(typed).expanduser() if typed else None)

    def action_save(self) -> None:
        self.save_now()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.save_now()

    def action_cancel(self) -> None:
        self.dismiss()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "evidence-save":
            self.save_now()
        else:
            self.dismiss()
