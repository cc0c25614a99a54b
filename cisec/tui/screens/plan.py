"""Provides the remediation plan screen: every gap with its owner, due date and status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from cisec.model.plan import PLAN_STATUSES, Milestone, PlanStatus, RiskAcceptance
from cisec.model.text import Language
from cisec.services import AssessmentSession
from cisec.services.plan import (
    PlanRow,
    parse_due_date,
    parse_milestone,
    plan_rows,
    set_plan_item,
)
from cisec.services.session import MergeReport
from cisec.tui.screens.base import CisecModal, CisecScreen, today_of
from cisec.tui.screens.dialogs import LineDialog, TextDialog
from cisec.tui.widgets.card import KIND_STYLES, heading
from cisec.tui.widgets.sections import fit
from cisec.tui.wording import say

# What a plan save gives the screen: the rows as they stand, and what came from elsewhere.
PlanSaved = tuple[list[PlanRow], MergeReport]
# Told when a save of the plan fails (the error) or succeeds (None): the walk keeps the
# assessment's save state, so quitting warns about a plan change not on disk too.
SaveState = Callable[[BaseException | None], None]

# Column widths for 80 columns (each cell has one space of padding either side).
COLUMNS: tuple[tuple[str, int], ...] = (
    ("plan.col.tier", 4),
    ("plan.col.priority", 4),
    ("plan.col.question", 18),
    ("plan.col.owner", 10),
    ("plan.col.due", 10),
    ("plan.col.status", 21),
)


def status_word(status: PlanStatus, language: Language) -> str:
    """A plan status in words."""
    return say(f"plan.status.{status}", language)


def status_cell(row: PlanRow, language: Language, width: int) -> Text:
    """The status, then ⚠ overdue or ✓ gap closed: marked in words, not by colour alone."""
    cell = Text(status_word(row.item.status, language))
    if row.overdue:
        cell.append(" " + say("plan.overdue", language), style="bold red")
    if row.gap_closed:
        cell.append(" " + say("plan.closed", language), style="green")
    cell.truncate(width, overflow="ellipsis")
    return cell


def table_row(row: PlanRow, language: Language) -> list[Text]:
    """One line of the plan table, in column order."""
    widths = dict(COLUMNS)
    tier = Text(say(f"plan.tier.{row.kind}", language), style=KIND_STYLES[row.kind])
    priority = Text("✓", style="green") if row.gap is None else Text(f"{row.gap.priority:.1f}")
    due_style = "bold red" if row.overdue else ""
    due = Text(row.item.due.isoformat() if row.item.due else "—", style=due_style)
    owner = Text(fit(row.item.owner, widths["plan.col.owner"]) if row.item.owner else "—")
    title = Text(fit(row.title(language), widths["plan.col.question"]))
    if row.overdue:
        title.stylize("bold")
    return [
        tier,
        priority,
        title,
        owner,
        due,
        status_cell(row, language, widths["plan.col.status"]),
    ]


def detail(row: PlanRow, answer: str, today: dt.date, language: Language) -> RenderableType:
    """Everything about one plan item: the gap, who, by when, where it stands, its steps."""
    item = row.item
    lines: list[RenderableType] = []
    top = heading(row.question, language)
    if answer:
        top.append(f"  {answer}", style="dim")
    lines += [top, Text(row.title(language))]
    facts = Text(
        say("plan.detail.owner", language, owner=item.owner or say("plan.nobody", language))
    )
    if row.overdue and item.due is not None:
        facts.append("  ")
        facts.append(
            say("plan.detail.overdue", language, due=item.due, days=(today - item.due).days),
            style="bold red",
        )
    else:
        when = item.due.isoformat() if item.due else say("plan.no_due", language)
        facts.append("  " + say("plan.detail.due", language, due=when))
    facts.append(
        "  " + say("plan.detail.status", language, status=status_word(item.status, language))
    )
    if item.closed_on is not None:
        facts.append(" (" + say("plan.detail.closed_on", language, date=item.closed_on) + ")")
    lines.append(facts)
    if item.risk_acceptance is not None and item.status == "risk-accepted":
        accepted = item.risk_acceptance
        lines.append(
            Text(
                say(
                    "plan.detail.accepted",
                    language,
                    who=accepted.accepted_by,
                    why=accepted.justification,
                )
            )
        )
    if row.gap_closed:
        lines.append(Text(say("plan.detail.closed", language), style="green"))
    if item.milestones:
        steps = Text(say("plan.detail.milestones", language), style="bold")
        for milestone in item.milestones:
            steps.append(f"\n  {milestone.date.isoformat()}  ", style="bold")
            steps.append(milestone.text)
        lines.append(steps)
    if item.note:
        lines.append(Text(say("plan.detail.note", language, note=item.note), style="dim"))
    return Group(*lines)


class DetailScroll(VerticalScroll, can_focus=False):
    """The chosen item's details: the keys stay with the table."""


