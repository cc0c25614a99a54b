"""The command line: the new/answer/score round trip, exit codes, JSON shapes, help for all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cisec.cli import COMMANDS, cli


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cisec", *args],
        capture_output=True,
        text=True,
        env=os.environ,
        check=False,
    )


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_round_trip_new_answer_score(user_dir: Path, tmp_path: Path, runner: CliRunner) -> None:
    file = str(tmp_path / "a.cisec.json")
    steps = [
        [
            "new",
            "--questionnaire",
            "fixture",
            "--out",
            file,
            "--org",
            "Example Ltd",
            "--assessor",
            "A. Chan",
        ],
        ["answer", file, "designated", "yes"],
        ["answer", file, "designated_on", "2026-07-15"],
        [
            "answer",
            file,
            "duties.office",
            "partly",
            "--note",
            "Lease signed",
            "--evidence",
            "Lease-2026",
        ],
        ["answer", file, "duties.report", "yes"],
        ["answer", file, "practice.cctv", "45"],
        ["answer", file, "practice.policy", "na", "--note", "Site closing"],
    ]
    for step in steps:
        result = runner.invoke(cli, step)
        assert result.exit_code == 0, result.output
    document = json.loads(Path(file).read_text(encoding="utf-8"))
    assert document["profile"] == {"designated": "yes", "designated_on": "2026-07-15"}
    office = document["answers"]["duties.office"]
    assert (office["value"], office["note"], office["evidence"], office["answered_by"]) == (
        "partly",
        "Lease signed",
        ["Lease-2026"],
        "A. Chan",
    )
    assert document["answers"]["practice.cctv"]["value"] == 45
    result = runner.invoke(cli, ["score", file, "--json"])
    assert result.exit_code == 0, result.output
    score = json.loads(result.output)
    assert set(score) >= {"overall", "coverage", "sections", "gaps"}
    assert [s["id"] for s in score["sections"]] == ["duties", "practice"]
    # duties: (3×0.5 + 2×1) / 5 = 70; practice: cctv 0.5 only = 50; overall (2×70 + 50) / 3
    assert [s["score"] for s in score["sections"]] == [70.0, 50.0]
    assert score["overall"] == round((2 * 70 + 50) / 3, 1)
    assert score["gaps"][0] == {
        "question_id": "duties.office",
        "section_id": "duties",
        "kind": "statutory",
        "reason": "answer",
        "score": 0.5,
        "expected": 1.0,
        "priority": 4.5,
    }
    table = runner.invoke(cli, ["score", file])
    assert "Overall 63.3 / 100" in table.output and "duties.office" in table.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["answer", "{file}", "nope", "yes"], "Valid ids: designated"),
        (["answer", "{file}", "practice.cctw", "90"], "Did you mean practice.cctv?"),
        (
            ["answer", "{file}", "duties.report", "maybe"],
            "Valid answers: yes, partly, no, na, unknown",
        ),
        (["answer", "{file}", "practice.cctv", "lots"], "whole number"),
        (["answer", "{file}", "--", "practice.cctv", "-3"], "not a valid answer"),
        (["answer", "{file}", "designated_on", "15/07/2026"], "YYYY-MM-DD"),
        (["answer", "{file}", "practice.policy", "na"], "needs a justification"),
        (
            ["new", "--questionnaire", "fixtur", "--out", "{tmp}/x.cisec.json"],
            "did you mean 'fixture'",
        ),
        (["new", "--questionnaire", "fixture", "--out", "{file}"], "already exists"),
        (["score", "{tmp}/missing.cisec.json"], "no such file"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(
    user_dir: Path, tmp_path: Path, runner: CliRunner, args: list[str], words: str
) -> None:
    file = tmp_path / "a.cisec.json"
    assert runner.invoke(cli, ["new", "-q", "fixture", "-o", str(file)]).exit_code == 0
    before = file.read_bytes()
    result = runner.invoke(cli, [a.format(file=file, tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    assert words in result.output
    assert "Traceback" not in result.output
    assert file.read_bytes() == before


def test_corrupt_assessment_is_refused_in_a_real_process(user_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "torn.cisec.json"
    file.write_text('{"format": "cisec-assessment", "format_version": 1, "answ', encoding="utf-8")
    result = run("score", str(file))
    assert result.returncode == 2
    assert "not valid JSON" in result.stderr and "Traceback" not in result.stderr
    assert file.read_text(encoding="utf-8").endswith('"answ')


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["score"]).exit_code == 2
    assert runner.invoke(cli, ["no-such-command"]).exit_code == 2
    assert runner.invoke(cli, ["new", "--lang", "fr", "-q", "x", "-o", "y"]).exit_code == 2


def test_validate_exit_codes(runner: CliRunner) -> None:
    data = Path(__file__).parent / "data" / "content"
    ok = runner.invoke(cli, ["validate", str(data / "fixture.yaml")])
    assert ok.exit_code == 0
    bad = runner.invoke(cli, ["validate", str(data / "bad")])
    assert bad.exit_code == 2
    lines = [line for line in bad.stdout.splitlines() if line]
    assert len(lines) >= 22  # every bad file reports at least one problem, one per line
    assert all(":" in line.split(" ", 1)[0] for line in lines)
    missing = runner.invoke(cli, ["validate", "no/such.yaml"])
    assert missing.exit_code == 2 and "no such file" in missing.stdout


def test_validate_without_paths_checks_everything_shipped(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output


def test_questionnaires_json_shapes(user_dir: Path, runner: CliRunner) -> None:
    listing = json.loads(runner.invoke(cli, ["questionnaires", "--json"]).stdout)
    fixture = next(row for row in listing if row["id"] == "fixture")
    assert fixture == {
        "id": "fixture",
        "version": "1.2.0",
        "title": {"en": "Fixture questionnaire", "zh-Hant": "測試問卷"},
        "questions": 6,
    }
    shown = json.loads(runner.invoke(cli, ["questionnaires", "show", "fixture", "--json"]).stdout)
    assert shown["id"] == "fixture" and shown["title"]["zh-Hant"] == "測試問卷"
    question = shown["sections"][0]["questions"][0]
    assert {"id", "text", "kind", "scale", "weight", "references"} <= set(question)
    assert question["text"] == {
        "en": "Do you keep an office in Hong Kong?",
        "zh-Hant": "貴機構是否在香港設有辦事處？",
    }
    assert question["references"] == ["Cap. 653 s.19"]
    unknown = runner.invoke(cli, ["questionnaires", "show", "nope"])
    assert unknown.exit_code == 2


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help(name: str, runner: CliRunner) -> None:
    command = cli.get_command(None, name)  # type: ignore[arg-type]
    if command is None:  # an area whose module is not part of this build
        assert (
            not (Path(__file__).parent.parent / "cisec" / "cli")
            .joinpath(COMMANDS[name].split(":")[0].rsplit(".", 1)[1] + ".py")
            .exists()
        )
        return
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert command.help and len(command.help) > 20
    assert "Usage: cisec " + name in result.output or "Usage: cli " + name in result.output


def test_validate_checks_exercise_packs_too(runner: CliRunner) -> None:
    workshop = Path(__file__).parent / "workshop" / "data"
    assert runner.invoke(cli, ["validate", str(workshop / "fixture-drill.yaml")]).exit_code == 0
    bad = runner.invoke(cli, ["validate", str(workshop / "bad" / "duplicate_id.yaml")])
    assert bad.exit_code == 2
    assert "duplicate_id.yaml:" in bad.stdout and "twice" in bad.stdout
    shipped = runner.invoke(cli, ["validate"])
    shipped_dir = Path(__file__).parent.parent / "questionnaires"
    packs = len(list((shipped_dir / "exercises").glob("*.yaml")))
    questionnaires = len([p for p in shipped_dir.glob("*.yaml") if p.name != "scales.yaml"])
    assert shipped.exit_code == 0 and packs >= 3
    assert f"{questionnaires + packs} files valid" in shipped.stderr
