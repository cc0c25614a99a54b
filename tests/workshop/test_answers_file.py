"""Participant files: atomic saves with a backup, and refusal of corrupt or foreign files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cisec.errors import CisecError
from cisec.services import workshop as service
from cisec.workshop.answers import AnswersFileError, file_stem, load_answers, participant_key


def test_start_answer_reopen_round_trip(trainer_dir: Path) -> None:
    session = service.start_practice("fixture-drill", "  Team   Kowloon ", mode="class")
    assert session.path == trainer_dir / "workshop" / "fixture-drill" / "team-kowloon.workshop.json"
    feedback = session.answer("deadline", ["h48"])
    assert (feedback.score, feedback.correct) == (0.0, False)
    session.answer("deadline", ["h12"])
    assert session.path.with_name(session.path.name + ".bak").exists()

    reopened = service.open_practice(session.path)
    assert reopened.answers.participant == "Team Kowloon"
    assert reopened.answers.mode == "class"
    assert reopened.choices("deadline") == ("h12",)
    assert (
        json.loads(session.path.read_text(encoding="utf-8"))["format"] == "cisec-workshop-answers"
    )


def test_the_same_name_twice_gets_a_second_file(trainer_dir: Path) -> None:
    first = service.start_practice("fixture-drill", "陳大文")
    second = service.start_practice("fixture-drill", "陳大文")
    assert first.path.name == "陳大文.workshop.json"
    assert second.path.name == "陳大文-2.workshop.json"


def test_an_answer_the_question_does_not_take_is_refused_and_not_saved(trainer_dir: Path) -> None:
    session = service.start_practice("fixture-drill", "Team A")
    with pytest.raises(CisecError, match="preserve takes 2 options"):
        session.answer("preserve", ["logs"])
    assert load_answers(session.path).answers == {}


def test_an_empty_name_is_refused(trainer_dir: Path) -> None:
    with pytest.raises(CisecError, match="participant or team name"):
        service.start_practice("fixture-drill", "   ")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"format": ', "not valid JSON"),
        ('{"format": "cisec-assessment", "format_version": 1}', "not a cisec participant file"),
        ('{"format": "cisec-workshop-answers", "format_version": 99}', "newer cisec"),
        ('{"format": "cisec-workshop-answers", "format_version": 1}', "pack: field required"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_corrupt_or_foreign_files_are_refused_by_name(
    tmp_path: Path, content: str | bytes, words: str
) -> None:
    path = tmp_path / "p.workshop.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(AnswersFileError) as caught:
        load_answers(path)
    assert str(path) in caught.value.message
    assert words in caught.value.message


def test_names_compare_without_case_width_or_spacing() -> None:
    assert participant_key(" Team  ALPHA ") == participant_key("team alpha")
    assert participant_key("ＴＥＡＭ Ａ") == participant_key("team a")  # full-width letters
    assert file_stem("Team A / B") == "team-a-b"
    assert file_stem("../..") == "participant"
