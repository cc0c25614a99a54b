"""Builds the view models the classroom templates print: every decision is made here.

The templates only print these (they hold no logic beyond loops and "if shown"); what a
participant or the trainer sees follows from the classroom's state and the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from cisec.model.exercise import ExerciseQuestion, Inject
from cisec.model.text import Language
from cisec.services.classroom import Classroom, Participant, QuestionTally, Tally
from cisec.web.wording import say, words

HTML_LANG = {"en": "en", "zh-Hant": "zh-Hant-HK"}


@dataclass(frozen=True)
class Frame:
    """What every page has: its language, title and the language switch."""

    lang: Language
    html_lang: str
    title: str
    w: dict[str, str]
    switch_href: str
    switch_label: str
    switch_name: str
    switch_lang: str


def frame(language: Language, title: str, path: str, query: dict[str, str] | None = None) -> Frame:
    """The frame of a page at `path`; the switch keeps the page's query (e.g. the trainer key)."""
    other: Language = "zh-Hant" if language == "en" else "en"
    switch_query = {**(query or {}), "lang": other}
    return Frame(
        lang=language,
        html_lang=HTML_LANG[language],
        title=title,
        w=words(language),
        switch_href=f"{path}?{urlencode(switch_query)}",
        switch_label=say("language.switch", language),
        switch_name=say("language.switch.name", language),
        switch_lang=HTML_LANG[other],
    )


def paragraphs(text: str) -> tuple[str, ...]:
    """A pack text's paragraphs (the YAML keeps a blank line between them as a line break)."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


# The participant's pages -------------------------------------------------------------------


@dataclass(frozen=True)
class InjectView:
    """One released inject."""

    id: str
    at: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class OptionView:
    """One option of the current question, as a labelled control."""

    value: str
    label: str
    control_id: str
    places: tuple[int, ...]  # a ranking's select offers these places; empty otherwise
    place_name: str


@dataclass(frozen=True)
class AnswerView:
    """A submitted answer, and the model answer when it may be shown."""

    yours: tuple[str, ...]
    verdict: str
    show_model: bool
    model: tuple[str, ...]
    explanation: tuple[str, ...]
    references: tuple[str, ...]


@dataclass(frozen=True)
class QuestionView:
    """The one question on screen."""

    id: str
    heading: str
    text: str
    hint: str
    control: str  # radio, checkbox or rank
    options: tuple[OptionView, ...]
    answer: AnswerView | None
    closed: bool
    next_href: str | None


@dataclass(frozen=True)
class NavItem:
    """A link to one released question."""

    href: str
    label: str
    state: str
    current: bool


@dataclass(frozen=True)
class ExerciseView:
    """The participant's page."""

    frame: Frame
    pack_title: str
    joined_as: str
    scenario: tuple[str, ...]
    injects: tuple[InjectView, ...]
    nav: tuple[NavItem, ...]
    question: QuestionView | None
    waiting: bool
    ended: str | None
    error: str | None
    state: str  # a fingerprint of what the page shows, so the script knows when to reload


def inject_view(inject: Inject, language: Language) -> InjectView:
    """An inject as the participant reads it."""
    return InjectView(
        id=inject.id,
        at=say("exercise.inject.at", language, minutes=inject.at_minute),
        title=inject.title.get(language),
        paragraphs=paragraphs(inject.text.get(language)),
    )


