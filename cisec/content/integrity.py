"""Provides the editorial and referential rules a questionnaire must meet beyond its types."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping

from cisec.content.problems import ContentProblem
from cisec.content.yaml_source import DataPath, YamlDocument
from cisec.model.questionnaire import Condition, Questionnaire, Scale

_Add = Callable[[ContentProblem], None]


def integrity_problems(
    questionnaire: Questionnaire,
    document: YamlDocument,
    shared_scales: Mapping[str, Scale],
) -> list[ContentProblem]:
    """Every rule broken by an otherwise well-typed questionnaire."""
    problems: list[ContentProblem] = []
    add = problems.append
    local = questionnaire.scales

    for name in local:
        if name in shared_scales:
            add(
                document.problem(
                    ("scales", name), f"scale '{name}' is already shared in scales.yaml"
                )
            )
    scales = {**shared_scales, **local}

    seen: dict[str, DataPath] = {}
    for id_path, item_id in _ids(questionnaire):
        if item_id in seen:
            first = document.line_of(seen[item_id])
            add(document.problem(id_path, f"id '{item_id}' is used twice (first at line {first})"))
        else:
            seen[item_id] = id_path

    sources = {source.cites: source for source in questionnaire.sources}
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

    profile = questionnaire.profile_questions
    for index, profile_question in enumerate(questionnaire.profile):
        path: DataPath = ("profile", index)
        _check_scale_name(profile_question.scale, scales, (*path, "scale"), document, add)
        if profile_question.applies_when is not None:
            _check_condition(
                profile_question.applies_when,
                profile,
                scales,
                (*path, "applies_when"),
                document,
                add,
            )

    for s_index, section in enumerate(questionnaire.sections):
        for q_index, question in enumerate(section.questions):
            path = ("sections", s_index, "questions", q_index)
            scale = _check_scale_name(question.scale, scales, (*path, "scale"), document, add)
            if scale is not None and not scale.scored:
                add(
                    document.problem(
                        (*path, "scale"),
                        f"scale '{question.scale}' gives no score: questions need a choice scale "
                        "or a numeric scale with thresholds (dates and plain numbers belong to the profile)",
                    )
                )
            if question.kind == "statutory" and not question.references:
                add(
                    document.problem(
                        (*path, "references"),
                        "a statutory question must cite at least one reference",
                    )
                )
            for r_index, reference in enumerate(question.references):
                message = _reference_problem(reference, sources, patterns)
                if message:
                    add(document.problem((*path, "references", r_index), message))
            if question.applies_when is not None:
                _check_condition(
                    question.applies_when, profile, scales, (*path, "applies_when"), document, add
                )
            for c_index, check in enumerate(question.scan_checks):
                known = _scan_check_names()
                if check not in known:
                    add(
                        document.problem(
                            (*path, "scan_checks", c_index),
                            f"no website-scan check '{check}'{_did_you_mean(check, sorted(known))}",
                        )
                    )
            for e_index, expectation in enumerate(question.expectations):
                e_path = (*path, "expectations", e_index)
                _check_condition(
                    expectation.when, profile, scales, (*e_path, "when"), document, add
                )
                if scale is not None:
                    message = _value_problem(expectation.minimum, scale, question.scale)
                    if message:
                        add(document.problem((*e_path, "minimum"), message))

    used = {q.scale for q in questionnaire.questions.values()}
    for name, scale in local.items():
        if name in used and scale.type == "choice":
            for o_index, option in enumerate(scale.options or ()):
                if option.score is None and not option.not_applicable and not option.unknown:
                    add(
                        document.problem(
                            ("scales", name, "options", o_index),
                            f"option '{option.value}' has no score (give score: 0-1, "
                            "or not_applicable: true, or unknown: true)",
                        )
                    )
    return problems


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
    reference: str, sources: Mapping[str, object], patterns: Mapping[str, re.Pattern[str]]
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
