"""The two editions of the gap report, on the Cap. 653 demo with last year's assessment.

The board edition holds the legal tiers' gaps in full and summarises good practice; the full
edition holds every answer and says each thing once. The edition is decided in the view, so
these tests look at the view first and then at what a reader gets (HTML, PDF pages).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import escape

from cisec.errors import CisecError
from cisec.model.text import EDITIONS
from cisec.report.view_model import ReportView

REPORT_DAY = dt.date(2026, 12, 1)
BOARD_PAGE_LIMIT = 20


@pytest.fixture(scope="module", autouse=True)
def empty_user_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CISEC_DATA_DIR", str(tmp_path_factory.mktemp("user")))
        yield


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from cisec import services

    folder = tmp_path_factory.mktemp("demo")
    current, previous = folder / "demo.cisec.json", folder / "demo-2025.cisec.json"
    services.write_demo("hk-cap653", current)
    services.write_demo("hk-cap653", previous, last_year=True)
    return current, previous


def _report(demo: tuple[Path, Path], edition: str):  # type: ignore[no-untyped-def]
    from cisec.services.report import GapReport
    from cisec.services.session import open_session

    current, previous = (open_session(path) for path in demo)
    assessment, score = current.scored_snapshot()
    return GapReport(
        current.questionnaire,
        assessment,
        score,
        "both",
        REPORT_DAY,
        previous.scored_snapshot(),
        edition,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def board(demo: tuple[Path, Path]):  # type: ignore[no-untyped-def]
    return _report(demo, "board")


@pytest.fixture(scope="module")
def full(demo: tuple[Path, Path]):  # type: ignore[no-untyped-def]
    return _report(demo, "full")


def _gap_ids(view: ReportView) -> list[str]:
    return [row.question_id for group in view.gap_groups for row in group.rows]


def test_editions_are_board_and_full() -> None:
    assert EDITIONS == ("board", "full")


def test_board_lists_every_legal_gap_and_no_practice_gap(board) -> None:  # type: ignore[no-untyped-def]
    view, score = board.view, board.score
    assert view.edition == "board"
    legal = [g.question_id for g in score.gaps if g.kind in ("statutory", "code_of_practice")]
    assert legal, "the demo has Ordinance-duty and Code of Practice gaps"
    assert sorted(_gap_ids(view)) == sorted(legal)
    assert "gaps-practice" not in [group.anchor for group in view.gap_groups]


def test_board_summarises_practice_gaps_per_section_highest_first(board) -> None:  # type: ignore[no-untyped-def]
    view, score = board.view, board.score
    summary = view.practice_summary
    assert summary is not None
    practice = [g for g in score.gaps if g.kind == "practice"]
    assert sum(s.count for s in summary.sections) == len(practice)
    titles = {s.id: s.title.en for s in board.questionnaire.sections}
    for section in summary.sections:
        in_section = [
            g.question_id for g in practice if titles[g.section_id] == section.title[0].text
        ]
        assert [r.question_id for r in section.listed] == in_section[: len(section.listed)]
        assert len(section.listed) < section.count or not section.more
    assert any(s.more for s in summary.sections), "some section has more than it lists"


def test_board_leaves_out_answers_sections_and_justifications(board) -> None:  # type: ignore[no-untyped-def]
    view = board.view
    assert view.answer_sections == []
    assert view.sections == []
    assert view.justifications is None
    html = board.html()
    for anchor in ('id="answers"', 'id="not-applicable"', 'id="sections"'):
        assert anchor not in html
    assert 'id="practice-summary"' in html
    assert "Board edition" in html and "董事會版" in html


def test_board_trend_is_brief_but_counts_everything(board, full) -> None:  # type: ignore[no-untyped-def]
    brief, whole = board.view.trend, full.view.trend
    assert brief is not None and whole is not None
    assert brief.brief and not whole.brief
    assert brief.radar is None
    for short, long in zip(brief.groups, whole.groups, strict=True):
        assert short.count == long.count == len(long.items)
        assert short.items == long.items[: len(short.items)]
        assert bool(short.more) == (len(short.items) < len(long.items))


def test_full_holds_every_answer_and_no_practice_summary(full) -> None:  # type: ignore[no-untyped-def]
    view = full.view
    assert view.edition == "full"
    assert view.practice_summary is None
    shown = [row.question_id for s in view.answer_sections for row in s.rows]
    assert shown == list(full.questionnaire.questions)
    assert set(_gap_ids(view)) == {g.question_id for g in full.score.gaps}
    assert view.justifications


def test_full_prints_each_gap_and_note_once(full) -> None:  # type: ignore[no-untyped-def]
    view = full.view
    gap_ids = set(_gap_ids(view))
    for section in view.answer_sections:
        for row in section.rows:
            if row.question_id in gap_ids:
                # A pointer to the gap row, not a second copy of it.
                assert row.gap and not row.question and not row.answer
                assert row.note is None and not row.evidence
    html = full.html()
    notes = Counter(a.note.strip() for a in full.assessment.answers.values() if a.note.strip())
    assert notes
    for note, questions in notes.items():
        assert html.count(str(escape(note))) == questions, note
    # A gap's question is printed in its gap row; beyond that only where the summary's top
    # actions or the trend's lists name it, never again in the answer list.
    named = Counter(a.question_id for a in view.summary.actions)
    assert view.trend is not None
    named.update(i.question_id for group in view.trend.groups for i in group.items)
    for question_id in gap_ids:
        question = full.questionnaire.questions[question_id]
        expected = 1 + named[question_id]
        assert html.count(str(escape(question.text.en))) == expected, question_id


def test_full_is_longer_than_board(board, full) -> None:  # type: ignore[no-untyped-def]
    assert len(full.html()) > 2 * len(board.html())


def test_board_pdf_in_both_languages_with_trend_fits_the_page_limit(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    from cisec.services.report import render_report
    from cisec.services.session import open_session

    out = tmp_path / "board.pdf"
    pages = render_report(
        open_session(demo[0]),
        out,
        language="both",
        previous=open_session(demo[1]),
        today=REPORT_DAY,
        edition="board",
    )
    assert pages is not None and pages <= BOARD_PAGE_LIMIT
    text = subprocess.run(
        ["pdftotext", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Good-practice gaps by section" in text and "各部分的良好作業模式差距" in text
    assert "All answers" not in text


def test_an_unknown_edition_is_one_sentence() -> None:
    from cisec.services.report import report_edition

    with pytest.raises(CisecError, match="board, full"):
        report_edition("summary")
    assert report_edition("full") == "full"


def test_cli_edition_choices_and_help(demo: tuple[Path, Path], tmp_path: Path) -> None:
    from cisec.cli import cli

    runner = CliRunner()
    result = runner.invoke(
        cli, ["report", str(demo[0]), "-o", str(tmp_path / "r.html"), "--edition", "summary"]
    )
    assert result.exit_code == 2
    assert "'board', 'full'" in result.output
    assert not (tmp_path / "r.html").exists()
    helped = runner.invoke(cli, ["report", "--help"]).output
    assert "--edition" in helped and "board:" in helped and "full:" in helped
    result = runner.invoke(
        cli, ["report", str(demo[0]), "-o", str(tmp_path / "r.html"), "--edition", "full", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert 'id="answers"' in (tmp_path / "r.html").read_text(encoding="utf-8")
