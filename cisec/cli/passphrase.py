"""Provides how the command line gets a passphrase: CISEC_PASSPHRASE, else a hidden prompt.

Scripts set `CISEC_PASSPHRASE`; on a terminal the passphrase is typed without echo. Without
either, a command stops with one sentence instead of waiting on input that never comes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from cisec.errors import CisecError
from cisec.services import protect

ENVIRONMENT_VARIABLE = "CISEC_PASSPHRASE"


def to_open(path: Path) -> str | None:
    """The passphrase of `path` if it is encrypted, else None (nothing is asked)."""
    if not protect.is_encrypted(path):
        return None
    return ask(f"Passphrase for {path}", path)


def creating(path: Path) -> Callable[[], str] | None:
    """How to ask for a new passphrase (typed twice) if `path` is named as encrypted (.age).

    None for a plain file; the service asks only once the rest of the command is known good.
    """
    if not protect.wants_encryption(path):
        return None
    return lambda: ask(f"New passphrase for {path}", path, confirm=True)


def from_environment() -> str | None:
    """The passphrase scripts give in CISEC_PASSPHRASE, if any."""
    return os.environ.get(ENVIRONMENT_VARIABLE) or None


def ask(prompt: str, path: Path, *, confirm: bool = False) -> str:
    """The passphrase from CISEC_PASSPHRASE, or typed (hidden) on a terminal."""
    given = os.environ.get(ENVIRONMENT_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        raise CisecError(
            f"{path} needs a passphrase, and there is no terminal to type it in.",
            f"Set {ENVIRONMENT_VARIABLE} in scripts.",
            message_zh=f"{path} 需要密碼短語，但沒有終端機可以輸入。",
            next_step_zh=f"請在腳本中設定 {ENVIRONMENT_VARIABLE}。",
        )
    typed: str = click.prompt(
        prompt, hide_input=True, confirmation_prompt=confirm, err=True, show_default=False
    )
    return typed
