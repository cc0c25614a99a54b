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
from cisec.report.view import format_date
from cisec.report.view_model import Phrase, Words
from cisec.scan import advice
from cisec.scan.checks import TEST_NAMES, Outcome
from cisec.scan.grade import SCORE_TABLE
from cisec.scan.result import SiteResult

# label id -> (English, 繁體中文 (香港)); the glossary's term for the scan is 網站保安標頭檢查.
SCAN_LABELS: Final[dict[str, tuple[str, str]]] = {
    "title": ("Website security-header scan", "網站保安標頭檢查"),
    "batch_title": (
        "Website security-header scan: {count} sites",
        "網站保安標頭檢查：{count}個網站",
    ),
    "scanned_on": ("Scanned on {date}", "檢查日期：{date}"),
    "summary": ("Summary", "摘要"),
    "col_site": ("Site", "網站"),
    "col_grade": ("Grade", "評級"),
    "col_score": ("Score", "分數"),
    "col_first_fix": ("Most important fix", "最重要的修正"),
    "col_test": ("Test", "測試項目"),
    "col_points": ("Points", "分數調整"),
    "col_result": ("Result", "結果"),
    "grade": ("Grade", "評級"),
    "score": ("score {score}", "分數 {score}"),
    "final_url": ("Page graded", "評級的網頁"),
    "status": ("HTTP status", "HTTP 狀態碼"),
    "not_graded": ("Not graded", "未能評級"),
    "grade_intro": (
        "The grade is the one the MDN HTTP Observatory (algorithm version 6) gives for the same "
        "headers: A+ is best, F is worst.",
        "評級與 MDN HTTP Observatory（第6版演算法）對相同標頭所給的評級一致：A+ 最佳，F 最差。",
    ),
    "top_fixes": ("The three most important fixes", "三項最重要的修正"),
    "top_fixes_intro": (
        "Forward these to your web vendor: each says why it matters and how to set it on common "
        "servers.",
        "請把以下各項轉交網站供應商：每項均說明其重要性，以及在常見伺服器上的設定方法。",
    ),
    "no_fixes": (
        "No test lost points: nothing to fix for the grade.",
        "沒有測試項目被扣分：評級方面毋須修正。",
    ),
    "why": ("Why it matters", "為何重要"),
    "what": ("What to do", "應採取的行動"),
    "hosted": ("Hosted site builders", "託管網站平台"),
    "tests": ("Every test", "所有測試項目"),
    "tests_intro": (
        "Points are added to or taken from 100; bonuses count only when the site already "
        "scores 90 or more.",
        "分數由100起計加減；只有在網站已取得90分或以上時，加分項目才會計算。",
    ),
    "pass": ("pass", "通過"),
    "fail": ("fail", "未通過"),
    "other_fixes": ("Fixes for the other failed tests", "其他未通過測試項目的修正"),
    "see_fix": ("See fix {rank} above.", "見上文第{rank}項修正。"),
    "findings": ("Other checks", "其他檢查"),
    "findings_intro": (
        "Checks beside the grade (they never change it): certificate, mixed content, cookies, "
        "leaking headers, security.txt and more.",
        "評級以外的檢查（不影響評級）：證書、混合內容、Cookie、洩露資訊的標頭、security.txt 等。",
    ),
    "no_findings": ("No other problems found.", "沒有發現其他問題。"),
    "severity_critical": ("Critical", "嚴重"),
    "severity_warning": ("Warning", "警告"),
    "severity_info": ("Note", "備註"),
    "no_test_results": (
        "The site could not be graded, so there are no test results.",
        "未能為網站評級，因此沒有測試結果。",
    ),
    "guide": (
        "How to fix: settings to forward to your web vendor",
        "修正方法：可轉交網站供應商的設定",
    ),
    "guide_intro": (
        "Each fix appears once here; the site pages above say which ones each site needs.",
        "每項修正只在此列出一次；上文各網站的頁面列明該網站需要哪些修正。",
    ),
    "see_guide": ("How to fix: see the fix guide at the end.", "修正方法：見文末的修正指南。"),
    "method": ("About this report", "關於本報告"),
    "method_text": (
        "cisec read the site's pages once, from this computer, and checked the answers; it did "
        "not try to break in. Values the site sent are printed as text, never opened. Scan again "
        "after each fix to confirm it.",
        "cisec 在本電腦讀取網站網頁一次並檢查其回應，並無嘗試入侵。網站發送的數值只以文字列出，"
        "從不開啟。每項修正完成後，請再次掃描確認。",
    ),
}

# Titles of the fix-guide entries for findings (their own sentences name one site's details).
FINDING_GUIDE_TITLES: Final[dict[str, tuple[str, str]]] = {
    "certificate-invalid": ("Untrusted certificate", "不受信任的證書"),
    "permissions-policy-missing": ("Permissions-Policy", "Permissions-Policy"),
    "information-leaking-headers": ("Headers that reveal software", "透露軟件資料的標頭"),
    "security-txt-missing": ("security.txt", "security.txt"),
}

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


class _Words:
    """Makes phrase lists in the report's languages (the first is the document's own)."""

    def __init__(self, languages: tuple[Language, ...]) -> None:
        self.languages = languages

    def each(self, texts: dict[Language, str]) -> Words:
        phrases: Words = []
        for language in self.languages:
            text = texts[language]
            if not text or (phrases and text == phrases[0].text):
                continue
            first = not phrases
            phrases.append(Phrase(text, lang_tag(language), first, first))
        return phrases

    def label(self, label_id: str, **values: object) -> Words:
        return self.each({lang: scan_label(label_id, lang, **values) for lang in self.languages})


