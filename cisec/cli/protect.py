"""Provides `cisec encrypt` and `cisec decrypt`: assessment files as age passphrase files."""

from __future__ import annotations

from pathlib import Path

import click

from cisec.cli import passphrase
from cisec.cli.output import user_errors
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
