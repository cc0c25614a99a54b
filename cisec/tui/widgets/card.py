"""Provides the question card's text: id, kind, references, the question, its options, notes."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cisec.model.assessment import Answer, ProfileValue
from cisec.model.questionnaire import ProfileQuestion, Question, Questionnaire, Scale
from cisec.model.text import Language
from cisec.tui.wording import say

# The tier of a question, strongest first: red for the Ordinance, magenta for the Code.
KIND_STYLES: Mapping[str, str] = {
    "statutory": "bold red",
    "code_of_practice": "bold magenta",
    "practice": "bold cyan",
}


def heading(item: Question | ProfileQuestion, language: Language) -> Text:
    """`id · Ordinance duty · Cap. 653 s.19` (or `id · Profile`)."""
    line = Text(item.id, style="bold")
    if isinstance(item, Question):
        line.append(" · ")
        line.append(say(f"walk.{item.kind}", language), style=KIND_STYLES[item.kind])
        if item.critical:
            line.append(f" · {say('walk.critical', language)}", style="yellow")
        if item.references:
            line.append(" · " + "; ".join(item.references), style="dim")
        if item.section_unconfirmed:
            line.append(f" ({say('walk.section_unconfirmed', language)})", style="dim")
    else:
        line.append(" · " + say("walk.profile", language), style="dim")
    return line


def options_table(scale: Scale, current: object, language: Language, *, describe: bool) -> Table:
    """The numbered options, the current answer marked; descriptions hang under their label."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for number, option in enumerate(scale.options or (), start=1):
        chosen = option.value == current
        key = Text(f"{'●' if chosen else ' '}{number}", style="bold reverse" if chosen else "bold")
        label = Text(option.label.get(language), style="bold" if chosen else "")
        if describe and option.description is not None:
            label.append("\n" + option.description.get(language), style="dim")
        table.add_row(key, label)
    return table


def typing_hint(scale: Scale, language: Language) -> Text:
    """What the answer field takes: a number or a date, and which words it also accepts."""
    words = [
        w for w, ok in (("na", scale.allow_not_applicable), ("unknown", scale.allow_unknown)) if ok
    ]
    key = "walk.type_number" if scale.type == "numeric" else "walk.type_date"
    also = say("walk.type_also", language, words=" / ".join(words)) if words else ""
    return Text(f"{say(key, language)}{also}\n{say('walk.type_leave', language)}", style="dim")


def skipped_text(
    item: Question | ProfileQuestion, questionnaire: Questionnaire, language: Language
) -> Text:
    """Why a question is skipped: the profile facts its condition reads."""
    facts = []
    if item.applies_when is not None:
        for fact in sorted(item.applies_when.questions()):
            asked = questionnaire.profile_questions.get(fact)
            facts.append(asked.text.get(language) if asked else fact)
    return Text(say("walk.skipped", language, because="; ".join(facts)), style="italic yellow")


def card(
    item: Question | ProfileQuestion,
    scale: Scale,
    questionnaire: Questionnaire,
    *,
    answer: Answer | None,
    profile: Mapping[str, ProfileValue],
    skipped: bool,
    language: Language,
    guidance: bool,
) -> RenderableType:
    """Everything above the answer input: heading, question, and the options (if a choice)."""
    parts: list[RenderableType] = [
        heading(item, language),
        Text(item.text.get(language), style="bold"),
    ]
    if skipped:
        parts.append(Text())
        parts.append(skipped_text(item, questionnaire, language))
        return Group(*parts)
    current: object = answer.value if answer is not None else profile.get(item.id)
    parts.append(Text())
    if scale.type == "choice":
        parts.append(options_table(scale, current, language, describe=guidance))
    else:
        if scale.type == "numeric" and scale.unit is not None:
            parts.append(Text(scale.unit.get(language), style="dim"))
        parts.append(typing_hint(scale, language))
    return Group(*parts)


def extras(
    item: Question | ProfileQuestion,
    answer: Answer | None,
    *,
    language: Language,
    guidance: bool,
) -> RenderableType:
    """Below the options: guidance (on demand), note, evidence and the review flag."""
    parts: list[RenderableType] = []
    if guidance and item.guidance is not None:
        parts.append(Text(say("walk.guidance", language), style="bold underline"))
        parts.append(Text(item.guidance.get(language)))
        if isinstance(item, Question) and item.evidence_hint is not None:
            parts.append(Text(say("walk.evidence_hint", language), style="bold underline"))
            parts.append(Text(item.evidence_hint.get(language)))
    elif item.guidance is not None:
        parts.append(Text(say("walk.guidance.hint", language), style="dim"))
    if isinstance(item, Question):
        if answer is not None and answer.note:
            parts.append(Text.assemble((say("walk.note", language), "bold"), answer.note))
        else:
            parts.append(Text(say("walk.no_note", language), style="dim"))
        if answer is not None and answer.evidence:
            parts.append(
                Text.assemble((say("walk.evidence", language), "bold"), "; ".join(answer.evidence))
            )
        if answer is not None and answer.evidence_files:
            names = "; ".join(f"{f.name} ({f.sha256[:12]}…)" for f in answer.evidence_files)
            parts.append(Text.assemble((say("walk.evidence_files", language), "bold"), names))
        if answer is not None and answer.flagged:
            parts.append(Text(say("walk.flagged", language), style="bold magenta"))
    return Group(*parts)
