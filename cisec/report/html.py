"""Renders the report view model to one self-contained HTML document with Jinja2.

Autoescape is on for everything and undefined names are errors: a note that reads
`<img src=…>` prints as those characters, and a template typo fails the tests instead of
printing an empty cell.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2
from markupsafe import Markup

from cisec.report.templates import templates_dir
from cisec.report.view_model import ReportView

REPORT_TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the report templates (autoescaped, strict)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def stylesheet() -> Markup:
    """The report stylesheet, inlined so the HTML export stands alone.

    Markup because it is the package's own file, not input: escaping would turn `>` in
    selectors into `&gt;`.
    """
    return Markup((templates_dir() / STYLESHEET).read_text(encoding="utf-8"))  # noqa: S704


def render_html(view: ReportView) -> str:
    """The report as an HTML document."""
    template = environment().get_template(REPORT_TEMPLATE)
    return template.render(report=view, css=stylesheet())
