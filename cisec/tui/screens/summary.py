"""Provides the summary screen (scores as bars, statutory status, top gaps, calendar) and export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from cisec import services
from cisec.errors import CisecError
from cisec.model.score import Score
from cisec.model.text import Language
from cisec.services import AssessmentSession
from cisec.tui.screens.base import CisecModal, CisecScreen, relabel_select, today_of
from cisec.tui.widgets.card import KIND_STYLES
from cisec.tui.widgets.sections import fit
from cisec.tui.wording import say

BAR_WIDTH = 20
TOP_GAPS = 5
SUFFIXES = {"pdf": ".pdf", "html": ".html", "docx": ".docx", "md": ".md"}


def bar(score: float | None, width: int = BAR_WIDTH) -> Text:
    """A score (0-100) as a horizontal bar; an empty track when there is no score yet."""
    filled = 0 if score is None else round(width * score / 100)
    style = (
        "red"
        if score is not None and score < 50
        else "yellow"
        if score is not None and score < 80
        else "green"
    )
    text = Text("█" * filled, style=style)
    text.append("░" * (width - filled), style="dim")
    return text


def figure(score: float | None) -> str:
    """A score for people: a whole number, or an em dash."""
    return "  —" if score is None else f"{score:3.0f}"


class SummaryScreen(CisecScreen):
    """Where the assessment stands, and the report."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "export", "key.export"),
        Binding("p", "plan", "key.plan"),
        Binding("escape", "back", "key.walk"),
        Binding("s", "back", "key.walk", show=False),
    ]
    KEY_BAR: ClassVar[list[tuple[str, str]]] = [
        ("x", "key.export.short"),
        ("p", "key.plan.short"),
        ("esc", "key.back"),
        ("?", "key.help.short"),
        ("F2", "key.language.short"),
        ("^q", "key.quit.short"),
    ]

    def __init__(
        self,
        session: AssessmentSession,
        plan_save_state: Callable[[BaseException | None], None] | None = None,
    ) -> None:
        super().__init__(id="summary")
        self.session = session
        self.plan_save_state = plan_save_state
        self.score: Score | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="summary-title", classes="screen-title")
        with VerticalScroll(id="summary-body"):
            yield Static(id="summary-text")
        yield self.key_bar()

    def on_mount(self) -> None:
        super().on_mount()
        self.compute()

    @work(thread=True, exclusive=True, exit_on_error=False, group="score")
    def compute(self) -> None:
        score = self.session.score()
        self.app.call_from_thread(self._scored, score)

    def _scored(self, score: Score) -> None:
        self.score = score
        self.relabel()

    def relabel(self) -> None:
        super().relabel()
        language = self.language
        title = (
            f"{say('summary.title', language)} · {self.session.questionnaire.title.get(language)}"
        )
        if self.session.assessment.organisation:
            title += f" · {self.session.assessment.organisation}"
        self.query_one("#summary-title", Static).update(title)
        if self.score is not None:
            self.query_one("#summary-text", Static).update(
                self.render_summary(self.score, language)
            )

    def render_summary(self, score: Score, language: Language) -> RenderableType:
        """The whole summary as text."""
        questionnaire = self.session.questionnaire
        parts: list[RenderableType] = []
        top = Table.grid(padding=(0, 1))
        top.add_column(width=23, no_wrap=True)
        top.add_column(ratio=1, overflow="fold")
        overall = bar(score.overall)
        overall.append(figure(score.overall), style="bold")
        overall.append(
            "  " + say("summary.coverage", language, percent=round(100 * score.coverage)),
            style="dim",
        )
        top.add_row(Text(fit(say("summary.overall", language), 23), style="bold"), overall)
        top.add_row(
            Text(fit(say("summary.statutory", language), 23), style="bold"),
            Text(say("summary.status", language, **score.statutory.model_dump())),
        )
        if _asked(score.code_of_practice.model_dump()):
            top.add_row(
                Text(fit(say("summary.code_of_practice", language), 23), style="bold"),
                Text(say("summary.status", language, **score.code_of_practice.model_dump())),
            )
            top.add_row(
                Text(""), Text(say("summary.code_of_practice.meaning", language), style="dim")
            )
        parts.append(top)
        parts += [Text(), Text(say("summary.sections", language), style="bold underline")]
        titles = {s.id: s.title.get(language) for s in questionnaire.sections}
        for section in score.sections:
            line = Text(_pad(fit(titles[section.id], 23), 24))
            line.append_text(bar(section.score))
            line.append(figure(section.score))
            line.append(f"  {section.answered}/{section.applicable}", style="dim")
            parts.append(line)
        parts += [Text(), Text(say("summary.gaps", language), style="bold underline")]
        if not score.gaps:
            parts.append(Text(say("summary.no_gaps", language), style="dim"))
        gaps = Table.grid(padding=(0, 1))
        gaps.add_column(no_wrap=True, justify="right")
        gaps.add_column(ratio=1, overflow="fold")
        for gap in score.gaps[:TOP_GAPS]:
            question = questionnaire.questions[gap.question_id]
            what = Text(gap.question_id, style="bold")
            what.append(f"  {self._gap_answer(gap.question_id, gap.reason, language)}", style="dim")
            what.append("\n" + question.text.get(language))
            priority = KIND_STYLES[gap.kind] if gap.kind != "practice" else "bold"
            gaps.add_row(Text(f"{gap.priority:.1f}", style=priority), what)
        parts.append(gaps)
        calendar = self._calendar(language)
        if calendar is not None:
            parts += [Text(), calendar]
        return Group(*parts)

    def _gap_answer(self, question_id: str, reason: str, language: Language) -> str:
        """What was answered, in words (or why a good answer is still a gap)."""
        if reason == "declared_level":
            return say("gap.declared_level", language)
        return self.session.answer_text(question_id, language)

    def _calendar(self, language: Language) -> RenderableType | None:
        try:
            items = services.compliance_calendar(self.session, today_of(self.app))
        except CisecError:
            return None  # only Cap. 653 assessments have a statutory calendar
        lines: list[RenderableType] = [
            Text(say("summary.calendar", language), style="bold underline")
        ]
        if not items:
            lines.append(Text(say("summary.calendar.none", language), style="dim"))
        styles = {"overdue": "bold red", "due": "yellow", "done": "green"}
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(ratio=1, overflow="fold")
        for item in items:
            when = Text(item.due.isoformat() if item.due else "—", style="bold")
            what = Text(item.status_text(language), style=styles.get(item.status, "dim"))
            what.append(f"  {item.title.get(language)}  ", style="")
            what.append(item.reference, style="dim")
            table.add_row(when, what)
        lines.append(table)
        return Group(*lines)

    def action_back(self) -> None:
        self.dismiss()

    def action_export(self) -> None:
        """Open the export dialog."""
        self.app.push_screen(ExportDialog(self.session))

    def action_plan(self) -> None:
        """Open the remediation plan."""
        from cisec.tui.screens.plan import PlanScreen

        self.app.push_screen(PlanScreen(self.session, self.plan_save_state))


