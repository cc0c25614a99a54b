"""Provides `cisec report`: the gap report of an assessment as PDF, HTML, JSON or CSV."""

from __future__ import annotations

import time
from pathlib import Path

import click

from cisec.cli.output import user_errors


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
    type=click.Choice(["pdf", "html", "json", "csv"]),
    default=None,
    help="pdf, html (self-contained), json (scores, gaps, answers) or csv (gaps, for a tracker).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
@user_errors
def report(
    file: Path,
    out: Path,
    lang: str | None,
    previous: Path | None,
    report_format: str | None,
    quiet: bool,
) -> None:
    """Render the gap report of an assessment: PDF, HTML, JSON or CSV.

    \b
    Examples:
      cisec report 2026.cisec.json -o report.pdf --lang both --previous 2025.cisec.json
      cisec report 2026.cisec.json -o gaps.csv --lang zh-Hant
      cisec report 2026.cisec.json -o report.json
    """
    from cisec.services.report import render_report
    from cisec.services.session import open_session

    started = time.monotonic()

    def progress(message: str) -> None:
        if not quiet:
            click.echo(f"cisec: {message}…", err=True)

    progress("Reading the assessment")
    pages = render_report(
        open_session(file),
        out,
        report_format=report_format,
        language=lang,
        previous=open_session(previous) if previous is not None else None,
        progress=progress,
    )
    if not quiet:
        what = f"{pages} pages" if pages else "done"
        click.echo(f"Wrote {out} ({what}, {time.monotonic() - started:.1f} s).", err=True)
