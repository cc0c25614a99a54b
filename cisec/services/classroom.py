"""The classroom use case behind `cisec serve`: one pack, a class code, the trainer's pace.

A `Classroom` holds who has joined (one participant file each, written by the durable writer),
which injects the trainer has released, which model answers are revealed, and the live counts
the trainer's screen shows. It knows nothing of HTTP: the web face checks codes and keys with
it, calls it from one writer thread, and pushes what changed.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cisec.errors import CisecError
from cisec.model.exercise import Exercise, ExerciseQuestion, Inject
from cisec.model.text import Language
from cisec.services.workshop import (
    Feedback,
    PracticeSession,
    get_pack,
    merge_class_results,
    now_utc,
    released_questions,
    start_practice,
    workshop_dir,
    write_class_results,
)
from cisec.workshop.answers import Mode
from cisec.workshop.practice import ParticipantScore

DEFAULT_MAX_PARTICIPANTS = 200
CODE_PATTERN = re.compile(r"^[A-Za-z0-9]{4,32}$")
CODE_DIGITS = 6


def new_class_code() -> str:
    """A random class code of six digits: quick to type on a phone, read out in a room."""
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def normalise_code(code: str) -> str:
    """A class code as compared: spaces dropped, letters in upper case."""
    return "".join(code.split()).upper()


@dataclass
class Participant:
    """One browser that joined: its participant file and when it joined."""

    token: str
    session: PracticeSession

    @property
    def name(self) -> str:
        """The name or team name typed at the join page."""
        return self.session.answers.participant

    @property
    def language(self) -> Language:
        """The language the participant joined in."""
        return self.session.answers.language


@dataclass(frozen=True)
class QuestionTally:
    """How the class has answered one released question so far."""

    question: ExerciseQuestion
    answered: int
    counts: tuple[tuple[str, int], ...]  # option value -> how many chose it (any place)
    revealed: bool


@dataclass(frozen=True)
class RosterLine:
    """One participant on the trainer's screen."""

    name: str
    answered: int


@dataclass(frozen=True)
class Tally:
    """A consistent snapshot of the class for the trainer's screen."""

    roster: tuple[RosterLine, ...]
    questions: tuple[QuestionTally, ...]
    released: int
    injects: int
    ended: bool
    answers: int


@dataclass(frozen=True)
class ClassResultsFiles:
    """What ending the exercise wrote."""

    html: Path
    json: Path
    participants: int
    mean_percent: float | None


