"""Hostile input never leaves the page: notes, names and evidence are text, and the PDF
renderer fetches nothing but the package's own files.

A local HTTP server records every request; a secret file stands in for private data. The
assessment carries markup, remote images, stylesheets, @import and file:// URLs in its notes,
organisation, assessor and evidence. The report must show those characters literally, the
server must see no request, and no file's content may reach the PDF.
"""

from __future__ import annotations

import re
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from report_fixtures import CURRENT, REPORT_DAY, THIS_YEAR, write_assessment

import cisec.report.pdf as report_pdf
from cisec.report.pdf import RefusedURL, package_resource
from cisec.report.templates import templates_dir

HOSTNAME_FILE = Path("/etc/hostname")


class _Recorder(BaseHTTPRequestHandler):
    seen: list[str]

    def do_GET(self) -> None:
        self.seen.append(self.path)
        body = b"body { background: red }" if self.path.endswith(".css") else b"GIF89a"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server; yields its base URL and the list of paths it was asked for."""
    seen: list[str] = []
    handler = type("Recorder", (_Recorder,), {"seen": seen})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("private") / "secret.txt"
    path.write_text("SECRET-7f3a9c-DO-NOT-PRINT\n", encoding="utf-8")
    return path


def hostile_notes(base: str, secret: Path) -> dict[str, str]:
    return {
        "duties.office": f'<img src="{base}/note-image.png"> <b>bold?</b>',
        "duties.report": (
            f'<link rel="stylesheet" href="{base}/linked.css">'
            f'<style>@import url("{base}/imported.css");</style>'
        ),
        "duties.ot": f'<img src="file:///etc/hostname"><object data="{secret.as_uri()}"></object>',
        "practice.cctv": f'<svg><image href="{base}/svg-image.png"/></svg>&amp; </td></tr></table>',
        "practice.power": f'<div style="background: url({base}/inline-style.png)">x</div>',
    }


@pytest.fixture(scope="module")
def hostile_assessment(
    data_dir: Path, server: tuple[str, list[str]], secret: Path
) -> tuple[Path, dict[str, str]]:
    base, _ = server
    notes = hostile_notes(base, secret)
    answers = dict(CURRENT)
    for question_id, note in notes.items():
        value, _, _ = answers[question_id]
        answers[question_id] = (value, note, [f"{base}/evidence.png", "file:///etc/hostname"])
    path = write_assessment(
        data_dir / "hostile.cisec.json",
        answers,
        THIS_YEAR,
        organisation=f'<script>alert(1)</script><img src="{base}/organisation.png">',
        assessor=f'<link rel="stylesheet" href="{base}/assessor.css">',
    )
    return path, notes


@pytest.fixture(scope="module")
def fetched(monkeypatch_module: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Every URL the PDF renderer asked the fetcher for, and whether it was served."""
    asked: list[tuple[str, bool]] = []
    original = report_pdf.package_resource

    def recording(url: str, root: Path | None = None) -> report_pdf.FetchedResource:
        try:
            resource = original(url, root)
        except RefusedURL:
            asked.append((url, False))
            raise
        asked.append((url, True))
        return resource

    monkeypatch_module.setattr(report_pdf, "package_resource", recording)
    return asked


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def rendered(
    hostile_assessment: tuple[Path, dict[str, str]],
    fetched: list[tuple[str, bool]],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, str]:
    """The hostile assessment's full report (it prints every note): (PDF text, HTML export)."""
    from cisec.services.report import render_report
    from cisec.services.session import open_session

    path, _ = hostile_assessment
    folder = tmp_path_factory.mktemp("hostile-report")
    for name in ("r.pdf", "r.html"):
        render_report(
            open_session(path), folder / name, language="both", today=REPORT_DAY, edition="full"
        )
    text = subprocess.run(
        ["pdftotext", str(folder / "r.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text, (folder / "r.html").read_text(encoding="utf-8")


def _squeeze(text: str) -> str:
    """Text without whitespace or hyphens: table cells wrap long notes anywhere, and
    pdftotext joins a line that ends in a hyphen to the next without it."""
    return re.sub(r"[\s-]+", "", text)


def test_server_saw_no_request(rendered: tuple[str, str], server: tuple[str, list[str]]) -> None:
    _, seen = server
    assert seen == []


def test_renderer_fetched_nothing(
    rendered: tuple[str, str], fetched: list[tuple[str, bool]]
) -> None:
    # The stylesheet is inline and the charts are inline SVG: a report needs no fetch at all.
    assert fetched == []


def test_no_file_content_reaches_the_pdf(rendered: tuple[str, str], secret: Path) -> None:
    text, _ = rendered
    assert "SECRET-7f3a9c" not in text
    hostname = HOSTNAME_FILE.read_text(encoding="utf-8").strip() if HOSTNAME_FILE.is_file() else ""
    if len(hostname) >= 6:  # a shorter name could appear by chance
        assert hostname not in text


def test_notes_print_literally(
    rendered: tuple[str, str], hostile_assessment: tuple[Path, dict[str, str]]
) -> None:
    text, html = rendered
    _, notes = hostile_assessment
    for note in notes.values():
        assert _squeeze(note) in _squeeze(text), note
    assert "<img" not in html.split("<body", 1)[1].replace("&lt;img", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html


def test_fetcher_wall_holds_against_raw_markup(
    server: tuple[str, list[str]],
    secret: Path,
    fetched: list[tuple[str, bool]],
    tmp_path: Path,
) -> None:
    """Even markup that skipped escaping cannot make the renderer fetch: defence in depth."""
    base, seen = server
    before = len(fetched)
    raw = (
        "<html><head>"
        f'<link rel="stylesheet" href="{base}/raw-link.css">'
        f'<style>@import url("{base}/raw-import.css"); '
        f'@font-face {{ font-family: X; src: url("{base}/raw-font.woff"); }} '
        f'body {{ background: url("{base}/raw-background.png"); }}</style>'
        "</head><body><p>raw</p>"
        f'<img src="{base}/raw-image.png"><img src="file:///etc/hostname">'
        f'<img src="{secret.as_uri()}"><object data="{secret.as_uri()}"></object>'
        '<img src="report.css"><img src="../pyproject.toml">'
        f'<img src="data:image/png;base64,{"A" * 200_000}">'
        "</body></html>"
    )
    out = tmp_path / "raw.pdf"
    report_pdf.write_pdf(raw, out, title="t", author="", subject="", keywords=[], lang="en")
    text = subprocess.run(
        ["pdftotext", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert seen == []
    assert "SECRET-7f3a9c" not in text
    asked = fetched[before:]
    served = [url for url, ok in asked if ok]
    # Only the package's own stylesheet (asked for as an image, so it shows nothing) is served.
    assert served == [(templates_dir().resolve() / "report.css").as_uri()]
    refused = {url.split("/")[-1][:40] for url, ok in asked if not ok}
    assert {"raw-link.css", "raw-import.css", "raw-image.png", "hostname", "secret.txt"} <= refused


def test_package_resource_serves_only_the_templates_folder(tmp_path: Path, secret: Path) -> None:
    css = package_resource((templates_dir() / "report.css").resolve().as_uri())
    assert css.media_type == "text/css" and b"@page" in css.body

    for url in [
        "http://127.0.0.1:9/x.css",
        "https://example.org/x.css",
        "ftp://example.org/x",
        "file:///etc/hostname",
        secret.as_uri(),
        (templates_dir() / ".." / "pyproject.toml").as_uri(),
        templates_dir().resolve().as_uri() + "/%2e%2e/pyproject.toml",
        "FILE:///etc/hostname",
        (templates_dir() / "report.html.j2").resolve().as_uri(),  # not a CSS, font or image
        "file://remote-host/share/x.css",
        "data:text/html,<script>alert(1)</script>",
        "data:image/png;base64," + "A" * 100_000,
        "relative.css",
    ]:
        with pytest.raises(RefusedURL):
            package_resource(url)

    # A symbolic link inside the folder that points outside it is outside it.
    root = tmp_path / "templates"
    root.mkdir()
    (root / "inside.css").write_text("p {}", encoding="utf-8")
    (root / "leak.css").symlink_to(secret)
    assert package_resource((root / "inside.css").as_uri(), root).body == b"p {}"
    with pytest.raises(RefusedURL):
        package_resource((root / "leak.css").as_uri(), root)


def test_small_data_images_are_served() -> None:
    pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    resource = package_resource(f"data:image/png;base64,{pixel}")
    assert resource.media_type == "image/png" and resource.body.startswith(b"\x89PNG")
