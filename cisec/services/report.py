"""The report use case both faces call: an open assessment's gap report as PDF, HTML, Word,
Markdown, JSON or CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from cisec import encryption
from cisec.errors import CisecError
from cisec.model.assessment import Assessment
from cisec.model.questionnaire import Questionnaire
from cisec.model.score import Score
from cisec.model.text import EDITIONS, DocumentLanguage, Edition, languages_of
from cisec.report.exports import gaps_csv, report_document, report_json
from cisec.report.html import render_html
from cisec.report.oscal import oscal_json
from cisec.report.publish import (
    DocumentMeta,
    Progress,
    check_destination,
    document_language,
    format_for,
    publish,
)
from cisec.report.view import build_view
from cisec.report.view_model import ReportView
from cisec.services.session import AssessmentSession

REPORT_FORMATS: tuple[str, ...] = ("pdf", "html", "docx", "md", "json", "csv")
# Formats only --format asks for: their files are .json too, which names cisec's own JSON.
OSCAL_FORMATS: tuple[str, ...] = ("oscal", "oscal-poam")


def report_format_for(path: Path) -> str:
    """The report format a file name asks for by its extension; CisecError if none fits.

    An encrypted name (report.pdf.age) asks for the format of the name before .age.
    """
    named = encryption.plain_name(path) if path.name.endswith(encryption.SUFFIX) else path
    return format_for(named, REPORT_FORMATS, format_option="--format")


@dataclass(frozen=True)
class GapReport:
    """One assessment's gap report, built only as far as the chosen format needs."""

    questionnaire: Questionnaire
    assessment: Assessment
    score: Score
    language: DocumentLanguage
    today: dt.date
    previous: tuple[Assessment, Score] | None
    edition: Edition = "board"

    @cached_property
    def view(self) -> ReportView:
        """What the HTML, PDF, Word and Markdown show: the chosen edition, decided in the view."""
        return build_view(
            self.questionnaire,
            self.assessment,
            self.score,
            report_language=self.language,
            today=self.today,
            previous=self.previous,
            edition=self.edition,
        )

    @cached_property
    def document(self) -> dict[str, Any]:
        """What the JSON and CSV hold: every gap and answer, whatever the edition (they are
        data for trackers and other tools, not a reading)."""
        return report_document(
            self.questionnaire,
            self.assessment,
            self.score,
            today=self.today,
            previous=self.previous,
        )

    def meta(self) -> DocumentMeta:
        view = self.view
        return DocumentMeta(view.title, view.author, view.subject, tuple(view.keywords), view.lang)

    def html(self) -> str:
        return render_html(self.view)

    def report_view(self) -> ReportView:
        return self.view

    def text(self, document_format: str) -> str:
        if document_format == "json":
            return report_json(self.document)
        if document_format in OSCAL_FORMATS:
            return oscal_json(
                document_format,
                self.questionnaire,
                self.assessment,
                self.score,
                languages_of(self.language),
            )
        # The byte-order mark makes spreadsheet software read the file as UTF-8.
        return "\ufeff" + gaps_csv(self.document, languages_of(self.language))


def render_report(
    session: AssessmentSession,
    out: Path,
    *,
    report_format: str | None = None,
    language: str | None = None,
    previous: AssessmentSession | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    encrypt_with: encryption.Passphrase | None = None,
    edition: str = "board",
) -> int | None:
    """Render the gap report of the open assessment to `out`; return the page count of a PDF.

    `language` defaults to the assessment's own; `previous` (last year's assessment of the same
    questionnaire) adds the trend section. The report is of the answers as they are now in
    `session`, saved or not; a failed render never leaves half a report.

    The report is plain, even of an encrypted assessment, unless `encrypt_with` is given: then
    it is rendered in memory, encrypted, and written to `out` with .age appended (the format
    comes from the name before .age).

    `edition` is "board" (the short report) or "full" (every answer); JSON and CSV are
    complete in both.
    """
    step = progress or (lambda _message: None)
    chosen_edition = report_edition(edition)
    if encrypt_with is not None:
        out = encryption.encrypted_name(out)
    chosen_format = report_format or report_format_for(out)
    if chosen_format not in REPORT_FORMATS + OSCAL_FORMATS:
        report_format_for(Path(f"report.{chosen_format}"))
    chosen_language = document_language(language) if language is not None else None
    sources = [session.path] + ([previous.path] if previous is not None else [])
    check_destination(out, sources=sources)
    if previous is not None:
        _check_comparable(session, previous)
    step("Scoring the assessment")
    assessment, score = session.scored_snapshot()
    earlier = previous.scored_snapshot() if previous is not None else None
    report = GapReport(
        session.questionnaire,
        assessment,
        score,
        chosen_language or assessment.language,
        today or dt.date.today(),
        earlier,
        chosen_edition,
    )
    if chosen_format in ("html", "pdf", "docx", "md"):
        step("Building the report")
        _ = report.view
    secret = None if encrypt_with is None else encryption.resolve(encrypt_with)
    return publish(report, out, chosen_format, progress=step, encrypt_with=secret)


def report_edition(edition: str) -> Edition:
    """`edition` as an Edition; CisecError naming the choices if it is none."""
    for known in EDITIONS:
        if edition == known:
            return known
    choices = ", ".join(EDITIONS)
    raise CisecError(
        f"There is no {edition!r} edition of the report; choose one of {choices}.",
        "board is the short report for a board; full holds every answer.",
        message_zh=f"報告沒有「{edition}」版本；請選擇 {choices}。",
        next_step_zh="board 是給董事會的精簡報告；full 載有所有答案。",
    )


def _check_comparable(session: AssessmentSession, previous: AssessmentSession) -> None:
    if previous.path.resolve() == session.path.resolve():
        raise CisecError(
            "--previous is the same file as the assessment.",
            "Give last year's file.",
            message_zh="--previous 與評估是同一個檔案。",
            next_step_zh="請提供去年的評估檔案。",
        )
    if previous.questionnaire.id != session.questionnaire.id:
        raise CisecError(
            f"{previous.path} answers {previous.questionnaire.id}, not {session.questionnaire.id}.",
            "Compare assessments of the same questionnaire.",
            message_zh=f"{previous.path} 回答的是 {previous.questionnaire.id}，"
            f"不是 {session.questionnaire.id}。",
            next_step_zh="請比較同一份問卷的評估。",
        )
