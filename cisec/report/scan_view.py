"""Builds the view model of the website scan report: grade first, top fixes, every test and finding.

Pure: every decision (order, wording, which fix goes where, how hostile values are cleaned) is
made here; report_templates/scan/scan.html.j2 only lays it out. Everything a scanned server
sent (URLs, header values quoted in findings) arrives here as plain text and stays plain text:
the template autoescapes it and the PDF fetcher refuses every URL that is not the package's own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from cisec.model.text import DocumentLanguage, Language, lang_tag, languages_of
from cisec.scan import advice
from cisec.scan.checks import TEST_NAMES, Outcome
from cisec.scan.grade import SCORE_TABLE
from cisec.scan.result import SiteResult
from cisec.scan.text import change_sentence
from cisec.wording import Phrases, Words, format_date, say

SERVER_LABELS: Final[dict[str, str]] = {
    "nginx": "nginx",
    "apache": "Apache httpd",
    "iis": "IIS",
    "cloudflare": "Cloudflare",
    "html": "HTML",
    "security.txt": "security.txt",
}

# A scanned value longer than this is cut: a hostile header must not fill pages.
MAX_SCANNED_TEXT = 400

Severity = Literal["critical", "warning", "info"]
SEVERITY_NAMES: Final[dict[Severity, str]] = {
    "critical": "scan.severity_critical",
    "warning": "scan.severity_warning",
    "info": "doc.note",
}
# Findings the batch's fix guide explains once (titled scan.guide.<kind>), in this order.
GUIDED_FINDINGS: Final = (
    "certificate-invalid",
    "permissions-policy-missing",
    "information-leaking-headers",
    "security-txt-missing",
)


@dataclass(frozen=True)
class Snippet:
    """A configuration snippet for one server or host."""

    server: str
    code: str


@dataclass(frozen=True)
class FixView:
    """What to do about a failed test or a finding, with snippets to forward."""

    rank: int
    anchor: str  # unique in the document
    link: str  # in a batch's site page: the guide entry with the snippets ("" if none)
    title: Words
    why: Words
    fix: Words
    snippets: list[Snippet]


@dataclass(frozen=True)
class TestRow:
    """One Observatory test: its result, points and one-line reason."""

    name: str
    title: Words
    result: str
    points: str
    passed: bool
    mark: Words
    reason: Words
    fix_note: Words  # "see fix n above", or nothing


@dataclass(frozen=True)
class FindingView:
    """One SME check finding with its fix."""

    severity: Severity
    severity_name: Words
    message: Words
    fix: Words
    snippets: list[Snippet]
    see_guide: Words  # in a batch: where the snippets are


@dataclass(frozen=True)
class SiteView:
    """One site's page(s) of the report."""

    anchor: str
    target: str
    final_url: str
    status: str
    grade: str
    grade_class: str
    score: Words
    error: Words
    change: Words  # since the previous scan in the history; empty without one
    top_fixes: list[FixView]
    hosted: Words  # said once, under the top fixes: the owner of a hosted site cannot set headers
    tests: list[TestRow]
    other_fixes: list[FixView]
    findings: list[FindingView]


@dataclass(frozen=True)
class SummaryRow:
    """One site in the batch summary table."""

    anchor: str
    target: str
    grade: str
    grade_class: str
    score: str
    first_fix: Words
    change: Words  # one word (new, improved, ...) with a history; empty without one


@dataclass(frozen=True)
class ScanReportView:
    """Everything the scan report template prints."""

    lang: str
    mode: str
    title: str
    subject: str
    keywords: list[str]
    labels: dict[str, Words]
    heading: Words
    scanned_on: Words
    summary: list[SummaryRow]
    summary_has_change: bool  # the batch was scanned with a history: a column says how each changed
    sites: list[SiteView]
    guide: list[FixView]  # a batch's fixes, each once, with snippets
    guide_hosted: Words
    layout: str  # "single" (one site, full detail) or "batch" (about a page per site)


