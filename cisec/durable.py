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
import itertools
import json
import math
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from cisec.errors import CisecError

# The advisory lock: flock on POSIX, a byte-range lock on Windows; elsewhere a folder made
# beside the lock file (mkdir is atomic everywhere) stands for the lock.
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]

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


# How long a save waits for another writer's save of the same file: a save holds the lock
# for milliseconds, so waiting this long means the other writer is stuck.
LOCK_WAIT_SECONDS = 10.0


def lock_path(path: Path) -> Path:
    """The sidecar file whose lock serialises the saves of `path` (kept: removing it would race)."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path, error: type[CisecError] = CisecError) -> Iterator[None]:
    """Hold the advisory lock on `path`'s sidecar lock file for the block (one save).

    Every cisec writer of the file takes it, in any process: saves of one file happen one
    after another, so each can read what the previous one wrote before writing its own.
    The lock is on the sidecar, not the file, because a save replaces the file's inode.
    """
    sidecar = lock_path(path)
    try:
        sidecar.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(sidecar, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as problem:
        raise error(
            f"{path}: cannot write in {sidecar.parent} ({problem.strerror}).",
            "Save it in a folder you may write to.",
            message_zh=f"{path}：無法在 {sidecar.parent} 寫入（{problem.strerror}）。",
            next_step_zh="請儲存到你有權寫入的資料夾。",
        ) from None
    try:
        _acquire(fd, sidecar, path, error)
        try:
            yield
        finally:
            _release(fd, sidecar)
    finally:
        os.close(fd)


def _acquire(fd: int, sidecar: Path, path: Path, error: type[CisecError]) -> None:
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            elif msvcrt is not None:  # pragma: no cover - Windows
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:  # pragma: no cover - neither POSIX nor Windows
                os.mkdir(sidecar.with_name(sidecar.name + ".held"))
            return
        except OSError:
            if time.monotonic() > deadline:
                raise error(
                    f"{path}: another cisec has been saving it for over {LOCK_WAIT_SECONDS:g} s.",
                    "Try again; if it keeps happening, close the other windows using the file.",
                    message_zh=f"{path}：另一個 cisec 正在儲存此檔案，已超過 {LOCK_WAIT_SECONDS:g} 秒。",
                    next_step_zh="請再試一次；如仍出現，請關閉其他正在使用此檔案的視窗。",
                ) from None
            time.sleep(0.005)


def _release(fd: int, sidecar: Path) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    elif msvcrt is not None:  # pragma: no cover - Windows
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:  # pragma: no cover - neither POSIX nor Windows
        os.rmdir(sidecar.with_name(sidecar.name + ".held"))


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


# cisec's own files nest five levels at most and hold counts, scores and dates: a document
# deeper or with longer numbers was not written by cisec, and refusing it before the parser
# recurses (or Python's integer-conversion limit trips) keeps the refusal a sentence.
MAX_DEPTH = 32
MAX_NUMBER_CHARS = 40

_UTF8_BOM = b"\xef\xbb\xbf"
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
_LEVEL = [0] * 256
_LEVEL[ord("[")] = _LEVEL[ord("{")] = 1
_LEVEL[ord("]")] = _LEVEL[ord("}")] = -1


class _Refusal(Exception):
    """Why the bytes are not a cisec document, in both languages (raised while parsing)."""

    def __init__(self, english: str, chinese: str, *, encoding: bool = False) -> None:
        super().__init__(english)
        self.english = english
        self.chinese = chinese
        self.encoding = encoding  # the text is fine but not UTF-8: saving it as UTF-8 helps


def _encoding_refusal(raw: bytes) -> _Refusal | None:
    """A refusal naming the encoding when the bytes are UTF-16 or UTF-32 rather than UTF-8."""
    if raw.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        return _Refusal("UTF-32 text, not UTF-8", "UTF-32 文字，不是 UTF-8", encoding=True)
    if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
        return _Refusal("UTF-16 text, not UTF-8", "UTF-16 文字，不是 UTF-8", encoding=True)
    # Without a byte-order mark, JSON in UTF-16 or UTF-32 shows zero bytes among its first
    # four (RFC 4627 section 3); json.detect_encoding reads exactly that pattern.
    if len(raw) >= 4 and b"\x00" in raw[:4]:
        encoding = json.detect_encoding(raw)
        if encoding.startswith("utf-16"):
            return _Refusal("UTF-16 text, not UTF-8", "UTF-16 文字，不是 UTF-8", encoding=True)
        if encoding.startswith("utf-32"):
            return _Refusal("UTF-32 text, not UTF-8", "UTF-32 文字，不是 UTF-8", encoding=True)
    return None


def _depth(raw: bytes) -> int:
    """How deep the brackets outside strings nest (UTF-8 never puts `"` or `\\` inside a character)."""
    brackets = _NOT_BRACKET.sub(b"", _STRING.sub(b"", raw))
    return max(itertools.accumulate(map(_LEVEL.__getitem__, brackets)), default=0)


def _number(kind: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        if len(text) > MAX_NUMBER_CHARS:
            raise _Refusal(
                f"a number longer than {MAX_NUMBER_CHARS} characters",
                f"有數字長於 {MAX_NUMBER_CHARS} 個字元",
            )
        value = kind(text)
        if isinstance(value, float) and not math.isfinite(value):
            raise _Refusal(f"a number too large ({text[:20]})", f"有數字過大（{text[:20]}）")
        return value

    return parse


def _no_constant(text: str) -> Any:
    raise _Refusal(f"{text}, which JSON does not allow", f"有 JSON 不容許的 {text}")


def _parse(raw: bytes) -> Any:
    """The JSON document in `raw`, or _Refusal / UnicodeDecodeError / JSONDecodeError."""
    refusal = _encoding_refusal(raw)
    if refusal is not None:
        raise refusal
    # A UTF-8 byte-order mark (some Windows editors add one) is read past; cisec's next save
    # writes the file without it.
    raw = raw.removeprefix(_UTF8_BOM)
    if _depth(raw) > MAX_DEPTH:
        raise _Refusal(f"nested more than {MAX_DEPTH} levels deep", f"嵌套超過 {MAX_DEPTH} 層")
    document = json.loads(
        raw.decode("utf-8"),
        parse_int=_number(int),
        parse_float=_number(float),
        parse_constant=_no_constant,
    )
    _check_text(document)
    return document


def _check_text(document: Any) -> None:
    """Refuse text a UTF-8 file cannot hold: a lone surrogate (`\\ud800`) written as an escape."""
    pending = [document]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise _Refusal(
                    "a \\u escape that is half of a character",
                    "有 \\u 轉義序列只是半個字元",
                ) from None


def _shown(part: object, limit: int = 40) -> str:
    """A key or index from the file as it may appear in a one-line sentence."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(part))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_document(
    path: Path,
    kind: DocumentKind,
    model: type[Model],
    migrate: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> Model:
    """Read, check and validate one of cisec's JSON files; refuse a bad one and leave it as it is.

    Whatever the bytes, the result is the model or `kind.error` with one sentence and the next
    step. `migrate`, given the checked document, brings an older format version up to date.
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
                "Check that this is the file you meant; it was left untouched.",
                message_zh=f"{path}：大於 {megabytes} MB，所以不是 cisec {name_zh}。",
                next_step_zh="請確認這是你要開啟的檔案；檔案沒有被改動。",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise error(
            f"{path}: no such file.",
            kind.missing_step[0] or "Check the path.",
            message_zh=f"{path}：沒有這個檔案。",
            next_step_zh=kind.missing_step[1] or "請檢查路徑。",
        ) from None
    except OSError as problem:
        raise error(
            f"{path}: cannot read it ({problem.strerror}).",
            "Check that it is a file you may read.",
            message_zh=f"{path}：無法讀取（{problem.strerror}）。",
            next_step_zh="請確認這是你有權讀取的檔案。",
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
    document = _json_document(data, path, kind)
    error, (name, name_zh) = kind.error, kind.name
    untouched = _untouched(path)
    if not isinstance(document, dict) or document.get("format") != kind.format_name:
        raise error(
            f'{path}: not a cisec {name} (it has no "format": "{kind.format_name}").',
            "Check that this is the file you meant; it was left untouched.",
            message_zh=f'{path}：不是 cisec {name_zh}（沒有 "format": "{kind.format_name}"）。',
            next_step_zh="請確認這是你要開啟的檔案；檔案沒有被改動。",
        )
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise error(
            f"{path}: format_version is missing or not a whole number.",
            untouched[0],
            message_zh=f"{path}：format_version 缺少或不是整數。",
            next_step_zh=untouched[1],
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
        where = ".".join(_shown(part) for part in first["loc"]) or "file"
        more = problem.error_count() - 1
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        extra_zh = f"（另有 {more} 個問題）" if more else ""
        reason = _shown(first["msg"].lower(), 120)
        raise error(
            f"{path}: {where}: {reason}{extra}.",
            untouched[0],
            message_zh=f"{path}：{where}：{reason}{extra_zh}。",
            next_step_zh=untouched[1],
        ) from None


def _untouched(path: Path) -> tuple[str, str]:
    """The next step after a refusal: the file is as it was, and where its previous version is."""
    backup = path.with_name(path.name + ".bak")
    if backup.is_file():
        return (
            f"The file was left untouched. The previous version is in {backup.name}.",
            f"檔案沒有被改動。上一個版本在 {backup.name}。",
        )
    return (
        "The file was left untouched. If it was sent to you, ask for it again.",
        "檔案沒有被改動。如檔案是別人傳給你的，請對方再傳一次。",
    )


def _json_document(data: bytes, path: Path, kind: DocumentKind) -> Any:
    """The parsed JSON in `data` (read from `path`), or `kind.error` saying why there is none."""
    error, (name, name_zh) = kind.error, kind.name
    untouched = _untouched(path)
    try:
        return _parse(data)
    except _Refusal as refusal:
        raise error(
            f"{path}: {refusal.english}, so not a cisec {name}.",
            untouched[0] + (" Save it as UTF-8 to open it." if refusal.encoding else ""),
            message_zh=f"{path}：{refusal.chinese}，所以不是 cisec {name_zh}。",
            next_step_zh=untouched[1] + ("請另存為 UTF-8 後再開啟。" if refusal.encoding else ""),
        ) from None
    except UnicodeDecodeError:
        raise error(
            f"{path}: not UTF-8 text, so not a cisec {name}.",
            untouched[0],
            message_zh=f"{path}：不是 UTF-8 文字，所以不是 cisec {name_zh}。",
            next_step_zh=untouched[1],
        ) from None
    except json.JSONDecodeError as problem:
        raise error(
            f"{path}: not valid JSON (line {problem.lineno}, column {problem.colno}: {problem.msg}).",
            untouched[0],
            message_zh=f"{path}：不是有效的 JSON（第 {problem.lineno} 行第 {problem.colno} 欄：{problem.msg}）。",
            next_step_zh=untouched[1],
        ) from None