class PlanScreen(CisecScreen):
    """The remediation plan: a row per gap; owner, due date, status, milestones and a note."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "owner", "key.plan.owner"),
        Binding("d", "due", "key.plan.due"),
        Binding("s", "status", "key.plan.status"),
        Binding("m", "milestone", "key.plan.milestone"),
        Binding("n", "note", "key.plan.note"),
        Binding("ctrl+s", "retry_save", "key.retry_save"),
        Binding("escape", "back", "key.back"),
    ]
    KEY_BAR: ClassVar[list[tuple[str, str]]] = [
        ("o", "key.plan.owner.short"),
        ("d", "key.plan.due.short"),
        ("s", "key.plan.status.short"),
        ("m", "key.plan.milestone.short"),
        ("n", "key.note.short"),
        ("esc", "key.back"),
        ("?", "key.help.short"),
        ("F2", "key.language.short"),
    ]

    def __init__(self, session: AssessmentSession, save_state: SaveState | None = None) -> None:
        super().__init__(id="plan")
        self.session = session
        self.save_state = save_state
        self.rows: list[PlanRow] = []
        self.loaded = False
        self.pending = 0
        # Why the last save failed, until one succeeds; the change stays in the session.
        self.unsaved: BaseException | None = None
        self.leave_warned = False

    def compose(self) -> ComposeResult:
        yield Static(id="plan-title", classes="screen-title")
        with Vertical(id="plan-body"):
            yield DataTable[Text](
                id="plan-table", cursor_type="row", zebra_stripes=False, cell_padding=1
            )
            yield Static(id="plan-none")
            with DetailScroll(id="plan-detail-scroll"):
                yield Static(id="plan-detail")
        with Horizontal(id="plan-status"):
            yield Static(id="plan-counts")
            yield Static(id="plan-saved")
        yield self.key_bar()

    def on_mount(self) -> None:
        self.query_one("#plan-none", Static).display = False
        super().on_mount()
        self.load_rows()

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan")
    def load_rows(self) -> None:
        rows = plan_rows(self.session, today_of(self.app))
        self.app.call_from_thread(self._show_rows, rows)

    # Showing -----------------------------------------------------------------------------------

    @property
    def current(self) -> PlanRow | None:
        """The row under the cursor."""
        table = self.query_one(DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def _show_rows(self, rows: list[PlanRow]) -> None:
        chosen = self.current.question_id if self.current is not None else None
        self.rows = rows
        self.loaded = True
        self._fill_table()
        ids = [row.question_id for row in rows]
        if chosen in ids:
            self.query_one(DataTable).move_cursor(row=ids.index(chosen), animate=False)
        self._show_detail()
        self._show_status()

    def relabel(self) -> None:
        super().relabel()
        language = self.language
        title = f"{say('plan.title', language)} · {self.session.questionnaire.title.get(language)}"
        if self.session.assessment.organisation:
            title += f" · {self.session.assessment.organisation}"
        self.query_one("#plan-title", Static).update(title)
        self.query_one("#plan-none", Static).update(say("plan.none", language))
        if self.loaded:
            self._fill_table()
            self._show_detail()
            self._show_status()

    def _fill_table(self) -> None:
        language = self.language
        table: DataTable[Text] = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        for key, width in COLUMNS:
            table.add_column(Text(say(key, language), style="bold"), width=width)
        for row in self.rows:
            table.add_row(*table_row(row, language), key=row.question_id)
        if self.rows:
            table.move_cursor(row=min(max(cursor, 0), len(self.rows) - 1), animate=False)
        table.display = bool(self.rows)
        self.query_one("#plan-none", Static).display = not self.rows
        self.query_one("#plan-detail-scroll").display = bool(self.rows)

    def _show_detail(self) -> None:
        row = self.current
        if row is None:
            return
        answer = self.session.answer_text(row.question_id, self.language)
        self.query_one("#plan-detail", Static).update(
            detail(row, answer, today_of(self.app), self.language)
        )

    def _show_status(self) -> None:
        language = self.language
        gaps = sum(1 for row in self.rows if not row.gap_closed)
        planned = sum(1 for row in self.rows if row.item.owner or row.item.due)
        overdue = sum(1 for row in self.rows if row.overdue)
        self.query_one("#plan-counts", Static).update(
            say("plan.counts", language, gaps=gaps, planned=planned, overdue=overdue)
        )
        if self.pending:
            state = Text(say("walk.saving", language))
        elif self.unsaved is not None:
            state = Text(say("plan.unsaved", language), style="bold red")
        else:
            state = Text(say("walk.saved", language))
        self.query_one("#plan-saved", Static).update(state)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    # Saving ------------------------------------------------------------------------------------

    def change(self, question_id: str, **changes: Any) -> None:
        """Change one plan item and save it on the app's writer thread, after earlier saves."""
        session, today = self.session, today_of(self.app)

        def job() -> PlanSaved:
            merged = set_plan_item(session, question_id, **changes)
            return plan_rows(session, today), merged

        self._save(job)

    def _save(self, job: Callable[[], PlanSaved]) -> None:
        self.pending += 1
        self._show_status()
        self.frame.save(job, self._saved, self._save_failed)

    def _saved(self, saved: PlanSaved) -> None:
        rows, merged = saved
        self.pending = max(0, self.pending - 1)
        if merged:
            # Another window (or the command line) saved this file meanwhile; nothing is lost.
            self.notify(merged.sentence(self.language), title=say("walk.merged", self.language))
        self.unsaved = None
        self.leave_warned = False
        self.frame.quit_warned = False
        if self.save_state is not None:
            self.save_state(None)
        self._show_rows(rows)

    def _save_failed(self, error: BaseException) -> None:
        """The change stays in memory; say it is not on disk and how to get it there."""
        self.pending = max(0, self.pending - 1)
        self.unsaved = error
        if self.save_state is not None:
            self.save_state(error)
        self._show_rows(plan_rows(self.session, today_of(self.app)))

    def action_retry_save(self) -> None:
        """Save again to the same file (after freeing space or fixing the folder)."""
        session, today = self.session, today_of(self.app)

        def job() -> PlanSaved:
            merged = session.save()
            return plan_rows(session, today), merged

        self._save(job)

    def action_back(self) -> None:
        """Back to where the plan was opened; a failed save warns once first."""
        if self.unsaved is not None and not self.leave_warned:
            self.leave_warned = True
            self.notify(say("plan.leave_unsaved", self.language), severity="error", timeout=10)
            return
        self.dismiss()

    # Editing -----------------------------------------------------------------------------------

    def action_owner(self) -> None:
        """Type who fixes the gap (an empty line clears it)."""
        row = self.current
        if row is None:
            return
        question_id = row.question_id
        self.app.push_screen(
            LineDialog(
                lambda: say("plan.owner.title", self.language, id=question_id),
                lambda: say("plan.owner.help", self.language),
                row.item.owner,
                str.strip,
                lambda owner: self.change(question_id, owner=owner),
                max_length=500,
            )
        )

    def action_due(self) -> None:
        """Type the due date as YYYY-MM-DD; an impossible date is refused in the dialog."""
        row = self.current
        if row is None:
            return
        question_id = row.question_id

        def save(due: dt.date | None) -> None:
            self.change(question_id, due=due, clear_due=due is None)

        self.app.push_screen(
            LineDialog(
                lambda: say("plan.due.title", self.language, id=question_id),
                lambda: say("plan.due.help", self.language),
                row.item.due.isoformat() if row.item.due else "",
                _due_or_none,
                save,
                placeholder="YYYY-MM-DD",
            )
        )

    def action_status(self) -> None:
        """Choose the status; accepting the risk asks why and who accepted it."""
        row = self.current
        if row is None:
            return
        question_id = row.question_id

        def chosen(status: PlanStatus) -> None:
            if status == "risk-accepted":
                self.app.push_screen(
                    RiskDialog(
                        question_id,
                        row.item.risk_acceptance,
                        lambda accepted: self.change(
                            question_id, status=status, risk_acceptance=accepted
                        ),
                        today=today_of(self.app),
                    )
                )
            elif status != row.item.status:
                self.change(question_id, status=status)

        self.app.push_screen(StatusDialog(question_id, row.item.status, chosen))

    def action_milestone(self) -> None:
        """Add a dated step: "YYYY-MM-DD what happens"."""
        row = self.current
        if row is None:
            return
        question_id = row.question_id

        def save(milestone: Milestone) -> None:
            self.change(question_id, milestone=milestone)

        self.app.push_screen(
            LineDialog(
                lambda: say("plan.milestone.title", self.language, id=question_id),
                lambda: say("plan.milestone.help", self.language),
                "",
                parse_milestone,
                save,
                placeholder="YYYY-MM-DD …",
            )
        )

    def action_note(self) -> None:
        """Write or change the plan item's note."""
        row = self.current
        if row is None:
            return
        question_id = row.question_id
        self.app.push_screen(
            TextDialog(
                lambda: say("plan.note.title", self.language, id=question_id),
                lambda: say("note.help", self.language),
                row.item.note,
                lambda note: self.change(question_id, note=note),
            )
        )


