"""Merging participant files into class results: exact counts, duplicates, conflicts, bad files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cisec.cli import cli
from cisec.content.exercise import load_exercise_file, pack_hash
from cisec.model.exercise import Exercise
from cisec.services import workshop as service
from cisec.workshop.answers import (
    PackRef,
    ParticipantAnswer,
    ParticipantAnswers,
    save_answers,
)
from cisec.workshop.class_results import LoadedFile, class_results_document, merge

PACK = Path(__file__).parent / "data" / "fixture-drill.yaml"
T0 = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def pack() -> Exercise:
    return load_exercise_file(PACK)


def answers_of(
    pack: Exercise, participant: str, choices: dict[str, list[str]], *, minute: int = 0
) -> ParticipantAnswers:
    moment = T0 + dt.timedelta(minutes=minute)
    return ParticipantAnswers(
        pack=PackRef(id=pack.id, version=pack.version, content_hash=pack_hash(pack)),
        participant=participant,
        started_at=T0,
        updated_at=moment,
        answers={
            qid: ParticipantAnswer(choices=values, answered_at=moment)
            for qid, values in choices.items()
        },
    )


RIGHT = {"deadline": ["h12"], "preserve": ["logs", "images"], "order": ["first", "second", "third"]}


def class_of_four(pack: Exercise) -> list[LoadedFile]:
    return [
        LoadedFile("alpha.json", answers_of(pack, "Team Alpha", RIGHT)),
        LoadedFile(
            "bravo.json",
            answers_of(pack, "Team Bravo", {"deadline": ["h48"], "preserve": ["logs", "coffee"]}),
        ),
        LoadedFile(
            "charlie.json",
            answers_of(
                pack,
                "Team Charlie",
                {
                    "deadline": ["h48"],
                    "preserve": ["coffee", "logs"],
                    "order": ["second", "first", "third"],
                },
            ),
        ),
        LoadedFile("delta.json", answers_of(pack, "Team Delta", {"deadline": ["d14"]})),
    ]


def test_per_question_counts_are_exact(pack: Exercise) -> None:
    results = merge(pack, class_of_four(pack))
    deadline, preserve, order = results.questions
    assert (deadline.answered, deadline.correct) == (4, 1)
    assert deadline.share_correct == 0.25
    assert {o.value: o.chosen for o in deadline.options} == {"h12": 1, "h48": 2, "d14": 1}
    assert [(w.choices, w.count) for w in deadline.common_wrong] == [(("h48",), 2), (("d14",), 1)]

    assert (preserve.answered, preserve.correct) == (3, 1)
    assert {o.value: o.chosen for o in preserve.options} == {
        "logs": 3,
        "images": 1,
        "nothing": 0,
        "coffee": 2,
    }
    # Bravo and Charlie gave the same set in a different order: one wrong answer, twice.
    assert [(w.choices, w.count) for w in preserve.common_wrong] == [(("logs", "coffee"), 2)]
    assert preserve.mean_score == pytest.approx((1 + 0.5 + 0.5) / 3)

    assert (order.answered, order.correct) == (2, 1)
    assert {o.value: o.chosen for o in order.options} == {"first": 1, "second": 1, "third": 0}
    assert {o.value: o.mean_place for o in order.options} == {
        "first": 1.5,
        "second": 1.5,
        "third": 3.0,
    }
    assert order.mean_score == pytest.approx((1 + 0.5) / 2)
    assert [p.en for p in deadline.question.discussion] == ["When did you become aware?"]


def test_each_participant_gets_a_score(pack: Exercise) -> None:
    results = merge(pack, class_of_four(pack))
    rows = {
        row.name: (row.answered, row.correct, round(row.percent, 1)) for row in results.participants
    }
    assert rows == {
        "Team Alpha": (3, 3, 100.0),
        "Team Bravo": (2, 0, round(100 * 0.5 / 3, 1)),
        "Team Charlie": (3, 0, round(100 * 1.0 / 3, 1)),
        "Team Delta": (1, 0, 0.0),
    }
    assert results.mean_percent == pytest.approx((100 + 50 / 3 + 100 / 3 + 0) / 4)
    assert [(f.file, f.status, f.answers_merged) for f in results.files] == [
        ("alpha.json", "merged", 3),
        ("bravo.json", "merged", 2),
        ("charlie.json", "merged", 3),
        ("delta.json", "merged", 1),
    ]


def test_duplicate_files_count_once(pack: Exercise) -> None:
    files = [
        *class_of_four(pack),
        LoadedFile("alpha-copy.json", answers_of(pack, "  team ALPHA ", RIGHT)),
    ]
    results = merge(pack, files)
    assert len(results.participants) == 4
    assert results.questions[0].answered == 4
    statuses = {f.file: f.status for f in results.files}
    assert statuses["alpha-copy.json"] == "duplicate"
    assert statuses["alpha.json"] == "merged"


def test_conflicting_files_are_combined_with_the_later_answer_winning(pack: Exercise) -> None:
    early = answers_of(
        pack, "Team Bravo", {"deadline": ["h48"], "preserve": ["logs", "coffee"]}, minute=1
    )
    late = answers_of(pack, "Team Bravo", {"deadline": ["h12"]}, minute=5)
    results = merge(pack, [LoadedFile("bravo-old.json", early), LoadedFile("bravo-new.json", late)])
    assert [(r.file, r.status, r.answers_merged) for r in results.files] == [
        ("bravo-old.json", "conflict", 1),
        ("bravo-new.json", "merged", 1),
    ]
    assert "different answers to deadline" in results.files[0].detail
    assert "this file's answers count for preserve" in results.files[0].detail
    (row,) = results.participants
    assert (row.answered, row.correct) == (2, 1)  # deadline from the newer file, preserve kept
    assert results.questions[0].correct == 1
    assert {o.value: o.chosen for o in results.questions[0].options}["h48"] == 0


def test_a_second_session_adds_its_answers(pack: Exercise) -> None:
    # A browser that reconnects starts a second file: the answers given before still count.
    first = answers_of(
        pack, "Team Charlie", {"deadline": ["h12"], "preserve": ["logs", "images"]}, minute=2
    )
    second = answers_of(pack, "team charlie", {"order": ["first", "second", "third"]}, minute=9)
    results = merge(pack, [LoadedFile("c.json", first), LoadedFile("c-2.json", second)])
    assert [(r.file, r.status, r.answers_merged) for r in results.files] == [
        ("c.json", "combined", 2),
        ("c-2.json", "merged", 1),
    ]
    (row,) = results.participants
    assert (row.answered, row.correct, row.percent) == (3, 3, 100.0)


def test_unreadable_and_other_pack_files_are_reported_and_the_rest_merged(pack: Exercise) -> None:
    other = answers_of(pack, "Team Echo", {}).model_copy(
        update={
            "pack": PackRef(id="another-pack", version="1.0", content_hash="sha256:" + "0" * 64)
        }
    )
    files = [
        LoadedFile("broken.json", None, "broken.json: not valid JSON (line 1, column 2: …)."),
        *class_of_four(pack),
        LoadedFile("echo.json", other),
    ]
    results = merge(pack, files)
    assert len(results.participants) == 4
    assert (results.files[0].file, results.files[0].status) == ("broken.json", "unreadable")
    assert results.files[0].detail.startswith("broken.json: not valid JSON")
    assert results.files[-1].status == "other-pack"
    assert "another-pack" in results.files[-1].detail


def test_answers_that_no_longer_fit_are_set_aside(pack: Exercise) -> None:
    stale = answers_of(pack, "Team Foxtrot", {"deadline": ["h12"], "retired-question": ["x"]})
    results = merge(pack, [LoadedFile("f.json", stale)])
    assert results.files[0].answers_merged == 1
    assert "retired-question" in results.files[0].detail


def test_anonymise_hides_names_and_file_names(pack: Exercise) -> None:
    results = merge(pack, class_of_four(pack), anonymise=True)
    document = json.dumps(class_results_document(results), ensure_ascii=False)
    for secret in ("Alpha", "Bravo", "Charlie", "Delta", "alpha.json"):
        assert secret not in document
    assert sorted(row.pseudonym or 0 for row in results.participants) == [1, 2, 3, 4]
    assert [row.name for row in results.participants] == [f"Participant {n}" for n in range(1, 5)]
    # The numbers come from the names, not from the order the files were given in.
    again = merge(pack, list(reversed(class_of_four(pack))), anonymise=True)
    assert sorted((r.pseudonym, r.percent) for r in again.participants) == sorted(
        (r.pseudonym, r.percent) for r in results.participants
    )


# Through the service and the command line ---------------------------------------------------


def write_class(folder: Path, pack: Exercise) -> list[Path]:
    paths = []
    for loaded in class_of_four(pack):
        assert loaded.answers is not None
        path = folder / loaded.name.replace(".json", ".workshop.json")
        save_answers(path, loaded.answers)
        paths.append(path)
    return paths


def test_merge_command_writes_json_and_names_the_corrupt_file(
    trainer_dir: Path, tmp_path: Path, pack: Exercise
) -> None:
    folder = tmp_path / "class"
    write_class(folder, pack)
    (folder / "torn.workshop.json").write_text(
        '{"format": "cisec-workshop-answers", ', encoding="utf-8"
    )
    out = tmp_path / "results.json"
    result = CliRunner().invoke(cli, ["workshop", "merge", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "torn.workshop.json: not valid JSON" in result.stderr
    assert "4 participants merged, 1 file not merged" in result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "cisec-workshop-class-results"
    assert [q["correct"] for q in document["questions"]] == [1, 1, 1]
    assert [p["name"] for p in document["participants"]] == [
        "Team Alpha",
        "Team Bravo",
        "Team Charlie",
        "Team Delta",
    ]
    assert {f["status"] for f in document["files"]} == {"merged", "unreadable"}


def test_merge_with_no_readable_file_is_a_sentence_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "x.workshop.json"
    bad.write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["workshop", "merge", str(bad), "-o", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 2
    assert "None of the participant files could be read" in result.stderr
    assert "Traceback" not in result.output


def test_merge_refuses_an_unknown_output_format(
    trainer_dir: Path, tmp_path: Path, pack: Exercise
) -> None:
    paths = write_class(tmp_path, pack)
    result = CliRunner().invoke(
        cli, ["workshop", "merge", str(paths[0]), "-o", str(tmp_path / "r.txt")]
    )
    assert result.exit_code == 2
    assert "Name the file .pdf, .html or .json" in result.stderr


def test_html_results_escape_what_participants_typed(
    trainer_dir: Path, tmp_path: Path, pack: Exercise
) -> None:
    save_answers(tmp_path / "x.workshop.json", answers_of(pack, "<script>alert(1)</script>", RIGHT))
    outcome = service.merge_class_results([tmp_path])
    out = tmp_path / "results.html"
    service.write_class_results(outcome.results, out, language="both")
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "How long?" in html and "多久？" in html
    assert "When did you become aware?" in html


def test_pdf_results_render(trainer_dir: Path, tmp_path: Path, pack: Exercise) -> None:
    write_class(tmp_path, pack)
    outcome = service.merge_class_results([tmp_path], anonymise=True)
    out = tmp_path / "results.pdf"
    pages = service.write_class_results(outcome.results, out, language="zh-Hant")
    assert out.read_bytes().startswith(b"%PDF-")
    # A cover, one page per question, the file list.
    assert pages is not None and pages >= 1 + len(pack.questions) + 1


def test_the_chinese_debrief_words_each_file_in_chinese(pack: Exercise) -> None:
    from cisec.workshop.debrief import debrief_view

    early = answers_of(
        pack, "Team Bravo", {"deadline": ["h48"], "preserve": ["logs", "coffee"]}, minute=1
    )
    late = answers_of(pack, "Team Bravo", {"deadline": ["h12"]}, minute=5)
    files = [
        LoadedFile("bravo-old.json", early),
        LoadedFile("bravo-new.json", late),
        LoadedFile(
            "broken.json", None, "broken.json: not valid JSON.", "broken.json：不是有效的 JSON。"
        ),
    ]
    for anonymise in (False, True):
        view = debrief_view(merge(pack, files, anonymise=anonymise), "zh-Hant")
        details = [[phrase.text for phrase in f.detail] for f in view.files]
        assert all(len(texts) == 1 for texts in details)  # one language, and it is Chinese
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in texts[0]) for texts in details)
    named = debrief_view(merge(pack, files), "both").files
    assert [phrase.text for phrase in named[0].detail] == [
        "same participant as bravo-new.json with different answers to deadline; for each "
        "question the later answer counts; this file's answers count for preserve",
        "與 bravo-new.json 為同一參加者，但 deadline 的答案不同；每條問題以較後的答案為準；"
        "此檔案的答案用於 preserve",
    ]
    assert [phrase.text for phrase in named[2].detail] == [
        "broken.json: not valid JSON.",
        "broken.json：不是有效的 JSON。",
    ]
