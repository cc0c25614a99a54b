"""PDF smoke test: the bilingual full edition opens, has a sensible length, both languages'
headings, its metadata, and embeds only the Hong Kong CJK font. Rendered once for the module."""

from __future__ import annotations

import re
import subprocess
import zlib
from pathlib import Path

import pytest
from report_fixtures import REPORT_DAY, Files

HEADINGS = [
    ("Executive summary", "行政摘要"),
    ("Ordinance duties", "條例責任"),
    ("Top 10 actions", "十大優先行動"),
    ("Gaps by priority", "按優先次序排列的差距"),
    ("Section detail", "各部分詳情"),
    ("Trend against last year", "與去年比較"),
    ("All answers", "所有答案"),
    ("Not-applicable justifications", "不適用的理由"),
    ("Method", "評分方法"),
    ("Disclaimer", "免責聲明"),
]


PROGRESS: list[str] = []


@pytest.fixture(scope="module")
def pdf(assessment_files: Files, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from cisec.services.report import render_report
    from cisec.services.session import open_session

    out = tmp_path_factory.mktemp("pdf") / "report.pdf"
    pages = render_report(
        open_session(assessment_files.current),
        out,
        language="both",
        previous=open_session(assessment_files.previous),
        today=REPORT_DAY,
        progress=PROGRESS.append,
        edition="full",
    )
    assert pages is not None and pages > 0
    return out


def test_progress_names_each_stage_and_the_pages(pdf: Path, info: dict[str, str]) -> None:
    assert PROGRESS[0] == "Scoring the assessment"
    assert "Laying out pages" in PROGRESS
    if int(info["Pages"]) >= 10:
        assert "Laid out 10 pages" in PROGRESS
    assert PROGRESS[-1] == f"Writing {info['Pages']} pages"


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def text(pdf: Path) -> str:
    return _run("pdftotext", "-layout", str(pdf), "-")


@pytest.fixture(scope="module")
def info(pdf: Path) -> dict[str, str]:
    lines = _run("pdfinfo", str(pdf)).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def test_page_count_in_range(info: dict[str, str]) -> None:
    assert 6 <= int(info["Pages"]) <= 14


def test_metadata_title_author_and_tags(info: dict[str, str]) -> None:
    assert info["Title"] == "Cybersecurity gap report: Harbour Power Ltd / 網絡安全差距報告"
    assert info["Author"] == "A. Chan"
    assert info["Subject"] == "Fixture questionnaire / 測試問卷"
    assert info["Tagged"] == "yes"
    assert info["Page size"].startswith("595.276 x 841.89")  # A4


def _objects(pdf: Path) -> bytes:
    """The PDF's bytes with every compressed stream (object streams too) inflated."""
    data = pdf.read_bytes()
    inflated = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            inflated.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return b"\n".join(inflated)


def test_document_language_and_accessibility_are_declared(pdf: Path) -> None:
    objects = _objects(pdf)
    assert b"/Lang (en)" in objects
    assert b"/DisplayDocTitle true" in objects
    assert b"<pdfuaid:part>1</pdfuaid:part>" in objects or b'pdfuaid:part="1"' in objects


@pytest.mark.parametrize(("english", "chinese"), HEADINGS)
def test_headings_in_both_languages(text: str, english: str, chinese: str) -> None:
    assert english in text
    assert chinese in text


def test_numbers_and_dates_reach_the_page(text: str) -> None:
    assert "32.5" in text  # overall, pinned in test_report_trend
    assert "25 November 2026" in text and "2026年11月25日" in text
    assert "Page 2 of" in text and "第2頁" in text


def test_embeds_only_the_hong_kong_cjk_font(pdf: Path) -> None:
    rows = _run("pdffonts", str(pdf)).splitlines()[2:]
    names = [row.split()[0] for row in rows]
    assert names, "no fonts listed"
    for row, name in zip(rows, names, strict=True):
        assert re.fullmatch(r"[A-Z]{6}\+Noto-Sans-CJK-HK(-Bold)?", name), row
        assert " yes yes yes " in row, f"not embedded as a subset with a Unicode map: {row}"


def test_cycle_collector_paused_while_rendering_and_restored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Pausing it saves about a sixth of a long render; the TUI process must get it back,
    # also when the render fails.
    import gc

    from cisec.report import pdf as pdf_module

    seen: list[bool] = []

    def fake_render(*_args: object, **_kwargs: object) -> int:
        seen.append(gc.isenabled())
        raise OSError("disk full")

    monkeypatch.setattr(pdf_module, "_write_pdf", fake_render)
    assert gc.isenabled()
    with pytest.raises(OSError):
        pdf_module.write_pdf(
            "<p>x</p>", tmp_path / "x.pdf", title="", author="", subject="", keywords=[], lang="en"
        )
    assert seen == [False]
    assert gc.isenabled()
