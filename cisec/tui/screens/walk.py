"""Provides the walk screen: the section tree, the question card, answering by keyboard."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, ProgressBar, Static, Tree
from textual.widgets.tree import TreeNode

from cisec import services
from cisec.errors import CisecError
from cisec.model.assessment import Answer, ProfileValue
from cisec.model.questionnaire import NOT_APPLICABLE, Question
from cisec.services import AssessmentSession, protect, recent
from cisec.services import walk as walk_state
from cisec.services.session import MergeReport
from cisec.services.walk import PROFILE, WalkProgress
from cisec.tui.screens.base import CisecScreen
from cisec.tui.screens.dialogs import TextDialog
from cisec.tui.screens.protect import EvidenceDialog, PassphraseDialog
from cisec.tui.widgets.card import card, extras
from cisec.tui.widgets.sections import SectionTree, item_label, section_label
from cisec.tui.wording import say

# What a save gives the screen: where the walk stands, and what it took from another writer.
Saved = tuple[WalkProgress, MergeReport]

SECTION_WIDTH = 27
ITEM_WIDTH = 26


class CardScroll(VerticalScroll, can_focus=False):
    """The question card's scroller: keys belong to the screen, not to scrolling."""


class QuestionFinder(Provider):
    """The command palette's questions: found by id or by words of the question."""

    def _entries(self) -> list[tuple[str, str]]:
        screen = self.screen
        return screen.searchable() if isinstance(screen, WalkScreen) else []

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        screen = self.screen
        for item_id, text in self._entries():
            candidate = f"{item_id}  {text}"
            score = matcher.match(candidate)
            if score > 0 and isinstance(screen, WalkScreen):
                yield Hit(score, matcher.highlight(candidate), partial(screen.goto, item_id))

    async def discover(self) -> Hits:
        screen = self.screen
        for item_id, text in self._entries():
            if isinstance(screen, WalkScreen):
                yield DiscoveryHit(f"{item_id}  {text}", partial(screen.goto, item_id))


