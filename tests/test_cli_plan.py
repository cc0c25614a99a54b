"""`cisec plan`: the table and JSON, `plan set` and its refusals, and the gap CSV round trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cisec import services
from cisec.cli import cli
from cisec.errors import CisecError
from cisec.services.plan import set_plan_item
from cisec.services.plan_csv import spreadsheet_date
from cisec.store import load_assessment

T0 = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def file(user_dir: Path, tmp_path: Path) -> Path:
    path = tmp_path / "a.cisec.json"
    session = services.new_session("fixture", path, now=T0)
    session.answer("designated", "yes", now=T0)
    session.answer("systems", 2, now=T0)
    session.answer("duties.report", "no", now=T0)
    session.answer("duties.office", "partly", now=T0)
    session.answer("practice.power", "n", now=T0)
    return path


def invoke(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def plan_json(file: Path) -> dict[str, dict[str, object]]:
    result = CliRunner().invoke(cli, ["plan", str(file), "--json", "--today", "2026-12-07"])
    assert result.exit_code == 0, result.output
    return {item["question_id"]: item for item in json.loads(result.stdout)["items"]}


def test_set_then_show(file: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "plan", "set", str(file), "duties.report",
            "--owner", "Ops lead", "--due", "2026-11-30", "--status", "in-progress",
            "--milestone", "2026-11-15 Procedure drafted",
            "--milestone", "2026-11-01 Owner named",
            "--note", "Board asked",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    items = plan_json(file)
    item = items["duties.report"]
    assert item["owner"] == "Ops lead" and item["status"] == "in-progress"
    assert item["due"] == "2026-11-30" and item["overdue"] is True
    assert item["milestones"] == [
        {"date": "2026-11-01", "text": "Owner named"},
        {"date": "2026-11-15", "text": "Procedure drafted"},
    ]
    assert item["kind"] == "statutory" and item["section_id"] == "duties"
    assert item["note"] == "Board asked" and item["gap_closed"] is False
    # Unplanned gaps are rows too.
    assert items["practice.power"]["owner"] == "" and items["practice.power"]["overdue"] is False
    table = runner.invoke(cli, ["plan", str(file), "--today", "2026-12-07"])
    line = next(row for row in table.stdout.splitlines() if row.startswith("duties.report"))
    assert "Ordinance duty" in line and "Ops lead" in line and "overdue" in line
    chinese = runner.invoke(cli, ["plan", str(file), "--lang", "zh-Hant", "--today", "2026-12-07"])
    assert "條例責任" in chinese.stdout and "逾期" in chinese.stdout and "進行中" in chinese.stdout


def test_gap_closed_and_no_due(file: Path) -> None:
    invoke("plan", "set", str(file), "duties.report", "--due", "2026-11-30")
    invoke("answer", str(file), "duties.report", "yes")
    item = plan_json(file)["duties.report"]
    assert item["gap_closed"] is True and item["priority"] is None
    result = CliRunner().invoke(cli, ["plan", "set", str(file), "duties.report", "--no-due"])
    assert result.exit_code == 0, result.output
    assert plan_json(file)["duties.report"]["due"] is None


def test_risk_acceptance(file: Path) -> None:
    runner = CliRunner()
    refused = runner.invoke(
        cli, ["plan", "set", str(file), "practice.power", "--status", "risk-accepted"]
    )
    assert refused.exit_code == 2 and "justification" in refused.stderr
    accepted = runner.invoke(
        cli,
        ["plan", "set", str(file), "practice.power", "--status", "risk-accepted",
         "--justification", "Site closes in 2027", "--accepted-by", "CEO"],
    )  # fmt: skip
    assert accepted.exit_code == 0, accepted.output
    item = plan_json(file)["practice.power"]
    assert item["risk_acceptance"]["accepted_by"] == "CEO"  # type: ignore[index]
    half = runner.invoke(cli, ["plan", "set", str(file), "practice.power", "--accepted-by", "CEO"])
    assert half.exit_code == 2 and "go together" in half.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["duties.reprot", "--owner", "x"], "Did you mean duties.report"),
        (["duties.report", "--due", "2027-02-30"], "'2027-02-30' is not a date"),
        (["duties.report", "--status", "finished"], "open, in-progress, done, risk-accepted"),
        (["duties.report", "--milestone", "2027-01-01"], "is not a milestone"),
        (["duties.report", "--due", "2027-01-01", "--no-due"], "not both"),
        (["designated", "--owner", "x"], "profile question"),
        (["duties.report", "--bogus"], "No such option"),
    ],
)
def test_bad_input_exits_2_and_changes_nothing(file: Path, args: list[str], words: str) -> None:
    before = file.read_bytes()
    result = CliRunner().invoke(cli, ["plan", "set", str(file), *args])
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert file.read_bytes() == before


def exported(file: Path, tmp_path: Path) -> list[list[str]]:
    out = tmp_path / "gaps.csv"
    result = CliRunner().invoke(cli, ["report", str(file), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def write_sheet(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return path


def test_csv_round_trip_semicolons_and_day_first_dates(file: Path, tmp_path: Path) -> None:
    rows = exported(file, tmp_path)
    header = rows[0]
    assert header[-3:] == ["Owner", "Due date", "Status"]
    by_id = {row[header.index("Question id")]: row for row in rows[1:]}
    by_id["duties.report"][-3:] = ["Ops lead", "31/03/2027", "in progress"]
    by_id["practice.power"][-3:] = ["Facilities", "2027-06-30", "done"]
    sheet = write_sheet(tmp_path / "edited.csv", rows, delimiter=";")
    result = CliRunner().invoke(cli, ["plan", "import", str(file), str(sheet)])
    assert result.exit_code == 0, result.output
    assert "2 of" in result.stderr and "0 refused" in result.stderr
    plan = load_assessment(file).plan
    assert (plan["duties.report"].owner, plan["duties.report"].due) == (
        "Ops lead",
        dt.date(2027, 3, 31),
    )
    assert plan["duties.report"].status == "in-progress"
    assert plan["practice.power"].status == "done" and plan["practice.power"].closed_on
    assert set(plan) == {"duties.report", "practice.power"}  # blank rows plan nothing


def test_csv_bad_rows_are_sentences_the_rest_applied(file: Path, tmp_path: Path) -> None:
    session = services.open_session(file)
    set_plan_item(session, "duties.office", owner="Kept", now=T0)
    header = ["Question id", "Owner", "Due date", "Status"]
    rows = [
        header,
        ["duties.report", "Ops", "03/04/2027", ""],  # ambiguous
        ["practice.power", "", "2027-02-30", ""],  # impossible
        ["duties.office", "", "", "finished"],  # unknown status
        ["no.such", "X", "", ""],
        ["practice.policy", "Policy owner", "15/01/2027", ""],  # not a gap: may be planned
        ["duties.report", "Twice", "", ""],
        ["", "", "", ""],
    ]
    sheet = write_sheet(tmp_path / "edited.csv", rows)
    result = CliRunner().invoke(cli, ["plan", "import", str(file), str(sheet)])
    assert result.exit_code == 1
    err = result.stderr
    assert "row 2: '03/04/2027' could be 3 April 2027 or 4 March 2027" in err
    assert "row 3: '2027-02-30' is not a date" in err
    assert "row 4: 'finished' is not a plan status" in err
    assert "row 5: no question 'no.such'" in err
    assert "row 7: duties.report is also in row 2" in err
    assert "1 of 6 rows applied, 0 unchanged, 5 refused" in err
    plan = load_assessment(file).plan
    assert plan["practice.policy"].due == dt.date(2027, 1, 15)
    assert "duties.report" not in plan  # its row was refused whole
    assert plan["duties.office"].owner == "Kept"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"hello\r\nworld\r\n", "no question id column"),
        (b"Question id\r\nduties.report\r\n", "no owner, due date or status column"),
        (b"\xff\xfe\x00Q\x00u", "not UTF-8"),
        (b"", "empty"),
    ],
)
def test_unusable_file_exits_2(file: Path, tmp_path: Path, content: bytes, words: str) -> None:
    before = file.read_bytes()
    sheet = tmp_path / "x.csv"
    sheet.write_bytes(content)
    result = CliRunner().invoke(cli, ["plan", "import", str(file), str(sheet)])
    assert result.exit_code == 2
    assert words in result.stderr
    assert file.read_bytes() == before


def test_bilingual_export_headers_are_recognised(file: Path, tmp_path: Path) -> None:
    out = tmp_path / "gaps.csv"
    CliRunner().invoke(cli, ["report", str(file), "-o", str(out), "--lang", "zh-Hant", "-q"])
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    header = rows[0]
    assert "問題編號" in header and "負責人" in header and "狀況" in header
    row = next(r for r in rows[1:] if r[header.index("問題編號")] == "duties.report")
    row[header.index("負責人")] = "營運主管"
    row[header.index("狀況")] = "進行中"
    result = CliRunner().invoke(
        cli, ["plan", "import", str(file), str(write_sheet(tmp_path / "e.csv", rows))]
    )
    assert result.exit_code == 0, result.output
    item = load_assessment(file).plan["duties.report"]
    assert (item.owner, item.status) == ("營運主管", "in-progress")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2027-03-31", dt.date(2027, 3, 31)),
        ("31/03/2027", dt.date(2027, 3, 31)),
        ("03/31/2027", dt.date(2027, 3, 31)),
        ("4/4/2027", dt.date(2027, 4, 4)),
        ("2027-03-31 00:00:00", dt.date(2027, 3, 31)),
    ],
)
def test_spreadsheet_dates(text: str, day: dt.date) -> None:
    assert spreadsheet_date(text) == day


def test_an_impossible_spreadsheet_date_is_refused_as_a_typed_one_is() -> None:
    with pytest.raises(CisecError) as slashed:
        spreadsheet_date("30/02/2027")
    assert slashed.value.text("en")[0] == "'30/02/2027' is not a date."
    assert slashed.value.text("zh-Hant")[0] == "「30/02/2027」不是日期。"
    with pytest.raises(CisecError) as typed:
        spreadsheet_date("2027-02-30")
    assert typed.value.text("en")[1] == slashed.value.text("en")[1]


def test_plan_on_an_encrypted_file(
    user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CISEC_PASSPHRASE", "correct horse")
    path = tmp_path / "a.cisec.json.age"
    services.new_session("fixture", path, passphrase="correct horse", now=T0).answer(
        "duties.report", "no", now=T0
    )
    result = CliRunner().invoke(cli, ["plan", "set", str(path), "duties.report", "--owner", "Ops"])
    assert result.exit_code == 0, result.output
    assert path.read_bytes().startswith(b"age-encryption.org/v1")
    assert plan_json(path)["duties.report"]["owner"] == "Ops"
