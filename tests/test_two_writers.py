"""Two writers of one assessment file: each save merges what the other saved, nothing is lost."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from cisec import services
from cisec.cli import cli
from cisec.model import Answer, Assessment
from cisec.store import (
    AssessmentFileError,
    MergeReport,
    load_assessment,
    merge_assessments,
)

T0 = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)


def _at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


@pytest.fixture
def file(user_dir: Path, tmp_path: Path) -> Path:
    path = tmp_path / "a.cisec.json"
    services.new_session("fixture", path, assessor="Ada", now=T0)
    return path


def test_the_issue_case_an_answer_saved_elsewhere_survives_the_open_window(file: Path) -> None:
    window = services.open_session(file)
    window.answer("practice.cctv", "2", now=_at(1))
    # Another terminal answers while the window is open.
    result = CliRunner().invoke(cli, ["answer", str(file), "duties.report", "yes"])
    assert result.exit_code == 0, result.output
    report = window.answer("practice.power", "n1", now=_at(3))
    assert report == MergeReport(added_from_other=1, conflicts_kept=0)
    assert report.sentence() == "1 answer added from another window."
    assert report.sentence("zh-Hant") == "已從另一個視窗加入 1 個答案。"
    saved = load_assessment(file)
    assert {q: a.value for q, a in saved.answers.items()} == {
        "practice.cctv": 2,
        "duties.report": "yes",
        "practice.power": "n1",
    }
    # The window now holds the other writer's answer too.
    assert window.assessment.answers["duties.report"].value == "yes"
    assert json.loads(file.read_text(encoding="utf-8"))["format_version"] == 1


def test_a_conflict_keeps_the_later_answer_and_the_other_in_history(file: Path) -> None:
    first = services.open_session(file)
    second = services.open_session(file)
    first.answer("duties.report", "no", now=_at(5))
    report = second.answer("duties.report", "partly", note="Drill in March", now=_at(2))
    assert report == MergeReport(added_from_other=0, conflicts_kept=1)
    assert report.sentence() == "1 conflict kept."
    assert report.sentence("zh-Hant") == "保留了 1 個衝突的答案。"
    saved = load_assessment(file)
    answer = saved.answers["duties.report"]
    # The later answered_at wins even though it was saved first; the other is kept.
    assert (answer.value, answer.answered_at) == ("no", _at(5))
    assert answer.note == "Drill in March"  # only the second writer changed the note
    assert [(h.value, h.note, h.answered_at) for h in answer.history] == [
        ("partly", "Drill in March", _at(2))
    ]
    document = json.loads(file.read_text(encoding="utf-8"))
    assert document["format_version"] == 2
    assert document["answers"]["duties.report"]["history"][0]["value"] == "partly"
    # The next save by the first writer keeps the history it did not know of.
    assert first.annotate("duties.report", flagged=True, now=_at(6)) == MergeReport(1, 0)
    assert load_assessment(file).answers["duties.report"].history == answer.history
    assert load_assessment(file).answers["duties.report"].flagged is True


def test_both_changing_different_parts_of_one_answer_is_no_conflict(file: Path) -> None:
    services.open_session(file).answer("duties.report", "partly", now=_at(1))
    first = services.open_session(file)
    second = services.open_session(file)
    first.annotate("duties.report", note="Plan approved", evidence=["DOC-1"], now=_at(2))
    report = second.answer("duties.report", "yes", evidence=["DOC-2"], now=_at(3))
    assert report == MergeReport(added_from_other=1, conflicts_kept=0)
    answer = load_assessment(file).answers["duties.report"]
    assert (answer.value, answer.note) == ("yes", "Plan approved")
    assert answer.evidence == ["DOC-2", "DOC-1"]
    assert answer.history == []


def test_profile_facts_merge_and_a_conflict_keeps_the_other_value(file: Path) -> None:
    first = services.open_session(file)
    second = services.open_session(file)
    first.answer("designated", "yes", now=_at(1))
    first.answer("systems", "4", now=_at(1))
    report = second.answer("designated", "no", now=_at(2))
    assert report == MergeReport(added_from_other=1, conflicts_kept=1)
    assert report.sentence() == "1 answer added from another window; 1 conflict kept."
    assert report.sentence("zh-Hant") == "已從另一個視窗加入 1 個答案；保留了 1 個衝突的答案。"
    saved = load_assessment(file)
    assert saved.profile == {"designated": "no", "systems": 4}
    assert [(v.value, v.kept_at) for v in saved.profile_history["designated"]] == [("yes", _at(2))]


def test_unchanged_file_saves_without_merging(file: Path) -> None:
    session = services.open_session(file)
    for minute, value in enumerate(["1", "2", "3"]):
        assert not session.answer("practice.cctv", value, now=_at(minute))
    assert load_assessment(file).answers["practice.cctv"].value == 3


def test_a_file_replaced_by_garbage_is_not_overwritten(file: Path) -> None:
    session = services.open_session(file)
    file.write_bytes(b"[" * 100)
    with pytest.raises(AssessmentFileError) as caught:
        session.answer("practice.cctv", "2")
    assert "changed since it was opened" in caught.value.message
    assert "another file" in caught.value.next_step and caught.value.next_step_zh
    assert file.read_bytes() == b"[" * 100
    assert session.assessment.answers["practice.cctv"].value == 2  # kept in memory


def test_merge_unit_answers_only_the_other_writer_gave_are_kept() -> None:
    base = _assessment({"a": _answer("yes", 0)})
    mine = _assessment({"a": _answer("yes", 0), "b": _answer("no", 2)})
    theirs = _assessment({"a": _answer("partly", 1), "c": _answer("yes", 1)})
    merged, report = merge_assessments(base, mine, theirs, _at(3))
    assert {q: a.value for q, a in merged.answers.items()} == {"a": "partly", "b": "no", "c": "yes"}
    assert report == MergeReport(added_from_other=2, conflicts_kept=0)


def test_merge_unit_without_a_common_ancestor_the_later_wins() -> None:
    mine = _assessment({"a": _answer("no", 1, note="mine")})
    theirs = _assessment({"a": _answer("yes", 4, note="theirs")})
    merged, report = merge_assessments(None, mine, theirs, _at(5))
    answer = merged.answers["a"]
    assert (answer.value, answer.note) == ("yes", "theirs")
    assert [(h.value, h.note, h.kept_at) for h in answer.history] == [("no", "mine", _at(5))]
    assert report.conflicts_kept == 1


def test_merge_unit_the_same_value_twice_is_agreement() -> None:
    base = _assessment({})
    mine = _assessment({"a": _answer("yes", 1)})
    theirs = _assessment({"a": _answer("yes", 2)})
    merged, report = merge_assessments(base, mine, theirs, _at(3))
    assert merged.answers["a"].answered_at == _at(2) and merged.answers["a"].history == []
    assert report == MergeReport(added_from_other=1, conflicts_kept=0)


def test_merge_unit_retired_answers_and_notes_of_both_stay() -> None:
    from cisec.model import RetiredAnswer

    retired = RetiredAnswer(
        question_id="old", answer=_answer("yes", 0), reason="gone", retired_at=T0
    )
    base = _assessment({"a": _answer("yes", 0, note="base")})
    mine = _assessment({"a": _answer("yes", 0, note="mine")})
    theirs = _assessment({"a": _answer("yes", 0, note="base")}, retired=[retired])
    merged, report = merge_assessments(base, mine, theirs, _at(3))
    assert merged.answers["a"].note == "mine"
    assert merged.retired_answers == [retired]
    assert not report


def test_merge_unit_plan_items_of_both_writers_are_kept() -> None:
    from cisec.model import PlanItem

    def item(owner: str, minute: int) -> PlanItem:
        return PlanItem(owner=owner, updated_at=_at(minute))

    base = _assessment({})
    base.plan = {"gone": item("Ann", 0), "kept": item("Ann", 0), "both": item("Ann", 0)}
    mine = base.model_copy(deep=True)
    mine.plan.pop("gone")  # this writer removed an item the other did not touch
    mine.plan["both"] = item("Bo", 2)
    mine.plan["new-mine"] = item("Bo", 2)
    theirs = base.model_copy(deep=True)
    theirs.plan["kept"] = item("Cy", 1)  # only the other writer changed it
    theirs.plan["both"] = item("Cy", 3)  # both changed it: the later wins
    theirs.plan["new-theirs"] = item("Cy", 1)
    merged, report = merge_assessments(base, mine, theirs, _at(4))
    assert {q: i.owner for q, i in merged.plan.items()} == {
        "kept": "Cy",
        "both": "Cy",
        "new-mine": "Bo",
        "new-theirs": "Cy",
    }
    # "gone" (removed here) is not counted: the other writer left it as it was.
    assert report == MergeReport(plan_items_from_other=3)  # kept, both, new-theirs
    assert report.sentence() == "3 plan items updated from another window."
    assert report.sentence("zh-Hant") == "已從另一個視窗更新 3 個改善計劃項目。"
    # Without the other writer's later edit, this writer's edit of "both" stands.
    theirs.plan["both"] = item("Cy", 1)
    merged, _ = merge_assessments(base, mine, theirs, _at(4))
    assert merged.plan["both"].owner == "Bo"


def test_a_plan_item_saved_elsewhere_survives_the_open_windows_next_saves(file: Path) -> None:
    from cisec.model import PlanItem

    window = services.open_session(file)
    other = services.open_session(file)
    with other.lock:
        other.assessment.plan["duties.report"] = PlanItem(owner="Ops lead", updated_at=_at(1))
    other.save(now=_at(1))
    report = window.answer("practice.cctv", "2", now=_at(2))
    assert report.plan_items_from_other == 1
    assert window.assessment.plan["duties.report"].owner == "Ops lead"
    # The window's next save must not read the item as one it removed.
    window.answer("practice.power", "n1", now=_at(3))
    assert load_assessment(file).plan["duties.report"].owner == "Ops lead"


def _answer(value: str, minute: int, note: str = "") -> Answer:
    return Answer(value=value, note=note, answered_at=_at(minute))


def _assessment(answers: dict[str, Answer], retired: list[object] | None = None) -> Assessment:
    from cisec.model import QuestionnaireRef

    return Assessment(
        questionnaire=QuestionnaireRef(
            id="fixture", version="1", content_hash="sha256:" + "0" * 64
        ),
        created_at=T0,
        updated_at=T0,
        answers=answers,
        retired_answers=retired or [],
    )


def test_two_writers_at_once_lose_no_acknowledged_answer(file: Path, tmp_path: Path) -> None:
    """The terminal UI's save path in a thread, `cisec answer` processes in a loop, one file."""
    window_answers = {"duties.office": ["yes", "partly", "no"], "practice.power": ["n", "n1", "2n"]}
    cli_ids = ["duties.report", "duties.ot"]
    window = services.open_session(file)
    acknowledged: dict[str, str] = {}
    reports: list[MergeReport] = []
    stop = threading.Event()
    failures: list[BaseException] = []

    def window_writer() -> None:
        turn = 0
        questions = list(window_answers)
        try:
            while not stop.is_set():
                question = questions[turn % len(questions)]
                value = window_answers[question][turn // 2 % 3]
                reports.append(window.answer(question, value))
                acknowledged[question] = value
                turn += 1
        except BaseException as problem:  # reported below: a thread's failure must fail the test
            failures.append(problem)

    thread = threading.Thread(target=window_writer)
    thread.start()
    cli_acknowledged: dict[str, str] = {}
    try:
        for turn in range(12):
            question = cli_ids[turn % len(cli_ids)]
            value = ["no", "yes", "partly"][turn % 3]
            result = subprocess.run(
                [sys.executable, "-m", "cisec", "answer", str(file), question, value],
                capture_output=True,
                text=True,
                env=os.environ,
                check=False,
            )
            assert result.returncode == 0, result.stderr
            assert "Traceback" not in result.stderr
            cli_acknowledged[question] = value
    finally:
        stop.set()
        thread.join()
    assert not failures, failures
    saved = load_assessment(file)
    for question, value in [*acknowledged.items(), *cli_acknowledged.items()]:
        assert saved.answers[question].value == value, question
    assert sum(r.added_from_other for r in reports) >= 1, "the window merged the CLI's answers"
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_redacted_copy_drops_the_kept_conflicts(file: Path) -> None:
    from cisec.redaction import redact

    first = services.open_session(file)
    second = services.open_session(file)
    first.answer("duties.report", "no", note="Secret plan A", now=_at(5))
    second.answer("duties.report", "partly", note="Secret plan B", now=_at(2))
    session = services.open_session(file)
    assert session.assessment.answers["duties.report"].history
    copy = redact(session.questionnaire, session.assessment)
    assert "Secret" not in copy.model_dump_json()
