"""The trainer's small commands: packs, show, validate, folder; every one has help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cisec.cli import cli

BAD = Path(__file__).parent / "data" / "bad"


def test_packs_lists_shipped_and_own_packs(trainer_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["workshop", "packs", "--json"])
    assert result.exit_code == 0, result.output
    ids = [row["id"] for row in json.loads(result.stdout)]
    assert ids == [
        "cap653-incident-tabletop",
        "dc-walkthrough",
        "sme-website-triage",
        "fixture-drill",
    ]


def test_show_gives_the_trainer_the_timeline_and_the_model_answers(trainer_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["workshop", "show", "fixture-drill"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Fixture drill — fixture-drill 1.0 (20 min)"
    assert "   *1. 12 hours" in lines
    assert "    2. 48 hours" in lines
    assert lines.index("T+10  Later") < lines.index("  [order] (ranking) Rank them.")
    assert "    model order: first > second > third" in lines
    chinese = CliRunner().invoke(
        cli, ["workshop", "show", "fixture-drill", "--language", "zh-Hant"]
    )
    assert "測試演練" in chinese.stdout


def test_show_an_unknown_pack_names_the_known_ones(trainer_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["workshop", "show", "nope"])
    assert result.exit_code == 2
    assert "No exercise pack 'nope'." in result.stderr
    assert "fixture-drill" in result.stderr


def test_validate_prints_every_problem_and_exits_2() -> None:
    result = CliRunner().invoke(
        cli,
        ["workshop", "validate", str(BAD / "duplicate_id.yaml"), str(BAD / "unknown_inject.yaml")],
    )
    assert result.exit_code == 2
    assert result.stdout.count("\n") == 2
    assert "duplicate_id.yaml:46: questions[2].id:" in result.stdout
    assert "unknown_inject.yaml:47: questions[2].after_inject:" in result.stdout


def test_validate_without_paths_checks_the_shipped_packs() -> None:
    result = CliRunner().invoke(cli, ["workshop", "validate"])
    assert result.exit_code == 0, result.output
    assert "3 packs valid." in result.stderr


def test_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CISEC_WORKSHOP_DIR", str(tmp_path / "class"))
    result = CliRunner().invoke(cli, ["workshop", "folder"])
    assert result.stdout.strip() == str(tmp_path / "class")


@pytest.mark.parametrize(
    "command",
    [
        ["workshop"],
        ["workshop", "packs"],
        ["workshop", "show"],
        ["workshop", "merge"],
        ["workshop", "validate"],
        ["serve"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) > 4


def test_merge_of_only_unreadable_files_names_each_reason(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.workshop.json"
    garbage.write_text("not json", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "workshop",
            "merge",
            str(garbage),
            str(tmp_path / "missing.workshop.json"),
            "-o",
            str(tmp_path / "r.json"),
        ],
    )
    assert result.exit_code == 2
    assert "None of the participant files could be read." in result.output
    assert "garbage.workshop.json: not valid JSON" in result.output
    assert "missing.workshop.json" in result.output
    assert not (tmp_path / "r.json").exists()
