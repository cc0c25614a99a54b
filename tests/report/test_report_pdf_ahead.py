"""The PDF engine loaded ahead in a second process: the same PDF, and every way back to
rendering here when it cannot serve."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
from report_fixtures import GOLDEN_PDF_META as META
from report_fixtures import GOLDEN_REPORTS as GOLDEN

from cisec.report import pdf, pdf_ahead, pdf_parts
from cisec.services.pdf_engine import loading_pdf_engine

BOARD = (GOLDEN / "fixture-board-en.html").read_text("utf-8")


def _page_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    # The engine is loaded ahead only where a second core is free; these tests need it.
    monkeypatch.setattr(pdf_ahead, "can_use_two_cores", lambda: True)


def _rendered_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record, in this process only, each render this process does itself."""
    here: list[str] = []
    original = pdf._write_pdf

    def watched(*arguments: Any, **keywords: Any) -> int:
        here.append("here")
        return original(*arguments, **keywords)

    monkeypatch.setattr(pdf, "_write_pdf", watched)
    return here


@pytest.mark.usefixtures("two_cores")
def test_the_engine_loaded_ahead_writes_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ahead, here = tmp_path / "ahead.pdf", tmp_path / "here.pdf"
    steps: list[str] = []
    with pdf_ahead.loading_ahead(True):
        # Patched after the fork: the engine's process does not see it.
        rendered_here = _rendered_here(monkeypatch)
        pages = pdf.write_pdf(BOARD, ahead, progress=steps.append, **META)
    assert rendered_here == []
    assert pages == pdf.write_pdf(BOARD, here, **META)
    assert rendered_here == ["here"]
    assert _page_text(ahead) == _page_text(here)
    assert any(step.startswith("Laying out pages") for step in steps)  # its progress reached us


@pytest.mark.usefixtures("two_cores")
def test_an_engine_that_fails_leaves_the_report_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise MemoryError("out of memory")

    # Patched before the fork: only the engine's process loads the engine this way.
    monkeypatch.setattr(pdf, "load_engine", broken)
    target = tmp_path / "r.pdf"
    with pdf_ahead.loading_ahead(True):
        rendered_here = _rendered_here(monkeypatch)
        pages = pdf.write_pdf(BOARD, target, **META)
    assert rendered_here == ["here"]
    assert pages >= 2
    assert "Gaps by priority" in _page_text(target)


@pytest.mark.usefixtures("two_cores")
def test_an_engine_that_ends_leaves_the_report_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.pdf"
    with pdf_ahead.loading_ahead(True):
        engine = pdf_ahead._ahead
        assert engine is not None
        os.kill(engine.process, 9)
        os.waitpid(engine.process, 0)  # gone before the report is sent
        rendered_here = _rendered_here(monkeypatch)
        pdf.write_pdf(BOARD, target, **META)
    assert rendered_here == ["here"]
    assert "Gaps by priority" in _page_text(target)


@pytest.mark.usefixtures("two_cores")
def test_an_engine_that_stops_answering_leaves_the_report_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stuck() -> None:
        threading.Event().wait(60)

    monkeypatch.setattr(pdf, "load_engine", stuck)
    monkeypatch.setattr(pdf_parts, "WAIT_SECONDS", 0.5)
    target = tmp_path / "r.pdf"
    with pdf_ahead.loading_ahead(True):
        engine = pdf_ahead._ahead
        assert engine is not None
        rendered_here = _rendered_here(monkeypatch)
        pdf.write_pdf(BOARD, target, **META)
        with pytest.raises(ChildProcessError):  # the stuck process was ended, not left
            os.waitpid(engine.process, os.WNOHANG)
    assert rendered_here == ["here"]
    assert "Gaps by priority" in _page_text(target)


@pytest.mark.usefixtures("two_cores")
def test_no_room_for_the_engine_leaves_the_report_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    open_before = set(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(pdf_parts.os, "fork", no_fork)
    target = tmp_path / "r.pdf"
    with pdf_ahead.loading_ahead(True):
        assert pdf_ahead._ahead is None
        rendered_here = _rendered_here(monkeypatch)
        pdf.write_pdf(BOARD, target, **META)
    assert rendered_here == ["here"]
    assert set(os.listdir("/proc/self/fd")) <= open_before  # no pipe left open
    assert "Gaps by priority" in _page_text(target)


@pytest.mark.usefixtures("two_cores")
def test_an_unused_engine_ends_with_the_block() -> None:
    with pdf_ahead.loading_ahead(True):
        engine = pdf_ahead._ahead
        assert engine is not None
        os.kill(engine.process, 0)  # it runs
    assert pdf_ahead._ahead is None
    with pytest.raises(ChildProcessError):  # ended and reaped: no process left behind
        os.waitpid(engine.process, os.WNOHANG)


@pytest.mark.usefixtures("two_cores")
def test_only_the_thread_that_started_the_engine_uses_it(tmp_path: Path) -> None:
    job = pdf_ahead.PdfJob(BOARD, "Gap report", "", "", (), "en")
    from_thread: list[int | None] = []
    with pdf_ahead.loading_ahead(True):
        other = threading.Thread(
            target=lambda: from_thread.append(
                pdf_ahead.render_ahead(job, tmp_path / "t.pdf", lambda _step: None)
            )
        )
        other.start()
        other.join()
        assert from_thread == [None]
        assert not (tmp_path / "t.pdf").exists()
        assert pdf_ahead.render_ahead(job, tmp_path / "m.pdf", lambda _step: None)
    assert "Gaps by priority" in _page_text(tmp_path / "m.pdf")


def test_nothing_is_started_for_another_format_or_one_core(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with loading_pdf_engine(Path("report.docx"), None):
        assert pdf_ahead._ahead is None
    with loading_pdf_engine(Path("report.pdf"), "md"):
        assert pdf_ahead._ahead is None
    monkeypatch.setattr(pdf_ahead, "can_use_two_cores", lambda: False)
    with loading_pdf_engine(Path("report.pdf"), None):
        assert pdf_ahead._ahead is None


@pytest.mark.usefixtures("two_cores")
@pytest.mark.parametrize(
    ("name", "report_format"),
    [("report.pdf", None), ("Report.PDF", None), ("report.pdf.age", None), ("out", "pdf")],
)
def test_a_pdf_by_name_or_format_starts_the_engine(name: str, report_format: str | None) -> None:
    with loading_pdf_engine(Path(name), report_format):
        assert pdf_ahead._ahead is not None
    assert pdf_ahead._ahead is None