def exercise_view(
    classroom: Classroom,
    participant: Participant,
    language: Language,
    asked: str | None,
    error: str | None = None,
) -> ExerciseView:
    """The exercise page for `participant`, at question `asked` (else the first unanswered)."""
    questions = classroom.released_questions()
    session = participant.session
    ids = [question.id for question in questions]
    current = asked if asked in ids else None
    if current is None:
        current = next((q.id for q in questions if session.choices(q.id) is None), None)
    nav = tuple(
        NavItem(
            href=f"/exercise?{urlencode({'q': question.id})}",
            label=say("exercise.question.of", language, number=number, total=len(questions)),
            state=say(
                "exercise.question.answered"
                if session.choices(question.id) is not None
                else "exercise.question.open",
                language,
            ),
            current=question.id == current,
        )
        for number, question in enumerate(questions, start=1)
    )
    shown = None
    if current is not None:
        position = ids.index(current)
        following = next((q for q in questions[position + 1 :] if q.id), None)
        shown = question_view(
            classroom,
            participant,
            questions[position],
            language,
            heading=nav[position].label,
            next_id=following.id if following is not None else None,
        )
    ended = None
    if classroom.ended_at is not None:
        score = session.score()
        ended = " ".join(
            (
                say("exercise.ended", language),
                say(
                    "exercise.score",
                    language,
                    percent=round(score.percent),
                    correct=score.correct,
                    questions=score.questions,
                ),
            )
        )
    exercise = classroom.exercise
    return ExerciseView(
        frame=frame(language, exercise.title.get(language), "/exercise", {"q": current or ""}),
        pack_title=exercise.title.get(language),
        joined_as=say("exercise.joined_as", language, name=participant.name),
        scenario=paragraphs(exercise.scenario.get(language)),
        injects=tuple(inject_view(inject, language) for inject in classroom.released_injects()),
        nav=nav,
        question=shown,
        waiting=current is None and ended is None,
        ended=ended,
        error=error,
        state=page_state(classroom),
    )


def page_state(classroom: Classroom) -> str:
    """What a participant's page depends on besides their own answers."""
    revealed = ",".join(sorted(classroom.revealed))
    return f"{classroom.released}|{revealed}|{int(classroom.ended_at is not None)}"


def question_view(
    classroom: Classroom,
    participant: Participant,
    question: ExerciseQuestion,
    language: Language,
    *,
    heading: str,
    next_id: str | None,
) -> QuestionView:
    """One question: its controls, or the submitted answer with feedback."""
    if question.kind == "ranking":
        control, hint = "rank", say("exercise.kind.ranking", language)
    elif question.kind == "multiple":
        control = "checkbox"
        hint = (
            say("exercise.kind.pick", language, pick=question.pick)
            if question.pick
            else say("exercise.kind.multiple", language)
        )
    else:
        control, hint = "radio", say("exercise.kind.single", language)
    count = len(question.options)
    options = tuple(
        OptionView(
            value=option.value,
            label=option.label.get(language),
            control_id=f"option-{option.value}",
            places=tuple(range(1, count + 1)) if control == "rank" else (),
            place_name=say("exercise.place", language, option=option.label.get(language)),
        )
        for option in question.options
    )
    revealed = question.id in classroom.revealed
    feedback = participant.session.feedback(question.id)
    answer = None
    if feedback is not None:
        show_model = classroom.practice or revealed
        answer = answer_view(question, feedback.choices, feedback.score, show_model, language)
    elif revealed:
        answer = AnswerView((), "", True, *model_parts(question, language))
    return QuestionView(
        id=question.id,
        heading=heading,
        text=question.text.get(language),
        hint=hint,
        control=control,
        options=options,
        answer=answer,
        closed=revealed or classroom.ended_at is not None,
        next_href=f"/exercise?{urlencode({'q': next_id})}" if next_id else None,
    )


