"""Provides the key bar: the few keys that matter on a screen, in the current language."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from cisec.model.text import Language
from cisec.tui.wording import say


class KeyBar(Static):
    """One line at the bottom of a screen: `key description` pairs."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def __init__(self, keys: list[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys = keys

    def show(self, language: Language) -> None:
        """Render the keys with their descriptions in `language`."""
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, (key, wording) in enumerate(self.keys):
            if number:
                text.append("  ")
            text.append(key, style="bold")
            text.append(" " + say(wording, language))
        self.update(text)