@dataclass
class Classroom:
    """One class running one pack; every method is safe to call from any thread."""

    exercise: Exercise
    code: str
    trainer_key: str
    folder: Path
    mode: Mode = "practice"
    max_participants: int = DEFAULT_MAX_PARTICIPANTS
    released: int = 0
    revealed: set[str] = field(default_factory=set)
    ended_at: dt.datetime | None = None
    results: ClassResultsFiles | None = None
    _participants: dict[str, Participant] = field(default_factory=dict)
    _joining: int = 0
    _lock: threading.RLock = field(default_factory=threading.RLock)

    # Access ----------------------------------------------------------------------------

    def code_matches(self, code: str) -> bool:
        """Whether `code` is this class's code (compared in constant time)."""
        return hmac.compare_digest(
            normalise_code(code).encode("utf-8"), normalise_code(self.code).encode("utf-8")
        )

    def key_matches(self, key: str) -> bool:
        """Whether `key` is the trainer's key (compared in constant time)."""
        return hmac.compare_digest(key.encode("utf-8"), self.trainer_key.encode("utf-8"))

    @property
    def practice(self) -> bool:
        """Whether a participant sees the model answer as soon as they have answered."""
        return self.mode == "practice"

    # Participants ----------------------------------------------------------------------

    def join(self, name: str, language: Language) -> Participant:
        """Start a participant file for `name`; CisecError when the class is full or over."""
        with self._lock:
            if self.ended_at is not None:
                raise CisecError(
                    "The exercise has ended.",
                    "Thank you for taking part.",
                    message_zh="演練已結束。",
                    next_step_zh="多謝參與。",
                )
            if len(self._participants) + self._joining >= self.max_participants:
                raise CisecError(
                    f"The class is full: {self.max_participants} participants have joined.",
                    "Join with a team that is already in, or ask the trainer.",
                    message_zh=f"課堂已滿：已有 {self.max_participants} 位參加者加入。",
                    next_step_zh="請與已加入的隊伍一起作答，或向導師查詢。",
                )
            self._joining += 1  # a place held while the file is written, outside the lock
        try:
            session = start_practice(
                self.exercise.id,
                name,
                mode=self.mode,
                pacing="trainer",
                language=language,
                folder=self.folder,
            )
        finally:
            with self._lock:
                self._joining -= 1
        participant = Participant(secrets.token_urlsafe(24), session)
        with self._lock:
            self._participants[participant.token] = participant
        return participant

    def participant(self, token: str) -> Participant | None:
        """The participant a browser's token names, if it joined this class."""
        with self._lock:
            return self._participants.get(token)

    @property
    def joined(self) -> int:
        """How many participants have joined."""
        with self._lock:
            return len(self._participants)

    def answer(self, token: str, question_id: str, choices: Sequence[str]) -> Feedback:
        """Record and save one answer; CisecError says why it cannot be taken."""
        with self._lock:
            participant = self._participants.get(token)
            if participant is None:
                raise CisecError(
                    "This browser has not joined the class.",
                    "Join again with the class code.",
                    message_zh="此瀏覽器尚未加入課堂。",
                    next_step_zh="請以課堂代碼重新加入。",
                )
            if self.ended_at is not None:
                raise CisecError(
                    "The exercise has ended.",
                    "Thank you for taking part.",
                    message_zh="演練已結束。",
                    next_step_zh="多謝參與。",
                )
            if question_id not in {q.id for q in self.released_questions()}:
                raise CisecError(
                    "That question has not been released yet.",
                    "Wait for the trainer to release the next inject.",
                    message_zh="這條問題尚未發放。",
                    next_step_zh="請等候導師發放下一個演練情境更新。",
                )
            if participant.session.choices(question_id) is not None:
                raise CisecError(
                    "You have already answered this question.",
                    message_zh="你已回答這條問題。",
                )
            if question_id in self.revealed:
                raise CisecError(
                    "The trainer has revealed the model answer; this question is closed.",
                    message_zh="導師已公布參考答案，這條問題已停止作答。",
                )
            feedback = participant.session.record(question_id, choices)
        # The file is written outside the lock so the trainer's screen never waits on a disk;
        # one writer thread calls this, so a participant's saves cannot overtake each other.
        try:
            participant.session.save()
        except CisecError:
            with self._lock:
                participant.session.answers.answers.pop(question_id, None)
            raise
        return feedback

    def score(self, token: str) -> ParticipantScore | None:
        """A participant's score so far."""
        with self._lock:
            participant = self._participants.get(token)
            return participant.session.score() if participant is not None else None

    # The trainer -----------------------------------------------------------------------

    def released_injects(self) -> list[Inject]:
        """The injects released so far, in order."""
        with self._lock:
            return list(self.exercise.injects[: self.released])

    def released_questions(self) -> list[ExerciseQuestion]:
        """The questions one can see so far, in pack order."""
        with self._lock:
            return released_questions(self.exercise, self.released)

    def release_next(self) -> Inject | None:
        """Release the next inject to everyone; None when all are out (or the class ended)."""
        with self._lock:
            if self.ended_at is not None or self.released >= len(self.exercise.injects):
                return None
            inject = self.exercise.injects[self.released]
            self.released += 1
            return inject

    def reveal(self, question_id: str) -> ExerciseQuestion:
        """Reveal a released question's model answer to everyone and close it to answers."""
        with self._lock:
            question = {q.id: q for q in self.released_questions()}.get(question_id)
            if question is None:
                raise CisecError(
                    f"No released question '{question_id}'.",
                    message_zh=f"沒有已發放的問題「{question_id}」。",
                )
            self.revealed.add(question_id)
            return question

    def tally(self) -> Tally:
        """Who has joined and answered, and the counts per option of every released question."""
        with self._lock:
            participants = list(self._participants.values())
            roster = tuple(RosterLine(p.name, len(p.session.answers.answers)) for p in participants)
            questions = []
            for question in self.released_questions():
                chosen: Counter[str] = Counter()
                answered = 0
                for participant in participants:
                    answer = participant.session.answers.answers.get(question.id)
                    if answer is not None:
                        answered += 1
                        chosen.update(answer.choices)
                counts = tuple((option.value, chosen[option.value]) for option in question.options)
                questions.append(
                    QuestionTally(question, answered, counts, question.id in self.revealed)
                )
            return Tally(
                roster=roster,
                questions=tuple(questions),
                released=self.released,
                injects=len(self.exercise.injects),
                ended=self.ended_at is not None,
                answers=sum(line.answered for line in roster),
            )

    def end(self, *, now: dt.datetime | None = None) -> ClassResultsFiles:
        """End the exercise: mark every file finished, merge them and write the class results."""
        with self._lock:
            if self.results is not None:
                return self.results
            moment = self.ended_at or now or now_utc()
            self.ended_at = moment
            participants = list(self._participants.values())
        if not participants:
            raise CisecError(
                "The exercise has ended; nobody joined, so there are no class results.",
                message_zh="演練已結束；沒有人加入，因此沒有課堂結果。",
            )
        for participant in participants:
            participant.session.finish(now=moment)
        stem = f"{self.exercise.id}-class-results-{moment:%Y%m%d-%H%M%S}"
        html = self.folder / f"{stem}.html"
        data = self.folder / f"{stem}.json"
        # This class's files only: the folder may hold earlier classes' files of the same pack.
        outcome = merge_class_results(
            [participant.session.path for participant in participants], pack_id=self.exercise.id
        )
        write_class_results(outcome.results, data)
        write_class_results(outcome.results, html, language="both")
        results = ClassResultsFiles(
            html, data, len(outcome.results.participants), outcome.results.mean_percent
        )
        with self._lock:
            self.results = results
        return results


