"""Provides workshop mode in the terminal UI: choose a pack, then work through its scenario.

The start screen takes the pack, the participant or team name, practice or class mode and the
pacing (the trainer releases injects, or a timer does at T+n). The exercise screen shows the
scenario and the injects released so far beside the current question; in practice mode every
answer shows the model answer and explanation at once; at the end, the score and a review.
Every answer is saved at once to the participant's file in the workshop folder.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, OptionList, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.option_list import Option

from cisec.model.exercise import Exercise, ExerciseQuestion
from cisec.model.text import Language
from cisec.services import workshop as service
from cisec.tui.screens.base import CisecScreen
from cisec.tui.wording import say


class WorkshopStartScreen(CisecScreen):
    """Choose a pack, say who is answering, pick practice or class mode and the pacing."""

    CSS_PATH = "workshop.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "key.back")]

    def __init__(self, *, classroom: bool = False) -> None:
        super().__init__(id="workshop-start")
        self.packs: list[Exercise] = []
        self.classroom = classroom

    def compose(self) -> ComposeResult:
        yield Static(id="ws-start-title", classes="screen-title")
        with VerticalScroll(id="ws-start-body"):
            yield Static(id="ws-packs-label", classes="heading")
            yield OptionList(id="ws-packs")
            yield Static(id="ws-pack-details")
            yield Static(id="ws-name-label", classes="heading")
            yield Input(id="ws-name", max_length=80, compact=True)
            with Vertical(id="ws-choices"):
                yield Static(id="ws-mode-label", classes="heading")
                with RadioSet(id="ws-mode", compact=True):
                    yield RadioButton(id="ws-practice", value=True, compact=True)
                    yield RadioButton(id="ws-class", compact=True)
                yield Static(id="ws-pacing-label", classes="heading")
                with RadioSet(id="ws-pacing", compact=True):
                    yield RadioButton(id="ws-trainer", value=True, compact=True)
                    yield RadioButton(id="ws-timer", compact=True)
            yield Button("Start", id="ws-go", variant="primary", compact=True)
        yield Static(id="ws-start-keys", classes="ws-keys")

    def on_mount(self) -> None:
        super().on_mount()
        self.load_packs()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_packs(self) -> None:
        found = list(service.exercise_catalogue().packs.values())
        self.app.call_from_thread(self._show_packs, found)

    def _show_packs(self, found: list[Exercise]) -> None:
        self.packs = found
        self._fill_packs()
        self.query_one("#ws-packs", OptionList).focus()

    def _fill_packs(self) -> None:
        options = self.query_one("#ws-packs", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for pack in self.packs:
            options.add_option(Option(escape(pack.title.get(self.language))))
        if self.packs:
            options.highlighted = highlighted if highlighted is not None else 0
        self._show_details()

    def _show_details(self) -> None:
        details = self.query_one("#ws-pack-details", Static)
        pack = self.chosen_pack()
        if pack is None:
            details.update(say("workshop.start.none", self.language) if not self.packs else "")
            return
        details.update(
            say(
                "workshop.start.details",
                self.language,
                minutes=pack.duration_minutes,
                questions=len(pack.questions),
            )
            + " · "
            + escape(pack.description.get(self.language))
        )

    def chosen_pack(self) -> Exercise | None:
        """The highlighted pack."""
        index = self.query_one("#ws-packs", OptionList).highlighted
        return self.packs[index] if index is not None and index < len(self.packs) else None

    def relabel(self) -> None:
        super().relabel()
        language = self.language
        for widget_id, key in (
            ("#ws-start-title", "workshop.start.title"),
            ("#ws-packs-label", "workshop.start.packs"),
            ("#ws-name-label", "workshop.start.name"),
            ("#ws-mode-label", "workshop.start.mode"),
            ("#ws-pacing-label", "workshop.start.pacing"),
            ("#ws-start-keys", "workshop.keys.start"),
        ):
            self.query_one(widget_id, Static).update(say(key, language))
        for widget_id, key in (
            ("#ws-practice", "workshop.start.practice"),
            ("#ws-class", "workshop.start.class"),
            ("#ws-trainer", "workshop.start.trainer"),
            ("#ws-timer", "workshop.start.timer"),
        ):
            self.query_one(widget_id, RadioButton).label = say(key, language)
        self.query_one("#ws-go", Button).label = say("start", language)
        if self.packs:
            self._fill_packs()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_details()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#ws-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ws-go":
            self.action_start()

    def action_back(self) -> None:
        """Back to where the workshop was opened from (in a classroom there is nowhere else)."""
        if self.classroom:
            self.app.bell()
            return
        self.app.pop_screen()

    def action_start(self) -> None:
        """Create the participant file and open the exercise."""
        pack = self.chosen_pack()
        if pack is None:
            return
        practice = self.query_one("#ws-practice", RadioButton).value
        timer = self.query_one("#ws-timer", RadioButton).value
        name = self.query_one("#ws-name", Input).value
        language = self.language

        def job() -> service.PracticeSession:
            return service.start_practice(
                pack.id,
                name,
                mode="practice" if practice else "class",
                pacing="timer" if timer else "trainer",
                language=language,
            )

        def done(session: service.PracticeSession) -> None:
            self.app.switch_screen(WorkshopScreen(session, classroom=self.classroom))

        # Written by the app's one writer thread, like every answer after it.
        self.frame.save(job, done)


class WorkshopScreen(CisecScreen):
    """The scenario, injects as released, the current question, feedback; at the end, the review."""

    CSS_PATH = "workshop.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "release", "workshop.run.next_inject"),
        Binding("f", "finish", "workshop.run.finish"),
        Binding("s", "submit", "workshop.run.submit"),
        Binding("escape", "back", "key.back"),
        # Not the arrows or page keys: the option lists use those to move between options.
        Binding("n,ctrl+down", "move(1)", "key.down", show=False),
        Binding("p,ctrl+up", "move(-1)", "key.up", show=False),
        Binding("backspace", "unrank", "workshop.key.unrank", show=False),
        # Keyboard first, as in the questionnaire walk: a digit picks the n-th option.
        *(Binding(str(n), f"pick({n})", "workshop.key.pick", show=False) for n in range(1, 10)),
    ]

    def __init__(
        self,
        session: service.PracticeSession,
        *,
        classroom: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(id="workshop")
        self.session = session
        self.classroom = classroom
        self.exercise = session.exercise
        self.clock = clock
        self.started = clock()
        self.released = 0
        self.current: str | None = None
        self.ranking: list[str] = []
        self.finished = False

    # Layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="ws-title", classes="screen-title")
        with Horizontal(id="ws-body"):
            yield VerticalScroll(Static(id="ws-story"), id="ws-story-pane")
            with VerticalScroll(id="ws-question-pane"):
                yield Static(id="ws-progress")
                yield Static(id="ws-question")
                yield Static(id="ws-how")
                yield OptionList(id="ws-single")
                yield SelectionList[str](id="ws-multiple")
                yield Static(id="ws-ranked")
                with Horizontal(id="ws-buttons"):
                    yield Button("Submit", id="ws-submit", compact=True, variant="primary")
                    yield Button("Next inject", id="ws-release", compact=True)
                    yield Button("Finish", id="ws-finish", compact=True)
                yield Static(id="ws-feedback")
        yield VerticalScroll(Static(id="ws-review"), id="ws-review-pane")
        yield Static(id="ws-keys", classes="ws-keys")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ws-review-pane").display = False
        self._release_due()
        self.current = self._first_open()
        self.show_question()
        # The clock in the title runs in both pacings; only the timer releases injects by it.
        self.set_interval(1.0, self._tick)

    def relabel(self) -> None:
        super().relabel()
        language = self.language
        self.query_one("#ws-keys", Static).update(say("workshop.keys.run", language))
        self.query_one("#ws-submit", Button).label = say("workshop.run.submit", language)
        self.query_one("#ws-release", Button).label = say("workshop.run.next_inject", language)
        self.query_one("#ws-finish", Button).label = say("workshop.run.finish", language)
        self._show_title()
        self._show_story()
        if self.current is not None or self.finished:
            self.show_question()
        if self.finished:
            self._show_review()

    # Time and injects -----------------------------------------------------------------------

    def elapsed_seconds(self) -> int:
        """Seconds since the exercise started on this screen."""
        return int(self.clock() - self.started)

    def _tick(self) -> None:
        before = self.released
        self._release_due()
        self._show_title()
        if self.released != before:
            self._after_release()

    def _release_due(self) -> None:
        if self.session.answers.pacing == "timer":
            due = len(service.released_injects(self.exercise, self.elapsed_seconds() / 60))
            self.released = max(self.released, due)

    def action_release(self) -> None:
        """Release the next inject (when the trainer says so)."""
        if self.finished:
            return
        if self.released >= len(self.exercise.injects):
            self.notify(say("workshop.run.all_released", self.language))
            return
        self.released += 1
        self._after_release()

    def _after_release(self) -> None:
        inject = self.exercise.injects[self.released - 1]
        self.notify(
            say("workshop.run.released", self.language, title=inject.title.get(self.language))
        )
        self._show_story(scroll_to_end=True)
        if self.current is None:
            self.current = self._first_open()
            self.show_question()
        else:
            self._show_progress()

    def open_questions(self) -> list[ExerciseQuestion]:
        """The questions released so far."""
        return service.released_questions(self.exercise, self.released)

    def _first_open(self) -> str | None:
        for question in self.open_questions():
            if self.session.choices(question.id) is None:
                return question.id
        questions = self.open_questions()
        return questions[-1].id if questions and self.current else None

    # Showing ---------------------------------------------------------------------------------

    def _show_title(self) -> None:
        seconds = self.elapsed_seconds()
        clock = say(
            "workshop.run.clock", self.language, minutes=seconds // 60, seconds=seconds % 60
        )
        self.query_one("#ws-title", Static).update(
            f"{escape(self.exercise.title.get(self.language))} · "
            f"{escape(self.session.answers.participant)} · {clock}"
        )

    def _show_story(self, *, scroll_to_end: bool = False) -> None:
        language = self.language
        parts = [
            f"[b]{say('workshop.run.scenario', language)}[/b]\n{escape(self.exercise.scenario.get(language))}"
        ]
        for inject in self.exercise.injects[: self.released]:
            parts.append(
                f"[b]T+{inject.at_minute} · {escape(inject.title.get(language))}[/b]\n"
                f"{escape(inject.text.get(language))}"
            )
        self.query_one("#ws-story", Static).update("\n\n".join(parts))
        if scroll_to_end:
            self.query_one("#ws-story-pane", VerticalScroll).scroll_end(animate=False)

    def _show_progress(self) -> None:
        questions = self.open_questions()
        ids = [question.id for question in questions]
        number = ids.index(self.current) + 1 if self.current in ids else len(ids)
        self.query_one("#ws-progress", Static).update(
            say(
                "workshop.run.question",
                self.language,
                number=number,
                total=len(self.exercise.questions),
            )
        )

    def show_question(self) -> None:
        """Show the current question, its options, and any feedback already earned."""
        language = self.language
        question = self.exercise.questions_by_id.get(self.current or "")
        widgets = (
            "#ws-question",
            "#ws-how",
            "#ws-single",
            "#ws-multiple",
            "#ws-ranked",
            "#ws-submit",
        )
        if question is None:
            for widget_id in widgets:
                self.query_one(widget_id).display = False
            self.query_one("#ws-progress", Static).update(say("workshop.run.waiting", language))
            self.query_one("#ws-feedback", Static).update("")
            return
        self._show_progress()
        self.query_one("#ws-question", Static).update(
            f"[b]{escape(question.text.get(language))}[/b]"
        )
        if question.kind == "multiple":
            how = (
                say("workshop.run.multiple.pick", language, pick=question.pick)
                if question.pick
                else say("workshop.run.multiple", language)
            )
        else:
            how = say(f"workshop.run.{question.kind}", language)
        self.query_one("#ws-how", Static).update(how)
        given = self.session.choices(question.id) or ()
        single = self.query_one("#ws-single", OptionList)
        multiple = self.query_one("#ws-multiple", SelectionList)
        single.display = question.kind != "multiple"
        multiple.display = question.kind == "multiple"
        self.query_one("#ws-ranked").display = question.kind == "ranking"
        self.query_one("#ws-submit").display = question.kind != "single"
        self.query_one("#ws-question").display = True
        self.query_one("#ws-how").display = True
        if question.kind == "multiple":
            multiple.clear_options()
            multiple.add_options(
                [
                    (
                        f"{number}. {escape(option.label.get(language))}",
                        option.value,
                        option.value in given,
                    )
                    for number, option in enumerate(question.options, start=1)
                ]
            )
        else:
            single.clear_options()
            single.add_options(
                [
                    Option(f"{number}. {escape(option.label.get(language))}", id=option.value)
                    for number, option in enumerate(question.options, start=1)
                ]
            )
            if question.kind == "single" and given:
                single.highlighted = [o.value for o in question.options].index(given[0])
            elif question.options:
                single.highlighted = 0
        if question.kind == "ranking" and not self.ranking:
            self.ranking = list(given)
        self._show_ranking(question)
        self._show_feedback(question)
        (multiple if question.kind == "multiple" else single).focus()

    def _show_ranking(self, question: ExerciseQuestion) -> None:
        labels = {option.value: option.label.get(self.language) for option in question.options}
        order = " › ".join(escape(labels[value]) for value in self.ranking) or "—"
        self.query_one("#ws-ranked", Static).update(
            say("workshop.run.ranked", self.language, order=order)
        )

    def _show_feedback(self, question: ExerciseQuestion) -> None:
        language = self.language
        feedback = self.session.feedback(question.id)
        area = self.query_one("#ws-feedback", Static)
        if feedback is None:
            area.update("")
            return
        if not self.session.practice:
            area.update(say("workshop.run.saved", language))
            return
        area.update(
            _feedback_text(question, feedback.score, language)
            + f"\n[dim]{say('workshop.run.next', language)}[/dim]"
        )

    # Answering ------------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        question = self.exercise.questions_by_id.get(self.current or "")
        if question is None or event.option.id is None:
            return
        if question.kind == "single":
            self._submit(question, [event.option.id])
        elif question.kind == "ranking" and event.option.id not in self.ranking:
            self.ranking.append(event.option.id)
            self._show_ranking(question)
            if len(self.ranking) == len(question.options):
                self._submit(question, list(self.ranking))

    def action_pick(self, number: int) -> None:
        """Pick the n-th option: answer a single choice, toggle a multiple, place a ranking."""
        question = self.exercise.questions_by_id.get(self.current or "")
        if question is None or self.finished or not 1 <= number <= len(question.options):
            return
        value = question.options[number - 1].value
        if question.kind == "single":
            self.query_one("#ws-single", OptionList).highlighted = number - 1
            self._submit(question, [value])
        elif question.kind == "multiple":
            self.query_one("#ws-multiple", SelectionList).toggle(value)
        elif value not in self.ranking:
            self.ranking.append(value)
            self._show_ranking(question)
            if len(self.ranking) == len(question.options):
                self._submit(question, list(self.ranking))

    def action_unrank(self) -> None:
        """Take back the last option placed in a ranking."""
        question = self.exercise.questions_by_id.get(self.current or "")
        if question is not None and question.kind == "ranking" and self.ranking:
            self.ranking.pop()
            self._show_ranking(question)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ws-release":
            self.action_release()
        elif event.button.id == "ws-finish":
            self.action_finish()
        elif event.button.id == "ws-submit":
            self.action_submit()

    def action_submit(self) -> None:
        """Answer a multiple-choice question with the options ticked, or a ranking as placed."""
        question = self.exercise.questions_by_id.get(self.current or "")
        if question is None or self.finished:
            return
        if question.kind == "multiple":
            chosen = list(self.query_one("#ws-multiple", SelectionList).selected)
            order = [option.value for option in question.options]
            self._submit(question, sorted(chosen, key=order.index))
        elif question.kind == "ranking":
            self._submit(question, list(self.ranking))

    def _submit(self, question: ExerciseQuestion, choices: list[str]) -> None:
        def job() -> service.Feedback:
            return self.session.answer(question.id, choices)

        def done(_feedback: service.Feedback) -> None:
            self._answered(question)

        # The app's one writer thread keeps saves in order; errors become its error dialog.
        self.frame.save(job, done)

    def _answered(self, question: ExerciseQuestion) -> None:
        self._show_feedback(question)
        if self.session.practice:
            return  # the participant reads the explanation, then moves on
        self.action_move(1)

    def action_move(self, step: int) -> None:
        """Go to the next (or previous) released question."""
        ids = [question.id for question in self.open_questions()]
        if not ids or self.finished:
            return
        index = ids.index(self.current) if self.current in ids else len(ids) - 1
        target = index + step
        if 0 <= target < len(ids):
            self.current = ids[target]
            self.ranking = []
            self.show_question()
        elif step > 0 and all(self.session.choices(qid) is not None for qid in ids):
            self.current = None
            self.show_question()

    # Finishing -------------------------------------------------------------------------------

    def action_finish(self) -> None:
        """Save the end time and show the score and the review."""
        if self.finished:
            return

        def job() -> object:
            return self.session.finish()

        def done(_result: object) -> None:
            self.finished = True
            self.query_one("#ws-body").display = False
            self.query_one("#ws-review-pane").display = True
            self._show_review()

        self.frame.save(job, done)

    def _show_review(self) -> None:
        language = self.language
        score = self.session.score()
        lines = [
            f"[b]{say('workshop.review.title', language)}[/b]",
            say(
                "workshop.review.score",
                language,
                percent=round(score.percent),
                correct=score.correct,
                total=score.questions,
                answered=score.answered,
            ),
            escape(say("workshop.review.file", language, path=str(self.session.path))),
        ]
        for number, question in enumerate(self.exercise.questions, start=1):
            labels = {o.value: o.label.get(language) for o in question.options}
            given = self.session.choices(question.id)
            yours = (
                " › ".join(escape(labels.get(v, v)) for v in given)
                if given
                else say("workshop.review.none", language)
            )
            feedback = self.session.feedback(question.id)
            lines.append(f"\n[b]{number}. {escape(question.text.get(language))}[/b]")
            lines.append(f"{say('workshop.review.yours', language)}: {yours}")
            lines.append(_feedback_text(question, feedback.score if feedback else None, language))
        self.query_one("#ws-review", Static).update("\n".join(lines))
        self.query_one("#ws-review-pane", VerticalScroll).focus()

    def action_back(self) -> None:
        """Leave the exercise (every answer is already saved)."""
        if self.classroom:
            self.app.switch_screen(WorkshopStartScreen(classroom=True))
        else:
            self.app.pop_screen()


def _feedback_text(question: ExerciseQuestion, score: float | None, language: Language) -> str:
    """The verdict (none when unanswered), the model answer, the explanation and its sources."""
    if score is None:
        verdict = ""
    elif score == 1.0:
        verdict = f"[green]{say('workshop.run.correct', language)}[/green]"
    elif score > 0:
        verdict = (
            f"[yellow]{say('workshop.run.partly', language, score=round(100 * score))}[/yellow]"
        )
    else:
        verdict = f"[red]{say('workshop.run.wrong', language)}[/red]"
    labels = {option.value: option.label.get(language) for option in question.options}
    separator = " › " if question.kind == "ranking" else "; "
    model = separator.join(escape(labels[value]) for value in question.model_answer)
    return (
        (f"{verdict}\n" if verdict else "")
        + f"[b]{say('workshop.run.model', language)}:[/b] {model}\n"
        f"[b]{say('workshop.run.why', language)}:[/b] {escape(question.explanation.get(language))}\n"
        f"[dim]{say('workshop.run.sources', language)}: {escape('; '.join(question.references))}[/dim]"
    )
