"""The report use case both faces call: render an assessment file as PDF, HTML, JSON or CSV."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from cisec.durable import replacing
from cisec.errors import CisecError
from cisec.model.assessment import Assessment
from cisec.model.score import Score
from cisec.report import (
    REPORT_LANGUAGES,
    ReportLanguage,
    build_view,
    gaps_csv,
    languages_of,
    render_html,
    report_document,
    report_json,
    write_pdf,
)
from cisec.services.session import open_session

ReportFormat = Literal["pdf", "html", "json", "csv"]
REPORT_FORMATS: tuple[ReportFormat, ...] = ("pdf", "html", "json", "csv")
Progress = Callable[[str], None]


def format_for(path: Path) -> ReportFormat:
    """The report format a file name asks for by its extension; CisecError if none fits."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "htm":
        return "html"
    for candidate in REPORT_FORMATS:
        if suffix == candidate:
            return candidate
    raise CisecError(
        f"Cannot tell the report format from '{path.name}'.",
        "Name the file .pdf, .html, .json or .csv, or give --format.",
        message_zh=f"無法從「{path.name}」判斷報告格式。",
        next_step_zh="請把檔案命名為 .pdf、.html、.json 或 .csv，或以 --format 指定。",
    )


def render_report(
    assessment_path: Path,
    out: Path,
    *,
    report_format: ReportFormat | None = None,
    language: ReportLanguage | None = None,
    previous_path: Path | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> int | None:
    """Render the gap report of `assessment_path` to `out`; return the page count of a PDF.

    `language` defaults to the assessment's own; `previous_path` (last year's file of the same
    questionnaire) adds the trend section. The output is written to a temporary file in the
    same folder and renamed into place, so a failed render never leaves half a report.
    """
    step = progress or (lambda _message: None)
    chosen_format = report_format or format_for(out)
    if language is not None and language not in REPORT_LANGUAGES:
        raise CisecError(
            f"Unknown report language '{language}'.",
            "Use en, zh-Hant or both.",
            message_zh=f"不明的報告語言「{language}」。",
            next_step_zh="請用 en、zh-Hant 或 both。",
        )
    if not out.parent.is_dir():
        raise CisecError(
            f"{out.parent} is not a folder.",
            "Create it first, or choose another -o.",
            message_zh=f"{out.parent} 不是資料夾。",
            next_step_zh="請先建立該資料夾，或以 -o 另選位置。",
        )
    for source in (assessment_path, previous_path):
        if source is not None and out.resolve() == source.resolve():
            raise CisecError(
                f"The report would overwrite the assessment {source}.",
                "Choose another -o.",
                message_zh=f"報告會覆寫評估 {source}。",
                next_step_zh="請以 -o 另選位置。",
            )
    step("Reading and scoring the assessment")
    session = open_session(assessment_path)
    questionnaire, assessment = session.questionnaire, session.assessment
    score = session.score()
    previous: tuple[Assessment, Score] | None = None
    if previous_path is not None:
        if previous_path.resolve() == assessment_path.resolve():
            raise CisecError(
                "--previous is the same file as the assessment.",
                "Give last year's file.",
                message_zh="--previous 與評估是同一個檔案。",
                next_step_zh="請提供去年的評估檔案。",
            )
        earlier = open_session(previous_path)
        if earlier.questionnaire.id != questionnaire.id:
            raise CisecError(
                f"{previous_path} answers {earlier.questionnaire.id}, not {questionnaire.id}.",
                "Compare assessments of the same questionnaire.",
                message_zh=f"{previous_path} 回答的是 {earlier.questionnaire.id}，"
                f"不是 {questionnaire.id}。",
                next_step_zh="請比較同一份問卷的評估。",
            )
        previous = (earlier.assessment, earlier.score())
    report_language: ReportLanguage = language or assessment.language
    day = today or dt.date.today()

    if chosen_format in ("json", "csv"):
        document = report_document(questionnaire, assessment, score, today=day, previous=previous)
        if chosen_format == "json":
            _write_text(out, report_json(document))
        else:
            # The byte-order mark makes spreadsheet software read the file as UTF-8.
            _write_text(out, "\ufeff" + gaps_csv(document, languages_of(report_language)))
        return None

    step("Building the report")
    view = build_view(
        questionnaire,
        assessment,
        score,
        report_language=report_language,
        today=day,
        previous=previous,
    )
    html = render_html(view)
    if chosen_format == "html":
        _write_text(out, html)
        return None
    with replacing(out) as temporary:
        return write_pdf(
            html,
            temporary,
            title=view.title,
            author=view.author,
            subject=view.subject,
            keywords=view.keywords,
            lang=view.lang,
            progress=step,
        )


def _write_text(out: Path, text: str) -> None:
    with replacing(out) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="")
