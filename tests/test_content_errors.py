"""Bad content: one file per failure mode, each pointing at its line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from cisec.content.catalogue import load_file
from cisec.content.problems import ContentError

BAD = Path(__file__).parent / "data" / "content" / "bad"

# file -> (line, key path, words the message must contain)
CASES: dict[str, tuple[int, str, tuple[str, ...]]] = {
    "syntax_error.yaml": (10, "", ("YAML syntax", "expected")),
    "duplicate_key.yaml": (34, "sections[0].questions[1].kind", ("repeats", "line 33")),
    "misspelt_key.yaml": (
        31,
        "sections[0].questions[1].guidence",
        ("unknown key", "did you mean 'guidance'"),
    ),
    "unknown_scale.yaml": (
        32,
        "sections[0].questions[1].scale",
        ("unknown scale 'maturty'", "did you mean 'maturity'"),
    ),
    "missing_language.yaml": (19, "sections[0].title.zh-Hant", ("required",)),
    "empty_text.yaml": (34, "sections[0].questions[1].remediation.zh-Hant", ("must not be empty",)),
    "duplicate_id.yaml": (
        29,
        "sections[0].questions[1].id",
        ("'duties.office'", "used twice", "line 21"),
    ),
    "statutory_without_reference.yaml": (
        21,
        "sections[0].questions[0].references",
        ("statutory", "must cite the Ordinance"),
    ),
    "statutory_citing_only_code.yaml": (
        31,
        "sections[0].questions[0].references",
        ("must cite the Ordinance", "section_unconfirmed: true"),
    ),
    "section_unconfirmed_with_section.yaml": (
        31,
        "sections[0].questions[0].section_unconfirmed",
        ("cites an Ordinance section", "remove section_unconfirmed"),
    ),
    "calendar_misspelt_profile_date.yaml": (
        53,
        "calendar.items[0].done",
        ("no profile question 'plan_submited'", "did you mean 'plan_submitted'"),
    ),
    "code_of_practice_without_code.yaml": (
        31,
        "sections[0].questions[0].references",
        ("code_of_practice question", "code-of-practice clause or a sector code"),
    ),
    "unresolved_reference.yaml": (
        26,
        "sections[0].questions[0].references[0]",
        ("cites no declared source", "did you mean 'Cap. 653'"),
    ),
    "bad_clause.yaml": (
        26,
        "sections[0].questions[0].references[0]",
        ("'section 19'", "not a clause of Cap. 653"),
    ),
    "dangling_applies_when.yaml": (
        28,
        "sections[0].questions[0].applies_when.question",
        ("no profile question 'designatd'", "did you mean 'designated'"),
    ),
    "condition_value_not_an_option.yaml": (
        28,
        "sections[0].questions[0].applies_when.equals",
        ("'maybe'", "not an option", "yes_no"),
    ),
    "unquoted_yes.yaml": (
        28,
        "sections[0].questions[0].applies_when.equals",
        ("bare yes", "quote it"),
    ),
    "condition_two_forms.yaml": (28, "sections[0].questions[0].applies_when", ("exactly one of",)),
    "wrong_type.yaml": (34, "sections[0].questions[1].weight", ("valid number", "'heavy'")),
    "bad_kind.yaml": (
        33,
        "sections[0].questions[1].kind",
        ("'statutory', 'code_of_practice' or 'practice'",),
    ),
    "date_scale_question.yaml": (32, "sections[0].questions[1].scale", ("gives no score",)),
    "bad_id.yaml": (29, "sections[0].questions[1].id", ("'Duties Report'", "not a valid id")),
    "missing_sections.yaml": (1, "sections", ("required",)),
    "unscored_option.yaml": (19, "scales.level.options[1]", ("'high'", "no score")),
    "unknown_scan_check.yaml": (
        34,
        "sections[0].questions[1].scan_checks[0]",
        ("no website-scan check", "did you mean 'strict-transport-security'"),
    ),
    "empty_file.yaml": (1, "", ("empty",)),
    "not_a_mapping.yaml": (1, "", ("mapping",)),
}


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_is_reported_at_its_line_and_key(name: str) -> None:
    line, key, words = CASES[name]
    with pytest.raises(ContentError) as caught:
        load_file(BAD / name)
    matching = [p for p in caught.value.problems if p.line == line and p.key == key]
    shown = "\n".join(str(p) for p in caught.value.problems)
    assert matching, f"no problem at line {line}, key {key!r}:\n{shown}"
    message = matching[0].message
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert str(matching[0]).startswith(f"{matching[0].path}:{line}: ")


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = (BAD.parent / "valid_minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("scale: maturity", "scale: maturty").replace(
        "references: [Cap. 653 s.19]", "references: [Cap 653 s.19]"
    )
    path = tmp_path / "two.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_file(path)
    messages = " | ".join(p.message for p in caught.value.problems)
    assert "maturty" in messages and "cites no declared source" in messages


def test_the_minimal_base_of_the_bad_files_is_valid() -> None:
    # The bad files are each one change away from this file: it must itself be clean.
    questionnaire = load_file(BAD.parent / "valid_minimal.yaml")
    assert list(questionnaire.questions) == ["duties.office", "duties.report"]


def test_a_file_that_is_not_utf8_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ContentError) as caught:
        load_file(path)
    assert "not UTF-8" in str(caught.value)


BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}' if prev else 'x'] * 10)}]\n"
    for name, prev in zip("abcdef", ["", "a", "b", "c", "d", "e"], strict=True)
)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("id: !foo x\n", 1, "constructor for the tag '!foo'"),
        ("id: x\nas_of: 2026-13-45\n", 2, "month must be in 1..12"),
        ("id: &x [*x]\n", 1, "alias refers to the value that contains it"),
        ("<<: {id: x}\n", 1, "merge keys (<<) are not supported"),
        ("? [a]\n: 1\n", 1, "plain text"),
        ("yes: 1\n", 1, "quote it"),
        (BOMB, 1, "more than 200,000 values"),
    ],
)
def test_hostile_yaml_is_one_clear_problem(text: str, line: int, words: str) -> None:
    from cisec.content.catalogue import shared_scales
    from cisec.content.loader import parse_questionnaire

    with pytest.raises(ContentError) as caught:
        parse_questionnaire(text, "hostile.yaml", shared_scales())
    assert any(p.line == line and words in p.message for p in caught.value.problems), str(
        caught.value
    )