def scanned_text(value: str, limit: int = MAX_SCANNED_TEXT) -> str:
    """A value a scanned server chose, safe to print: no control characters, bounded length."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in value)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def grade_class(grade: str | None) -> str:
    """The colour band of a grade: a, b, c, d, f, or none."""
    return grade[0].lower() if grade else "none"


def _snippets(snippets: dict[str, str]) -> list[Snippet]:
    return [Snippet(SERVER_LABELS.get(key, key), code) for key, code in snippets.items()]


def _test_fix(words: Phrases, test: str, rank: int, anchor: str) -> FixView:
    fixes = {language: advice.test_fix(test, language) for language in words.languages}
    first = fixes[words.languages[0]]
    return FixView(
        rank=rank,
        anchor=anchor,
        link="",
        title=words.each({lang: fix.title for lang, fix in fixes.items()}),
        why=words.each({lang: fix.why for lang, fix in fixes.items()}),
        fix=words.each({lang: fix.fix for lang, fix in fixes.items()}),
        snippets=_snippets(first.snippets),
    )


def _finding(
    words: Phrases, kind: str, severity: Severity, details: dict[str, str], *, compact: bool
) -> FindingView:
    # Details quote what the server sent (header values, URLs, cookie names): cleaned first.
    safe = {name: scanned_text(value) for name, value in details.items()}
    texts = {language: advice.finding_text(kind, safe, language) for language in words.languages}
    first = texts[words.languages[0]]
    return FindingView(
        severity=severity,
        severity_name=words.say(SEVERITY_NAMES[severity]),
        message=words.each({lang: text.title for lang, text in texts.items()}),
        fix=words.each({lang: text.fix for lang, text in texts.items()}),
        snippets=[] if compact else _snippets(first.snippets),
        see_guide=words.say("scan.see_guide") if compact and first.snippets else [],
    )


def _needs_fix(outcome: Outcome) -> bool:
    return not outcome.passed or SCORE_TABLE[outcome.result] < 0


def _brief(fix: FixView) -> FixView:
    # A batch's site page keeps each fix to its title and one sentence; the guide has the rest.
    test = fix.anchor.split("-fix-", 1)[1]
    return dataclasses.replace(fix, link=f"#guide-{test}", why=[], snippets=[])


def site_view(
    result: SiteResult, languages: tuple[Language, ...], anchor: str, *, compact: bool = False
) -> SiteView:
    """The report's view of one site's result.

    `compact` (a batch) keeps the site to about one page: fixes without snippets, which the
    batch's fix guide gives once for all sites.
    """
    words = Phrases(languages)
    top = result.top_fixes()
    fix_anchor = anchor + "-fix-{test}"
    top_fixes = [
        _test_fix(words, test, rank, fix_anchor.format(test=test))
        for rank, test in enumerate(top, 1)
    ]
    if compact:
        top_fixes = [_brief(fix) for fix in top_fixes]
    rows: list[TestRow] = []
    other: list[FixView] = []
    for name, outcome in result.tests.items():
        modifier = SCORE_TABLE[outcome.result]
        fix_note: Words = []
        if name in top:
            fix_note = words.say("scan.see_fix", rank=top.index(name) + 1)
        elif _needs_fix(outcome) and compact:
            fix_note = words.say("scan.see_guide")
        elif _needs_fix(outcome):
            rank = len(top) + len(other) + 1
            other.append(_test_fix(words, name, rank, fix_anchor.format(test=name)))
        rows.append(
            TestRow(
                name=name,
                title=words.each({lang: advice.test_title(name, lang) for lang in languages}),
                result=outcome.result,
                points=f"{modifier:+d}" if modifier else "0",
                passed=outcome.passed,
                mark=words.say("scan.pass" if outcome.passed else "scan.fail"),
                reason=words.each(
                    {lang: advice.result_reason(outcome.result, lang) for lang in languages}
                ),
                fix_note=fix_note,
            )
        )
    error = result.error
    return SiteView(
        anchor=anchor,
        target=scanned_text(result.target, 200),
        final_url=scanned_text(result.final_url or "", 200),
        status=str(result.status_code) if result.status_code is not None else "—",
        grade=result.grade or "—",
        grade_class=grade_class(result.grade),
        score=words.say("scan.score", score=result.score)
        if result.score is not None
        else words.say("scan.not_graded"),
        error=words.each({lang: error.sentence(lang) for lang in languages}) if error else [],
        change=words.each({lang: change_sentence(result, lang) for lang in languages})
        if result.trend
        else [],
        top_fixes=top_fixes,
        hosted=_hosted(words) if (top_fixes or other) and not compact else [],
        tests=rows,
        other_fixes=other,
        findings=[
            _finding(words, finding.kind, finding.severity, finding.details, compact=compact)
            for finding in result.findings
        ],
    )


def _hosted(words: Phrases) -> Words:
    return words.each({lang: str(advice.advice_data()["hosted"][lang]) for lang in words.languages})


def _guide(results: Sequence[SiteResult], words: Phrases) -> list[FixView]:
    """Every fix a batch needs, once: failed tests in the Observatory's order, then findings."""
    failed = {name for r in results for name, outcome in r.tests.items() if _needs_fix(outcome)}
    guide = [_test_fix(words, name, 0, f"guide-{name}") for name in TEST_NAMES if name in failed]
    kinds = {finding.kind for r in results for finding in r.findings}
    for kind in GUIDED_FINDINGS:
        if kind not in kinds:
            continue
        texts = {lang: advice.finding_text(kind, {}, lang) for lang in words.languages}
        guide.append(
            FixView(
                rank=0,
                anchor=f"guide-{kind}",
                link="",
                title=words.say(f"scan.guide.{kind}"),
                why=[],
                fix=words.each({lang: text.fix for lang, text in texts.items()}),
                snippets=_snippets(texts[words.languages[0]].snippets),
            )
        )
    return [dataclasses.replace(fix, rank=rank) for rank, fix in enumerate(guide, 1)]


