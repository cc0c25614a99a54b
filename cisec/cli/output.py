"""Provides what every command shares at the edge: error sentences, exit codes, JSON output.

The CLI speaks English: its commands, options and error sentences are English, even for a
command with `--lang` (that option is the language of what it writes, not of the CLI). A
CisecError's Chinese text (`error.text("zh-Hant")`) is for the terminal UI.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import click

from cisec.errors import CisecError

P = ParamSpec("P")
R = TypeVar("R")

EXIT_FINDING = 1
EXIT_BAD_INPUT = 2


def fail(message: str, next_step: str = "") -> click.exceptions.Exit:
    """Print one clear sentence (and the next step) to stderr; the caller raises the result."""
    click.echo(f"cisec: {message}", err=True)
    for line in next_step.splitlines():
        click.echo(f"       {line}", err=True)
    return click.exceptions.Exit(EXIT_BAD_INPUT)


def user_errors(function: Callable[P, R]) -> Callable[P, R]:
    """Turn a CisecError into a sentence on stderr and exit code 2 (never a traceback)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except CisecError as error:
            raise fail(error.message, error.next_step) from None

    return wrapper


def echo_json(data: Any) -> None:
    """Print JSON for machines: UTF-8 as is, indented, newline-terminated."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def percent(value: float | None) -> str:
    """A 0-100 score for people: one decimal, or an em dash when there is none."""
    return "—" if value is None else f"{value:.1f}"
