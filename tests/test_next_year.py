"""Next year's assessment: `new --from` carries the profile and unfinished plan, remembers its
predecessor, and the report's trend and the walk find last year's answers through it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cisec import services
from cisec.cli import cli
from cisec.errors import CisecError
from cisec.model import RiskAcceptance
from cisec.redaction import redact
from cisec.services.plan import set_plan_item
from cisec.store import load_assessment

T0 = dt.datetime(2025, 11, 2, 2, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)


def last_year(folder: Path, passphrase: str | None = None) -> services.AssessmentSession:
    """Last year's assessment: answered, with a plan of every status."""
    name = "2025.cisec.json" + (".age" if passphrase else "")
    session = services.new_session(
        "fixture",
        folder / name,
        organisation="Example Ltd",
        assessor="A. Chan",
        language="zh-Hant",
        passphrase=passphrase,
        now=T0,
    )
    session.answer("designated", "yes", now=T0)
    session.answer("systems", 3, now=T0)
    session.answer("duties.report", "partly", note="Draft procedure", now=T0)
    session.answer("duties.office", "no", now=T0)
    session.answer("practice.power", "n", now=T0)
    session.answer("practice.cctv", 10, now=T0)
    set_plan_item(session, "duties.report", owner="Ops lead", status="in-progress", now=T0)
    set_plan_item(session, "duties.office", owner="Facilities", status="done", now=T0)
    set_plan_item(session, "practice.power", due=dt.date(2026, 3, 31), now=T0)
    set_plan_item(
        session,
        "practice.cctv",
        status="risk-accepted",
        risk_acceptance=RiskAcceptance(justification="Site closes in 2027", accepted_by="CEO"),
        now=T0,
    )
    return session


def test_new_from_carries_profile_and_unfinished_plan(user_dir: Path, tmp_path: Path) -> None:
    previous = last_year(tmp_path)
    out = tmp_path / "2026.cisec.json"
    session = services.new_session("fixture", out, predecessor=previous, now=T1)
    saved = load_assessment(out)
    assert (saved.organisation, saved.assessor) == ("Example Ltd", "A. Chan")
    assert saved.profile == {"designated": "yes", "systems": 3}
    assert saved.answers == {}  # answers are this year's to give
    # Open, in-progress and risk-accepted items come along; the done one stays behind.
    assert sorted(saved.plan) == ["duties.report", "practice.cctv", "practice.power"]
    assert saved.plan["duties.report"].owner == "Ops lead"
    assert saved.plan["practice.cctv"].risk_acceptance is not None
    assert saved.predecessor is not None
    assert saved.predecessor.file == "2025.cisec.json"
    assert saved.predecessor.created_at == T0
    assert saved.predecessor.questionnaire_version == "1.2.0"
    assert saved.format_version == 3
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format_version"] == 3 and document["predecessor"]["file"] == "2025.cisec.json"
    assert session.assessment.predecessor == saved.predecessor


def test_given_organisation_wins_over_last_years(user_dir: Path, tmp_path: Path) -> None:
    previous = last_year(tmp_path)
    session = services.new_session(
        "fixture", tmp_path / "b.cisec.json", organisation="Renamed Ltd", predecessor=previous
    )
    assert session.assessment.organisation == "Renamed Ltd"
    assert session.assessment.assessor == "A. Chan"


def test_predecessor_path_is_relative_to_the_new_file(user_dir: Path, tmp_path: Path) -> None:
    previous = last_year(tmp_path)
    (tmp_path / "2026").mkdir()
    session = services.new_session(
        "fixture", tmp_path / "2026" / "a.cisec.json", predecessor=previous
    )
    assert session.assessment.predecessor is not None
    assert session.assessment.predecessor.file == "../2025.cisec.json"
    opened = services.open_predecessor(session)
    assert opened is not None and opened.assessment.organisation == "Example Ltd"


def test_another_questionnaire_is_refused(user_dir: Path, tmp_path: Path) -> None:
    previous = last_year(tmp_path)
    with pytest.raises(CisecError, match="answers fixture, not sme-baseline"):
        services.new_session("sme-baseline", tmp_path / "x.cisec.json", predecessor=previous)
    assert not (tmp_path / "x.cisec.json").exists()


