"""Provides `cisec validate` and `cisec questionnaires`."""

from __future__ import annotations

from pathlib import Path

import click

from cisec.cli.output import EXIT_BAD_INPUT, echo_json, user_errors


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@user_errors
def validate(paths: tuple[Path, ...]) -> None:
    """Check questionnaire files (no PATH: everything shipped).

    Every problem is printed at once, one per line, as `path:line: key.path: message`;
    the exit code is 0 when all is valid and 2 otherwise.

    \b
    Example:
      cisec validate questionnaires/my-questionnaire.yaml
    """
    from cisec import services

    checked, problems = (
        services.validate_paths(list(paths)) if paths else services.validate_shipped()
    )
    for problem in problems:
        click.echo(str(problem))
    if problems:
        files = len({p.path for p in problems})
        click.echo(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''}.",
            err=True,
        )
        raise click.exceptions.Exit(EXIT_BAD_INPUT)
    click.echo(f"{checked} file{'s' if checked != 1 else ''} valid.", err=True)


@click.group(invoke_without_command=True)
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON: [{id, version, title, questions}]."
)
@click.pass_context
@user_errors
def questionnaires(ctx: click.Context, as_json: bool) -> None:
    """List the shipped and your own questionnaires, or `show` one.

    Your own questionnaires go in the folder printed at the end of the list.

    \b
    Examples:
      cisec questionnaires
      cisec questionnaires show hk-cap653 --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from cisec import services

    rows, problems = services.questionnaire_summaries()
    if as_json:
        echo_json(
            [
                {"id": r.id, "version": r.version, "title": r.title, "questions": r.questions}
                for r in rows
            ]
        )
    else:
        for row in rows:
            origin = "shipped" if row.shipped else row.path
            click.echo(
                f"{row.id:<18} {row.version:<8} {row.questions:>4} questions  {row.title['en']}  ({origin})"
            )
        click.echo(f"Your questionnaires folder: {services.user_questionnaires_folder()}", err=True)
    for problem in problems:
        click.echo(f"cisec: skipped: {problem}", err=True)


@questionnaires.command()
@click.argument("questionnaire_id")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the whole normalised questionnaire as JSON."
)
@user_errors
def show(questionnaire_id: str, as_json: bool) -> None:
    """Show one questionnaire: its sections and questions (JSON with --json)."""
    from cisec import services

    questionnaire = services.get_questionnaire(questionnaire_id)
    if as_json:
        echo_json(services.questionnaire_document(questionnaire))
        return
    click.echo(f"{questionnaire.title.en} — {questionnaire.id} {questionnaire.version}")
    click.echo(questionnaire.title.zh_hant)
    for section in questionnaire.sections:
        click.echo(f"\n{section.id}  {section.title.en} / {section.title.zh_hant}")
        for question in section.questions:
            refs = "; ".join(question.references)
            click.echo(f"  {question.id:<28} {question.kind:<9} {question.scale:<10} {refs}")
