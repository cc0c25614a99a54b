"""Provides the `cisec` command line: every job scriptable, a bare `cisec` opens the terminal UI.

Commands are imported only when run, so `cisec --help` and quick commands never load Textual,
WeasyPrint or pydantic models they do not use.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

# name -> "module:attribute" of the click command; one line per command.
COMMANDS: dict[str, str] = {
    "validate": "cisec.cli.content:validate",
    "questionnaires": "cisec.cli.content:questionnaires",
    "new": "cisec.cli.assessment:new",
    "answer": "cisec.cli.assessment:answer",
    "score": "cisec.cli.assessment:score",
    "open": "cisec.cli.app:open_command",
    "tui": "cisec.cli.app:tui",
    "demo": "cisec.cli.assessment:demo",
    "calendar": "cisec.cli.calendar:calendar",
    "plan": "cisec.cli.plan:plan",
    "report": "cisec.cli.report:report",
    "scan": "cisec.cli.scan:scan",
    "workshop": "cisec.cli.workshop:workshop",
    "serve": "cisec.cli.workshop:serve",
    "encrypt": "cisec.cli.protect:encrypt",
    "decrypt": "cisec.cli.protect:decrypt",
    "redact": "cisec.cli.protect:redact",
    "evidence": "cisec.cli.protect:evidence",
}

SHORT_HELP: dict[str, str] = {
    "validate": "Check questionnaire files; list every problem as file:line.",
    "questionnaires": "List the shipped and your own questionnaires, or show one.",
    "new": "Start a new assessment file for a questionnaire.",
    "answer": "Record the answer to one question (or profile question).",
    "score": "Score an assessment: overall, per section, gaps by priority.",
    "open": "Open an assessment file in the terminal UI.",
    "tui": "Open the terminal UI (what a bare `cisec` does).",
    "demo": "Write (or open) a fictional operator's demo assessment.",
    "calendar": "Statutory due dates under Cap. 653 from an assessment's profile.",
    "plan": "The remediation plan: show it, set an item, import the edited gap CSV.",
    "report": "Render the gap report: PDF, HTML, JSON or CSV.",
    "scan": "Scan websites' security headers; Observatory-compatible grade and fixes.",
    "workshop": "Workshop exercises for trainers: packs, practice, class results.",
    "serve": "Run a class: phones join a web page by class code; a live trainer's screen.",
    "encrypt": "Encrypt an assessment file with a passphrase (age).",
    "decrypt": "Decrypt an age passphrase file to a plain file.",
    "redact": "Write a copy without notes, evidence and names; answers and scores stay.",
    "evidence": "Evidence files: verify them against a folder, pack them for an auditor.",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, target in COMMANDS.items() if _exists(target))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None or not _exists(target):
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Listing help must not import every command module: use the short help table.
        rows = [(name, SHORT_HELP.get(name, "")) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _exists(target: str) -> bool:
    """Whether a command's module is installed (without importing it)."""
    return importlib.util.find_spec(target.split(":")[0]) is not None


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="cisec", message="cisec %(version)s")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Cybersecurity self-assessment for Hong Kong critical-infrastructure operators,
    data centres and SMEs.

    A bare `cisec` opens the terminal UI. Every job also runs as a command below;
    `cisec COMMAND --help` explains each. Exit codes: 0 ok, 1 a finding you asked to fail on,
    2 bad input or usage.
    """
    if ctx.invoked_subcommand is None:
        from cisec.cli.app import run_tui

        run_tui()


def main(argv: list[str] | None = None) -> Any:
    """Entry point of the `cisec` console script."""
    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="cisec")
