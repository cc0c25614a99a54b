"""The scan history: one row per site scan, previous/change, regressions, concurrent batches."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from loopback import LoopbackServer, Site, serving

from cisec.cli import cli
from cisec.errors import CisecError
from cisec.scan import target
from cisec.scan.history import History, change_of
from cisec.scan.result import Previous, ScanError, failed_result

GOOD = [
    ("Content-Type", "text/html"),
    ("X-Frame-Options", "DENY"),
    ("X-Content-Type-Options", "nosniff"),
]


@pytest.fixture(autouse=True)
def closed_default_ports(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    ports = []
    for _ in range(2):
        probe = socket.create_server(("127.0.0.1", 0))
        ports.append(probe.getsockname()[1])
        probe.close()
    monkeypatch.setattr(target, "DEFAULT_PORTS", {"http": ports[0], "https": ports[1]})


@pytest.fixture
def site() -> Iterator[tuple[LoopbackServer, Site]]:
    routes = Site({"/": (200, GOOD, b"<p>hello</p>")})
    with serving(routes) as server:
        yield server, routes


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["scan", "--timeout", "2", *args])
    return result.exit_code, result.stdout, result.stderr


def test_previous_and_change_across_scans(
    site: tuple[LoopbackServer, Site], tmp_path: Path
) -> None:
    server, routes = site
    history = str(tmp_path / "members.history")
    code, out, _ = run(server.url(), "--jsonl", "--history", history)
    first = json.loads(out)
    assert code == 0 and first["change"] == "new" and first["previous"] is None
    # The site drops a header: its score falls.
    routes.routes["/"] = (200, GOOD[:2], b"<p>hello</p>")
    code, out, _ = run(server.url(), "--jsonl", "--history", history)
    second = json.loads(out)
    assert code == 0 and second["change"] == "regressed"
    assert second["score"] < first["score"]
    assert (second["previous"]["grade"], second["previous"]["score"]) == (
        first["grade"],
        first["score"],
    )
    assert second["previous"]["scanned_at"][:2] == "20"
    code, out, _ = run(server.url(), "--json", "--history", history, "--fail-on-regression")
    assert code == 0 and json.loads(out)["change"] == "unchanged"  # same as the last scan
    routes.routes["/"] = (200, GOOD, b"<p>hello</p>")
    code, out, _ = run(server.url(), "--history", history, "--lang", "both")
    assert code == 0
    assert f"Improved since {second['previous']['scanned_at'][:10]}" in out
    assert f"(was grade {second['grade']}, score {second['score']})" in out
    assert "以來有進步" in out
    with History(Path(history)) as kept:
        assert kept.scans() == 4


def test_fail_on_regression_exits_1_and_the_report_shows_it(
    site: tuple[LoopbackServer, Site], tmp_path: Path
) -> None:
    server, routes = site
    history = str(tmp_path / "h.db")
    assert run(server.url(), "--history", history, "--fail-on-regression")[0] == 0
    routes.routes["/"] = (200, GOOD[:1], b"<p>hello</p>")
    report = tmp_path / "report.html"
    code, out, _ = run(
        server.url(), "--history", history, "--fail-on-regression", "-o", str(report)
    )
    assert code == 1
    assert "Regressed since" in out
    assert "Regressed since" in report.read_text(encoding="utf-8")


def test_without_history_rows_carry_no_change(site: tuple[LoopbackServer, Site]) -> None:
    server, _ = site
    code, out, _ = run(server.url(), "--json")
    assert code == 0 and "change" not in json.loads(out) and "previous" not in json.loads(out)
    code, _, err = run(server.url(), "--fail-on-regression")
    assert code == 2 and "--fail-on-regression goes with --history" in err


@pytest.mark.parametrize("kind", ["text", "other-database", "folder"])
def test_a_file_that_is_not_a_history_is_refused_and_left_alone(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "results.db"
    if kind == "text":
        path.write_text("target,grade\nexample.com,B\n", encoding="utf-8")
    elif kind == "other-database":
        with sqlite3.connect(path) as other:
            other.execute("CREATE TABLE invoices (id INTEGER)")
        other.close()
    else:
        path.mkdir()
    before = path.read_bytes() if path.is_file() else b""
    code, out, err = run("example.invalid", "--history", str(path))
    assert code == 2 and out == "" and "Traceback" not in err
    if path.is_file():
        assert f"{path} is not a cisec scan history, so it was left untouched." in err
        assert path.read_bytes() == before
    else:
        assert "is a directory" in err
    with pytest.raises(CisecError) as raised:
        History(path)
    assert raised.value.message_zh == f"{path} 不是 cisec 掃描紀錄檔，因此未有改動。"


def _write_batch(path: str, batch: int, sites: int) -> None:
    with History(Path(path)) as history:
        for number in range(sites):
            result = failed_result(f"site{number}.example", ScanError("dns"))
            history.record(result)


def test_two_batches_writing_one_history_at_once(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.history")
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_batch, args=(path, b, 150)) for b in (1, 2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(120)
        assert writer.exitcode == 0
    with History(Path(path)) as history:
        assert history.scans() == 300
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        per_target = db.execute("SELECT count(*) FROM scans GROUP BY target_key").fetchall()
        assert per_target == [(2,)] * 150
        rows = db.execute("SELECT result FROM scans").fetchall()
        assert all(json.loads(row[0])["error"] for row in rows)
    db.close()


def test_change_by_score() -> None:
    earlier = Previous(grade="B", score=70, scanned_at="2026-11-01T00:00:00+00:00")
    assert change_of(None, 70) == "new"
    assert change_of(earlier, 70) == "unchanged"
    assert change_of(earlier, 75) == "improved"
    assert change_of(earlier, 65) == "regressed"
    assert change_of(earlier, None) == "regressed"  # graded before, not now
    assert change_of(Previous(None, None, "2026-11-01"), 40) == "improved"
    assert change_of(Previous(None, None, "2026-11-01"), None) == "unchanged"


def test_a_batch_summary_says_how_each_site_changed(tmp_path: Path) -> None:
    steady = Site({"/": (200, GOOD, b"<p>a</p>")})
    slipping = Site({"/": (200, GOOD, b"<p>b</p>")})
    with serving(steady) as first, serving(slipping) as second:
        targets = tmp_path / "members.txt"
        targets.write_text(f"{first.url()}\n{second.url()}\n", encoding="utf-8")
        history = str(tmp_path / "members.history")
        code, out, _ = run("--file", str(targets))
        assert code == 0 and "Summary:" in out and "Change" not in out  # no history, no column
        code, out, _ = run("--file", str(targets), "--history", history)
        assert code == 0
        table = out[out.index("Summary:") :].splitlines()
        assert table[1].split() == ["Site", "Grade", "Score", "Change"]
        assert [line.split()[-1] for line in table[2:]] == ["New", "New"]
        slipping.routes["/"] = (200, GOOD[:1], b"<p>b</p>")
        report = tmp_path / "month.html"
        code, out, _ = run(
            "--file", str(targets), "--history", history, "--lang", "both", "-o", str(report)
        )
        assert code == 0
    table = out[out.index("Summary / 摘要:") :].splitlines()
    rows = {line.split()[0]: line for line in table[2:]}
    assert rows[first.url()].endswith("Unchanged / 沒有變化")
    assert rows[second.url()].endswith("Regressed / 已退步")
    html = report.read_text(encoding="utf-8")
    summary = html[html.index('<table class="grid summary">') : html.index("</table>")]
    assert "Change" in summary and "變化" in summary
    assert "Regressed" in summary and "Unchanged" in summary and "已退步" in summary
