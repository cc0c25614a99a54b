"""The scan report (`cisec scan -o report.pdf|.html`): grade first, fixes, batch summary, and
hostile header values that are printed as text and never fetched."""

from __future__ import annotations

import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import canned
import pytest
from click.testing import CliRunner
from closed_ports import closed_default_ports
from loopback import LoopbackServer, Request, Site, serving

from cisec.cli import cli
from cisec.report.scan_view import scan_report_view, scanned_text
from cisec.scan.result import ScanError, evaluate, failed_result
from cisec.services.scan import scan_report

pytestmark = pytest.mark.usefixtures(closed_default_ports.__name__)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["scan", "--timeout", "1", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def canary() -> Iterator[tuple[LoopbackServer, list[Request]]]:
    """A server that only records requests: anything the renderer fetched would show here."""
    seen: list[Request] = []

    def record(request: Request, _sock: object) -> bytes:
        seen.append(request)
        return b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"

    with serving(record) as server:  # type: ignore[arg-type]
        yield server, seen


def hostile_headers(port: int) -> list[tuple[str, str]]:
    base = f"http://127.0.0.1:{port}"
    return [
        ("Content-Type", "text/html"),
        ("Server", f"nginx/1.2.3 <img src={base}/pixel.png>"),
        ("X-Powered-By", f"PHP/8.1 <style>@import url({base}/x.css);</style>"),
        ("X-AspNet-Version", f'4.0 <link rel="stylesheet" href="{base}/y.css">'),
    ]


def squeeze(text: str) -> str:
    """Text without whitespace: long values wrap anywhere in the PDF."""
    return re.sub(r"\s+", "", text)


def test_hostile_headers_are_printed_and_never_fetched(
    canary: tuple[LoopbackServer, list[Request]], tmp_path: Path
) -> None:
    trap, seen = canary
    headers = hostile_headers(trap.port)
    with serving(Site({"/": (200, headers, b"<p>shop</p>")})) as site:
        code, _, err = run(site.url(), "--lang", "both", "-o", str(tmp_path / "r.pdf"))
        assert code == 0, err
        assert run(site.url(), "-o", str(tmp_path / "r.html"))[0] == 0
    assert seen == []
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    for _, value in headers[1:]:
        assert squeeze(value) in squeeze(text)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"&lt;img src=http://127.0.0.1:{trap.port}/pixel.png&gt;" in html
    assert "<img" not in html and "<link" not in html
    assert html.count("<style>") == 1  # the report's own stylesheet, nothing from the site


def test_control_characters_from_a_server_do_not_reach_the_report() -> None:
    assert scanned_text("a\x1b[31mb\x00c") == "a?[31mb?c"
    assert len(scanned_text("x" * 10_000)) == 400


def test_one_site_leads_with_grade_then_top_fixes() -> None:
    # -25 csp, -20 hsts, -20 x-frame-options, -5 x-content-type-options
    result = evaluate(canned.site([]))
    assert (result.grade, result.score) == ("D", 30)
    view = scan_report_view([result], report_language="en", today=canned.NOW.date())
    site = view.sites[0]
    assert view.summary == [] and site.grade == "D" and site.grade_class == "d"
    # The three tests that cost most, worst first, each with snippets for every server.
    assert [f.title[0].text for f in site.top_fixes] == [
        "Content Security Policy (CSP)",
        "HTTP Strict Transport Security (HSTS)",
        "Clickjacking protection (X-Frame-Options)",
    ]
    assert [s.server for s in site.top_fixes[0].snippets] == [
        "nginx",
        "Apache httpd",
        "IIS",
        "Cloudflare",
    ]
    rows = {row.name: row for row in site.tests}
    assert len(rows) == 12
    assert rows["content-security-policy"].points == "-25"
    assert rows["content-security-policy"].fix_note[0].text == "See fix 1 above."
    assert rows["redirection"].passed and rows["redirection"].fix_note == []
    # A failed test beyond the top three gets its fix further down, numbered on.
    assert [(f.rank, f.title[0].text) for f in site.other_fixes] == [(4, "X-Content-Type-Options")]
    assert {f.anchor for f in site.other_fixes}.isdisjoint({f.anchor for f in site.top_fixes})
    report = scan_report([result], language="en", today=canned.NOW.date())
    html, title, lang = report.html(), report.meta().title, report.meta().lang
    assert title == "Website security-header scan: example.com" and lang == "en"
    assert "Hosted site builders" in html
    assert html.index('class="grade"') < html.index("The three most important fixes")
    assert html.index("The three most important fixes") < html.index("Every test")
    assert html.index("Every test") < html.index("Other checks")


def test_batch_has_a_summary_table_then_a_page_per_site() -> None:
    good = evaluate(canned.site([("X-Frame-Options", "DENY")]))
    broken = failed_result("not a host", ScanError("bad-url"))
    report = scan_report([good, broken], language="zh-Hant", today=canned.NOW.date())
    html, lang = report.html(), report.meta().lang
    assert lang == "zh-Hant-HK"
    assert "網站保安標頭檢查：2個網站" in html and "2026年11月25日" in html
    summary = html[html.index('class="grid summary"') : html.index("</table>")]
    assert summary.index("example.com") < summary.index("not a host")
    assert "無法請求該位址。" in summary
    assert html.count('<section class="site"') == 2
    # The ungraded site says why, with no test table.
    last = html[html.index('id="site-2"') : html.index('id="guide"')]
    assert "未能為網站評級，因此沒有測試結果。" in last and 'class="grid tests"' not in last


def test_batch_gives_each_fix_once_in_a_guide() -> None:
    first = evaluate(canned.site([]))  # csp, hsts, xfo, xcto fail
    second = evaluate(canned.site([("X-Frame-Options", "DENY"), ("Permissions-Policy", "a=()")]))
    view = scan_report_view([first, second], report_language="en", today=canned.NOW.date())
    assert view.layout == "batch"
    # Site pages keep to titles and one sentence; snippets are in the guide only.
    assert all(not fix.snippets and not fix.why for site in view.sites for fix in site.top_fixes)
    assert all(not site.other_fixes for site in view.sites)
    assert [fix.link for fix in view.sites[0].top_fixes] == [
        "#guide-content-security-policy",
        "#guide-strict-transport-security",
        "#guide-x-frame-options",
    ]
    html = scan_report([first, second], language="en", today=canned.NOW.date()).html()
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # every link has exactly one target
    assert [fix.anchor for fix in view.guide] == [
        "guide-content-security-policy",
        "guide-strict-transport-security",
        "guide-x-content-type-options",
        "guide-x-frame-options",
        "guide-permissions-policy-missing",
        "guide-security-txt-missing",
    ]
    assert [fix.rank for fix in view.guide] == [1, 2, 3, 4, 5, 6]
    assert all(fix.snippets for fix in view.guide)
    single = scan_report_view([first], report_language="en", today=canned.NOW.date())
    assert single.layout == "single" and single.guide == []


def test_both_languages_pair_every_label() -> None:
    result = evaluate(canned.site([("X-Frame-Options", "DENY")]))
    report = scan_report([result], language="both", today=canned.NOW.date())
    html, lang = report.html(), report.meta().lang
    assert lang == "en"
    assert '<span lang="zh-Hant-HK" class="s">三項最重要的修正</span>' in html
    assert '<span lang="zh-Hant-HK" class="s">內容保安政策（CSP）</span>' in html


def test_batch_report_follows_the_input_order(tmp_path: Path) -> None:
    page = Site({"/": (200, [("Content-Type", "text/html")], b"<p>a</p>")})

    def slow(request: Request, sock: socket.socket) -> bytes:
        time.sleep(0.3)  # finishes last, though given first
        return page(request, sock)

    with serving(slow) as given_first, serving(page) as given_second:
        code, _, err = run(given_first.url(), given_second.url(), "-o", str(tmp_path / "r.html"))
    assert code == 0, err
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    summary = html[html.index('class="grid summary"') : html.index("</table>")]
    assert summary.index(given_first.url()) < summary.index(given_second.url())


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("-o", "report.docx"), "Name the file .pdf or .html"),
        (("--overwrite",), "--overwrite goes with --assessment"),
    ],
)
def test_bad_report_arguments_exit_2_before_scanning(
    args: tuple[str, ...], words: str, tmp_path: Path
) -> None:
    site = Site({"/": (200, [], b"")})
    with serving(site) as server:
        code, out, err = run(server.url(), *args)
    assert code == 2 and words in err and out == ""
    assert site.requests == []
