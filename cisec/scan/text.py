"""Provides one site's result as plain text for a terminal: grade, tests, top fixes, other checks."""

from __future__ import annotations

from cisec.scan import advice
from cisec.scan.advice import Language
from cisec.scan.grade import SCORE_TABLE
from cisec.scan.result import SiteResult
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
