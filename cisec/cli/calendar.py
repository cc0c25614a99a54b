"""Provides `cisec calendar`: the due dates an assessment's questionnaire declares (Cap. 653), from its profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cisec.cli.output import echo_json, user_errors


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON: one object per due item.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Compute as of this date (YYYY-MM-DD) instead of today.",
)
@user_errors
def calendar(file: Path, as_json: bool, today: dt.datetime | None) -> None:
    """Statutory due dates under Cap. 653 from an assessment's profile dates.

    Each item shows its source and whether that source is confirmed; unconfirmed time limits
    are labelled "to be confirmed against the Ordinance text".

    \b
    Examples:
      cisec calendar 2026.cisec.json
      cisec calendar 2026.cisec.json --today 2026-12-01 --json
    """
    from cisec import services

    day = today.date() if today else dt.date.today()
    from cisec.cli import passphrase

    session = services.open_session(file, passphrase=passphrase.to_open(file))
    items = services.compliance_calendar(session, day)
    language = session.assessment.language
    if as_json:
        echo_json(
            [
                {
                    "id": i.id,
                    "title": {"en": i.title.en, "zh-Hant": i.title.zh_hant},
                    "reference": i.reference,
                    "confidence": i.confidence,
                    "due": i.due.isoformat() if i.due else None,
                    "last_done": i.last_done.isoformat() if i.last_done else None,
                    "status": i.status,
                    "days": i.days,
                    "status_text": i.status_text("en"),
                    "note": {"en": i.note.en, "zh-Hant": i.note.zh_hant},
                }
                for i in items
            ]
        )
        return
    click.echo(f"Compliance calendar as of {day.isoformat()}")
    for item in items:
        due = item.due.isoformat() if item.due else "—"
        mark = {
            "confirmed": "",
            "unconfirmed": " (to be confirmed)",
            "expectation": " (the authority's expectation)",
            "plan": "",
        }[item.confidence]
        click.echo(
            f"  {due:<10}  {item.status_text(language):<22} {item.title.get(language)} [{item.reference}]{mark}"
        )
        click.echo(f"              {item.note.get(language)}")
