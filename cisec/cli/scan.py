"""Provides `cisec scan`: website security headers graded like the MDN HTTP Observatory, with fixes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal

import click

from cisec.errors import CisecError
from cisec.scan import advice
from cisec.scan.advice import Language
from cisec.scan.batch import DEFAULT_CONCURRENCY, scan_many
from cisec.scan.fetch import FetchOptions, ca_bundle_from
from cisec.scan.grade import GRADES, SCORE_TABLE, grade_rank
from cisec.scan.limits import DEFAULT_TIMEOUT
from cisec.scan.result import SiteResult
from cisec.services.scan import (
    FeedOutcome,
    feed_assessment,
    open_feedable,
    report_format_for,
    write_scan_report,
)

LanguageChoice = Literal["en", "zh-Hant", "both"]


def _targets(targets: tuple[str, ...], target_file: IO[str] | None) -> Iterator[str]:
    yield from targets
    if target_file is not None:
        for line in target_file:
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                yield stripped


def _printable(text: str, limit: int = 300) -> str:
    # Scanned values are hostile: never let them move the cursor or recolour the terminal.
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def _languages(choice: LanguageChoice) -> tuple[Language, ...]:
    return advice.LANGUAGES if choice == "both" else (choice,)


def _table(result: SiteResult, languages: tuple[Language, ...]) -> str:
    lines: list[str] = []
    head = _printable(result.target)
    if result.error is not None:
        sentences = " / ".join(result.error.sentence(language) for language in languages)
        lines.append(f"{head}: {sentences}")
    else:
        summary = " / ".join(
            (
                f"grade {result.grade}, score {result.score}"
                if language == "en"
                else f"評級 {result.grade}，分數 {result.score}"
            )
            for language in languages
        )
        lines.append(
            f"{head}: {summary}  ({_printable(result.final_url or '')}, HTTP {result.status_code})"
        )
        for name, outcome in result.tests.items():
            mark = "pass" if outcome.passed else "FAIL"
            modifier = SCORE_TABLE[outcome.result]
            reason = " / ".join(advice.result_reason(outcome.result, lang) for lang in languages)
            lines.append(f"  {mark}  {modifier:>+4}  {name:<31} {reason}")
        fixes = result.top_fixes()
        for language in languages if fixes else ():
            lines.append("  " + ("Top fixes:" if language == "en" else "最重要的修正："))
            for number, test in enumerate(fixes, 1):
                fix = advice.test_fix(test, language)
                colon = ": " if language == "en" else "："
                lines.append(f"    {number}. {fix.title}{colon}{fix.fix}")
                lines.extend(_snippets(fix.snippets))
            lines.append(f"    {advice.test_fix(fixes[0], language).hosted}")
    for language in languages if result.findings else ():
        lines.append("  " + ("Other checks:" if language == "en" else "其他檢查："))
        for finding in result.findings:
            text = advice.finding_text(finding.kind, finding.details, language)
            lines.append(f"    [{finding.severity}] {_printable(text.title, 400)}")
            if finding.severity != "info":
                lines.append(f"        {text.fix}")
    return "\n".join(lines)


SERVER_NAMES = {"nginx": "nginx", "apache": "Apache", "iis": "IIS", "cloudflare": "Cloudflare"}


def _snippets(snippets: dict[str, str]) -> list[str]:
    lines = []
    for key, snippet in snippets.items():
        label = SERVER_NAMES.get(key, key)
        first, *rest = snippet.splitlines()
        lines.append(f"       {label + ':':<12}{first}")
        lines.extend(f"       {'':<12}{line}" for line in rest)
    return lines


def _meets(result: SiteResult, fail_under: str | None) -> bool:
    if fail_under is None:
        return True
    if result.grade is None:
        return False
    return grade_rank(result.grade) <= grade_rank(fail_under)


@click.command(
    "scan",
    epilog="Exit codes: 0 done; 1 a site is below --fail-under (or could not be graded); "
    "2 bad usage. Caps: 10 redirects, 2 MiB of page after decompression, 100 header lines "
    "of 64 KiB, and a site deadline of three times --timeout.",
)
@click.argument("targets", nargs=-1)
@click.option(
    "--file",
    "target_file",
    type=click.File("r", encoding="utf-8"),
    help="Read more targets from FILE, one per line ('#' starts a comment; '-' is stdin).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON: one object, or an array.")
@click.option(
    "--jsonl",
    "as_jsonl",
    is_flag=True,
    help="Print one JSON object per line as each site finishes.",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(["en", "zh-Hant", "both"]),
    default="en",
    show_default=True,
    help="Language of reasons, fixes and errors ('both' prints both; JSON then uses en).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 256),
    default=DEFAULT_CONCURRENCY,
    show_default=True,
    help="Sites scanned at the same time.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 300),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds each request may wait (connect, and between bytes).",
)
@click.option(
    "--fail-under",
    type=click.Choice(GRADES),
    help="Exit 1 if a site's grade is below GRADE (e.g. B) or it cannot be graded.",
)
@click.option(
    "--ca-bundle",
    type=click.Path(dir_okay=False),
    help="PEM file of trusted CAs for every TLS connection (default: REQUESTS_CA_BUNDLE, then the built-in list).",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write an SME-friendly report: OUT.pdf or OUT.html (in --lang).",
)
@click.option(
    "--assessment",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Propose answers to the website questions of this sme-baseline assessment file.",
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="With --assessment: replace answers already given (they are kept by default).",
)
def scan(
    targets: tuple[str, ...],
    target_file: IO[str] | None,
    as_json: bool,
    as_jsonl: bool,
    language: LanguageChoice,
    concurrency: int,
    timeout: float,
    fail_under: str | None,
    ca_bundle: str | None,
    output: Path | None,
    assessment: Path | None,
    overwrite: bool,
) -> None:
    """Scan websites' security headers: the grade the MDN HTTP Observatory would give, plain-language
    fixes, and checks for certificates, security.txt, mixed content and leaking headers.

    TARGET is a host (example.com) or a URL (https://example.com:8443/shop).
    """
    if as_json and as_jsonl:
        raise click.UsageError("Choose one of --json and --jsonl.")
    if not targets and target_file is None:
        raise click.UsageError("Give at least one TARGET, or --file.")
    if overwrite and assessment is None:
        raise click.UsageError("--overwrite goes with --assessment.")
    if assessment is not None and (len(targets) != 1 or target_file is not None):
        raise click.UsageError("--assessment takes exactly one TARGET: the organisation's site.")
    try:
        options = FetchOptions(timeout=timeout, ca_bundle=ca_bundle_from(ca_bundle, os.environ))
        if output is not None:
            report_format_for(output)
        # Refuse a file the scan cannot feed before spending time on the scan.
        session = open_feedable(assessment) if assessment is not None else None
    except CisecError as error:
        click.echo(f"Error: {error.message} {error.next_step}".rstrip(), err=True)
        sys.exit(2)
    languages = _languages(language)
    json_language: Language = languages[0]
    progress = _Progress(enabled=sys.stderr.isatty())
    all_met = True
    collected: list[dict[str, object]] = []
    # Kept only for the report or the assessment; otherwise results stream out and are dropped.
    kept: list[SiteResult] = []
    order: dict[str, int] = {}

    def numbered() -> Iterator[str]:
        # Sites finish in any order; the report lists them in the order they were given.
        for target in _targets(targets, target_file):
            order.setdefault(target, len(order))
            yield target

    first = True
    results = scan_many(numbered(), options, concurrency=concurrency)
    for count, result in enumerate(results, 1):
        progress.tick(count, result.target)
        all_met = _meets(result, fail_under) and all_met
        if output is not None or session is not None:
            kept.append(result)
        if as_jsonl:
            click.echo(json.dumps(result.to_json(json_language), ensure_ascii=False))
            sys.stdout.flush()
        elif as_json:
            collected.append(result.to_json(json_language))
        else:
            progress.clear()
            if not first:
                click.echo()
            click.echo(_table(result, languages))
            first = False
    progress.clear()
    if as_json:
        payload: object = (
            collected[0]
            if len(collected) == 1 and len(targets) == 1 and target_file is None
            else collected
        )
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    # With JSON on stdout, everything said to people goes to stderr.
    to_stderr = as_json or as_jsonl
    try:
        if output is not None:
            kept.sort(key=lambda row: order.get(row.target, len(order)))
            pages = write_scan_report(kept, output, language=language)
            what = f"{pages} pages" if pages is not None else "HTML"
            click.echo(f"Report written to {output} ({what}).", err=to_stderr)
        if session is not None:
            fed = feed_assessment(session, kept[0], overwrite=overwrite)
            click.echo(_feed_summary(fed), err=to_stderr)
    except CisecError as error:
        click.echo(f"Error: {error.message} {error.next_step}".rstrip(), err=True)
        sys.exit(2)
    if not all_met:
        sys.exit(1)


def _feed_summary(fed: FeedOutcome) -> str:
    """What the scan did to the assessment, in a few lines."""
    lines = [f'Assessment {fed.path}: evidence "{fed.evidence}".']
    if not fed.graded:
        lines.append("  The site could not be graded, so no answer was proposed.")
    if fed.recorded:
        lines.append("  Proposed (flagged for your review):")
        lines.extend(
            f"    {a.question_id}: {a.proposed}"
            + (f" (was {a.previous})" if a.previous is not None else "")
            for a in fed.recorded
        )
    if fed.left_alone:
        lines.append("  Left alone (already answered; --overwrite replaces them):")
        lines.extend(
            f"    {a.question_id}: kept {a.previous}, the scan suggests {a.proposed}"
            for a in fed.left_alone
        )
    if fed.not_asked:
        lines.append(f"  Not asked for this profile: {', '.join(fed.not_asked)}.")
    return "\n".join(lines)


class _Progress:
    """A one-line progress counter on stderr, only when stderr is a terminal."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled

    def tick(self, done: int, target: str) -> None:
        if self.enabled:
            click.echo(f"\r\x1b[Kscanned {done}: {_printable(target, 60)}", nl=False, err=True)

    def clear(self) -> None:
        if self.enabled:
            click.echo("\r\x1b[K", nl=False, err=True)
