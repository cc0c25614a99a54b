"""Provides where a walk through a questionnaire stands: each item's state, to-dos, section figures.

A face draws this; it decides nothing about answers itself. Profile questions come first (as
the section `profile`), then every section's questions in questionnaire order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from cisec.model.questionnaire import Questionnaire
from cisec.model.score import Score
from cisec.services.session import AssessmentSession, applies_to

PROFILE = "profile"

ItemState = Literal["unanswered", "answered", "unknown", "not_applicable", "skipped", "flagged"]

# A scored question's state in the score, as the walk marks it.
_FROM_SCORE: dict[str, ItemState] = {
    "scored": "answered",
    "unknown": "unknown",
    "not_applicable": "not_applicable",
    "unanswered": "unanswered",
    "skipped": "skipped",
}


@dataclass(frozen=True)
class ItemProgress:
    """One question (or profile question) in walk order."""

    id: str
    section_id: str
    state: ItemState

    @property
    def todo(self) -> bool:
        """Still to do: unanswered, or answered but flagged for review."""
        return self.state in ("unanswered", "flagged")


@dataclass(frozen=True)
class SectionProgress:
    """A section's figures: answered of applicable, and its score (none for the profile)."""

    id: str
    answered: int
    applicable: int
    score: float | None


@dataclass(frozen=True)
class WalkProgress:
    """The whole walk at one moment."""

    items: tuple[ItemProgress, ...]
    sections: Mapping[str, SectionProgress]
    answered: int  # scored questions answered (the profile does not count)
    applicable: int

    def state(self, item_id: str) -> ItemState:
        """How `item_id` stands."""
        return self.items[self.index_of(item_id)].state

    def index_of(self, item_id: str) -> int:
        """Where `item_id` is in walk order."""
        return next(i for i, item in enumerate(self.items) if item.id == item_id)

    def first_todo(self) -> int:
        """The first item still to do, or the first item when all is done."""
        return next((i for i, item in enumerate(self.items) if item.todo), 0)

    def next_todo(self, index: int) -> int | None:
        """The next item to do after `index`, wrapping round; None when nothing is left."""
        count = len(self.items)
        for step in range(1, count + 1):
            candidate = (index + step) % count
            if self.items[candidate].todo:
                return candidate
        return None


def walk_order(questionnaire: Questionnaire) -> list[tuple[str, str]]:
    """Every item's id and section id in the order the walk shows them."""
    order = [(p.id, PROFILE) for p in questionnaire.profile]
    for section in questionnaire.sections:
        order.extend((question.id, section.id) for question in section.questions)
    return order


def progress(session: AssessmentSession, score: Score) -> WalkProgress:
    """Where the walk stands given the answers now in `session` and their `score`."""
    with session.lock:
        profile = dict(session.assessment.profile)
        answers = dict(session.assessment.answers)
    questionnaire = session.questionnaire
    items: list[ItemProgress] = []
    for item_id, section_id in walk_order(questionnaire):
        item, _ = session.item(item_id)
        if not applies_to(item, profile):
            state: ItemState = "skipped"
        elif section_id == PROFILE:
            value = profile.get(item_id)
            state = (
                "unanswered" if value is None else "unknown" if value == "unknown" else "answered"
            )
        elif (answer := answers.get(item_id)) is None:
            state = "unanswered"
        elif answer.flagged:
            state = "flagged"
        else:
            result = score.questions.get(item_id)
            state = _FROM_SCORE[result.state] if result else "answered"
        items.append(ItemProgress(item_id, section_id, state))
    sections = {
        s.id: SectionProgress(s.id, s.answered, s.applicable, s.score) for s in score.sections
    }
    profile_items = [i for i in items if i.section_id == PROFILE and i.state != "skipped"]
    sections[PROFILE] = SectionProgress(
        PROFILE, sum(1 for i in profile_items if i.id in profile), len(profile_items), None
    )
    return WalkProgress(
        tuple(items),
        sections,
        answered=sum(s.answered for s in score.sections),
        applicable=sum(s.applicable for s in score.sections),
    )


def next_applicable(session: AssessmentSession, index: int, profile: Mapping[str, Any]) -> int:
    """After answering item `index`: the next item that applies given `profile` (which may hold
    the answer just given, before it is saved); `index` itself when none follows."""
    order = walk_order(session.questionnaire)
    for candidate in range(index + 1, len(order)):
        item, _ = session.item(order[candidate][0])
        if applies_to(item, dict(profile)):
            return candidate
    return index
