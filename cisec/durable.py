"""Provides the two ways cisec replaces a file: durable saves of user data, atomic outputs.

A user's file (an assessment, a participant's answers) is written to a temporary file in the
same folder, flushed to disk, and renamed over the old one, with the previous version kept as
`FILE.bak`: a crash or kill at any moment leaves the old file or the new one, never a torn one.
Outputs (reports, exports) are replaced atomically too, without the .bak.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cisec.errors import CisecError


def save_durably(path: Path, data: bytes, error: type[CisecError] = CisecError) -> None:
    """Replace `path` with `data` atomically and durably, keeping the previous file as .bak.

    Failures raise `error` with one sentence naming the file.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as problem:
        raise error(
            f"{path}: cannot write in {folder} ({problem.strerror}).",
            message_zh=f"{path}：無法在 {folder} 寫入（{problem.strerror}）。",
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            _keep_previous(path)
        os.replace(temporary, path)
        _sync_folder(folder)
    except OSError as problem:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise error(
            f"{path}: could not save ({problem.strerror}).",
            message_zh=f"{path}：未能儲存（{problem.strerror}）。",
        ) from None


def _keep_previous(path: Path) -> None:
    # A hard link makes the .bak without a moment where `path` is missing; where the file
    # system has no hard links, a copy does the same job more slowly.
    backup = path.with_name(path.name + ".bak")
    staging = path.with_name(f".{path.name}.bak.tmp")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        os.link(path, staging)
    except OSError:
        staging.write_bytes(path.read_bytes())
    os.replace(staging, backup)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a directory; the rename is still atomic
    finally:
        os.close(fd)


@contextlib.contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """A temporary file beside `out` that replaces `out` when the block succeeds."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as problem:
        raise CisecError(
            f"Cannot write in {out.parent} ({problem.strerror}).",
            message_zh=f"無法在 {out.parent} 寫入（{problem.strerror}）。",
        ) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, out)
    except OSError as problem:
        raise CisecError(
            f"Cannot write {out} ({problem.strerror}).",
            message_zh=f"無法寫入 {out}（{problem.strerror}）。",
        ) from None
    finally:
        temporary.unlink(missing_ok=True)
