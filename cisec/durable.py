"""Provides how cisec keeps its own files: durable saves, atomic outputs, careful reads.

A user's file (an assessment, a participant's answers) is written to a temporary file in the
same folder, flushed to disk, and renamed over the old one, with the previous version kept as
`FILE.bak`: a crash or kill at any moment leaves the old file or the new one, never a torn one.
Outputs (reports, exports) are replaced atomically too, without the .bak. Reading a user's
JSON file back refuses anything corrupt, foreign or too new with one sentence, and never
touches the file.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from cisec.errors import CisecError

Model = TypeVar("Model", bound=BaseModel)


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


def write_output(out: Path, data: bytes) -> None:
    """Replace the output file `out` with `data` atomically (no .bak: outputs are remade)."""
    with replacing(out) as temporary:
        try:
            temporary.write_bytes(data)
        except OSError as problem:
            raise CisecError(
                f"Cannot write {out} ({problem.strerror}).",
                message_zh=f"無法寫入 {out}（{problem.strerror}）。",
            ) from None


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


@dataclass(frozen=True)
class DocumentKind:
    """One of cisec's own JSON file formats, and how to talk about it."""

    format_name: str
    format_version: int
    max_bytes: int
    name: tuple[str, str]  # ("assessment file", "評估檔案")
    newer_step: tuple[str, str]  # what to do with a file from a newer cisec
    error: type[CisecError]
    missing_step: tuple[str, str] = ("", "")


def read_document(
    path: Path,
    kind: DocumentKind,
    model: type[Model],
    migrate: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> Model:
    """Read, check and validate one of cisec's JSON files; refuse a bad one and leave it as it is.

    `migrate`, given the checked document, brings an older format version up to date.
    """
    return parse_document(read_bytes(path, kind), path, kind, model, migrate)


def read_bytes(path: Path, kind: DocumentKind) -> bytes:
    """The bytes of one of cisec's files, refused with one sentence if missing, unreadable or too large."""
    error, name, name_zh = kind.error, kind.name[0], kind.name[1]
    try:
        if path.stat().st_size > kind.max_bytes:
            megabytes = kind.max_bytes // (1024 * 1024)
            raise error(
                f"{path}: larger than {megabytes} MB, so not a cisec {name}.",
                message_zh=f"{path}：大於 {megabytes} MB，所以不是 cisec {name_zh}。",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise error(
            f"{path}: no such file.",
            kind.missing_step[0],
            message_zh=f"{path}：沒有這個檔案。",
            next_step_zh=kind.missing_step[1],
        ) from None
    except OSError as problem:
        raise error(
            f"{path}: cannot read it ({problem.strerror}).",
            message_zh=f"{path}：無法讀取（{problem.strerror}）。",
        ) from None


def parse_document(
    data: bytes,
    path: Path,
    kind: DocumentKind,
    model: type[Model],
    migrate: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> Model:
    """Check and validate the bytes of one of cisec's JSON files read from `path` (named in errors).

    The bytes may come from a decrypted file: parsing never writes anything.
    """
    error, (name, name_zh) = kind.error, kind.name
    untouched = ("The file was left untouched.", "檔案沒有被改動。")
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise error(
            f"{path}: not UTF-8 text, so not a cisec {name}.",
            message_zh=f"{path}：不是 UTF-8 文字，所以不是 cisec {name_zh}。",
        ) from None
    except json.JSONDecodeError as problem:
        backup = path.with_name(path.name + ".bak")
        has_backup = backup.exists()
        raise error(
            f"{path}: not valid JSON (line {problem.lineno}, column {problem.colno}: {problem.msg}).",
            untouched[0] + (f" The previous version is in {backup.name}." if has_backup else ""),
            message_zh=f"{path}：不是有效的 JSON（第 {problem.lineno} 行第 {problem.colno} 欄：{problem.msg}）。",
            next_step_zh=untouched[1] + (f"上一個版本在 {backup.name}。" if has_backup else ""),
        ) from None
    if not isinstance(document, dict) or document.get("format") != kind.format_name:
        raise error(
            f'{path}: not a cisec {name} (it has no "format": "{kind.format_name}").',
            message_zh=f'{path}：不是 cisec {name_zh}（沒有 "format": "{kind.format_name}"）。',
        )
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise error(
            f"{path}: format_version is missing or not a whole number.",
            message_zh=f"{path}：format_version 缺少或不是整數。",
        )
    if version > kind.format_version:
        raise error(
            f"{path}: written by a newer cisec (format {version}; this one reads up to {kind.format_version}).",
            kind.newer_step[0],
            message_zh=f"{path}：由較新版本的 cisec 寫成（格式 {version}；此版本最高只讀到 {kind.format_version}）。",
            next_step_zh=kind.newer_step[1],
        )
    if migrate is not None:
        document = migrate(document)
    try:
        return model.model_validate(document)
    except ValidationError as problem:
        first = problem.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        more = problem.error_count() - 1
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        extra_zh = f"（另有 {more} 個問題）" if more else ""
        raise error(
            f"{path}: {where}: {first['msg'].lower()}{extra}.",
            untouched[0],
            message_zh=f"{path}：{where}：{first['msg'].lower()}{extra_zh}。",
            next_step_zh=untouched[1],
        ) from None
