"""Provides the gap report: view model -> HTML (Jinja2) -> PDF (WeasyPrint); JSON and CSV exports."""

from cisec.report.exports import gaps_csv, report_document, report_json
from cisec.report.html import render_html, templates_dir
from cisec.report.pdf import RefusedURL, package_resource, write_pdf
from cisec.report.trend import Trend, compare
from cisec.report.view import REPORT_LANGUAGES, ReportLanguage, build_view, languages_of
from cisec.report.view_model import ReportView

__all__ = [
    "REPORT_LANGUAGES",
    "RefusedURL",
    "ReportLanguage",
    "ReportView",
    "Trend",
    "build_view",
    "compare",
    "gaps_csv",
    "languages_of",
    "package_resource",
    "render_html",
    "report_document",
    "report_json",
    "templates_dir",
    "write_pdf",
]