def _summary_row(result: SiteResult, site: SiteView, languages: tuple[Language, ...]) -> SummaryRow:
    words = Phrases(languages)
    fixes = result.top_fixes()
    if result.error is not None:
        first_fix = site.error
    elif fixes:
        first_fix = words.each({lang: advice.test_title(fixes[0], lang) for lang in languages})
    else:
        first_fix = words.say("scan.no_fixes")
    return SummaryRow(
        anchor=site.anchor,
        target=site.target,
        grade=site.grade,
        grade_class=site.grade_class,
        score=str(result.score) if result.score is not None else "—",
        first_fix=first_fix,
        change=words.say(f"scan.trend.{result.trend.change}")
        if result.trend is not None
        else words.each(dict.fromkeys(languages, "")),
    )


def scan_report_view(
    results: Sequence[SiteResult], *, report_language: DocumentLanguage, today: dt.date
) -> ScanReportView:
    """The view model of the scan report of `results` (one site, or a batch with a summary)."""
    languages = languages_of(report_language)
    words = Phrases(languages)
    primary = languages[0]
    batch = len(results) > 1
    sites = [
        site_view(result, languages, f"site-{n}", compact=batch)
        for n, result in enumerate(results, 1)
    ]
    heading = (
        words.say("scan.batch_title", count=len(results)) if batch else words.say("scan.title")
    )
    title = say("scan.title", primary)
    if not batch and results:
        title = f"{title}: {scanned_text(results[0].target, 100)}"
    labels = words.labels("scan")
    return ScanReportView(
        lang=lang_tag(primary),
        mode={"en": "en", "zh-Hant": "zh", "both": "both"}[report_language],
        title=title,
        subject=" / ".join(say("scan.title", language) for language in languages),
        keywords=["cisec", "website scan", "security headers", "MDN HTTP Observatory"],
        labels=labels,
        heading=heading,
        scanned_on=words.each(
            {
                lang: say("scan.scanned_on", lang, date=format_date(today, lang))
                for lang in languages
            }
        ),
        summary=[_summary_row(r, s, languages) for r, s in zip(results, sites, strict=True)]
        if batch
        else [],
        summary_has_change=batch and any(result.trend is not None for result in results),
        sites=sites,
        guide=_guide(results, words) if batch else [],
        guide_hosted=_hosted(words) if batch else [],
        layout="batch" if batch else "single",
    )
