"""The OSCAL 1.1.3 POA&M: valid against NIST's schema, a poam-item for every gap (planned or
not) and for planned items whose gap has closed, owners as responsible parties, references
that resolve, the same bytes for the same assessment."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from oscal_checks import dangling_references, defined_uuids, schema_errors
from report_fixtures import CURRENT, THIS_YEAR, write_assessment

from cisec.cli import cli
from cisec.model.plan import Milestone, RiskAcceptance
from cisec.services.plan import set_plan_item
from cisec.services.report import render_report
from cisec.services.session import open_session

LATER = THIS_YEAR + dt.timedelta(days=1)
HOSTILE = 'IT "team"}]\n<b>x</b>'


def planned_assessment(path: Path) -> Path:
    """The fixture assessment with a plan: owned, milestoned, risk-accepted, done, closed."""
    write_assessment(path, CURRENT, THIS_YEAR)
    session = open_session(path)
    set_plan_item(
        session,
        "practice.power",
        owner="Facilities manager",
        due=dt.date(2027, 3, 31),
        status="in-progress",
        milestone=Milestone(date=dt.date(2027, 1, 31), text="UPS quote approved"),
        note=HOSTILE,
        now=LATER,
    )
    set_plan_item(
        session,
        "practice.power",
        milestone=Milestone(date=dt.date(2027, 2, 28), text="UPS installed"),
        now=LATER,
    )
    set_plan_item(
        session,
        "duties.report",
        status="risk-accepted",
        risk_acceptance=RiskAcceptance(
            justification="Outsourced to the group CSIRT.",
            accepted_by="CISO",
            accepted_on=dt.date(2026, 11, 21),
        ),
        owner=HOSTILE,
        now=LATER,
    )
    # Planned, then the answer improved: the gap closes, the item stays.
    set_plan_item(session, "practice.policy", owner="CISO", status="done", now=LATER)
    session.answer("practice.policy", "4", now=LATER)
    return path


def export(path: Path, out: Path, language: str | None = None) -> dict[str, Any]:
    render_report(open_session(path), out, report_format="oscal-poam", language=language)
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


def body(document: dict[str, Any]) -> dict[str, Any]:
    value: dict[str, Any] = document["plan-of-action-and-milestones"]
    return value


def prop(entry: dict[str, Any], name: str) -> str | None:
    values = [p["value"] for p in entry.get("props", []) if p["name"] == name]
    return values[0] if values else None


def by_question(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(prop(entry, "question-id")): entry for entry in entries}


@pytest.fixture
def planned(data_dir: Path, tmp_path: Path) -> Path:
    return planned_assessment(tmp_path / "plan.cisec.json")


@pytest.mark.parametrize("language", ["en", "zh-Hant", "both"])
def test_the_poam_is_valid_oscal(planned: Path, tmp_path: Path, language: str) -> None:
    document = export(planned, tmp_path / "poam.json", language)
    assert schema_errors(document) == []
    assert dangling_references(document) == []
    uuids = defined_uuids(document)
    assert len(uuids) == len(set(uuids))


def test_every_gap_is_a_poam_item_planned_or_not(planned: Path, tmp_path: Path) -> None:
    _, score = open_session(planned).scored_snapshot()
    gapped = {gap.question_id for gap in score.gaps}
    poam = body(export(planned, tmp_path / "poam.json"))
    items = by_question(poam["poam-items"])
    assert set(items) == gapped | {"practice.policy"}
    assert len(poam["poam-items"]) == len(items)
    assert "practice.policy" not in gapped
    unplanned = gapped - {"practice.power", "duties.report"}
    assert unplanned and all(prop(items[q], "planned") == "false" for q in unplanned)
    findings = {f["target"]["target-id"]: f["uuid"] for f in poam["findings"]}
    assert set(findings) == gapped
    risks = {r["uuid"]: r for r in poam["risks"]}
    observations = by_question(poam["observations"])
    for question_id, item in items.items():
        (risk_link,) = item["related-risks"]
        assert prop(risks[risk_link["risk-uuid"]], "question-id") == question_id
        (observed,) = item["related-observations"]
        assert observed["observation-uuid"] == observations[question_id]["uuid"]
        if question_id in gapped:
            assert item["related-findings"] == [{"finding-uuid": findings[question_id]}]
        else:
            assert "related-findings" not in item and prop(item, "gap-closed") == "true"


def test_plan_details_map_to_risks_tasks_and_parties(planned: Path, tmp_path: Path) -> None:
    poam = body(export(planned, tmp_path / "poam.json"))
    risks = by_question(poam["risks"])
    parties = {p["uuid"]: p["name"] for p in poam["metadata"]["parties"]}
    power = risks["practice.power"]
    assert power["status"] == "remediating"
    assert power["deadline"] == "2027-03-31T23:59:59+08:00"
    (response,) = power["remediations"]
    assert response["lifecycle"] == "planned"
    action, *milestones = response["tasks"]
    (owner_role,) = action["responsible-roles"]
    assert owner_role["role-id"] == "remediation-owner"
    assert [parties[p] for p in owner_role["party-uuids"]] == ["Facilities manager"]
    assert [(m["type"], m["title"], m["timing"]["on-date"]["date"]) for m in milestones] == [
        ("milestone", "UPS quote approved", "2027-01-31T23:59:59+08:00"),
        ("milestone", "UPS installed", "2027-02-28T23:59:59+08:00"),
    ]
    assert HOSTILE in response["description"]
    accepted = risks["duties.report"]
    assert accepted["status"] == "deviation-approved"
    (log,) = accepted["risk-log"]["entries"]
    assert log["description"] == "Outsourced to the group CSIRT."
    assert log["start"] == "2026-11-21T00:00:00+08:00"
    assert parties[log["logged-by"][0]["party-uuid"]] == "CISO"
    assert risks["practice.policy"]["status"] == "closed"
    assert risks["practice.policy"]["remediations"][0]["lifecycle"] == "completed"
    unplanned = risks["duties.office"]
    assert unplanned["status"] == "open"
    assert unplanned["remediations"][0]["lifecycle"] == "recommendation"
    (owners,) = [
        r for r in poam["metadata"]["responsible-parties"] if r["role-id"] == "remediation-owner"
    ]
    assert sorted(parties[p] for p in owners["party-uuids"]) == sorted(
        ["Facilities manager", " ".join(HOSTILE.split()), "CISO"]
    )


def test_poam_and_results_share_their_uuids(planned: Path, tmp_path: Path) -> None:
    poam = body(export(planned, tmp_path / "poam.json"))
    render_report(open_session(planned), tmp_path / "ar.json", report_format="oscal")
    (result,) = json.loads((tmp_path / "ar.json").read_text(encoding="utf-8"))[
        "assessment-results"
    ]["results"]
    assert {f["uuid"] for f in poam["findings"]} == {f["uuid"] for f in result["findings"]}
    assert {o["uuid"] for o in poam["observations"]} <= {o["uuid"] for o in result["observations"]}


def test_the_same_plan_exports_the_same_bytes(planned: Path, tmp_path: Path) -> None:
    export(planned, tmp_path / "one.json")
    export(planned, tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_the_command_line_writes_the_poam(planned: Path, tmp_path: Path) -> None:
    out = tmp_path / "poam.json"
    result = CliRunner().invoke(
        cli, ["report", str(planned), "-o", str(out), "--format", "oscal-poam", "-q"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert list(document) == ["plan-of-action-and-milestones"] and schema_errors(document) == []


def test_the_cap653_demo_without_a_plan_lists_every_gap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cisec import services

    monkeypatch.setenv("CISEC_DATA_DIR", str(tmp_path / "user"))
    path = tmp_path / "demo.cisec.json"
    services.write_demo("hk-cap653", path)
    document = export(path, tmp_path / "poam.json", "both")
    assert schema_errors(document) == [] and dangling_references(document) == []
    _, score = open_session(path).scored_snapshot()
    items = by_question(body(document)["poam-items"])
    assert set(items) == {gap.question_id for gap in score.gaps}
    assert all(prop(item, "plan-status") == "open" for item in items.values())
