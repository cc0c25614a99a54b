"""`cisec scan TARGET --assessment FILE`: proposed answers, evidence and notes in an sme-baseline
assessment, answers the user gave left alone (unless --overwrite), other questionnaires refused."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from closed_ports import closed_default_ports
from loopback import LoopbackServer, Site, serving

from cisec.cli import cli
from cisec.services import new_session, open_session
from cisec.services.scan import feed_assessment, fetch_options, scan_site

pytestmark = pytest.mark.usefixtures(closed_default_ports.__name__, "user_dir")

HEADERS = [
    ("Content-Type", "text/html"),
    ("X-Frame-Options", "DENY"),
    ("X-Content-Type-Options", "nosniff"),
    ("Permissions-Policy", "camera=()"),
    ("Server", "Apache/2.4.1"),
]
MOMENT = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def site() -> Iterator[LoopbackServer]:
    with serving(Site({"/": (200, HEADERS, b"<p>shop</p>")})) as server:
        yield server


@pytest.fixture
def assessment(tmp_path: Path) -> Path:
    path = tmp_path / "shop.cisec.json"
    new_session("sme-baseline", path, organisation="Tai Hang Tea Co.", now=MOMENT)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["scan", "--timeout", "1", *args])
    return result.exit_code, result.stdout, result.stderr


def test_scan_proposes_flagged_answers_with_evidence_and_a_note(
    site: LoopbackServer, assessment: Path
) -> None:
    code, out, err = run(site.url(), "--assessment", str(assessment))
    assert code == 0, err
    answers = open_session(assessment).assessment.answers
    # HTTP only: no redirect, no HSTS, no certificate; the basic headers are there but leak a
    # version; nothing on security.txt.
    assert {qid: a.value for qid, a in answers.items()} == {
        "web-01": "no",
        "web-02": "no",
        "web-03": "yes",
        "web-04": "partly",
        "web-05": "yes",
        "web-06": "no",
        "web-09": "no",
    }
    first = answers["web-01"]
    assert first.flagged
    assert first.evidence == [
        f"cisec scan {site.url()} {dt.datetime.now(dt.UTC).date().isoformat()}: grade D (35)"
    ]
    assert first.note.startswith("Proposed by the website scan of")
    assert "redirection: redirection-missing" in first.note
    assert "Proposed (flagged for your review):" in out and "web-01: no" in out


def test_answers_already_given_are_left_alone_unless_overwrite(
    site: LoopbackServer, assessment: Path
) -> None:
    session = open_session(assessment)
    session.answer("web-01", "yes", note="Vendor says so.", evidence=["email 2026-10-01"])
    code, out, _ = run(site.url(), "--assessment", str(assessment))
    assert code == 0
    kept = open_session(assessment).assessment.answers["web-01"]
    assert (kept.value, kept.note, kept.evidence, kept.flagged) == (
        "yes",
        "Vendor says so.",
        ["email 2026-10-01"],
        False,
    )
    assert "web-01: kept yes, the scan suggests no" in out
    code, out, _ = run(site.url(), "--assessment", str(assessment), "--overwrite")
    assert code == 0
    replaced = open_session(assessment).assessment.answers["web-01"]
    assert replaced.value == "no" and replaced.flagged
    # The user's own evidence stays; a scan line is added once, even after two scans.
    assert replaced.evidence[0] == "email 2026-10-01"
    assert len(replaced.evidence) == 2 and replaced.evidence[1].startswith("cisec scan ")
    assert "web-01: no (was yes)" in out


def test_rescan_replaces_its_own_evidence_line(site: LoopbackServer, assessment: Path) -> None:
    session = open_session(assessment)
    result = scan_site(site.url(), fetch_options(timeout=1))
    feed_assessment(session, result, now=MOMENT)
    later = MOMENT + dt.timedelta(days=30)
    outcome = feed_assessment(session, result, overwrite=True, now=later)
    assert outcome.evidence == f"cisec scan {site.url()} 2026-12-25: grade D (35)"
    assert open_session(assessment).assessment.answers["web-09"].evidence == [outcome.evidence]


def test_questions_the_profile_rules_out_are_not_touched(
    site: LoopbackServer, assessment: Path
) -> None:
    session = open_session(assessment)
    session.answer("has_website", "no")
    outcome = feed_assessment(session, scan_site(site.url(), fetch_options(timeout=1)))
    assert outcome.answers == []
    assert "web-01" in outcome.not_asked
    assert open_session(assessment).assessment.answers == {}


def test_an_unreachable_site_proposes_nothing(assessment: Path) -> None:
    code, out, _ = run("http://127.0.0.1:9/", "--assessment", str(assessment))
    assert code == 0
    assert "could not be graded, so no answer was proposed" in out
    assert open_session(assessment).assessment.answers == {}


def test_json_output_stays_json_and_the_summary_goes_to_stderr(
    site: LoopbackServer, assessment: Path
) -> None:
    code, out, err = run(site.url(), "--json", "--assessment", str(assessment))
    assert code == 0
    assert json.loads(out)["grade"] == "D"
    assert "Proposed (flagged for your review):" in err


def test_another_questionnaire_is_refused_in_one_sentence(
    site: LoopbackServer, tmp_path: Path
) -> None:
    other = tmp_path / "other.cisec.json"
    new_session("fixture", other)
    before = other.read_bytes()
    code, out, err = run(site.url(), "--assessment", str(other))
    assert code == 2 and out == ""
    assert err.strip() == (
        f"cisec: {other} answers fixture; the scan can only propose answers to an "
        "sme-baseline assessment."
    )
    assert other.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [("a.example", "b.example"), ("a.example", "--file", "-")],
)
def test_assessment_takes_exactly_one_target(args: tuple[str, ...], assessment: Path) -> None:
    code, _, err = run(*args, "--assessment", str(assessment))
    assert code == 2 and "exactly one TARGET" in err