class WalkScreen(CisecScreen):
    """One questionnaire, question by question; every answer is saved as it is given."""

    COMMANDS: ClassVar[set[Any]] = {QuestionFinder}
    AUTO_FOCUS = None  # the screen takes the keys; the answer field takes focus when shown
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"choose({n})", "key.answer", show=False) for n in range(1, 10)),
        Binding("down", "move(1)", "key.down"),
        Binding("j", "move(1)", "key.down"),
        Binding("up", "move(-1)", "key.up"),
        Binding("k", "move(-1)", "key.up"),
        Binding("n", "next_todo", "key.next_todo"),
        Binding("e", "note", "key.note"),
        Binding("v", "evidence", "key.evidence"),
        Binding("f", "flag", "key.flag"),
        Binding("g", "guidance", "key.guidance"),
        Binding("enter", "type_answer", "key.input"),
        Binding("s", "summary", "key.summary"),
        Binding("p", "plan", "key.plan"),
        Binding("ctrl+s", "retry_save", "key.retry_save"),
        Binding("w", "save_elsewhere", "key.save_elsewhere"),
        Binding("escape", "back", "key.home"),
    ]
    KEY_BAR: ClassVar[list[tuple[str, str]]] = [
        ("1-9", "key.answer.short"),
        ("n", "key.next_todo.short"),
        ("e", "key.note.short"),
        ("s", "key.summary.short"),
        ("p", "key.plan.short"),
        ("?", "key.help.short"),
        ("F2", "key.language.short"),
        ("^q", "key.quit.short"),
    ]

    def __init__(
        self,
        *,
        path: Path | None = None,
        session: AssessmentSession | None = None,
        passphrase: str | None = None,
    ) -> None:
        super().__init__(id="walk")
        self.path = path
        self.session: AssessmentSession | None = session
        self.passphrase = passphrase
        # Last year's assessment (`cisec new --from`), when it opens: its answers are shown
        # beside each question, never taken as this year's.
        self.previous: AssessmentSession | None = None
        self.progress: WalkProgress | None = None
        self.items: list[str] = []
        self.section_of: dict[str, str] = {}
        self.index = 0
        self.guidance = False
        self.pending = 0
        # The reason the last save failed, until a save succeeds; the answers stay in memory.
        self.unsaved: BaseException | None = None
        self.leave_warned = False
        self.input_for = ""
        self.section_nodes: dict[str, TreeNode[str]] = {}
        self.item_nodes: dict[str, TreeNode[str]] = {}
        self._labels_shown: dict[str, str] = {}

    # Building ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="walk-title", classes="screen-title")
        with Horizontal(id="walk-body"):
            yield SectionTree("", id="sections")
            with CardScroll(id="card-scroll"):
                yield Static(id="card")
                yield Static(id="previous")
                yield Input(id="answer-input", compact=True, select_on_focus=False)
                yield Static(id="extras")
        with Horizontal(id="walk-status"):
            yield Static(id="walk-count")
            yield ProgressBar(id="walk-progress", show_eta=False, show_percentage=True)
            yield Static(id="walk-saved")
        yield self.key_bar()

    def on_mount(self) -> None:
        tree = self.query_one(SectionTree)
        tree.show_root = False
        tree.guide_depth = 2
        tree.auto_expand = False
        field = self.query_one("#answer-input", Input)
        field.display = False
        field.disabled = True
        super().on_mount()
        if self.session is not None:
            self._ready(self.session, walk_state.progress(self.session, self.session.score()))
        elif self.path is not None:
            self.query_one("#card", Static).update(say("walk.loading", self.language))
            if self.passphrase is None and protect.is_encrypted(self.path):
                self.app.push_screen(PassphraseDialog(self.path, self._unlock))
            else:
                self.load(self.path)

    def _unlock(self, passphrase: str | None) -> None:
        if passphrase is None:  # Esc: back to where the file was chosen
            self.dismiss()
            return
        self.passphrase = passphrase
        if self.path is not None:
            self.load(self.path)

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load(self, path: Path) -> None:
        try:
            session = services.open_session(path, passphrase=self.passphrase)
        except CisecError as error:
            self.app.call_from_thread(self._failed, error)
            return
        recent.remember_opened(path)
        problems: list[CisecError] = []
        # Same passphrase as this year's file, if it is encrypted too; a problem is a notice.
        self.previous = services.open_predecessor(
            session, passphrase=self.passphrase, notice=problems.append
        )
        progress = walk_state.progress(session, session.score())
        self.app.call_from_thread(self._ready, session, progress)
        for problem in problems:
            self.app.call_from_thread(self._predecessor_notice, problem)

    def _predecessor_notice(self, problem: CisecError) -> None:
        message, next_step = problem.text(self.language)
        self.notify(
            f"{message} {next_step}".strip(), title=say("walk.previous.title", self.language)
        )

    def _failed(self, error: CisecError) -> None:
        if isinstance(error, protect.PassphraseError) and self.path is not None:
            # A mistyped passphrase: ask again, saying why, rather than close the file.
            self.passphrase = None
            self.app.push_screen(PassphraseDialog(self.path, self._unlock, problem=error.text))
            return
        self.dismiss()
        self.frame.show_error(error)

    def _ready(self, session: AssessmentSession, progress: WalkProgress) -> None:
        self.session = session
        self.progress = progress
        order = walk_state.walk_order(session.questionnaire)
        self.items = [item_id for item_id, _ in order]
        self.section_of = dict(order)
        self.frame.use_language(session.assessment.language)
        self._build_tree()
        self.index = progress.first_todo()
        self.relabel()
        # Once the tree has its size, scroll it from the top to the first question.
        self.call_after_refresh(self._reveal_from_top)
        if session.notices:
            self.notify(
                "\n".join(session.notices), title=say("walk.notices", self.language), timeout=15
            )

    def _build_tree(self) -> None:
        tree = self.query_one(SectionTree)
        tree.clear()
        self.section_nodes = {}
        self.item_nodes = {}
        questionnaire = self.live.questionnaire
        groups: list[tuple[str, list[str]]] = []
        if questionnaire.profile:
            groups.append((PROFILE, [p.id for p in questionnaire.profile]))
        groups.extend((s.id, [q.id for q in s.questions]) for s in questionnaire.sections)
        for section_id, ids in groups:
            node = tree.root.add("", data=f"section:{section_id}", expand=True)
            self.section_nodes[section_id] = node
            for item_id in ids:
                self.item_nodes[item_id] = node.add_leaf("", data=f"item:{item_id}")
        self._labels_shown = {}

    def on_key(self, event: events.Key) -> None:
        """On a number or date question a digit starts typing; what follows goes in the field.

        This is decided here, in the order keys reach the screen, not by a binding: the app
        routes each key to what had the focus when the key arrived, so in a fast burst
        ("2026-01-01") the keys after the first still reach the screen. The field itself
        never lets a printable key bubble up, so nothing is typed twice.
        """
        if not event.is_printable or not event.character:
            return
        field = self.query_one("#answer-input", Input)
        if self.focused is field:  # (has_focus waits for the Focus event; this is at once)
            field.insert_text_at_cursor(event.character)
        elif field.display and not field.disabled and event.character.isdigit():
            field.value = ""
            self.set_focus(field)
            field.insert_text_at_cursor(event.character)
        else:
            return
        event.stop()
        event.prevent_default()

    def on_screen_resume(self) -> None:
        if self.session is not None and self.items:
            self.show(scroll=False)

    # Reading the state -------------------------------------------------------------------------

    @property
    def live(self) -> AssessmentSession:
        """The open assessment (the screen's actions run only once it is loaded)."""
        if self.session is None:
            raise RuntimeError("the assessment is not loaded yet")
        return self.session

    @property
    def current(self) -> str:
        """The id of the question shown."""
        return self.items[self.index]

    def _profile(self) -> dict[str, ProfileValue]:
        # A copy: the writer thread may be changing the answers while the screen draws.
        with self.live.lock:
            return dict(self.live.assessment.profile)

    def _applies(self, item_id: str) -> bool:
        item, _ = self.live.item(item_id)
        return services.applies_to(item, dict(self._profile()))

    def _answer(self, item_id: str) -> Answer | None:
        with self.live.lock:
            return self.live.assessment.answers.get(item_id)

    def searchable(self) -> list[tuple[str, str]]:
        """Every question's id and text in the current language (for the question finder)."""
        if self.session is None:
            return []
        language = self.language
        return [
            (item_id, self.session.item(item_id)[0].text.get(language)) for item_id in self.items
        ]

    # Showing -----------------------------------------------------------------------------------

    def relabel(self) -> None:
        super().relabel()
        if self.session is None:
            return
        language = self.language
        assessment = self.session.assessment
        title = self.session.questionnaire.title.get(language)
        if assessment.organisation:
            title += f" · {assessment.organisation}"
        self.query_one("#walk-title", Static).update(title)
        self._labels_shown = {}
        self.refresh_progress()
        self.show()

    def refresh_progress(self) -> None:
        """Update the tree's marks and section figures, the progress bar and the saved state."""
        progress = self.progress
        if self.session is None or progress is None:
            return
        language = self.language
        questionnaire = self.session.questionnaire
        shown = self._labels_shown
        states = {item.id: item.state for item in progress.items}
        for item_id, node in self.item_nodes.items():
            short = item_id.split(".", 1)[1] if "." in item_id else item_id
            label = item_label(short, states[item_id], ITEM_WIDTH)
            if shown.get(item_id) != label.markup:
                shown[item_id] = label.markup
                node.set_label(label)
        titles = {s.id: s.title.get(language) for s in questionnaire.sections}
        titles[PROFILE] = say("walk.profile", language)
        for section_id, node in self.section_nodes.items():
            figures = progress.sections[section_id]
            label = section_label(
                titles[section_id],
                figures.answered,
                figures.applicable,
                figures.score,
                SECTION_WIDTH,
            )
            key = f"section:{section_id}"
            if shown.get(key) != label.markup:
                shown[key] = label.markup
                node.set_label(label)
        answered_all, applicable_all = progress.answered, progress.applicable
        self.query_one("#walk-count", Static).update(
            say("walk.answered", language, answered=answered_all, applicable=applicable_all)
        )
        self.query_one("#walk-progress", ProgressBar).update(
            total=max(applicable_all, 1), progress=answered_all
        )
        self._show_saved_state()

    def show(self, *, scroll: bool = True) -> None:
        """Show the current question."""
        if self.session is None or not self.items:
            return
        language = self.language
        item_id = self.current
        item, scale = self.session.item(item_id)
        skipped = not self._applies(item_id)
        answer = self._answer(item_id)
        profile = self._profile()
        self.query_one("#card", Static).update(
            card(
                item,
                scale,
                self.session.questionnaire,
                answer=answer,
                profile=profile,
                skipped=skipped,
                language=language,
                guidance=self.guidance,
            )
        )
        self.query_one("#extras", Static).update(
            extras(item, answer, language=language, guidance=self.guidance)
        )
        self._show_previous(item_id)
        field = self.query_one("#answer-input", Input)
        typed = scale.type != "choice" and not skipped
        if self.input_for != item_id:
            # A new question: the field starts with its answer, and letters stay keys
            # (a digit or Enter puts the cursor in the field).
            if field.has_focus:
                self.set_focus(None)
            current = answer.value if answer is not None else profile.get(item_id)
            field.value = "" if current is None else str(current)
            self.input_for = item_id
        field.display = typed
        field.disabled = not typed  # a hidden field must not take the keys
        if typed:
            field.placeholder = "YYYY-MM-DD" if scale.type == "date" else "0"
        self._reveal(item_id)
        if scroll:
            self.query_one("#card-scroll", VerticalScroll).scroll_home(animate=False)

    def _show_previous(self, item_id: str) -> None:
        """Last year's answer beside the question (only when there is a predecessor)."""
        shown = self.query_one("#previous", Static)
        before = (
            services.previous_answer(self.previous, item_id) if self.previous is not None else None
        )
        shown.display = before is not None
        if before is None:
            return
        language = self.language
        line = Text(say("walk.previous", language, answer=before.text(language)), style="dim")
        if before.note:
            line.append(f" · {before.note}", style="dim italic")
        shown.update(line)

    def _reveal_from_top(self) -> None:
        self.query_one(SectionTree).scroll_home(animate=False, immediate=True)
        if self.items:
            self._reveal(self.current)

    def _reveal(self, item_id: str) -> None:
        """Put the tree's cursor on the question (and its section's title in view)."""
        tree = self.query_one(SectionTree)
        node = self.item_nodes[item_id]
        tree.move_cursor(node)
        section = node.parent
        if section is not None and section.children and section.children[0] is node:
            tree.scroll_to_node(section, animate=False)

    # Moving ------------------------------------------------------------------------------------

    def goto(self, item_id: str) -> None:
        """Show the question `item_id`."""
        if item_id in self.items:
            self.index = self.items.index(item_id)
            self.show()

    def action_move(self, delta: int) -> None:
        """Show the previous or next question (skipped ones too: they say why)."""
        if self.items:
            self.index = max(0, min(len(self.items) - 1, self.index + delta))
            self.show()

    def action_next_todo(self) -> None:
        """Jump to the next unanswered or flagged question, wrapping round."""
        found = self.progress.next_todo(self.index) if self.progress else None
        if found is None:
            self.notify(say("walk.all_done", self.language))
            return
        self.index = found
        self.show()

    def _advance(self, profile: dict[str, Any]) -> None:
        """After an answer: the next question that applies (given the answer just made)."""
        self.index = walk_state.next_applicable(self.live, self.index, profile)
        self.show()

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        data = event.node.data or ""
        kind, _, identifier = data.partition(":")
        if kind == "item":
            self.goto(identifier)
        elif kind == "section" and event.node.children:
            child = event.node.children[0].data or ""
            self.goto(child.partition(":")[2])

    def action_back(self) -> None:
        """Leave the answer field, or go back to the home screen."""
        field = self.query_one("#answer-input", Input)
        if field.has_focus:
            self.set_focus(None)
        elif self.unsaved is not None and not self.leave_warned:
            self.leave_warned = True
            self.notify(say("walk.leave_unsaved", self.language), severity="error", timeout=10)
        else:
            self.dismiss()

    def action_guidance(self) -> None:
        """Show or hide the guidance and the options' descriptions."""
        self.guidance = not self.guidance
        self.show()

    def action_type_answer(self) -> None:
        """Put the cursor in the answer field (numbers and dates)."""
        field = self.query_one("#answer-input", Input)
        if field.display:
            self.set_focus(field)

    def action_summary(self) -> None:
        """Open the summary (scores, gaps, calendar, export)."""
        if self.session is not None:
            from cisec.tui.screens.summary import SummaryScreen

            self.app.push_screen(SummaryScreen(self.session, self.plan_save_state))

    def action_plan(self) -> None:
        """Open the remediation plan (owners, due dates, status of every gap)."""
        if self.session is not None:
            from cisec.tui.screens.plan import PlanScreen

            self.app.push_screen(PlanScreen(self.session, self.plan_save_state))

    def plan_save_state(self, error: BaseException | None) -> None:
        """A plan save failed (or one succeeded): the assessment's save state is the walk's."""
        self.unsaved = error
        if error is None:
            self.leave_warned = False
        self._show_saved_state()

    # Answering ---------------------------------------------------------------------------------

    def action_choose(self, number: int) -> None:
        """Answer with the n-th option, save, and move on."""
        if self.session is None:
            return
        item_id = self.current
        item, scale = self.session.item(item_id)
        if not self._applies(item_id):
            self.notify(say("walk.skipped.short", self.language))
            return
        if scale.type != "choice":
            self.action_type_answer()  # digits are typed into the field (see on_key)
            return
        options = scale.options or []
        if number > len(options):
            self.notify(say("walk.no_option", self.language, number=number), severity="warning")
            return
        option = options[number - 1]
        if option.not_applicable and isinstance(item, Question):
            self._not_applicable(item_id, option.value)
            return
        self.commit(item_id, option.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "answer-input" or self.session is None:
            return
        item_id = self.current
        item, scale = self.session.item(item_id)
        try:
            value = scale.parse(event.value, item_id)
        except CisecError as error:
            self._show_error(error)
            return
        if value == NOT_APPLICABLE and isinstance(item, Question):
            self._not_applicable(item_id, value)
            return
        self.commit(item_id, value)

    def save_now(self) -> None:
        """Quitting: keep a number or date typed but not yet entered, if it is a valid answer."""
        field = self.query_one("#answer-input", Input)
        if self.session is None or self.focused is not field or not field.value.strip():
            return
        item_id = self.current
        item, scale = self.session.item(item_id)
        try:
            value = scale.parse(field.value, item_id)
        except CisecError:
            return  # not an answer yet; nothing valid to keep
        current = self._answer(item_id)
        previous = current.value if current is not None else self._profile().get(item_id)
        if value != previous and not (value == NOT_APPLICABLE and isinstance(item, Question)):
            self.commit(item_id, value)

    def _not_applicable(self, item_id: str, value: str) -> None:
        """Not applicable needs a reason: ask for it (keeping any note already there)."""
        answer = self._answer(item_id)
        if answer is not None and answer.note.strip():
            self.commit(item_id, value)
            return
        self.app.push_screen(
            TextDialog(
                lambda: say("note.na_title", self.language, id=item_id),
                lambda: say("note.na_help", self.language),
                "",
                lambda note: self.commit(item_id, value, note=note),
                required=True,
            )
        )

    def commit(self, item_id: str, value: str | float, *, note: str | None = None) -> None:
        """Record the answer (saved off the UI thread) and move to the next question."""
        session = self.live
        profile = dict(self._profile())
        if self.section_of[item_id] == PROFILE:
            profile[item_id] = value

        def job() -> Saved:
            merged = session.answer(item_id, value, note=note)
            return walk_state.progress(session, session.score()), merged

        self._save(job)
        if self.current == item_id:
            self._advance(profile)

    def _save(self, job: Any) -> None:
        self.pending += 1
        self._show_saved_state()  # the tree and figures follow when the save is done
        self.frame.save(job, self._saved, self._save_failed)

    def _show_saved_state(self) -> None:
        if self.pending:
            state = Text(say("walk.saving", self.language))
        elif self.unsaved is not None:
            state = Text(say("walk.unsaved", self.language), style="bold red")
        else:
            state = Text(say("walk.saved", self.language))
        if self.session is not None and self.session.encrypted:
            state = Text.assemble(say("walk.encrypted", self.language), " · ", state)
        self.query_one("#walk-saved", Static).update(state)

    def _saved(self, saved: Saved) -> None:
        progress, merged = saved
        self.pending = max(0, self.pending - 1)
        self.progress = progress
        if merged:
            # Another window (or the command line) saved this file meanwhile; nothing is lost.
            self.notify(merged.sentence(self.language), title=say("walk.merged", self.language))
        self.unsaved = None
        self.leave_warned = False
        self.frame.quit_warned = False
        self.refresh_progress()
        if not self.pending:
            self.show_extras()

    def _save_failed(self, error: BaseException) -> None:
        """The answer is kept in memory; say it is not on disk and how to get it there."""
        self.pending = max(0, self.pending - 1)
        self.unsaved = error
        if self.session is not None:
            # The tree shows the answers as they are in memory, kept for the next save.
            self.progress = walk_state.progress(self.session, self.session.score())
        self.refresh_progress()

    def action_retry_save(self) -> None:
        """Save again to the same file (after freeing space or fixing the folder)."""
        if self.session is None:
            return
        session = self.session

        def job() -> Saved:
            merged = session.save()
            return walk_state.progress(session, session.score()), merged

        self._save(job)

    def action_save_elsewhere(self) -> None:
        """Save the assessment under a new name, and keep saving there."""
        if self.session is None:
            return
        session = self.session

        def save_to(text: str) -> None:
            target = Path(text.strip()).expanduser()

            def job() -> Saved:
                session.save_as(target)
                return walk_state.progress(session, session.score()), MergeReport()

            self._save(job)

        self.app.push_screen(
            TextDialog(
                lambda: say("walk.save_as.title", self.language),
                lambda: say("walk.save_as.help", self.language),
                str(
                    session.path.with_name(
                        session.path.stem.removesuffix(".cisec") + "-copy.cisec.json"
                    )
                ),
                save_to,
                required=True,
            )
        )

    def show_extras(self) -> None:
        """Re-show what a save may have changed on the current card (note, evidence, flag)."""
        if self.session is not None:
            self.show(scroll=False)

    def _show_error(self, error: CisecError) -> None:
        self.frame.show_error(error)

    def _annotatable(self) -> str | None:
        """The current question's id if it can take a note, evidence or a flag."""
        if self.session is None:
            return None
        item_id = self.current
        if self.section_of[item_id] == PROFILE or self._answer(item_id) is None:
            self.notify(say("walk.answer_first", self.language), severity="warning")
            return None
        return item_id

    def _annotate(self, item_id: str, **changes: Any) -> None:
        session = self.live

        def job() -> Saved:
            merged = session.annotate(item_id, **changes)
            return walk_state.progress(session, session.score()), merged

        self._save(job)

    def action_note(self) -> None:
        """Write or change the note (an N/A answer's note is its justification)."""
        item_id = self._annotatable()
        if item_id is None:
            return
        answer = self._answer(item_id)
        if answer is None:
            return
        _, scale = self.live.item(item_id)
        option = scale.option(str(answer.value))
        required = (option is not None and option.not_applicable) or answer.value == NOT_APPLICABLE
        self.app.push_screen(
            TextDialog(
                lambda: say("note.title", self.language, id=item_id),
                lambda: say("note.na_help" if required else "note.help", self.language),
                answer.note,
                lambda note: self._annotate(item_id, note=note),
                required=required,
            )
        )

    def action_evidence(self) -> None:
        """Change the evidence references, one per line, and record an evidence file."""
        item_id = self._annotatable()
        if item_id is None:
            return
        answer = self._answer(item_id)
        if answer is None:
            return
        session = self.live

        def save(references: list[str], file: Path | None) -> None:
            def job() -> Saved:
                # Read in the writer thread: a large file is hashed without blocking the keys.
                files = protect.evidence_files([file]) if file is not None else None
                merged = session.annotate(item_id, evidence=references, evidence_files=files)
                return walk_state.progress(session, session.score()), merged

            self._save(job)

        self.app.push_screen(
            EvidenceDialog(
                item_id,
                list(answer.evidence),
                [f.name for f in answer.evidence_files],
                session.path.parent.resolve(),
                save,
            )
        )

    def action_flag(self) -> None:
        """Flag the current question for review, or clear the flag."""
        item_id = self._annotatable()
        if item_id is None:
            return
        answer = self._answer(item_id)
        if answer is None:
            return
        self._annotate(item_id, flagged=not answer.flagged)
