"""Exercise packs: the shipped ones are valid; one bad pack per failure mode, pointing at line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from cisec.content.exercise import (
    exercise_files,
    load_exercise_file,
    shipped_exercises_dir,
    validate_exercise_files,
    validate_exercise_folder,
)
from cisec.content.problems import ContentError

BAD = Path(__file__).parent / "data" / "bad"

# file -> (line, key path, words the message must contain)
CASES: dict[str, tuple[int, str, tuple[str, ...]]] = {
    "model_answer_not_an_option.yaml": (
        29,
        "questions[0].model_answer",
        ("'h24' is not an option", "h12, h48, d14"),
    ),
    "single_with_two_model_answers.yaml": (
        29,
        "questions[0].model_answer",
        ("single-choice", "one model answer, not 2"),
    ),
    "pick_disagrees_with_model_answer.yaml": (
        43,
        "questions[1].model_answer",
        ("asks for 3 options", "has 2"),
    ),
    "ranking_model_answer_incomplete.yaml": (
        54,
        "questions[2].model_answer",
        ("ranking", "every option exactly once"),
    ),
    "reference_to_undeclared_source.yaml": (
        45,
        "questions[1].references[0]",
        ("cites no declared source", "did you mean 'Cap. 653'", "explanation must cite"),
    ),
    "no_references.yaml": (46, "questions[2].references", ("required",)),
    "missing_language.yaml": (30, "questions[0].explanation.zh-Hant", ("required",)),
    "unknown_inject.yaml": (
        47,
        "questions[2].after_inject",
        ("no inject 'latr'", "did you mean 'later'"),
    ),
    "inject_after_the_end.yaml": (
        18,
        "injects[0].at_minute",
        ("T+25", "after the end", "duration_minutes: 20"),
    ),
    "duplicate_id.yaml": (46, "questions[2].id", ("'deadline'", "used twice", "line 22")),
    "misspelt_key.yaml": (
        43,
        "questions[1].model_answers",
        ("unknown key", "did you mean 'model_answer'"),
    ),
    "repeated_option.yaml": (38, "questions[1].options", ("repeat", "logs")),
}


def test_every_bad_file_has_a_case() -> None:
    assert sorted(path.name for path in BAD.glob("*.yaml")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_pack_points_at_line_and_key(name: str) -> None:
    line, key, words = CASES[name]
    with pytest.raises(ContentError) as caught:
        load_exercise_file(BAD / name)
    matching = [p for p in caught.value.problems if p.key == key]
    assert matching, [str(p) for p in caught.value.problems]
    problem = matching[0]
    assert problem.line == line, str(problem)
    assert problem.path.endswith(name)
    for word in words:
        assert word in problem.message, str(problem)
    assert str(problem).startswith(f"{problem.path}:{line}: {key}: ")


def test_shipped_packs_are_valid_and_there_are_three() -> None:
    checked, problems = validate_exercise_folder()
    assert [str(p) for p in problems] == []
    assert checked == 3
    ids = {load_exercise_file(path).id for path in exercise_files(shipped_exercises_dir())}
    assert ids == {"cap653-incident-tabletop", "dc-walkthrough", "sme-website-triage"}


def test_validate_files_collects_every_problem_of_every_file() -> None:
    files = sorted(BAD.glob("*.yaml"))
    checked, problems = validate_exercise_files(files)
    assert checked == len(files)
    assert {Path(p.path).name for p in problems} == {path.name for path in files}


def test_a_second_pack_with_the_same_id_is_reported(tmp_path: Path) -> None:
    source = Path(__file__).parent / "data" / "fixture-drill.yaml"
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    checked, problems = validate_exercise_folder(tmp_path)
    assert checked == 2
    assert [p.message for p in problems] == [
        f"'fixture-drill' is already defined in {tmp_path / 'a.yaml'}"
    ]


def test_cap653_pack_never_states_the_14_day_report_as_confirmed() -> None:
    # The 14-day written report is known only from a secondary source: wherever the pack's
    # text mentions it, the same text must send the reader to the Ordinance to confirm it.
    pack = load_exercise_file(shipped_exercises_dir() / "cap653-incident-tabletop.yaml")
    texts = [pack.scenario, *(i.text for i in pack.injects)]
    for question in pack.questions:
        texts += [question.text, question.explanation, *question.discussion]
        texts += [
            option.label for option in question.options if option.value in question.model_answer
        ]
    mentioning = [t for t in texts if "14 days" in t.en]
    assert mentioning, "the pack should discuss the written report"
    for text in mentioning:
        assert "confirm" in text.en, text.en
        assert "核實" in text.zh_hant, text.zh_hant
