"""The use cases that protect what an assessment reveals: encrypted files (age, passphrase)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cisec import encryption
from cisec.durable import read_bytes, write_output
from cisec.errors import CisecError
from cisec.store import ASSESSMENT_FILE


def is_encrypted(path: Path) -> bool:
    """Whether the file at `path` is encrypted (an age file), so opening it needs a passphrase."""
    return encryption.file_is_encrypted(path)


def wants_encryption(path: Path) -> bool:
    """Whether a file to be created is named as an encrypted one (it ends in .age)."""
    return path.name.endswith(encryption.SUFFIX)


def encrypted_name(path: Path) -> Path:
    """Where an encrypted copy of `path` goes: `path` with .age appended (unless it has it)."""
    return encryption.encrypted_name(path)


@dataclass
class Converted:
    """A file written by `encrypt_file` or `decrypt_file`, and the plain files still on disk."""

    out: Path
    plain_left: list[Path] = field(default_factory=list)


def encrypt_file(
    source: Path,
    passphrase: encryption.Passphrase,
    out: Path | None = None,
    *,
    overwrite: bool = False,
) -> Converted:
    """Write `source` encrypted with `passphrase` to `out` (by default `source` + .age).

    The plain file stays where it is (and its .bak, if any): deleting is the owner's choice,
    reported in `plain_left`.
    """
    target = out or encryption.encrypted_name(source)
    data = read_bytes(source, ASSESSMENT_FILE)
    if encryption.is_encrypted(data):
        raise CisecError(
            f"{source} is already encrypted.",
            "Decrypt it first to change the passphrase: `cisec decrypt`, then `cisec encrypt`.",
            message_zh=f"{source} 已經加密。",
            next_step_zh="如要更改密碼短語，請先 `cisec decrypt`，再 `cisec encrypt`。",
        )
    _check_target(source, target, overwrite)
    write_output(target, encryption.encrypt(data, encryption.resolve(passphrase)))
    backup = source.with_name(source.name + ".bak")
    return Converted(target, [p for p in (source, backup) if p.exists()])


def decrypt_file(
    source: Path,
    passphrase: encryption.Passphrase,
    out: Path | None = None,
    *,
    overwrite: bool = False,
) -> Converted:
    """Write the plaintext of the age file `source` to `out` (by default without the .age)."""
    target = out or encryption.plain_name(source)
    data = read_bytes(source, ASSESSMENT_FILE)
    if not encryption.is_encrypted(data):
        raise CisecError(
            f"{source} is not encrypted (it is not an age file).",
            message_zh=f"{source} 沒有加密（不是 age 檔案）。",
        )
    _check_target(source, target, overwrite)
    write_output(target, encryption.decrypt(data, encryption.resolve(passphrase), source))
    return Converted(target, [target])


def _check_target(source: Path, target: Path, overwrite: bool) -> None:
    if target.resolve() == source.resolve():
        raise CisecError(
            f"{target} is the file itself.",
            "Write to another file (-o); cisec never replaces a file by its own conversion.",
            message_zh=f"{target} 就是原檔案。",
            next_step_zh="請以 -o 寫到另一個檔案；cisec 不會以轉換結果取代原檔案。",
        )
    if target.exists() and not overwrite:
        raise CisecError(
            f"{target} already exists.",
            "Choose another -o, or give --force to replace it.",
            message_zh=f"{target} 已經存在。",
            next_step_zh="請以 -o 另選名稱，或加上 --force 取代它。",
        )
