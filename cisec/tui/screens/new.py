"""Provides the new-assessment screen: questionnaire, organisation, assessor, language, file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from cisec import services
from cisec.model.questionnaire import Questionnaire
from cisec.model.text import LANGUAGES, Language
from cisec.services import recent
from cisec.tui.screens.base import CisecScreen, relabel_select, today_of
from cisec.tui.wording import say


class NewScreen(CisecScreen):
    """Choose a questionnaire and say who the assessment is for; the profile comes next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", "key.create", priority=True),
        Binding("escape", "back", "key.home"),
    ]
    KEY_BAR: ClassVar[list[tuple[str, str]]] = [
        ("^s", "key.create"),
        ("tab", "key.move.short"),
        ("esc", "key.back"),
        ("F2", "key.language.short"),
        ("^q", "key.quit.short"),
    ]

    def __init__(self) -> None:
        super().__init__(id="new")
        self.questionnaires: list[Questionnaire] = []
        self.path_edited = False

    def compose(self) -> ComposeResult:
        yield Static(id="new-title", classes="screen-title")
        with Vertical(id="new-body"):
            yield Static(id="new-q-label", classes="heading")
            yield OptionList(id="new-questionnaires")
            yield Static(id="new-details")
            with Grid(id="new-form"):
                yield Label(id="new-org-label")
                yield Input(id="new-organisation", compact=True)
                yield Label(id="new-assessor-label")
                yield Input(id="new-assessor", compact=True)
                yield Label(id="new-language-label")
                yield Select[str](
                    [(code, code) for code in LANGUAGES],
                    id="new-language",
                    compact=True,
                    allow_blank=False,
                    value="en",
                )
                yield Label(id="new-path-label")
                yield Input(id="new-path", compact=True)
            yield Static(id="new-next")
            yield Button("Create", id="new-create", compact=True, variant="primary")
        yield self.key_bar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#new-language", Select).value = self.language
        self.load_questionnaires()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_questionnaires(self) -> None:
        summaries, _problems = services.questionnaire_summaries()
        found = [services.get_questionnaire(summary.id) for summary in summaries]
        self.app.call_from_thread(self._show_questionnaires, found)

    def _show_questionnaires(self, found: list[Questionnaire]) -> None:
        self.questionnaires = found
        self._fill_questionnaires()
        options = self.query_one("#new-questionnaires", OptionList)
        if found:
            options.highlighted = 0
            options.focus()
        self._show_details()

    def _fill_questionnaires(self) -> None:
        options = self.query_one("#new-questionnaires", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for questionnaire in self.questionnaires:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{questionnaire.id}  ", style="dim")
            line.append(questionnaire.title.get(self.language), style="bold")
            options.add_option(Option(line, id=questionnaire.id))
        if highlighted is not None and self.questionnaires:
            options.highlighted = highlighted

    @property
    def chosen(self) -> Questionnaire | None:
        """The highlighted questionnaire."""
        index = self.query_one("#new-questionnaires", OptionList).highlighted
        if index is None or index >= len(self.questionnaires):
            return None
        return self.questionnaires[index]

    def _show_details(self) -> None:
        details = self.query_one("#new-details", Static)
        chosen = self.chosen
        language = self.language
        if chosen is None:
            folder = recent.data_folder() / "questionnaires"
            details.update(
                say("new.none", language, folder=folder) if not self.questionnaires else ""
            )
            return
        sources = ", ".join(source.cites for source in chosen.sources)
        details.update(
            Text.assemble(
                (
                    say(
                        "new.details",
                        language,
                        questions=len(chosen.questions),
                        version=chosen.version,
                    ),
                    "bold",
                ),
                "\n",
                (say("new.sources", language, sources=sources), "dim"),
                "\n",
                (chosen.description.get(language), ""),
            )
        )
        if not self.path_edited:
            path = recent.default_assessment_path(chosen.id, today_of(self.app))
            self.query_one("#new-path", Input).value = str(path)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_details()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#new-organisation", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "new-path" and event.input.has_focus:
            self.path_edited = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "new-path":
            self.action_create()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_create()

    def relabel(self) -> None:
        super().relabel()
        language = self.language
        for widget_id, key in (
            ("#new-title", "key.new"),
            ("#new-q-label", "new.questionnaire"),
            ("#new-next", "new.next"),
        ):
            self.query_one(widget_id, Static).update(say(key, language))
        for widget_id, key in (
            ("#new-org-label", "new.organisation"),
            ("#new-assessor-label", "new.assessor"),
            ("#new-language-label", "new.language"),
            ("#new-path-label", "save_as"),
        ):
            self.query_one(widget_id, Label).update(say(key, language))
        self.query_one("#new-create", Button).label = say("new.create", language)
        relabel_select(
            self.query_one("#new-language", Select),
            [(say(f"language.{code}", language), code) for code in LANGUAGES],
        )
        if self.questionnaires:
            self._fill_questionnaires()
            self._show_details()

    def action_back(self) -> None:
        self.dismiss()

    def action_create(self) -> None:
        """Create the assessment file, then walk its profile questions."""
        chosen = self.chosen
        if chosen is None:
            self.notify(say("new.choose", self.language), severity="warning")
            return
        raw_language = self.query_one("#new-language", Select).value
        language: Language = "zh-Hant" if raw_language == "zh-Hant" else "en"
        self.create(
            chosen.id,
            Path(self.query_one("#new-path", Input).value.strip()).expanduser(),
            self.query_one("#new-organisation", Input).value.strip(),
            self.query_one("#new-assessor", Input).value.strip(),
            language,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="create")
    def create(
        self,
        questionnaire_id: str,
        path: Path,
        organisation: str,
        assessor: str,
        language: Language,
    ) -> None:
        session = services.new_session(
            questionnaire_id, path, organisation=organisation, assessor=assessor, language=language
        )
        recent.remember_opened(path)
        self.app.call_from_thread(self._created, session)

    def _created(self, session: services.AssessmentSession) -> None:
        from cisec.tui.screens.walk import WalkScreen

        self.app.switch_screen(WalkScreen(session=session))
