"""Provides the Textual app. A first screen until the full walk-through lands."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class CisecApp(App[None]):
    """The cisec terminal UI."""

    TITLE = "cisec"
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "cisec — cybersecurity self-assessment / 網絡安全自我評估\n\n"
            "The questionnaire walk-through is coming; meanwhile use the commands: "
            "cisec new, cisec answer, cisec score.\n"
            "問卷作答畫面即將推出；現時請使用 cisec new、cisec answer、cisec score 指令。",
            id="welcome",
        )
        yield Footer()
