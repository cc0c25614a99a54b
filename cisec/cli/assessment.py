"""Provides `cisec new`, `cisec answer`, `cisec score` and `cisec demo`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cisec.cli.output import echo_json, percent, user_errors


@click.command()
@click.option(
    "--questionnaire",
    "-q",
    "questionnaire_id",
    default=None,
    help="Questionnaire id (see `cisec questionnaires`); with --from, last year's by default.",
)
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The assessment file to create (*.cisec.json).",
)
@click.option("--org", default="", help="Organisation name (with --from: last year's).")
@click.option("--assessor", default="", help="Who answers (with --from: last year's).")
@click.option(
    "--lang",
    type=click.Choice(["en", "zh-Hant"]),
    default=None,
    help="Language of the assessment (default: en, or last year's with --from).",
)
@click.option(
    "--from",
    "last_year",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Last year's assessment: copy its organisation, assessor, profile and unfinished "
    "plan items, and compare against it in reports.",
)
@user_errors
def new(
    questionnaire_id: str | None,
    out: Path,
    org: str,
    assessor: str,
    lang: str | None,
    last_year: Path | None,
) -> None:
    """Start a new assessment file for a questionnaire.

    With --from, next year's assessment starts where last year's left off: organisation,
    assessor and profile are copied, and so are the plan items still open, in progress or
    risk-accepted (an accepted risk stands until it is reviewed; done items stay behind).
    No answers are copied. The new file remembers last year's, so `cisec report` shows the
    trend without --previous.

    \b
    Examples:
      cisec new --questionnaire hk-cap653 --out 2026.cisec.json --org "Example Ltd" --assessor "A. Chan"
      cisec new --out 2027.cisec.json --from 2026.cisec.json
    """
    from cisec import services
    from cisec.cli import passphrase

    previous = (
        None
        if last_year is None
        else services.open_session(last_year, passphrase=passphrase.to_open(last_year))
    )
    if questionnaire_id is None:
        if previous is None:
            raise click.UsageError("Give --questionnaire ID (see `cisec questionnaires`).")
        questionnaire_id = previous.questionnaire.id
    language = lang or (previous.assessment.language if previous is not None else "en")
    session = services.new_session(
        questionnaire_id,
        out,
        organisation=org,
        assessor=assessor,
        language="zh-Hant" if language == "zh-Hant" else "en",
        passphrase=passphrase.creating(out),
        predecessor=previous,
    )
    click.echo(
        f"Created {out} for {session.questionnaire.id} {session.questionnaire.version}.", err=True
    )
    if previous is not None:
        carried = len(session.assessment.plan)
        click.echo(
            f"Continues {last_year}: organisation, profile and {carried} plan "
            f"item{'' if carried == 1 else 's'} carried over.",
            err=True,
        )


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("question_id")
@click.argument("value")
@click.option("--note", default=None, help="A note; required to justify 'not applicable'.")
@click.option("--evidence", multiple=True, help="An evidence reference (repeat for several).")
@click.option(
    "--evidence-file",
    "evidence_file",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="An evidence file: its name, size and SHA-256 are recorded; it stays where it is.",
)
@click.option("--flag/--no-flag", "flagged", default=None, help="Flag the answer for review.")
@user_errors
def answer(
    file: Path,
    question_id: str,
    value: str,
    note: str | None,
    evidence: tuple[str, ...],
    evidence_file: tuple[Path, ...],
    flagged: bool | None,
) -> None:
    """Record the answer to one question or profile question, and save.

    \b
    Examples:
      cisec answer 2026.cisec.json designated yes
      cisec answer 2026.cisec.json cat1.hk-office partly --note "Lease signed" --evidence "Lease 2026-03"
      cisec answer 2026.cisec.json cat2.ot-security na --note "No OT in scope"
      cisec answer 2026.cisec.json cat1.hk-office yes --evidence-file scans/notification.pdf
    """
    from cisec import services
    from cisec.cli import passphrase
    from cisec.services import protect

    # Read the evidence files first: a wrong path stops before anything is asked or saved.
    files = protect.evidence_files(list(evidence_file))
    session = services.open_session(file, passphrase=passphrase.to_open(file))
    for notice in session.notices:
        click.echo(f"cisec: {notice}", err=True)
    merged = session.answer(
        question_id,
        value,
        note=note,
        evidence=list(evidence) or None,
        flagged=flagged,
        evidence_files=files,
    )
    if merged:
        click.echo(f"cisec: {file}: {merged.sentence()}", err=True)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON: overall, coverage, sections, gaps."
)
@user_errors
def score(file: Path, as_json: bool) -> None:
    """Score an assessment: overall and per section (0-100), coverage, gaps by priority.

    \b
    Example:
      cisec score 2026.cisec.json --json
    """
    from cisec import services
    from cisec.cli import passphrase

    session = services.open_session(file, passphrase=passphrase.to_open(file))
    result = session.score()
    if as_json:
        echo_json(score_document(session, result))
        return
    language = session.assessment.language
    questionnaire = session.questionnaire
    click.echo(
        f"{questionnaire.title.get(language)} {questionnaire.version} — {session.assessment.organisation or file.name}"
    )
    click.echo(f"Overall {percent(result.overall)} / 100   coverage {result.coverage:.0%}")
    for name, status in (
        ("Ordinance duties", result.statutory),
        ("Code of Practice expectations", result.code_of_practice),
    ):
        if status.met + status.partly + status.not_met + status.unknown + status.unanswered:
            click.echo(
                f"{name}: {status.met} met, {status.partly} partly, {status.not_met} not met, "
                f"{status.unknown} unknown, {status.unanswered} unanswered"
            )
    click.echo("")
    titles = {s.id: s.title.get(language) for s in questionnaire.sections}
    for section in result.sections:
        click.echo(
            f"  {percent(section.score):>5}  {section.answered:>3}/{section.applicable:<3} {titles[section.id]}"
        )
    if result.gaps:
        click.echo("\nTop gaps (priority, kind, question):")
        for gap in result.gaps[:10]:
            question = questionnaire.questions[gap.question_id]
            label = " [below declared level]" if gap.reason == "declared_level" else ""
            click.echo(
                f"  {gap.priority:>5.2f}  {gap.kind:<16} {gap.question_id}{label}  {question.text.get(language)}"
            )
        if len(result.gaps) > 10:
            click.echo(f"  … and {len(result.gaps) - 10} more (use --json for all)")


def score_document(session: Any, result: Any) -> dict[str, Any]:
    """The JSON form of a score (documented in docs/assessment-format.md)."""
    questionnaire = session.questionnaire
    return {
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
        "overall": None if result.overall is None else round(result.overall, 1),
        "coverage": round(result.coverage, 4),
        "statutory": result.statutory.model_dump(),
        "code_of_practice": result.code_of_practice.model_dump(),
        "sections": [
            {
                "id": s.id,
                "score": None if s.score is None else round(s.score, 1),
                "coverage": round(s.coverage, 4),
                "answered": s.answered,
                "applicable": s.applicable,
                "skipped": s.skipped,
            }
            for s in result.sections
        ],
        "gaps": [
            {
                "question_id": g.question_id,
                "section_id": g.section_id,
                "kind": g.kind,
                "reason": g.reason,
                "score": round(g.score, 4),
                "expected": round(g.expected, 4),
                "priority": round(g.priority, 3),
            }
            for g in result.gaps
        ],
    }


@click.command()
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the demo assessment here instead of opening it.",
)
@click.option(
    "--questionnaire",
    "-q",
    "questionnaire_id",
    default="hk-cap653",
    show_default=True,
    help="Which questionnaire's demo.",
)
@click.option(
    "--last-year",
    is_flag=True,
    help="Write last year's assessment of the same organisation (for --previous in reports).",
)
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@user_errors
def demo(out: Path | None, questionnaire_id: str, last_year: bool, force: bool) -> None:
    """Write a fictional operator's demo assessment, or open it in the terminal UI.

    \b
    Examples:
      cisec demo --out demo.cisec.json
      cisec demo --last-year --out demo-2025.cisec.json
      cisec demo --questionnaire sme-baseline --out bakery.cisec.json
    """
    from cisec import services

    if out is None:
        out = services.default_demo_path(questionnaire_id, last_year=last_year)
        services.write_demo(questionnaire_id, out, last_year=last_year, overwrite=True)
        from cisec.cli.app import run_tui

        run_tui(out)
        return
    from cisec.cli import passphrase

    services.write_demo(
        questionnaire_id,
        out,
        last_year=last_year,
        overwrite=force,
        passphrase=passphrase.creating(out),
    )
    click.echo(f"Wrote {out}.", err=True)
