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

from cisec.errors import CisecError
from cisec.model.exercise import Exercise, ExerciseQuestion
from cisec.model.text import Language
from cisec.services import workshop as service
from cisec.tui.screens.base import CisecScreen

# key: (English, 繁體中文（香港）). Workshop wording lives here, next to the only screens using it.
WORDS: dict[str, tuple[str, str]] = {
    "start.title": ("Workshop — choose an exercise", "工作坊——選擇演練"),
    "start.packs": ("Exercise", "演練"),
    "start.name": ("Participant or team name", "參加者或隊伍名稱"),
    "start.mode": ("Mode", "模式"),
    "start.practice": (
        "Practice: see the model answer after each answer",
        "練習：每次作答後即看參考答案",
    ),
    "start.class": (
        "Class: model answers at the debrief",
        "課堂：參考答案在檢討環節公布",
    ),
    "start.pacing": ("New facts (injects) arrive", "情境更新的發放方式"),
    "start.trainer": ("when the trainer says (press ])", "按導師指示（按 ]）"),
    "start.timer": ("by the clock, at T+n minutes", "按時間，於開始後第 n 分鐘"),
    "start.go": ("Start", "開始"),
    "start.details": (
        "{minutes} minutes · {questions} questions",
        "{minutes} 分鐘 · {questions} 條問題",
    ),
    "start.none": ("No exercise packs found.", "找不到演練。"),
    "keys.start": (
        "tab move · enter start · esc back · F2 中文",
        "tab 移動 · enter 開始 · esc 返回 · F2 English",
    ),
    "run.scenario": ("Scenario", "情境"),
    "run.clock": ("T+{minutes}:{seconds:02d}", "T+{minutes}:{seconds:02d}"),
    "run.question": ("Question {number} of {total}", "第 {number} 題（共 {total} 題）"),
    "run.waiting": (
        "All released questions are answered. Wait for the next inject, or finish.",
        "已發放的問題均已作答。請等待下一個情境更新，或完成演練。",
    ),
    "run.single": ("Choose one answer.", "請選擇一個答案。"),
    "run.multiple": (
        "Choose all that apply, then submit (s).",
        "請選擇所有適用答案，然後提交（s）。",
    ),
    "run.multiple.pick": ("Choose {pick}, then submit (s).", "請選擇 {pick} 項，然後提交（s）。"),
    "run.ranking": (
        "Choose the options in order, most important first; backspace undoes the last.",
        "請按次序選擇各項，最重要的排先；按 backspace 取消上一項。",
    ),
    "run.ranked": ("Your order: {order}", "你的排序：{order}"),
    "run.submit": ("Submit", "提交"),
    "run.finish": ("Finish", "完成"),
    "run.next_inject": ("Next inject", "下一個情境更新"),
    "run.saved": ("Saved.", "已儲存。"),
    "run.correct": ("✓ The model answer.", "✓ 與參考答案相同。"),
    "run.partly": ("Partly right: {score}% of the marks.", "部分正確：得分 {score}%。"),
    "run.wrong": ("✗ Not the model answer.", "✗ 與參考答案不同。"),
    "run.model": ("Model answer", "參考答案"),
    "run.why": ("Why", "理由"),
    "run.sources": ("Sources", "資料來源"),
    "run.next": ("Press n for the next question.", "按 n 前往下一題。"),
    "run.released": ("New: {title}", "新情境：{title}"),
    "run.all_released": ("Every inject has been released.", "所有情境更新均已發放。"),
    "keys.run": (
        "1-9 pick · s submit · n/p question · ] inject · f finish · esc back · F2 中文",
        "1-9 選擇 · s 提交 · n/p 上下題 · ] 情境更新 · f 完成 · esc 返回 · F2 English",
    ),
    "review.title": ("Your result", "你的結果"),
    "review.score": (
        "Score {percent}% · {correct} of {total} exactly right · {answered} answered",
        "得分 {percent}% · {total} 題中 {correct} 題完全正確 · 已答 {answered} 題",
    ),
    "review.yours": ("Your answer", "你的答案"),
    "review.none": ("(not answered)", "（未作答）"),
    "review.file": ("Saved in {path}", "已儲存於 {path}"),
}