def open_classroom(
    pack_id: str,
    *,
    code: str | None = None,
    folder: Path | None = None,
    mode: Mode = "practice",
    max_participants: int = DEFAULT_MAX_PARTICIPANTS,
) -> Classroom:
    """A classroom for `pack_id`: the code checked (or generated), the folder created."""
    exercise = get_pack(pack_id)
    if code is not None and not CODE_PATTERN.match(normalise_code(code)):
        raise CisecError(
            "A class code is 4 to 32 letters or digits.",
            "Choose another --code, or leave it out and cisec makes one.",
            message_zh="課堂代碼須為 4 至 32 個英文字母或數字。",
            next_step_zh="請另選 --code，或略去此選項讓 cisec 產生代碼。",
        )
    if max_participants < 1:
        raise CisecError(
            "A class needs room for at least one participant.",
            message_zh="課堂最少須容納一位參加者。",
        )
    chosen = (folder or workshop_dir()).expanduser()
    try:
        chosen.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CisecError(
            f"Cannot create the workshop folder {chosen} ({error.strerror}).",
            message_zh=f"無法建立工作坊資料夾 {chosen}（{error.strerror}）。",
        ) from None
    return Classroom(
        exercise=exercise,
        code=normalise_code(code) if code is not None else new_class_code(),
        trainer_key=secrets.token_urlsafe(18),
        folder=chosen.resolve(),
        mode=mode,
        max_participants=max_participants,
    )


def render_page(template: str, **context: Any) -> str:
    """A classroom page or fragment rendered by the report renderer (autoescaped, strict)."""
    from cisec.report.classroom import render

    return render(template, context)


def page_asset(name: str) -> bytes | None:
    """A stylesheet or script of the classroom pages, by file name (None if there is none)."""
    from cisec.report.classroom import asset

    return asset(name)