def test_open_predecessor_and_previous_answer(user_dir: Path, tmp_path: Path) -> None:
    previous = last_year(tmp_path)
    session = services.new_session("fixture", tmp_path / "n.cisec.json", predecessor=previous)
    notices: list[CisecError] = []
    opened = services.open_predecessor(session, notice=notices.append)
    assert opened is not None and notices == []
    answer = services.previous_answer(opened, "duties.report")
    assert answer is not None
    assert answer.value == "partly" and answer.note == "Draft procedure"
    assert answer.text("en") == "Partly"
    assert answer.text("zh-Hant") != answer.text("en")
    assert services.previous_answer(opened, "practice.policy") is None  # not answered
    assert services.previous_answer(opened, "no.such") is None


def test_no_predecessor_is_none_without_notice(user_dir: Path, tmp_path: Path) -> None:
    session = services.new_session("fixture", tmp_path / "n.cisec.json")
    assert services.open_predecessor(session) is None
    assert session.notices == []


def test_missing_predecessor_is_a_notice(user_dir: Path, tmp_path: Path) -> None:
    previous = last_year(tmp_path)
    session = services.new_session("fixture", tmp_path / "n.cisec.json", predecessor=previous)
    previous.path.unlink()
    notices: list[CisecError] = []
    assert services.open_predecessor(session, notice=notices.append) is None
    [problem] = notices
    assert "cannot be used (no such file)" in problem.message
    assert "無法使用去年的檔案" in problem.message_zh
    # Without a notice callback the sentence is kept with the session's notices.
    assert services.open_predecessor(session) is None
    assert "cannot be used" in session.notices[-1]


def test_changed_predecessor_is_opened_with_a_notice(user_dir: Path, tmp_path: Path) -> None:
    previous = last_year(tmp_path)
    session = services.new_session("fixture", tmp_path / "n.cisec.json", predecessor=previous)
    previous.answer("practice.policy", "3", now=T0)
    notices: list[CisecError] = []
    opened = services.open_predecessor(session, notice=notices.append)
    assert opened is not None
    assert "has changed since" in notices[0].message


def test_encrypted_predecessor_asks_for_its_passphrase(user_dir: Path, tmp_path: Path) -> None:
    previous = last_year(tmp_path, passphrase="last year's secret")
    session = services.new_session("fixture", tmp_path / "n.cisec.json", predecessor=previous)
    asked: list[str] = []

    def ask() -> str:
        asked.append("asked")
        return "last year's secret"

    notices: list[CisecError] = []
    opened = services.open_predecessor(session, passphrase=ask, notice=notices.append)
    assert opened is not None and asked == ["asked"]
    # Re-encryption changes the ciphertext, not the plaintext: no "changed" notice.
    assert notices == []
    wrong = services.open_predecessor(session, passphrase="not it", notice=notices.append)
    assert wrong is None and "cannot be used" in notices[0].message


def test_redacted_copy_drops_the_predecessors_name(user_dir: Path, tmp_path: Path) -> None:
    previous = last_year(tmp_path)
    session = services.new_session("fixture", tmp_path / "n.cisec.json", predecessor=previous)
    copy = redact(session.questionnaire, session.assessment)
    assert copy.predecessor is not None and copy.predecessor.file == ""
    assert copy.predecessor.sha256 == session.assessment.predecessor.sha256  # type: ignore[union-attr]


def test_cli_new_from_and_the_report_trend(user_dir: Path, tmp_path: Path) -> None:
    last_year(tmp_path)
    runner = CliRunner()
    new = str(tmp_path / "2026.cisec.json")
    result = runner.invoke(cli, ["new", "--out", new, "--from", str(tmp_path / "2025.cisec.json")])
    assert result.exit_code == 0, result.output
    assert "3 plan items carried over" in result.stderr
    assert load_assessment(Path(new)).language == "zh-Hant"  # last year's language
    runner.invoke(cli, ["answer", new, "duties.report", "yes"])
    out = tmp_path / "r.json"
    result = runner.invoke(cli, ["report", new, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    trend = json.loads(out.read_text(encoding="utf-8"))["trend"]
    assert trend is not None
    # Moved away: the report is still written, with one sentence instead of the trend.
    shutil.move(tmp_path / "2025.cisec.json", tmp_path / "elsewhere.cisec.json")
    result = runner.invoke(cli, ["report", new, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert "cannot be used (no such file)" in result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["trend"] is None
    # --previous still works and wins.
    result = runner.invoke(
        cli,
        ["report", new, "-o", str(out), "-q", "--previous", str(tmp_path / "elsewhere.cisec.json")],
    )
    assert result.exit_code == 0, result.output
    assert "cannot be used" not in result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["trend"] is not None


def test_cli_new_without_questionnaire_or_from_exits_2(user_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["new", "--out", str(tmp_path / "a.cisec.json")])
    assert result.exit_code == 2
    assert "--questionnaire" in result.stderr
