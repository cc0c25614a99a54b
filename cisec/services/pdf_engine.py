"""Starts the PDF engine before a report's assessment is read (`cisec.report.pdf_ahead`).

Light on purpose: the command line enters `loading_pdf_engine` first thing, so that the
engine loads in a second process while this one imports the rest, reads the assessment and
builds the report.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from cisec.report.pdf_ahead import loading_ahead


def loading_pdf_engine(
    out: Path, report_format: str | None
) -> contextlib.AbstractContextManager[None]:
    """A block in which the report written to `out` as a PDF is laid out by an engine loaded
    now; nothing is started unless `report_format` (or, without one, `out`'s name) says PDF.

    Only a hint: a name taken for a PDF that is refused later just leaves the engine unused.
    """
    return loading_ahead(_names_pdf(out) if report_format is None else report_format == "pdf")


def _names_pdf(out: Path) -> bool:
    # An encrypted report (report.pdf.age) is a PDF too.
    name = out.name.lower().removesuffix(".age")
    return name.endswith(".pdf")