def say(key: str, language: Language, **values: object) -> str:
    """The workshop string `key` in `language`, with `{placeholders}` filled."""
    english, chinese = WORDS[key]
    text = english if language == "en" else chinese
    return text.format(**values) if values else text


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
            details.update(say("start.none", self.language) if not self.packs else "")
            return
        details.update(
            say(
                "start.details",
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
            ("#ws-start-title", "start.title"),
            ("#ws-packs-label", "start.packs"),
            ("#ws-name-label", "start.name"),
            ("#ws-mode-label", "start.mode"),
            ("#ws-pacing-label", "start.pacing"),
            ("#ws-start-keys", "keys.start"),
        ):
            self.query_one(widget_id, Static).update(say(key, language))
        for widget_id, key in (
            ("#ws-practice", "start.practice"),
            ("#ws-class", "start.class"),
            ("#ws-trainer", "start.trainer"),
            ("#ws-timer", "start.timer"),
        ):
            self.query_one(widget_id, RadioButton).label = say(key, language)
        self.query_one("#ws-go", Button).label = say("start.go", language)
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
        try:
            session = service.start_practice(
                pack.id,
                self.query_one("#ws-name", Input).value,
                mode="practice" if practice else "class",
                pacing="timer" if timer else "trainer",
                language=self.language,
            )
        except CisecError as error:
            self.frame.show_error(error)
            return
        self.app.switch_screen(WorkshopScreen(session, classroom=self.classroom))


class WorkshopScreen(CisecScreen):
    """The scenario, injects as released, the current question, feedback; at the end, the review."""

    CSS_PATH = "workshop.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "release", "run.next_inject"),
        Binding("f", "finish", "run.finish"),
        Binding("s", "submit", "run.submit"),
        Binding("escape", "back", "key.back"),
        # Not the arrows or page keys: the option lists use those to move between options.
        Binding("n,ctrl+down", "move(1)", "key.down", show=False),
        Binding("p,ctrl+up", "move(-1)", "key.up", show=False),
        Binding("backspace", "unrank", "run.ranking", show=False),
        # Keyboard first, as in the questionnaire walk: a digit picks the n-th option.
        *(Binding(str(n), f"pick({n})", "run.pick", show=False) for n in range(1, 10)),
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
        self.query_one("#ws-keys", Static).update(say("keys.run", language))
        self.query_one("#ws-submit", Button).label = say("run.submit", language)
        self.query_one("#ws-release", Button).label = say("run.next_inject", language)
        self.query_one("#ws-finish", Button).label = say("run.finish", language)
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
            self.notify(say("run.all_released", self.language))
            return
        self.released += 1
        self._after_release()

    def _after_release(self) -> None:
        inject = self.exercise.injects[self.released - 1]
        self.notify(say("run.released", self.language, title=inject.title.get(self.language)))
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
        clock = say("run.clock", self.language, minutes=seconds // 60, seconds=seconds % 60)
        self.query_one("#ws-title", Static).update(
            f"{escape(self.exercise.title.get(self.language))} · "
            f"{escape(self.session.answers.participant)} · {clock}"
        )

    def _show_story(self, *, scroll_to_end: bool = False) -> None:
        language = self.language
        parts = [
            f"[b]{say('run.scenario', language)}[/b]\n{escape(self.exercise.scenario.get(language))}"
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
            say("run.question", self.language, number=number, total=len(self.exercise.questions))
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
            self.query_one("#ws-progress", Static).update(say("run.waiting", language))
            self.query_one("#ws-feedback", Static).update("")
            return
        self._show_progress()
        self.query_one("#ws-question", Static).update(
            f"[b]{escape(question.text.get(language))}[/b]"
        )
        if question.kind == "multiple":
            how = (
                say("run.multiple.pick", language, pick=question.pick)
                if question.pick
                else say("run.multiple", language)
            )
        else:
            how = say(f"run.{question.kind}", language)
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
        self.query_one("#ws-ranked", Static).update(say("run.ranked", self.language, order=order))

    def _show_feedback(self, question: ExerciseQuestion) -> None:
        language = self.language
        feedback = self.session.feedback(question.id)
        area = self.query_one("#ws-feedback", Static)
        if feedback is None:
            area.update("")
            return
        if not self.session.practice:
            area.update(say("run.saved", language))
            return
        area.update(
            _feedback_text(question, feedback.score, language)
            + f"\n[dim]{say('run.next', language)}[/dim]"
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
            f"[b]{say('review.title', language)}[/b]",
            say(
                "review.score",
                language,
                percent=round(score.percent),
                correct=score.correct,
                total=score.questions,
                answered=score.answered,
            ),
            escape(say("review.file", language, path=str(self.session.path))),
        ]
        for number, question in enumerate(self.exercise.questions, start=1):
            labels = {o.value: o.label.get(language) for o in question.options}
            given = self.session.choices(question.id)
            yours = (
                " › ".join(escape(labels.get(v, v)) for v in given)
                if given
                else say("review.none", language)
            )
            feedback = self.session.feedback(question.id)
            lines.append(f"\n[b]{number}. {escape(question.text.get(language))}[/b]")
            lines.append(f"{say('review.yours', language)}: {yours}")
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
        verdict = f"[green]{say('run.correct', language)}[/green]"
    elif score > 0:
        verdict = f"[yellow]{say('run.partly', language, score=round(100 * score))}[/yellow]"
    else:
        verdict = f"[red]{say('run.wrong', language)}[/red]"
    labels = {option.value: option.label.get(language) for option in question.options}
    separator = " › " if question.kind == "ranking" else "; "
    model = separator.join(escape(labels[value]) for value in question.model_answer)
    return (
        (f"{verdict}\n" if verdict else "") + f"[b]{say('run.model', language)}:[/b] {model}\n"
        f"[b]{say('run.why', language)}:[/b] {escape(question.explanation.get(language))}\n"
        f"[dim]{say('run.sources', language)}: {escape('; '.join(question.references))}[/dim]"
    )
