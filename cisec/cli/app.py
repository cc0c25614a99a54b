"""Provides the commands that open the terminal UI."""

from __future__ import annotations

from pathlib import Path

import click

from cisec.cli.output import user_errors


def run_tui(path: Path | None = None, passphrase: str | None = None) -> None:
    """Open the terminal UI, at the home screen or straight at an assessment."""
    from cisec.tui.app import CisecApp

    CisecApp(path, passphrase=passphrase).run()


@click.command("open")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@user_errors
def open_command(file: Path) -> None:
    """Open an assessment file in the terminal UI, at its first unanswered question."""
    from cisec import services
    from cisec.cli import passphrase
    from cisec.services import protect

    secret = passphrase.from_environment()
    if protect.is_encrypted(file) and secret is None:
        run_tui(file)  # the terminal UI asks for the passphrase in a dialog
        return
    # Refuse a bad file here, with a sentence, before the UI starts.
    services.open_session(file, passphrase=secret)
    run_tui(file, secret)


@click.command()
def tui() -> None:
    """Open the terminal UI (what a bare `cisec` does)."""
    run_tui()
