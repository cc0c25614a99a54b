"""Assessment files: round trip, atomic save with .bak, refusal of corrupt or foreign files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from factory import big_assessment

from cisec.content.catalogue import load_file
from cisec.model import Answer
from cisec.store import AssessmentFileError, load_assessment, reconcile, save_assessment

FIXTURE = Path(__file__).parent / "data" / "content" / "fixture.yaml"


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "a.cisec.json"
    assessment = big_assessment(30)
    save_assessment(path, assessment)
    assert load_assessment(path) == assessment
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "cisec-assessment" and document["format_version"] == 1
    assert set(document["answers"]["q3"]) == {
        "value",
        "note",
        "evidence",
        "evidence_files",
        "answered_at",
        "answered_by",
        "flagged",
    }


def test_save_keeps_the_previous_version_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "a.cisec.json"
    first = big_assessment(2)
    save_assessment(path, first)
    second = first.model_copy(deep=True)
    second.organisation = "Renamed Ltd"
    save_assessment(path, second)
    assert load_assessment(path.with_name("a.cisec.json.bak")).organisation == "Example Ltd"
    assert load_assessment(path).organisation == "Renamed Ltd"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".a.cisec.json.lock",
        "a.cisec.json",
        "a.cisec.json.bak",
    ]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "not valid JSON"),
        (b'{"format": "cisec-assessment", "format_version": 1, ', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'["a list"]', "not a cisec assessment file"),
        (b'{"name": "some other tool"}', "not a cisec assessment file"),
        (b'{"format": "cisec-assessment", "format_version": 99}', "newer cisec"),
        (b'{"format": "cisec-assessment", "format_version": "1"}', "format_version"),
        (b'{"format": "cisec-assessment", "format_version": 1}', "questionnaire"),
        (
            b'{"format": "cisec-assessment", "format_version": 1, "questionnaire": {"id": "x", "version": "1", '
            b'"content_hash": "sha256:' + b"0" * 64 + b'"}, "created_at": "2026-01-01T00:00:00Z", '
            b'"updated_at": "2026-01-01T00:00:00Z", "answers": {"q": {"value": [1]}}}',
            "answers.q.value",
        ),
    ],
)
def test_corrupt_or_foreign_file_is_refused_and_left_untouched(
    tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "bad.cisec.json"
    path.write_bytes(content)
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(path)
    assert words in caught.value.message
    assert str(path) in caught.value.message
    assert path.read_bytes() == content
    assert list(tmp_path.iterdir()) == [path]


def test_missing_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(AssessmentFileError) as caught:
        load_assessment(tmp_path / "nope.cisec.json")
    assert "no such file" in caught.value.message and "cisec new" in caught.value.next_step


def test_save_into_a_read_only_folder_is_one_sentence(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        target = Path("/proc/cisec-cannot-write-here/a.cisec.json")
    else:
        folder = tmp_path / "ro"
        folder.mkdir(mode=0o500)
        target = folder / "a.cisec.json"
    with pytest.raises(AssessmentFileError) as caught:
        save_assessment(target, big_assessment(1))
    assert "cannot write" in caught.value.message or "could not save" in caught.value.message


def test_reconcile_sets_aside_answers_the_questionnaire_no_longer_has() -> None:
    questionnaire = load_file(FIXTURE)
    assessment = big_assessment(0)
    assessment.answers = {
        "duties.report": Answer(value="yes"),
        "retired.question": Answer(value="yes", note="kept"),
        "practice.power": Answer(value="3n"),
    }
    assessment.profile = {"designated": "yes", "gone": "x", "systems": -4}
    when = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    result = reconcile(assessment, questionnaire, when)
    assert list(assessment.answers) == ["duties.report"]
    assert assessment.profile == {"designated": "yes"}
    retired = {r.question_id: r for r in assessment.retired_answers}
    assert set(retired) == {"retired.question", "practice.power", "gone", "systems"}
    assert retired["retired.question"].answer.note == "kept"
    assert retired["practice.power"].reason == "'3n' is no longer an answer to practice.power"
    assert len(result.notices) == 4
