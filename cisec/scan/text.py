"""Provides one site's result as plain text for a terminal: grade, tests, top fixes, other checks."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from cisec.scan import advice
from cisec.scan.advice import Language
from cisec.scan.grade import SCORE_TABLE
from cisec.scan.result import Change, SiteResult
from cisec.wording import say

SERVER_NAMES = {"nginx": "nginx", "apache": "Apache", "iis": "IIS", "cloudflare": "Cloudflare"}


def printable(text: str, limit: int = 300) -> str:
    """`text` safe for a terminal: scanned values are hostile, so no control characters."""
    # A value that could move the cursor or recolour the terminal becomes '?'.
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def change_sentence(result: SiteResult, language: Language) -> str:
    """How the site changed since its previous scan in the history ('' without a history)."""
    trend = result.trend
    if trend is None:
        return ""
    last = trend.previous
    if last is None:
        return say("scan.change.new", language)
    return say(
        f"scan.change.{trend.change}",
        language,
        when=last.scanned_at[:10],
        grade=last.grade or "—",
        score="—" if last.score is None else last.score,
    )


def site_text(result: SiteResult, languages: tuple[Language, ...]) -> str:
    """The lines a terminal shows for one site, in each of `languages`."""
    head = printable(result.target)
    if result.error is not None:
        sentences = " / ".join(result.error.sentence(language) for language in languages)
        lines = [f"{head}: {sentences}"]
    else:
        lines = _graded(result, head, languages)
    if result.trend is not None:
        lines.insert(1, "  " + " / ".join(change_sentence(result, lang) for lang in languages))
    for language in languages if result.findings else ():
        lines.append(
            "  " + say("scan.text.heading", language, heading=say("scan.findings", language))
        )
        for finding in result.findings:
            text = advice.finding_text(finding.kind, finding.details, language)
            lines.append(f"    [{finding.severity}] {printable(text.title, 400)}")
            if finding.severity != "info":
                lines.append(f"        {text.fix}")
    return "\n".join(lines)


def _graded(result: SiteResult, head: str, languages: tuple[Language, ...]) -> list[str]:
    summary = " / ".join(
        say("scan.text.grade", language, grade=result.grade, score=result.score)
        for language in languages
    )
    lines = [f"{head}: {summary}  ({printable(result.final_url or '')}, HTTP {result.status_code})"]
    for name, outcome in result.tests.items():
        mark = "pass" if outcome.passed else "FAIL"
        modifier = SCORE_TABLE[outcome.result]
        reason = " / ".join(advice.result_reason(outcome.result, lang) for lang in languages)
        lines.append(f"  {mark}  {modifier:>+4}  {name:<31} {reason}")
    fixes = result.top_fixes()
    for language in languages if fixes else ():
        heading = say("scan.text.top_fixes", language)
        lines.append("  " + say("scan.text.heading", language, heading=heading))
        for number, test in enumerate(fixes, 1):
            fix = advice.test_fix(test, language)
            lines.append(
                f"    {number}. " + say("scan.text.fix", language, title=fix.title, fix=fix.fix)
            )
            lines.extend(_snippets(fix.snippets))
        lines.append(f"    {advice.test_fix(fixes[0], language).hosted}")
    return lines


def _snippets(snippets: dict[str, str]) -> list[str]:
    lines = []
    for key, snippet in snippets.items():
        label = SERVER_NAMES.get(key, key)
        first, *rest = snippet.splitlines()
        lines.append(f"       {label + ':':<12}{first}")
        lines.extend(f"       {'':<12}{line}" for line in rest)
    return lines


@dataclass(frozen=True, slots=True)
class SummaryEntry:
    """What the batch summary keeps of one site: a few words, not the whole result, so a long
    batch printed as text stays small."""

    target: str
    grade: str
    score: str
    change: Change | None  # None: scanned without a history


def summary_entry(result: SiteResult) -> SummaryEntry:
    return SummaryEntry(
        target=printable(result.target, 60),
        grade=result.grade or "—",
        score="—" if result.score is None else str(result.score),
        change=result.trend.change if result.trend is not None else None,
    )


def summary_text(entries: list[SummaryEntry], languages: tuple[Language, ...]) -> str:
    """The batch summary table a terminal shows after the sites: site, grade, score and, with a
    history, how each site changed since its previous scan."""

    def both(key: str) -> str:
        return " / ".join(say(key, language) for language in languages)

    with_change = any(entry.change is not None for entry in entries)
    header = [both("scan.col_site"), both("scan.grade"), both("scan.col_score")]
    if with_change:
        header.append(both("doc.col_change"))
    rows = [header]
    for entry in entries:
        row = [entry.target, entry.grade, entry.score]
        if with_change:
            row.append(both(f"scan.trend.{entry.change}") if entry.change else "—")
        rows.append(row)
    widths = [max(_width(row[column]) for row in rows) for column in range(len(header))]
    lines = [both("scan.summary") + ":"]
    for row in rows:
        cells = (
            cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=True)
        )
        lines.append(("  " + "  ".join(cells)).rstrip())
    return "\n".join(lines)


def _width(text: str) -> int:
    # Chinese characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
