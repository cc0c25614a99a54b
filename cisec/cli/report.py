"""Provides `cisec report`: the gap report of an assessment as PDF, HTML, Word, Markdown, JSON or CSV."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cisec.cli.output import user_errors
from cisec.errors import CisecError

if TYPE_CHECKING:
    from cisec.services.session import AssessmentSession


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The report file to write; its extension chooses the format.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh-Hant", "both"]),
    default=None,
    help="Report language (default: the assessment's). `both` pairs English and Chinese.",
)
@click.option(
    "--previous",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Last year's assessment of the same questionnaire: adds the trend section.",
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(
        ["pdf", "html", "docx", "md", "markdown", "json", "csv", "oscal", "oscal-poam"]
    ),
    default=None,
    help="pdf, html (self-contained), docx (Word, editable), md or markdown (CommonMark, for a wiki or git), json"
    " (scores, gaps, answers), csv (gaps, for a tracker), oscal (OSCAL 1.1.3 assessment"
    " results) or oscal-poam (OSCAL POA&M of the plan).",
)
@click.option(
    "--edition",
    type=click.Choice(["board", "full"]),
    default="board",
    show_default=True,
    help="board: the short report (summary, calendar, top actions, every Ordinance-duty and "
    "Code of Practice gap, good-practice gaps summarised per section, trend in brief, method). "
    "full: everything, with every answer, note, evidence and not-applicable justification. "
    "JSON and CSV are complete either way.",
)
@click.option(
    "--encrypt",
    is_flag=True,
    help="Write the report encrypted (OUT.age), with the assessment's passphrase if it has one.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
@user_errors
def report(
    file: Path,
    out: Path,
    lang: str | None,
    previous: Path | None,
    report_format: str | None,
    edition: str,
    encrypt: bool,
    quiet: bool,
) -> None:
    """Render the gap report of an assessment: PDF, HTML, Word, Markdown, JSON or CSV.

    \b
    Examples:
      cisec report 2026.cisec.json -o report.pdf --lang both --previous 2025.cisec.json
      cisec report 2026.cisec.json -o audit.pdf --edition full
      cisec report 2026.cisec.json -o gaps.csv --lang zh-Hant
      cisec report 2026.cisec.json -o report.json
      cisec report 2026.cisec.json -o results.json --format oscal
      cisec report 2026.cisec.json -o poam.json --format oscal-poam
      cisec report 2026.cisec.json -o report.docx --lang both   # editable in Word
      cisec report 2026.cisec.json -o report.md                 # for a wiki or git
      cisec report 2026.cisec.json.age -o report.pdf --encrypt   # writes report.pdf.age

    A report from an encrypted assessment is plain unless --encrypt is given (or OUT ends
    in .age).
    """
    from cisec.services.pdf_engine import loading_pdf_engine

    started = time.monotonic()
    # First thing: a PDF's engine loads in a second process while this one reads and builds.
    with loading_pdf_engine(out, report_format):
        from cisec.cli import passphrase
        from cisec.services import protect
        from cisec.services.report import render_report, report_format_for
        from cisec.services.session import open_session

        if report_format is None:
            report_format_for(out)  # a name that says no format is refused before any reading

        def progress(message: str) -> None:
            if not quiet:
                click.echo(f"cisec: {message}…", err=True)

        secret = passphrase.to_open(file)
        encrypt = encrypt or protect.wants_encryption(out)
        written = protect.encrypted_name(out) if encrypt else out
        encrypt_with = (secret or passphrase.creating(written)) if encrypt else None
        progress("Reading the assessment")
        session = open_session(file, passphrase=secret)
        pages = render_report(
            session,
            out,
            report_format="md" if report_format == "markdown" else report_format,
            language=lang,
            previous=(
                last_years(session)
                if previous is None
                else open_session(previous, passphrase=passphrase.to_open(previous))
            ),
            encrypt_with=encrypt_with,
            progress=progress,
            edition=edition,
        )
        out = written
        if not quiet:
            what = f"{pages} pages" if pages else "done"
            click.echo(f"Wrote {out} ({what}, {time.monotonic() - started:.1f} s).", err=True)


def last_years(session: AssessmentSession) -> AssessmentSession | None:
    """The assessment `session` was started from (`cisec new --from`), or None with a notice."""
    from cisec.cli import passphrase
    from cisec.services.session import open_predecessor, predecessor_path

    path = predecessor_path(session)
    if path is None and session.assessment.predecessor is None:
        return None

    def ask() -> str:
        return passphrase.ask(f"Passphrase for {path}", path or session.path)

    def notice(problem: CisecError) -> None:
        click.echo(f"cisec: {problem.message}", err=True)
        for line in problem.next_step.splitlines():
            click.echo(f"       {line}", err=True)

    return open_predecessor(session, passphrase=ask, notice=notice)
