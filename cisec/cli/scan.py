"""Provides `cisec scan`: website security headers graded like the MDN HTTP Observatory, with fixes."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import click

from cisec.cli import passphrase
from cisec.cli.output import EXIT_FINDING, user_errors
from cisec.model.text import DocumentLanguage, Language, languages_of
from cisec.services.scan import (
    DEFAULT_CONCURRENCY,
    DEFAULT_TIMEOUT,
    GRADES,
    FeedOutcome,
    History,
    SiteResult,
    feed_assessment,
    fetch_options,
    in_shard,
    meets_grade,
    open_feedable,
    parse_shard,
    printable,
    report_format_for,
    scan_batch,
    site_text,
    summary_entry,
    summary_text,
    write_scan_report,
)


def _targets(targets: tuple[str, ...], target_file: IO[str] | None) -> Iterator[str]:
    yield from targets
    if target_file is not None:
        for line in target_file:
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                yield stripped


@click.command(
    "scan",
    epilog="Exit codes: 0 done; 1 a site is below --fail-under (or could not be graded), or "
    "with --fail-on-regression its score fell; "
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
    "--history",
    "history_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Keep every result in this SQLite file; each row then says how the site changed "
    "since its previous scan there (new, improved, regressed, unchanged).",
)
@click.option(
    "--fail-on-regression",
    is_flag=True,
    help="With --history: exit 1 if any site's score fell since its previous scan.",
)
@click.option(
    "--shard",
    metavar="K/N",
    help="Scan only shard K of N (by a hash of each target): N runs split the list, disjoint "
    "and together complete.",
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
@user_errors
def scan(
    targets: tuple[str, ...],
    target_file: IO[str] | None,
    as_json: bool,
    as_jsonl: bool,
    language: DocumentLanguage,
    concurrency: int,
    timeout: float,
    fail_under: str | None,
    ca_bundle: str | None,
    output: Path | None,
    history_file: Path | None,
    fail_on_regression: bool,
    shard: str | None,
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
    if fail_on_regression and history_file is None:
        raise click.UsageError("--fail-on-regression goes with --history.")
    if overwrite and assessment is None:
        raise click.UsageError("--overwrite goes with --assessment.")
    if assessment is not None and (len(targets) != 1 or target_file is not None):
        raise click.UsageError("--assessment takes exactly one TARGET: the organisation's site.")
    # Refuse what the scan cannot use (a CA bundle, a report name, an assessment) before
    # spending time on the scan.
    fetch_options(ca_bundle=ca_bundle)
    part = parse_shard(shard) if shard is not None else None
    history = History(history_file) if history_file is not None else None
    if output is not None:
        report_format_for(output)
    session = (
        open_feedable(assessment, passphrase.to_open(assessment))
        if assessment is not None
        else None
    )
    languages = languages_of(language)
    results = scan_batch(
        in_shard(_targets(targets, target_file), part),
        timeout=timeout,
        ca_bundle=ca_bundle,
        concurrency=concurrency,
    )
    single = len(targets) == 1 and target_file is None
    # Kept only for the report or the assessment; otherwise results stream out and are dropped.
    keep = output is not None or session is not None
    regressed: list[str] = []
    if history is not None:
        results = _recorded(results, history, regressed)
    try:
        kept, all_met = _print_results(
            results, languages, as_json, as_jsonl, fail_under, keep, single
        )
    finally:
        if history is not None:
            history.close()
    # With JSON on stdout, everything said to people goes to stderr.
    to_stderr = as_json or as_jsonl
    if output is not None:
        pages = write_scan_report(kept, output, language=language)
        what = f"{pages} pages" if pages is not None else "HTML"
        click.echo(f"Report written to {output} ({what}).", err=to_stderr)
    if session is not None:
        fed = feed_assessment(session, kept[0], overwrite=overwrite)
        click.echo(_feed_summary(fed), err=to_stderr)
    if not all_met or (fail_on_regression and regressed):
        sys.exit(EXIT_FINDING)


def _recorded(
    results: Iterator[SiteResult], history: History, regressed: list[str]
) -> Iterator[SiteResult]:
    """Keep each result in the history as it arrives, with how the site changed."""
    for result in results:
        recorded = history.record(result)
        if recorded.trend is not None and recorded.trend.change == "regressed":
            regressed.append(recorded.target)
        yield recorded


def _print_results(
    results: Iterator[SiteResult],
    languages: tuple[Language, ...],
    as_json: bool,
    as_jsonl: bool,
    fail_under: str | None,
    keep: bool,
    single: bool,
) -> tuple[list[SiteResult], bool]:
    """Print each result as it arrives; return the ones kept and whether all met the grade."""
    progress = _Progress(enabled=sys.stderr.isatty())
    json_language: Language = languages[0]
    collected: list[dict[str, object]] = []
    kept: list[SiteResult] = []
    summary = []
    all_met = True
    for count, result in enumerate(results, 1):
        progress.tick(count, result.target)
        all_met = meets_grade(result, fail_under) and all_met
        if keep:
            kept.append(result)
        if as_jsonl:
            click.echo(json.dumps(result.to_json(json_language), ensure_ascii=False))
            sys.stdout.flush()
        elif as_json:
            collected.append(result.to_json(json_language))
        else:
            progress.clear()
            if count > 1:
                click.echo()
            click.echo(site_text(result, languages))
            summary.append(summary_entry(result))
    progress.clear()
    if len(summary) > 1:
        click.echo()
        click.echo(summary_text(summary, languages))
    if as_json:
        payload: object = collected[0] if len(collected) == 1 and single else collected
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    return kept, all_met


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
    if fed.merged:
        lines.append(f"  {fed.merged.sentence()}")
    return "\n".join(lines)


class _Progress:
    """A one-line progress counter on stderr, only when stderr is a terminal."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled

    def tick(self, done: int, target: str) -> None:
        if self.enabled:
            click.echo(f"\r\x1b[Kscanned {done}: {printable(target, 60)}", nl=False, err=True)

    def clear(self) -> None:
        if self.enabled:
            click.echo("\r\x1b[K", nl=False, err=True)