def model_parts(
    question: ExerciseQuestion, language: Language
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The model answer's labels, the explanation's paragraphs and the sources."""
    return (
        labels(question, question.model_answer, language),
        paragraphs(question.explanation.get(language)),
        tuple(question.references),
    )


def labels(
    question: ExerciseQuestion, values: tuple[str, ...] | list[str], language: Language
) -> tuple[str, ...]:
    """The labels of option values, in the order given."""
    found = (question.option(value) for value in values)
    return tuple(option.label.get(language) for option in found if option is not None)


def answer_view(
    question: ExerciseQuestion,
    choices: tuple[str, ...],
    score: float,
    show_model: bool,
    language: Language,
) -> AnswerView:
    """A submitted answer; with the verdict and model answer when they may be shown."""
    verdict = ""
    if show_model:
        if score == 1.0:
            verdict = say("exercise.correct", language)
        elif score > 0:
            verdict = say("exercise.partly", language, percent=round(score * 100))
        else:
            verdict = say("exercise.wrong", language)
    model, explanation, references = model_parts(question, language) if show_model else ((), (), ())
    return AnswerView(
        labels(question, choices, language), verdict, show_model, model, explanation, references
    )


# The trainer's screen ----------------------------------------------------------------------


@dataclass(frozen=True)
class CountView:
    """One option's count on the trainer's screen."""

    label: str
    count: int
    total: int
    text: str
    model: bool


@dataclass(frozen=True)
class TallyView:
    """One released question's live counts."""

    id: str
    text: str
    answered: str
    counts: tuple[CountView, ...]
    revealed: bool


@dataclass(frozen=True)
class LiveView:
    """The part of the trainer's screen that the push channel replaces."""

    summary: str
    injects: str
    roster: tuple[tuple[str, int], ...]
    questions: tuple[TallyView, ...]
    answers: int
    ended: bool


@dataclass(frozen=True)
class TrainerView:
    """The trainer's screen."""

    frame: Frame
    key: str
    code: str
    join_url: str
    mode: str
    release: str | None
    live: LiveView
    ended: str | None
    results_href: str | None
    results_files: str | None
    notice: str | None


def tally_view(tally: QuestionTally, joined: int, language: Language) -> TallyView:
    """One question's counts, the model answer marked once it is revealed."""
    question = tally.question
    counts = tuple(
        CountView(
            label=option.label.get(language),
            count=count,
            total=max(tally.answered, 1),
            text=say("trainer.count", language, count=count, option=option.label.get(language)),
            model=tally.revealed and value in question.model_answer,
        )
        for (value, count), option in zip(tally.counts, question.options, strict=True)
    )
    return TallyView(
        id=question.id,
        text=question.text.get(language),
        answered=say("trainer.answered", language, answered=tally.answered, joined=joined),
        counts=counts,
        revealed=tally.revealed,
    )


def live_view(tally: Tally, language: Language) -> LiveView:
    """The live part of the trainer's screen."""
    joined = len(tally.roster)
    return LiveView(
        summary=say("trainer.joined", language, joined=joined, answers=tally.answers),
        injects=say("trainer.injects", language, released=tally.released, total=tally.injects),
        roster=tuple((line.name, line.answered) for line in tally.roster),
        questions=tuple(tally_view(question, joined, language) for question in tally.questions),
        answers=tally.answers,
        ended=tally.ended,
    )


def trainer_view(
    classroom: Classroom, language: Language, join_url: str, notice: str | None = None
) -> TrainerView:
    """The trainer's screen: the code and address to show, the controls, the live counts."""
    upcoming = classroom.exercise.injects[classroom.released :]
    release = None
    if upcoming and classroom.ended_at is None:
        release = say("trainer.release", language, title=upcoming[0].title.get(language))
    results = classroom.results
    ended = results_href = results_files = None
    if results is not None:
        mean = "—" if results.mean_percent is None else f"{results.mean_percent:.1f}%"
        ended = say("trainer.ended", language, participants=results.participants, mean=mean)
        results_href = f"/trainer/results?{urlencode({'key': classroom.trainer_key})}"
        results_files = say(
            "trainer.results.files", language, html=results.html.name, json=results.json.name
        )
    exercise = classroom.exercise
    return TrainerView(
        frame=frame(
            language,
            f"{say('trainer.title', language)} — {exercise.title.get(language)}",
            "/trainer",
            {"key": classroom.trainer_key},
        ),
        key=classroom.trainer_key,
        code=classroom.code,
        join_url=join_url,
        mode=say("trainer.mode.practice" if classroom.practice else "trainer.mode.class", language),
        release=release,
        live=live_view(classroom.tally(), language),
        ended=ended,
        results_href=results_href,
        results_files=results_files,
        notice=notice,
    )


# Plain pages -------------------------------------------------------------------------------


@dataclass(frozen=True)
class JoinView:
    """The join page."""

    frame: Frame
    pack_title: str
    code: str
    name: str
    error: str | None


def join_view(
    classroom: Classroom,
    language: Language,
    *,
    code: str = "",
    name: str = "",
    error: str | None = None,
) -> JoinView:
    """The join page, keeping what was typed when it comes back with a sentence."""
    return JoinView(
        frame=frame(language, say("join.title", language), "/"),
        pack_title=classroom.exercise.title.get(language),
        code=code,
        name=name,
        error=error,
    )


@dataclass(frozen=True)
class MessageView:
    """A page that says one thing (a refusal, a full class) and where to go next."""

    frame: Frame
    message: str
    next_step: str
    back: bool


def message_view(
    language: Language, message: str, next_step: str = "", back: bool = True
) -> MessageView:
    """A page with one sentence and the next step."""
    return MessageView(frame(language, say("error.title", language), "/"), message, next_step, back)