def _due_or_none(text: str) -> dt.date | None:
    """A typed due date; an empty line clears it."""
    return parse_due_date(text) if text.strip() else None


class StatusDialog(CisecModal):
    """The four statuses to choose from, the current one highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        *(
            Binding(str(number), f"pick({number - 1})", "key.plan.status", show=False)
            for number in range(1, len(PLAN_STATUSES) + 1)
        ),
    ]

    def __init__(
        self, question_id: str, status: PlanStatus, on_choose: Callable[[PlanStatus], None]
    ) -> None:
        super().__init__(classes="dialog")
        self.question_id = question_id
        self.status = status
        self.on_choose = on_choose

    def compose(self) -> ComposeResult:
        with Vertical(id="status-box", classes="dialog-box"):
            yield Static(id="status-title", classes="dialog-title")
            yield OptionList(id="status-options")
            yield Static(id="status-help", classes="dialog-help")

    def on_mount(self) -> None:
        super().on_mount()
        options = self.query_one(OptionList)
        options.highlighted = PLAN_STATUSES.index(self.status)
        options.focus()

    def relabel(self) -> None:
        language = self.language
        self.query_one("#status-title", Static).update(
            say("plan.status.title", language, id=self.question_id)
        )
        self.query_one("#status-help", Static).update(say("plan.status.help", language))
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for number, status in enumerate(PLAN_STATUSES, start=1):
            mark = "●" if status == self.status else " "
            options.add_option(Option(f"{mark}{number}  {status_word(status, language)}"))
        options.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick(event.option_index)

    def action_pick(self, index: int) -> None:
        self.dismiss()
        self.on_choose(PLAN_STATUSES[index])

    def action_cancel(self) -> None:
        self.dismiss()


class RiskDialog(CisecModal):
    """Accepting a gap's risk: why, and who accepted it (both needed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save", priority=True),
    ]

    def __init__(
        self,
        question_id: str,
        current: RiskAcceptance | None,
        on_save: Callable[[RiskAcceptance], None],
        *,
        today: dt.date,
    ) -> None:
        super().__init__(classes="dialog")
        self.question_id = question_id
        self.current = current
        self.today = today
        self.on_save = on_save
        self.refused = False

    def compose(self) -> ComposeResult:
        current = self.current
        with Vertical(id="risk-box", classes="dialog-box"):
            yield Static(id="risk-title", classes="dialog-title")
            yield Static(id="risk-why-label")
            # The lengths a plan item keeps (see cisec.model.plan), so a save is never refused.
            yield Input(
                current.justification if current else "",
                id="risk-why",
                compact=True,
                max_length=10_000,
            )
            yield Static(id="risk-who-label")
            yield Input(
                current.accepted_by if current else "", id="risk-who", compact=True, max_length=500
            )
            yield Static(id="risk-help", classes="dialog-help")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#risk-why", Input).focus()

    def relabel(self) -> None:
        language = self.language
        self.query_one("#risk-title", Static).update(
            say("plan.risk.title", language, id=self.question_id)
        )
        self.query_one("#risk-why-label", Static).update(say("plan.risk.justification", language))
        self.query_one("#risk-who-label", Static).update(say("plan.risk.accepted_by", language))
        help_text = self.query_one("#risk-help", Static)
        help_text.update(say("plan.risk.needed" if self.refused else "plan.risk.help", language))
        help_text.set_class(self.refused, "-warning")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "risk-why":
            self.query_one("#risk-who", Input).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        """Save both, or say that both are needed and stay."""
        why = self.query_one("#risk-why", Input).value.strip()
        who = self.query_one("#risk-who", Input).value.strip()
        if not why or not who:
            self.refused = True
            self.relabel()
            return
        accepted = RiskAcceptance(justification=why, accepted_by=who, accepted_on=self.today)
        self.dismiss()
        self.on_save(accepted)

    def action_cancel(self) -> None:
        self.dismiss()