def _asked(status: dict[str, int]) -> bool:
    """Whether any question of a tier applies (answered or not)."""
    return any(status.values())


def _pad(text: str, width: int) -> str:
    from rich.cells import cell_len

    return text + " " * max(0, width - cell_len(text))


class ExportDialog(CisecModal):
    """Render the report (the same service `cisec report` uses), with progress and the path."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key.close"),
        Binding("ctrl+s", "export", "key.export", priority=True),
    ]

    def __init__(self, session: AssessmentSession) -> None:
        super().__init__(classes="dialog")
        self.session = session
        self.path_edited = False
        self.steps = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="dialog-box"):
            yield Static(id="export-title", classes="dialog-title")
            with Grid(id="export-form"):
                yield Label(id="export-format-label")
                yield Select[str](
                    [("PDF", "pdf"), ("HTML", "html"), ("Word", "docx"), ("Markdown", "md")],
                    id="export-format",
                    compact=True,
                    allow_blank=False,
                    value="pdf",
                )
                yield Label(id="export-language-label")
                yield Select[str](
                    [("en", "en"), ("zh-Hant", "zh-Hant"), ("both", "both")],
                    id="export-language",
                    compact=True,
                    allow_blank=False,
                    value="en",
                )
                yield Label(id="export-edition-label")
                yield Select[str](
                    [("board", "board"), ("full", "full")],
                    id="export-edition",
                    compact=True,
                    allow_blank=False,
                    value="board",
                )
                yield Label(id="export-path-label")
                yield Input(id="export-path", compact=True)
            yield ProgressBar(
                id="export-progress", total=None, show_eta=False, show_percentage=False
            )
            yield Static(id="export-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="export-start", compact=True, variant="primary")
                yield Button("Close", id="export-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-progress", ProgressBar).display = False
        self._default_path()
        super().on_mount()
        self.query_one("#export-language", Select).value = self.session.assessment.language
        self.query_one("#export-start", Button).focus()

    def _default_path(self) -> None:
        chosen = str(self.query_one("#export-format", Select).value)
        name = self.session.path.name.removesuffix(".cisec.json").removesuffix(".json")
        path = self.session.path.with_name(name + SUFFIXES.get(chosen, ".pdf"))
        self.query_one("#export-path", Input).value = str(path)

    def relabel(self) -> None:
        language = self.language
        self.query_one("#export-title", Static).update(say("key.export", language))
        for widget_id, key in (
            ("#export-format-label", "export.format"),
            ("#export-language-label", "export.language"),
            ("#export-edition-label", "export.edition"),
            ("#export-path-label", "save_as"),
        ):
            self.query_one(widget_id, Label).update(say(key, language))
        relabel_select(
            self.query_one("#export-language", Select),
            [
                (say("language.en", language), "en"),
                (say("language.zh-Hant", language), "zh-Hant"),
                (say("export.both", language), "both"),
            ],
        )
        relabel_select(
            self.query_one("#export-edition", Select),
            [
                (say("export.edition.board", language), "board"),
                (say("export.edition.full", language), "full"),
            ],
        )
        self.query_one("#export-start", Button).label = say("export.start", language)
        self.query_one("#export-close", Button).label = say("key.close", language)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "export-format" and not self.path_edited:
            self._default_path()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.has_focus:
            self.path_edited = True

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        await self.action_export()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-start":
            await self.action_export()
        else:
            self.dismiss()

    def action_close(self) -> None:
        self.dismiss()

    async def action_export(self) -> None:
        """Wait for pending saves (the report reads the file), then render in a worker."""
        await self.frame.wait_for_saves()
        out = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        report_format = str(self.query_one("#export-format", Select).value)
        language = str(self.query_one("#export-language", Select).value)
        edition = str(self.query_one("#export-edition", Select).value)
        progress = self.query_one("#export-progress", ProgressBar)
        progress.display = True
        progress.update(total=None, progress=0)
        self.steps = 0
        self.query_one("#export-status", Static).update(say("export.working", self.language))
        self.query_one("#export-start", Button).disabled = True
        self.render_report(out, report_format, language, edition)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def render_report(self, out: Path, report_format: str, language: str, edition: str) -> None:
        from cisec.services.report import render_report

        try:
            render_report(
                self.session,
                out,
                report_format=report_format if report_format in SUFFIXES else "pdf",
                language="both"
                if language == "both"
                else "zh-Hant"
                if language == "zh-Hant"
                else "en",
                today=today_of(self.app),
                edition=edition,
                progress=lambda _step: self.app.call_from_thread(self._step),
            )
        except CisecError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._done, out)

    def _step(self) -> None:
        self.steps += 1
        self.query_one("#export-status", Static).update(
            f"{say('export.working', self.language)} ({self.steps})"
        )

    def _failed(self, error: CisecError) -> None:
        self.query_one("#export-progress", ProgressBar).display = False
        self.query_one("#export-start", Button).disabled = False
        self.query_one("#export-status", Static).update("")
        self.frame.show_error(error)

    def _done(self, out: Path) -> None:
        progress = self.query_one("#export-progress", ProgressBar)
        progress.update(total=1, progress=1)
        self.query_one("#export-start", Button).disabled = False
        self.query_one("#export-status", Static).update(
            Text(say("export.done", self.language, path=out), style="bold green")
        )
        self.query_one("#export-close", Button).focus()
