"""`cisec report`: formats from the extension, exports' shapes, and one-sentence errors (exit 2)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_fixtures import Files

from cisec.cli import cli


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def report(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["report", *args])
    return result.exit_code, result.output


def test_json_export_has_scores_gaps_answers_and_trend(
    runner: CliRunner, assessment_files: Files, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    code, output = report(
        runner,
        str(assessment_files.current),
        "-o",
        str(out),
        "--previous",
        str(assessment_files.previous),
    )
    assert code == 0, output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "cisec-report" and document["format_version"] == 1
    assert document["overall"] == 32.5
    assert [s["score"] for s in document["sections"]] == [30.0, 37.5]
    assert [
        (g["rank"], g["question_id"], g["reason"], g["priority"]) for g in document["gaps"]
    ] == [
        (1, "duties.report", "unknown", 6.0),
        (2, "duties.office", "answer", 4.5),
        (3, "practice.cctv", "answer", 2.0),
        (4, "practice.power", "answer", 1.0),
        (5, "practice.power", "declared_level", 0.5),
        (6, "practice.policy", "answer", 0.5),
    ]
    office = next(a for a in document["answers"] if a["question_id"] == "duties.office")
    assert office["answer"] == {"en": "Partly", "zh-Hant": "部分符合"}
    assert office["note"] == "租約已簽，待通知專員。" and office["evidence"] == ["Lease 2026-03"]
    cctv = next(a for a in document["answers"] if a["question_id"] == "practice.cctv")
    assert cctv["value"] == 45 and cctv["answer"] == {"en": "45 days", "zh-Hant": "45日"}
    assert document["trend"]["overall"] == {"previous": 50.7, "current": 32.5, "change": -18.2}
    assert document["trend"]["closed"] == [{"question_id": "duties.ot", "reason": "answer"}]
    assert document["calendar"] == []  # only Cap. 653 has statutory due dates


def test_csv_has_a_bom_and_one_row_per_gap(
    runner: CliRunner, assessment_files: Files, tmp_path: Path
) -> None:
    out = tmp_path / "gaps.csv"
    code, output = report(
        runner, str(assessment_files.current), "-o", str(out), "--lang", "zh-Hant"
    )
    assert code == 0, output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:6] == ["#", "優先度", "類別", "問題編號", "部分", "問題"]
    assert rows[0][-3:] == ["負責人", "目標日期", "狀況"]
    assert len(rows) == 1 + 6
    assert rows[1][3] == "duties.report" and rows[1][5] == "貴機構是否適時通報事故？"
    assert rows[1][-3:] == ["", "", ""]  # nothing planned yet: cells to fill in


def test_csv_in_both_languages_repeats_text_columns(
    runner: CliRunner, assessment_files: Files, tmp_path: Path
) -> None:
    out = tmp_path / "gaps.csv"
    code, _ = report(runner, str(assessment_files.current), "-o", str(out), "--lang", "both")
    assert code == 0
    header = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert "Question (en)" in header and "問題 (zh-Hant)" in header


def test_csv_cells_cannot_run_as_formulas(
    data_dir: Path, tmp_path: Path, runner: CliRunner
) -> None:
    from report_fixtures import CURRENT, THIS_YEAR, write_assessment

    answers = dict(CURRENT)
    answers["duties.office"] = ("partly", '=HYPERLINK("http://example.org","x")', [])
    path = write_assessment(tmp_path / "formula.cisec.json", answers, THIS_YEAR)
    out = tmp_path / "gaps.csv"
    code, _ = report(runner, str(path), "-o", str(out))
    assert code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    office = next(row for row in rows if row[3] == "duties.office")
    assert office[8] == '\'=HYPERLINK("http://example.org","x")'


def test_format_option_overrides_the_extension(
    runner: CliRunner, assessment_files: Files, tmp_path: Path
) -> None:
    out = tmp_path / "report.txt"
    code, _ = report(runner, str(assessment_files.current), "-o", str(out), "--format", "html")
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html and "<link" not in html


def test_html_language_follows_lang(
    runner: CliRunner, assessment_files: Files, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    code, _ = report(runner, str(assessment_files.current), "-o", str(out), "--lang", "zh-Hant")
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert (
        '<html lang="zh-Hant-HK"' in html and "行政摘要" in html and "Executive summary" not in html
    )
    assert "2026年11月20日" in html


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["{current}", "-o", "{tmp}/report.odt"],
            "Cannot tell the report format from 'report.odt'.",
        ),
        (["{tmp}/missing.cisec.json", "-o", "{tmp}/r.html"], "no such file"),
        (["{current}", "-o", "{tmp}/no-such-folder/r.html"], "is not a folder"),
        (["{current}", "-o", "{tmp}/r.html", "--previous", "{current}"], "same file"),
        (["{current}", "-o", "{current}", "--format", "json"], "would overwrite the input file"),
        (
            ["{current}", "-o", "{tmp}/r.html", "--previous", "{tmp}/missing.cisec.json"],
            "no such file",
        ),
        (["{current}", "-o", "{tmp}/r.html", "--previous", "{other}"], "answers other"),
        (["{current}", "-o", "{tmp}/r.html", "--lang", "fr"], "Invalid value for '--lang'"),
        (["{current}", "-o", "{tmp}/r.pdf", "--format", "odt"], "Invalid value for '--format'"),
        (["{current}"], "Missing option '--out'"),
    ],
)
def test_bad_arguments_exit_2_with_one_sentence(
    runner: CliRunner,
    assessment_files: Files,
    other_questionnaire_file: Path,
    tmp_path: Path,
    arguments: list[str],
    message: str,
) -> None:
    values = {
        "current": str(assessment_files.current),
        "other": str(other_questionnaire_file),
        "tmp": str(tmp_path),
    }
    code, output = report(runner, *(a.format(**values) for a in arguments))
    assert code == 2
    assert message in output
    assert "Traceback" not in output
    assert not list(tmp_path.glob("r.*")) and not list(tmp_path.glob(".r.*"))


@pytest.fixture(scope="module")
def other_questionnaire_file(data_dir: Path) -> Path:
    """An assessment of another questionnaire (a copy of the fixture under another id)."""
    from report_fixtures import FIXTURE, THIS_YEAR

    from cisec import services

    text = FIXTURE.read_text(encoding="utf-8").replace("id: fixture\n", "id: other\n", 1)
    (data_dir / "questionnaires" / "other.yaml").write_text(text, encoding="utf-8")
    path = data_dir / "other.cisec.json"
    services.new_session("other", path, now=THIS_YEAR)
    return path


def test_help_names_every_option(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["report", "--help"])
    assert result.exit_code == 0
    for option in ("--out", "--lang", "--previous", "--format"):
        assert option in result.output


def test_every_json_key_is_documented(
    runner: CliRunner, assessment_files: Files, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    report(
        runner,
        str(assessment_files.current),
        "-o",
        str(out),
        "--previous",
        str(assessment_files.previous),
    )
    document = json.loads(out.read_text(encoding="utf-8"))
    docs = (Path(__file__).resolve().parents[2] / "docs" / "report-format.md").read_text(
        encoding="utf-8"
    )
    keys = set(document)
    for part in ("sections", "gaps", "answers"):
        keys |= set(document[part][0])
    keys |= set(document["trend"]) | set(document["trend"]["regressions"][0])
    for key in sorted(keys):
        assert f"`{key}`" in docs or f"`{key}[]`" in docs, key


def test_an_empty_assessment_reports_nothing_scored(
    data_dir: Path, tmp_path: Path, runner: CliRunner
) -> None:
    from cisec import services

    path = tmp_path / "empty.cisec.json"
    services.new_session("fixture", path)
    out = tmp_path / "empty.html"
    code, output = report(runner, str(path), "-o", str(out))
    assert code == 0, output
    html = out.read_text(encoding="utf-8")
    assert "Nothing is scored yet" in html and "No gaps" not in html
