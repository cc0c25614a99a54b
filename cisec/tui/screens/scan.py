"""Provides the website scan screen: enter a URL, watch it run, read the grade, tests and fixes, export.

The scan and the report run in thread workers (services.scan), so typing and keys keep working
while a slow site is fetched. Everything the site sent is shown as plain `Text`, never as
markup: a header value of `[b]…` or an escape sequence prints as those characters.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, ProgressBar, Static

from cisec.errors import CisecError
from cisec.model.text import Language
from cisec.services import scan as service
from cisec.tui.screens.base import CisecScreen, today_of
from cisec.tui.wording import say

if TYPE_CHECKING:
    from cisec.report.view_model import Words
    from cisec.scan.result import SiteResult


def _text(words: Words) -> str:
    return words[0].text if words else ""


def result_renderable(result: SiteResult, language: Language) -> RenderableType:
    """The grade, top fixes, every test and the other checks, as the report words them."""
    view = service.site_summary(result, language)
    parts: list[RenderableType] = []
    head = Text()
    if result.grade is not None:
        head.append(
            say("scan.grade", language, grade=result.grade, score=result.score),
            style="bold reverse",
        )
    else:
        head.append(say("scan.not_graded", language), style="bold reverse")
    if view.final_url:
        head.append("  ")
        head.append(say("scan.page", language, url=view.final_url, status=view.status), style="dim")
    parts.append(head)
    if view.error:
        parts.append(Text(_text(view.error), style="bold red"))
    if view.top_fixes:
        parts.append(Text("\n" + say("scan.top_fixes", language), style="bold underline"))
        for fix in view.top_fixes:
            line = Text(f"{fix.rank}. ", style="bold")
            line.append(_text(fix.title), style="bold")
            parts.append(line)
            parts.append(Padding(Text(_text(fix.fix)), (0, 0, 0, 3)))
        parts.append(Text(say("scan.report_note", language), style="dim"))
    if view.tests:
        parts.append(Text("\n" + say("scan.tests", language), style="bold underline"))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(ratio=2)
        table.add_column(ratio=3)
        for row in view.tests:
            mark = Text(_text(row.mark), style="green" if row.passed else "bold red")
            table.add_row(mark, row.points, _text(row.title), Text(_text(row.reason), style="dim"))
        parts.append(table)
    if view.findings:
        parts.append(Text("\n" + say("scan.findings", language), style="bold underline"))
        for finding in view.findings:
            style = {"critical": "bold red", "warning": "yellow"}.get(finding.severity, "dim")
            line = Text(_text(finding.severity_name), style=style)
            line.append("  " + _text(finding.message), style="")
            parts.append(line)
            if finding.severity != "info":
                parts.append(Padding(Text(_text(finding.fix), style="dim"), (0, 0, 0, 3)))
    return Group(*parts)


class ScanScreen(CisecScreen):
    """Type a URL, scan it in a worker, read the result, export the report."""

    CSS_PATH = "scan.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back"),
        Binding("ctrl+x", "export", "key.export", priority=True),
    ]
    KEY_BAR: ClassVar[list[tuple[str, str]]] = []

    def __init__(self) -> None:
        super().__init__(id="scan")
        self.result: SiteResult | None = None
        self.running: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="scan-title", classes="screen-title")
        with Horizontal(id="scan-form"):
            yield Label(id="scan-site-label")
            yield Input(id="scan-target", max_length=2000, compact=True)
            yield Button("Scan", id="scan-start", compact=True, variant="primary")
        yield ProgressBar(id="scan-progress", total=None, show_eta=False, show_percentage=False)
        yield Static(id="scan-status")
        with VerticalScroll(id="scan-body"):
            yield Static(id="scan-result")
        with Horizontal(id="scan-export"):
            yield Label(id="scan-path-label")
            yield Input(id="scan-path", compact=True)
            yield Button("Export", id="scan-export-start", compact=True)
        yield Static(id="scan-keys", classes="scan-keys")

    def on_mount(self) -> None:
        self.query_one("#scan-progress", ProgressBar).display = False
        self.query_one("#scan-export", Horizontal).display = False
        super().on_mount()
        self.query_one("#scan-target", Input).focus()

    def relabel(self) -> None:
        super().relabel()
        language = self.language
        self.query_one("#scan-title", Static).update(say("key.scan", language))
        self.query_one("#scan-site-label", Label).update(say("scan.site", language))
        self.query_one("#scan-target", Input).placeholder = say("scan.placeholder", language)
        self.query_one("#scan-start", Button).label = say("scan.scan", language)
        self.query_one("#scan-path-label", Label).update(say("scan.save_as", language))
        self.query_one("#scan-export-start", Button).label = say("export.start", language)
        keys = Text(no_wrap=True, overflow="ellipsis")
        for number, (key, wording) in enumerate(
            (
                ("⏎", "scan.key.scan.short"),
                ("^x", "scan.key.export.short"),
                ("esc", "scan.key.back.short"),
                ("F2", "key.language.short"),
                ("^q", "key.quit.short"),
            )
        ):
            if number:
                keys.append("  ")
            keys.append(key, style="bold")
            keys.append(" " + say(wording, language))
        self.query_one("#scan-keys", Static).update(keys)
        self._show()

    # Scanning --------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "scan-target":
            self.start_scan()
        elif event.input.id == "scan-path":
            self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "scan-start":
            self.start_scan()
        elif event.button.id == "scan-export-start":
            self.action_export()

    def start_scan(self) -> None:
        """Scan what is typed, in a worker; a second Enter while one runs replaces it."""
        target = self.query_one("#scan-target", Input).value.strip()
        status = self.query_one("#scan-status", Static)
        if not target:
            status.update(Text(say("scan.empty", self.language), style="yellow"))
            return
        self.running = target
        self.query_one("#scan-progress", ProgressBar).display = True
        status.update(Text(say("scan.scanning", self.language, target=target)))
        self.run_scan(target)

    @work(thread=True, exclusive=True, exit_on_error=False, group="scan")
    def run_scan(self, target: str) -> None:
        try:
            options = service.fetch_options()
        except CisecError as error:
            self.app.call_from_thread(self._failed, error)
            return
        result = service.scan_site(target, options)
        self.app.call_from_thread(self._scanned, target, result)

    def _scanned(self, target: str, result: SiteResult) -> None:
        if target != self.running:
            return  # an older scan, replaced by a newer one
        self.running = None
        self.result = result
        self.query_one("#scan-progress", ProgressBar).display = False
        self.query_one("#scan-status", Static).update("")
        path = service.default_report_path(result, today_of(self.app))
        self.query_one("#scan-path", Input).value = str(path)
        self.query_one("#scan-export", Horizontal).display = True
        self._show()
        self.query_one("#scan-body", VerticalScroll).scroll_home(animate=False)

    def _show(self) -> None:
        result_widget = self.query_one("#scan-result", Static)
        if self.result is None:
            result_widget.update(Text(say("scan.intro", self.language), style="dim"))
        else:
            result_widget.update(result_renderable(self.result, self.language))

    def _failed(self, error: CisecError) -> None:
        self.running = None
        self.query_one("#scan-progress", ProgressBar).display = False
        self.query_one("#scan-status", Static).update("")
        self.frame.show_error(error)

    # Export ----------------------------------------------------------------------------------

    def action_export(self) -> None:
        """Write the report of the last scan (PDF or HTML by the file name) in a worker."""
        if self.result is None:
            return
        out = Path(self.query_one("#scan-path", Input).value.strip()).expanduser()
        self.query_one("#scan-status", Static).update(Text(say("scan.exporting", self.language)))
        self.query_one("#scan-progress", ProgressBar).display = True
        self.export_report(self.result, out, self.language)

    @work(thread=True, exclusive=True, exit_on_error=False, group="scan-export")
    def export_report(self, result: SiteResult, out: Path, language: Language) -> None:
        try:
            service.write_scan_report(
                [result], out, language=language, today=today_of(self.app), create_folder=True
            )
        except CisecError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._exported, out)

    def _exported(self, out: Path) -> None:
        self.query_one("#scan-progress", ProgressBar).display = False
        self.query_one("#scan-status", Static).update(
            Text(say("scan.exported", self.language, path=out), style="bold green")
        )

    def action_back(self) -> None:
        """Back to the home screen (a running scan finishes in the background and is dropped)."""
        self.running = None
        self.app.pop_screen()
