"""The OSCAL 1.1.3 assessment results: valid against NIST's schema, references that resolve,
one finding per gap, the same bytes for the same assessment, hostile text kept as text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from oscal_checks import dangling_references, defined_uuids, schema_errors
from report_fixtures import CURRENT, THIS_YEAR, Files, write_assessment

from cisec.cli import cli
from cisec.services.report import render_report
from cisec.services.session import open_session


def export(path: Path, out: Path, language: str | None = None) -> dict[str, Any]:
    render_report(open_session(path), out, report_format="oscal", language=language)
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


def result_of(document: dict[str, Any]) -> dict[str, Any]:
    (result,) = document["assessment-results"]["results"]
    return result


def question_prop(entry: dict[str, Any]) -> str:
    (value,) = [p["value"] for p in entry["props"] if p["name"] == "question-id"]
    return str(value)


@pytest.mark.parametrize("language", ["en", "zh-Hant", "both"])
def test_fixture_results_are_valid_oscal(
    assessment_files: Files, tmp_path: Path, language: str
) -> None:
    document = export(assessment_files.current, tmp_path / "ar.json", language)
    assert schema_errors(document) == []
    assert dangling_references(document) == []
    uuids = defined_uuids(document)
    assert len(uuids) == len(set(uuids))


def test_the_schema_check_catches_a_broken_document(
    assessment_files: Files, tmp_path: Path
) -> None:
    document = export(assessment_files.current, tmp_path / "ar.json")
    result_of(document)["findings"][0]["target"]["status"]["state"] = "broken"
    del document["assessment-results"]["metadata"]["last-modified"]
    document["assessment-results"]["import-ap"]["href"] = "#0c0c0c0c-0c0c-4c0c-8c0c-0c0c0c0c0c0c"
    assert len(schema_errors(document)) == 2
    assert dangling_references(document) == ["href: #0c0c0c0c-0c0c-4c0c-8c0c-0c0c0c0c0c0c"]


def test_one_observation_per_answer_and_one_finding_per_gap(
    assessment_files: Files, tmp_path: Path
) -> None:
    session = open_session(assessment_files.current)
    assessment, score = session.scored_snapshot()
    result = result_of(export(assessment_files.current, tmp_path / "ar.json"))
    in_scope = {q for q, r in score.questions.items() if r.state != "skipped"}
    answered = set(assessment.answers) & in_scope
    observed = {question_prop(o): o for o in result["observations"]}
    assert set(observed) == answered and len(result["observations"]) == len(answered)
    gapped = {gap.question_id for gap in score.gaps}
    targets = [f["target"]["target-id"] for f in result["findings"]]
    assert sorted(targets) == sorted(gapped)
    assert len(targets) == len(set(targets))
    reviewed = [
        c["control-id"]
        for c in result["reviewed-controls"]["control-selections"][0]["include-controls"]
    ]
    assert set(reviewed) == in_scope and set(targets) <= set(reviewed)
    for entry in result["findings"]:
        assert entry["target"]["type"] == "objective-id"
        assert entry["target"]["status"]["state"] == "not-satisfied"
        (link,) = entry["related-observations"]
        assert link["observation-uuid"] == observed[entry["target"]["target-id"]]["uuid"]


def test_observations_carry_methods_time_note_and_evidence(
    assessment_files: Files, tmp_path: Path
) -> None:
    result = result_of(export(assessment_files.current, tmp_path / "ar.json"))
    observed = {question_prop(o): o for o in result["observations"]}
    cctv = observed["practice.cctv"]
    assert cctv["methods"] == ["INTERVIEW", "EXAMINE"]
    assert cctv["collected"] == THIS_YEAR.isoformat()
    evidence = [item["description"] for item in cctv["relevant-evidence"]]
    assert evidence == ["Disk space limits retention.", "CCTV config export"]
    assert observed["practice.power"]["methods"] == ["INTERVIEW"]
    assert "relevant-evidence" not in observed["practice.power"]
    assert (
        observed["duties.office"]["relevant-evidence"][0]["description"]
        == CURRENT["duties.office"][1]
    )


def test_the_same_assessment_exports_the_same_bytes(
    assessment_files: Files, tmp_path: Path
) -> None:
    export(assessment_files.current, tmp_path / "one.json")
    export(assessment_files.current, tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_uuids_follow_the_subject_not_the_revision(data_dir: Path, tmp_path: Path) -> None:
    path = write_assessment(tmp_path / "a.cisec.json", CURRENT, THIS_YEAR)
    before = export(path, tmp_path / "before.json")
    later = THIS_YEAR + dt.timedelta(days=3)
    open_session(path).answer("practice.power", "2n", now=later)
    after = export(path, tmp_path / "after.json")
    assert before["assessment-results"]["uuid"] != after["assessment-results"]["uuid"]
    assert after["assessment-results"]["metadata"]["last-modified"] == later.isoformat()
    old = {question_prop(o): o["uuid"] for o in result_of(before)["observations"]}
    new = {question_prop(o): o["uuid"] for o in result_of(after)["observations"]}
    assert old == new
    targets = {f["target"]["target-id"] for f in result_of(after)["findings"]}
    assert "practice.power" not in targets
    assert schema_errors(after) == [] and dangling_references(after) == []


HOSTILE = 'x"}],"findings":[]} <script>alert(1)</script>\n# Heading\n\t\\u0000 ..\\ \u202e'


def test_hostile_text_stays_a_json_string(data_dir: Path, tmp_path: Path) -> None:
    answers = dict(CURRENT)
    answers["practice.power"] = ("n", HOSTILE, [HOSTILE])
    path = write_assessment(
        tmp_path / "h.cisec.json", answers, THIS_YEAR, organisation=HOSTILE, assessor=HOSTILE
    )
    document = export(path, tmp_path / "h.json")
    assert schema_errors(document) == [] and dangling_references(document) == []
    observed = {question_prop(o): o for o in result_of(document)["observations"]}
    descriptions = [e["description"] for e in observed["practice.power"]["relevant-evidence"]]
    assert descriptions == [HOSTILE.strip(), HOSTILE.strip()]
    (organisation,) = [
        p
        for p in document["assessment-results"]["metadata"]["parties"]
        if p["type"] == "organization"
    ]
    assert organisation["name"] == " ".join(HOSTILE.split())
    assert len(result_of(document)["findings"]) == len(
        result_of(
            export(
                write_assessment(tmp_path / "plain.cisec.json", CURRENT, THIS_YEAR),
                tmp_path / "p.json",
            )
        )["findings"]
    )


def test_the_command_line_writes_oscal_only_when_asked(
    assessment_files: Files, tmp_path: Path
) -> None:
    out = tmp_path / "results.json"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["report", str(assessment_files.current), "-o", str(out), "--format", "oscal", "-q"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert list(document) == ["assessment-results"] and schema_errors(document) == []
    plain = tmp_path / "report.json"
    result = runner.invoke(cli, ["report", str(assessment_files.current), "-o", str(plain), "-q"])
    assert result.exit_code == 0
    assert json.loads(plain.read_text(encoding="utf-8"))["format"] == "cisec-report"


@pytest.mark.parametrize("language", ["en", "both"])
def test_the_cap653_demo_exports_valid_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    from cisec import services

    monkeypatch.setenv("CISEC_DATA_DIR", str(tmp_path / "user"))
    path = tmp_path / "demo.cisec.json"
    services.write_demo("hk-cap653", path)
    document = export(path, tmp_path / "ar.json", language)
    assert schema_errors(document) == [] and dangling_references(document) == []
    _, score = open_session(path).scored_snapshot()
    targets = [f["target"]["target-id"] for f in result_of(document)["findings"]]
    assert sorted(targets) == sorted({gap.question_id for gap in score.gaps})
    assert len(result_of(document)["observations"]) > 20
