"""Provides `cisec encrypt`, `decrypt`, `redact` and `evidence`: protecting what an assessment reveals."""

from __future__ import annotations

from pathlib import Path

import click

from cisec.cli import passphrase
from cisec.cli.output import EXIT_FINDING, echo_json, user_errors
from cisec.services import protect


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The encrypted file to write (default: FILE.age beside FILE).",
)
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
@user_errors
def encrypt(file: Path, out: Path | None, force: bool) -> None:
    """Encrypt an assessment file with a passphrase (age v1, scrypt).

    The result opens with every cisec command and with `age -d`. The passphrase is typed
    twice on a terminal, or read from CISEC_PASSPHRASE.

    \b
    Examples:
      cisec encrypt 2026.cisec.json                 # writes 2026.cisec.json.age
      CISEC_PASSPHRASE=... cisec encrypt 2026.cisec.json -o share/2026.cisec.json.age
    """
    target = out or Path(f"{file}.age")
    result = protect.encrypt_file(
        file,
        lambda: passphrase.ask(f"New passphrase for {target}", target, confirm=True),
        out,
        overwrite=force,
    )
    click.echo(f"Wrote {result.out}.", err=True)
    if result.plain_left:
        names = ", ".join(str(p) for p in result.plain_left)
        click.echo(
            f"cisec: still unencrypted on disk: {names}; delete when no longer needed.", err=True
        )


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The plain file to write (default: FILE without .age).",
)
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
@user_errors
def decrypt(file: Path, out: Path | None, force: bool) -> None:
    """Decrypt an age passphrase file (e.g. an encrypted assessment) to a plain file.

    \b
    Example:
      cisec decrypt 2026.cisec.json.age -o 2026.cisec.json
    """
    result = protect.decrypt_file(
        file, lambda: passphrase.ask(f"Passphrase for {file}", file), out, overwrite=force
    )
    click.echo(f"Wrote {result.out} (not encrypted).", err=True)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The redacted copy to write (*.cisec.json; *.cisec.json.age to encrypt it).",
)
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
@user_errors
def redact(file: Path, out: Path, force: bool) -> None:
    """Write a redacted copy: answers and scores stay; notes, evidence and names go.

    The copy has no organisation or assessor name, no notes (a justified 'not applicable'
    keeps the placeholder "[redacted]", so it scores the same), no evidence references or
    files, and no names of who answered: it can go to a consultant or a sector comparison.

    \b
    Example:
      cisec redact 2026.cisec.json -o 2026-redacted.cisec.json
    """
    from cisec.services.session import open_session

    session = open_session(file, passphrase=passphrase.to_open(file))
    protect.redact_assessment(session, out, passphrase=passphrase.creating(out), overwrite=force)
    click.echo(f"Wrote {out} (redacted).", err=True)


@click.group()
def evidence() -> None:
    """Evidence files recorded with answers: check them, pack them for an auditor."""


@evidence.command("verify")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder (with its subfolders) that holds the evidence files.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON: one object per file.")
@user_errors
def verify_command(file: Path, folder: Path, as_json: bool) -> None:
    """List which recorded evidence files are intact, changed or missing in a folder.

    Exit code 1 if any is changed or missing.

    \b
    Example:
      cisec evidence verify 2026.cisec.json --folder evidence/
    """
    from cisec.services.session import open_session

    session = open_session(file, passphrase=passphrase.to_open(file))
    checks = protect.verify_evidence(session, folder)
    _print_checks(checks, as_json)
    if any(check.status != "intact" for check in checks):
        raise click.exceptions.Exit(EXIT_FINDING)


@evidence.command("pack")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder (with its subfolders) that holds the evidence files.",
)
@click.option(
    "--out", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The .zip."
)
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
@user_errors
def pack_command(file: Path, folder: Path, out: Path, force: bool) -> None:
    """Zip the intact evidence files with manifest.json and SHA256SUMS for an auditor.

    Changed and missing files are listed in the manifest, not packed; the exit code is 1 if
    there is any. The pack is not encrypted, even from an encrypted assessment.

    \b
    Example:
      cisec evidence pack 2026.cisec.json --folder evidence/ -o evidence-2026.zip
    """
    from cisec.services.session import open_session

    session = open_session(file, passphrase=passphrase.to_open(file))
    checks, count = protect.pack_evidence(session, folder, out, overwrite=force)
    _print_checks(checks, as_json=False)
    click.echo(f"Wrote {out} ({count} files, manifest.json, SHA256SUMS).", err=True)
    if any(check.status != "intact" for check in checks):
        raise click.exceptions.Exit(EXIT_FINDING)


def _print_checks(checks: list[protect.EvidenceCheck], as_json: bool) -> None:
    if as_json:
        echo_json(
            [
                {
                    "question_id": c.question_id,
                    "name": c.recorded.name,
                    "size": c.recorded.size,
                    "sha256": c.recorded.sha256,
                    "status": c.status,
                    "found": None if c.found is None else str(c.found),
                }
                for c in checks
            ]
        )
        return
    if not checks:
        click.echo("No evidence files are recorded.")
    for c in checks:
        where = f"  ({c.found})" if c.found is not None else ""
        click.echo(f"{c.status:<8} {c.question_id}  {c.recorded.name}{where}")
    counts = {s: sum(1 for c in checks if c.status == s) for s in ("intact", "changed", "missing")}
    click.echo(
        f"{counts['intact']} intact, {counts['changed']} changed, {counts['missing']} missing",
        err=True,
    )