def scan_label(label_id: str, language: Language, **values: object) -> str:
    """The scan report label `label_id` in `language`, placeholders filled."""
    english, chinese = SCAN_LABELS[label_id]
    template = english if language == "en" else chinese
    return template.format(**values) if values else template


def _snippets(snippets: dict[str, str]) -> list[Snippet]:
    return [Snippet(SERVER_LABELS.get(key, key), code) for key, code in snippets.items()]


def _test_fix(words: _Words, test: str, rank: int, anchor: str) -> FixView:
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
    words: _Words, kind: str, severity: Severity, details: dict[str, str], *, compact: bool
) -> FindingView:
    # Details quote what the server sent (header values, URLs, cookie names): cleaned first.
    safe = {name: scanned_text(value) for name, value in details.items()}
    texts = {language: advice.finding_text(kind, safe, language) for language in words.languages}
    first = texts[words.languages[0]]
    return FindingView(
        severity=severity,
        severity_name=words.label(f"severity_{severity}"),
        message=words.each({lang: text.title for lang, text in texts.items()}),
        fix=words.each({lang: text.fix for lang, text in texts.items()}),
        snippets=[] if compact else _snippets(first.snippets),
        see_guide=words.label("see_guide") if compact and first.snippets else [],
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
    words = _Words(languages)
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
            fix_note = words.label("see_fix", rank=top.index(name) + 1)
        elif _needs_fix(outcome) and compact:
            fix_note = words.label("see_guide")
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
                mark=words.label("pass" if outcome.passed else "fail"),
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
        score=words.label("score", score=result.score)
        if result.score is not None
        else words.label("not_graded"),
        error=words.each({lang: error.sentence(lang) for lang in languages}) if error else [],
        top_fixes=top_fixes,
        hosted=_hosted(words) if (top_fixes or other) and not compact else [],
        tests=rows,
        other_fixes=other,
        findings=[
            _finding(words, finding.kind, finding.severity, finding.details, compact=compact)
            for finding in result.findings
        ],
    )


def _hosted(words: _Words) -> Words:
    return words.each({lang: str(advice.advice_data()["hosted"][lang]) for lang in words.languages})


def _guide(results: Sequence[SiteResult], words: _Words) -> list[FixView]:
    """Every fix a batch needs, once: failed tests in the Observatory's order, then findings."""
    failed = {name for r in results for name, outcome in r.tests.items() if _needs_fix(outcome)}
    guide = [_test_fix(words, name, 0, f"guide-{name}") for name in TEST_NAMES if name in failed]
    kinds = {finding.kind for r in results for finding in r.findings}
    for kind in FINDING_GUIDE_TITLES:
        if kind not in kinds:
            continue
        texts = {lang: advice.finding_text(kind, {}, lang) for lang in words.languages}
        english, chinese = FINDING_GUIDE_TITLES[kind]
        guide.append(
            FixView(
                rank=0,
                anchor=f"guide-{kind}",
                link="",
                title=words.each({"en": english, "zh-Hant": chinese}),
                why=[],
                fix=words.each({lang: text.fix for lang, text in texts.items()}),
                snippets=_snippets(texts[words.languages[0]].snippets),
            )
        )
    return [dataclasses.replace(fix, rank=rank) for rank, fix in enumerate(guide, 1)]


def _summary_row(result: SiteResult, site: SiteView, languages: tuple[Language, ...]) -> SummaryRow:
    words = _Words(languages)
    fixes = result.top_fixes()
    if result.error is not None:
        first_fix = site.error
    elif fixes:
        first_fix = words.each({lang: advice.test_title(fixes[0], lang) for lang in languages})
    else:
        first_fix = words.label("no_fixes")
    return SummaryRow(
        anchor=site.anchor,
        target=site.target,
        grade=site.grade,
        grade_class=site.grade_class,
        score=str(result.score) if result.score is not None else "—",
        first_fix=first_fix,
    )


def scan_report_view(
    results: Sequence[SiteResult], *, report_language: DocumentLanguage, today: dt.date
) -> ScanReportView:
    """The view model of the scan report of `results` (one site, or a batch with a summary)."""
    languages = languages_of(report_language)
    words = _Words(languages)
    primary = languages[0]
    batch = len(results) > 1
    sites = [
        site_view(result, languages, f"site-{n}", compact=batch)
        for n, result in enumerate(results, 1)
    ]
    heading = words.label("batch_title", count=len(results)) if batch else words.label("title")
    title = scan_label("title", primary)
    if not batch and results:
        title = f"{title}: {scanned_text(results[0].target, 100)}"
    labels = {label_id: words.label(label_id) for label_id in SCAN_LABELS}
    return ScanReportView(
        lang=lang_tag(primary),
        mode={"en": "en", "zh-Hant": "zh", "both": "both"}[report_language],
        title=title,
        subject=" / ".join(scan_label("title", language) for language in languages),
        keywords=["cisec", "website scan", "security headers", "MDN HTTP Observatory"],
        labels=labels,
        heading=heading,
        scanned_on=words.each(
            {
                lang: scan_label("scanned_on", lang, date=format_date(today, lang))
                for lang in languages
            }
        ),
        summary=[_summary_row(r, s, languages) for r, s in zip(results, sites, strict=True)]
        if batch
        else [],
        sites=sites,
        guide=_guide(results, words) if batch else [],
        guide_hosted=_hosted(words) if batch else [],
        layout="batch" if batch else "single",
    )
