"""Provides `cisec plan`: the remediation plan of an assessment, shown, set and imported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cisec.cli.output import EXIT_FINDING, echo_json, user_errors


class _PlanGroup(click.Group):
    """`cisec plan FILE` shows the plan; `cisec plan set|import …` change it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_PlanGroup, no_args_is_help=True)
def plan() -> None:
    """The remediation plan: who fixes each gap, by when, and where it stands.

    Every gap is a plan item, planned or not; an item whose gap has closed stays, and says so.
    Statuses: open, in-progress, done, risk-accepted (which needs a justification and who
    accepted it). An item is overdue when its due date has passed and it is open or in
    progress.

    \b
    Examples:
      cisec plan 2026.cisec.json
      cisec plan 2026.cisec.json --json
      cisec plan set 2026.cisec.json cat2.smp-implemented --owner "IT manager" --due 2027-03-31
      cisec report 2026.cisec.json -o gaps.csv    # edit owner, due date, status; then
      cisec plan import 2026.cisec.json gaps.csv
    """


@plan.command("show")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help='Print JSON: {"items": [...]}, one per plan row.'
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh-Hant"]),
    default=None,
    help="Language of the table (default: the assessment's).",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Count overdue items as of this day (YYYY-MM-DD; default: today).",
)
@user_errors
def show(file: Path, as_json: bool, lang: str | None, today: Any) -> None:
    """Show the plan: gap, tier, priority, owner, due date, status, overdue.

    \b
    Examples:
      cisec plan 2026.cisec.json
      cisec plan 2026.cisec.json --lang zh-Hant
      cisec plan 2026.cisec.json.age --json
    """
    import datetime as dt

    from cisec.cli import passphrase
    from cisec.services.plan import plan_rows, plan_table
    from cisec.services.session import open_session

    session = open_session(file, passphrase=passphrase.to_open(file))
    for notice in session.notices:
        click.echo(f"cisec: {notice}", err=True)
    day = today.date() if today is not None else dt.date.today()
    rows = plan_rows(session, day)
    if as_json:
        echo_json({"items": [row.document() for row in rows]})
        return
    chinese = (lang or session.assessment.language) == "zh-Hant"
    for line in plan_table(rows, "zh-Hant" if chinese else "en"):
        click.echo(line)


@plan.command("set")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("question_id")
@click.option("--owner", default=None, help="Who fixes it (a name or a role).")
@click.option("--due", default=None, help="The date it should be fixed by (YYYY-MM-DD).")
@click.option("--no-due", is_flag=True, help="Remove the due date.")
@click.option(
    "--status",
    default=None,
    help="open, in-progress, done or risk-accepted (with --justification and --accepted-by).",
)
@click.option(
    "--milestone",
    multiple=True,
    help='A dated step, "YYYY-MM-DD TEXT" (repeat for several; added to those there are).',
)
@click.option("--note", default=None, help="A note on the item (replaces the one there is).")
@click.option("--justification", default=None, help="Why the risk is accepted.")
@click.option("--accepted-by", "accepted_by", default=None, help="Who accepted the risk.")
@user_errors
def set_item(
    file: Path,
    question_id: str,
    owner: str | None,
    due: str | None,
    no_due: bool,
    status: str | None,
    milestone: tuple[str, ...],
    note: str | None,
    justification: str | None,
    accepted_by: str | None,
) -> None:
    """Set the plan item of one gap: owner, due date, status, milestones, note.

    Only what is given changes. Saved at once (merged with what another writer saved).

    \b
    Examples:
      cisec plan set 2026.cisec.json cat2.smp-implemented --owner "IT manager" --due 2027-03-31
      cisec plan set 2026.cisec.json cat2.smp-implemented --status in-progress \\
          --milestone "2027-01-31 Draft reviewed by the board"
      cisec plan set 2026.cisec.json cat2.smp-implemented --status done
      cisec plan set 2026.cisec.json smp.asset.ot-inventory --status risk-accepted \\
          --justification "No OT on site until 2028" --accepted-by "CISO"
    """
    from cisec.cli import passphrase
    from cisec.services import plan as plans
    from cisec.services.session import now_utc, open_session

    if due is not None and no_due:
        raise click.UsageError("Give --due or --no-due, not both.")
    if (justification is None) != (accepted_by is None):
        raise click.UsageError("--justification and --accepted-by go together.")
    # Everything typed is checked before the file is opened (or a passphrase asked).
    due_date = None if due is None else plans.parse_due_date(due)
    chosen = None if status is None else plans.parse_status(status)
    steps = [plans.parse_milestone(text) for text in milestone]
    acceptance = (
        None
        if justification is None or accepted_by is None
        else plans.risk_acceptance(justification, accepted_by)
    )
    session = open_session(file, passphrase=passphrase.to_open(file))
    session.item(question_id)  # an unknown id is refused before anything changes
    moment = now_utc()
    changed = False
    for number, step in enumerate(steps or [None]):
        first = number == 0
        changed |= plans.change_plan_item(
            session,
            question_id,
            owner=owner if first else None,
            due=due_date if first else None,
            clear_due=no_due and first,
            status=chosen if first else None,
            risk_acceptance=acceptance if first else None,
            milestone=step,
            note=note if first else None,
            now=moment,
        )
    merged = session.save(now=moment) if changed else None
    if merged:
        click.echo(f"cisec: {file}: {merged.sentence()}", err=True)
    item = session.assessment.plan[question_id]
    due_text = item.due.isoformat() if item.due else "no due date"
    click.echo(
        f"{question_id}: {item.status}, {item.owner or 'no owner'}, {due_text}"
        + ("" if changed else " (unchanged)"),
        err=True,
    )


@plan.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("csv_file", metavar="GAPS.CSV", type=click.Path(dir_okay=False, path_type=Path))
@user_errors
def import_csv(file: Path, csv_file: Path) -> None:
    """Read owner, due date and plan status back from the gap CSV edited in a spreadsheet.

    The CSV is the one `cisec report FILE -o gaps.csv` writes (either language, or both).
    Rows are matched by question id; a blank cell leaves that part of the item as it is.
    Dates as YYYY-MM-DD, or DD/MM/YYYY as spreadsheets write them; one that reads two ways
    (03/04/2027) is refused. The usable rows are applied in one save; each row that cannot
    be used is one sentence. Exit 0 when every row was used, 1 when some were refused (the
    rest are applied), 2 when the file cannot be imported at all.

    \b
    Examples:
      cisec report 2026.cisec.json -o gaps.csv
      cisec plan import 2026.cisec.json gaps.csv
    """
    from cisec.cli import passphrase
    from cisec.services.plan_csv import import_plan_csv
    from cisec.services.session import open_session

    session = open_session(file, passphrase=passphrase.to_open(file))
    outcome = import_plan_csv(session, csv_file)
    for sentence in outcome.refused:
        click.echo(f"cisec: {csv_file}: {sentence}", err=True)
    if outcome.merged:
        click.echo(f"cisec: {file}: {outcome.merged.sentence()}", err=True)
    saved = f" Saved {file}." if outcome.applied else " Nothing to save."
    click.echo(f"cisec: {outcome.summary()}{saved}", err=True)
    if outcome.refused:
        raise click.exceptions.Exit(EXIT_FINDING)
