"""Provides the editorial and referential rules a questionnaire must meet beyond its types."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from cisec.content.problems import ContentProblem
from cisec.content.yaml_source import DataPath, YamlDocument
from cisec.model.questionnaire import Condition, Question, Questionnaire, Scale, Source

_Add = Callable[[ContentProblem], None]


@dataclass(frozen=True)
class _Context:
    """What every rule needs: the questionnaire, where its keys are, and the known names."""

    questionnaire: Questionnaire
    document: YamlDocument
    scales: Mapping[str, Scale]
    sources: Mapping[str, Source]
    patterns: Mapping[str, re.Pattern[str]]
    add: _Add

    def problem(self, path: DataPath, message: str) -> None:
        self.add(self.document.problem(path, message))


def integrity_problems(
    questionnaire: Questionnaire,
    document: YamlDocument,
    shared_scales: Mapping[str, Scale],
) -> list[ContentProblem]:
    """Every rule broken by an otherwise well-typed questionnaire."""
    problems: list[ContentProblem] = []
    add = problems.append
    for name in questionnaire.scales:
        if name in shared_scales:
            add(
                document.problem(
                    ("scales", name), f"scale '{name}' is already shared in scales.yaml"
                )
            )
    _id_problems(questionnaire, document, add)
    context = _Context(
        questionnaire=questionnaire,
        document=document,
        scales={**shared_scales, **questionnaire.scales},
        sources={source.cites: source for source in questionnaire.sources},
        patterns=_clause_patterns(questionnaire, document, add),
        add=add,
    )
    _profile_problems(context)
    for s_index, section in enumerate(questionnaire.sections):
        for q_index, question in enumerate(section.questions):
            _question_problems(context, question, ("sections", s_index, "questions", q_index))
    _option_problems(context)
    _calendar_problems(context)
    return problems


def _id_problems(questionnaire: Questionnaire, document: YamlDocument, add: _Add) -> None:
    seen: dict[str, DataPath] = {}
    for id_path, item_id in _ids(questionnaire):
        if item_id in seen:
            first = document.line_of(seen[item_id])
            add(document.problem(id_path, f"id '{item_id}' is used twice (first at line {first})"))
        else:
            seen[item_id] = id_path


def _clause_patterns(
    questionnaire: Questionnaire, document: YamlDocument, add: _Add
) -> dict[str, re.Pattern[str]]:
    patterns: dict[str, re.Pattern[str]] = {}
    for index, source in enumerate(questionnaire.sources):
        if source.clause_pattern is not None:
            try:
                patterns[source.cites] = re.compile(source.clause_pattern)
            except re.error as error:
                add(
                    document.problem(
                        ("sources", index, "clause_pattern"), f"not a valid pattern: {error}"
                    )
                )
    return patterns


def _profile_problems(context: _Context) -> None:
    profile = context.questionnaire.profile_questions
    for index, profile_question in enumerate(context.questionnaire.profile):
        path: DataPath = ("profile", index)
        _check_scale_name(
            profile_question.scale, context.scales, (*path, "scale"), context.document, context.add
        )
        if profile_question.applies_when is not None:
            _check_condition(
                profile_question.applies_when,
                profile,
                context.scales,
                (*path, "applies_when"),
                context.document,
                context.add,
            )


def _question_problems(context: _Context, question: Question, path: DataPath) -> None:
    document, add, scales = context.document, context.add, context.scales
    profile = context.questionnaire.profile_questions
    scale = _check_scale_name(question.scale, scales, (*path, "scale"), document, add)
    if scale is not None and not scale.scored:
        context.problem(
            (*path, "scale"),
            f"scale '{question.scale}' gives no score: questions need a choice scale "
            "or a numeric scale with thresholds (dates and plain numbers belong to the profile)",
        )
    _tier_problems(context, question, path)
    for r_index, reference in enumerate(question.references):
        message = _reference_problem(reference, context.sources, context.patterns)
        if message:
            context.problem((*path, "references", r_index), message)
    if question.applies_when is not None:
        _check_condition(
            question.applies_when, profile, scales, (*path, "applies_when"), document, add
        )
    for c_index, check in enumerate(question.scan_checks):
        known = _scan_check_names()
        if check not in known:
            context.problem(
                (*path, "scan_checks", c_index),
                f"no website-scan check '{check}'{_did_you_mean(check, sorted(known))}",
            )
    for e_index, expectation in enumerate(question.expectations):
        e_path = (*path, "expectations", e_index)
        _check_condition(expectation.when, profile, scales, (*e_path, "when"), document, add)
        if scale is not None:
            message = _value_problem(expectation.minimum, scale, question.scale)
            if message:
                context.problem((*e_path, "minimum"), message)


def _tier_problems(context: _Context, question: Question, path: DataPath) -> None:
    """A question carries the tier of its strongest source, and cites that source.

    A statutory question cites the Ordinance, or (`section_unconfirmed`) the code-of-practice
    clause that restates a duty whose section number is not yet confirmed; a code-of-practice
    question cites a code of practice.
    """
    tiers = {_reference_tier(reference, context.sources) for reference in question.references}
    if question.kind == "statutory":
        if question.section_unconfirmed:
            if "statutory" in tiers:
                context.problem(
                    (*path, "section_unconfirmed"),
                    "the question cites an Ordinance section: remove section_unconfirmed",
                )
            elif "code_of_practice" not in tiers:
                context.problem(
                    (*path, "references"),
                    "a statutory question whose section is unconfirmed must cite the "
                    "code-of-practice clause that restates the duty",
                )
        elif "statutory" not in tiers:
            context.problem(
                (*path, "references"),
                "a statutory question must cite the Ordinance (a source with tier: statutory); "
                "if its section number is unconfirmed, cite the code-of-practice clause that "
                "restates the duty and set section_unconfirmed: true",
            )
        return
    if question.section_unconfirmed:
        context.problem(
            (*path, "section_unconfirmed"),
            f"only a statutory question has an unconfirmed section, not a {question.kind} one",
        )
    if question.kind == "code_of_practice" and "code_of_practice" not in tiers:
        context.problem(
            (*path, "references"),
            "a code_of_practice question must cite a code-of-practice clause or a sector code "
            "(a source with tier: code_of_practice)",
        )


def _reference_tier(reference: str, sources: Mapping[str, Source]) -> str | None:
    for prefix in sorted(sources, key=len, reverse=True):
        if reference.startswith(prefix + " "):
            return sources[prefix].tier
    return None


def _calendar_problems(context: _Context) -> None:
    """The calendar reads profile dates that exist and cites declared sources."""
    calendar = context.questionnaire.calendar
    if calendar is None:
        return
    profile = context.questionnaire.profile_questions
    _check_condition(
        calendar.designated,
        profile,
        context.scales,
        ("calendar", "designated"),
        context.document,
        context.add,
    )
    _check_profile_date(context, calendar.designation, ("calendar", "designation"))
    seen: dict[str, int] = {}
    for index, item in enumerate(calendar.items):
        path: DataPath = ("calendar", "items", index)
        if item.id in seen:
            first = context.document.line_of(("calendar", "items", seen[item.id], "id"))
            context.problem(
                (*path, "id"), f"calendar item '{item.id}' is used twice (first at line {first})"
            )
        seen.setdefault(item.id, index)
        for key in ("done", "done_else"):
            name = getattr(item, key)
            if name is not None:
                _check_profile_date(context, name, (*path, key))
        message = _reference_problem(item.reference, context.sources, context.patterns)
        if message:
            context.problem((*path, "reference"), message)


def _check_profile_date(context: _Context, name: str, path: DataPath) -> None:
    profile = context.questionnaire.profile_questions
    question = profile.get(name)
    if question is None:
        context.problem(path, f"no profile question '{name}'{_did_you_mean(name, profile)}")
        return
    scale = context.scales.get(question.scale)
    if scale is not None and scale.type != "date":
        context.problem(
            path, f"profile question '{name}' is answered on '{question.scale}', not a date scale"
        )


def _option_problems(context: _Context) -> None:
    used = {q.scale for q in context.questionnaire.questions.values()}
    for name, scale in context.questionnaire.scales.items():
        if name in used and scale.type == "choice":
            for o_index, option in enumerate(scale.options or ()):
                if option.score is None and not option.not_applicable and not option.unknown:
                    context.problem(
                        ("scales", name, "options", o_index),
                        f"option '{option.value}' has no score (give score: 0-1, "
                        "or not_applicable: true, or unknown: true)",
                    )


def _scan_check_names() -> frozenset[str]:
    # The scan owns the names of its tests and checks; imported only when a question links one.
    from cisec.scan.proposals import CHECK_NAMES

    return CHECK_NAMES


def _ids(questionnaire: Questionnaire) -> Iterator[tuple[DataPath, str]]:
    for index, profile_question in enumerate(questionnaire.profile):
        yield ("profile", index, "id"), profile_question.id
    for s_index, section in enumerate(questionnaire.sections):
        yield ("sections", s_index, "id"), section.id
        for q_index, question in enumerate(section.questions):
            yield ("sections", s_index, "questions", q_index, "id"), question.id


def _check_scale_name(
    name: str, scales: Mapping[str, Scale], path: DataPath, document: YamlDocument, add: _Add
) -> Scale | None:
    scale = scales.get(name)
    if scale is None:
        add(document.problem(path, f"unknown scale '{name}'{_did_you_mean(name, scales)}"))
    return scale


def _check_condition(
    condition: Condition,
    profile: Mapping[str, object],
    scales: Mapping[str, Scale],
    path: DataPath,
    document: YamlDocument,
    add: _Add,
) -> None:
    if condition.question is not None:
        profile_question = profile.get(condition.question)
        if profile_question is None:
            add(
                document.problem(
                    (*path, "question"),
                    f"no profile question '{condition.question}'{_did_you_mean(condition.question, profile)}",
                )
            )
            return
        scale = scales.get(getattr(profile_question, "scale", ""))
        if scale is None:
            return
        for key, values in (("equals", [condition.equals]), ("in", condition.in_ or [])):
            for value in values:
                if value is None:
                    continue
                message = _value_problem(value, scale, getattr(profile_question, "scale", ""))
                if message:
                    add(document.problem((*path, key), message))
        if condition.at_least is not None and scale.type != "numeric":
            add(
                document.problem(
                    (*path, "at_least"), f"at_least needs a numeric scale, not '{scale.type}'"
                )
            )
        return
    for key, children in (("all", condition.all_), ("any", condition.any_)):
        for index, child in enumerate(children or ()):
            _check_condition(child, profile, scales, (*path, key, index), document, add)
    if condition.not_ is not None:
        _check_condition(condition.not_, profile, scales, (*path, "not"), document, add)


def _value_problem(value: str | float, scale: Scale, scale_name: str) -> str | None:
    if scale.type == "choice":
        choices = [option.value for option in scale.options or ()]
        if value not in choices:
            return f"'{value}' is not an option of scale '{scale_name}' ({', '.join(choices)})"
    elif scale.type == "numeric" and not isinstance(value, int | float):
        return f"'{value}' is not a number (scale '{scale_name}' is numeric)"
    return None


def _reference_problem(
    reference: str, sources: Mapping[str, Source], patterns: Mapping[str, re.Pattern[str]]
) -> str | None:
    prefixes = sorted(sources, key=len, reverse=True)
    for prefix in prefixes:
        if reference.startswith(prefix + " "):
            clause = reference[len(prefix) + 1 :].strip()
            if not clause:
                return f"reference '{reference}' names no clause"
            pattern = patterns.get(prefix)
            if pattern is not None and not pattern.fullmatch(clause):
                return f"'{clause}' is not a clause of {prefix} (expected {pattern.pattern})"
            return None
    head = reference.rsplit(" ", 1)[0]
    return f"reference '{reference}' cites no declared source{_did_you_mean(head, prefixes)}"


def _did_you_mean(name: str, known: Mapping[str, object] | list[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
