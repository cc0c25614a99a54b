"""Provides passphrase encryption of cisec's files in the age v1 format (scrypt recipient).

An encrypted file is a standard age file, so the `age` and `rage` tools open what cisec writes
and cisec opens what they write with a passphrase. Encryption works on bytes in memory: callers
serialise, encrypt, then write; read, decrypt, then parse. Nothing decrypted is written here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyrage

from cisec.errors import CisecError

# Every age v1 file starts with this line (age-encryption.org/v1, "Header").
AGE_MAGIC = b"age-encryption.org/v1\n"
SUFFIX = ".age"


# A passphrase, or how to ask for one: asked only once the rest of the input is known good,
# so nobody types a passphrase for a command that then fails on a wrong path.
Passphrase = str | Callable[[], str]


class PassphraseError(CisecError):
    """A passphrase that does not open a file, or that cannot protect one."""


def resolve(passphrase: Passphrase) -> str:
    """The passphrase itself (asking for it if need be)."""
    return passphrase if isinstance(passphrase, str) else passphrase()


def is_encrypted(data: bytes) -> bool:
    """Whether `data` is an age file (by its first line)."""
    return data.startswith(AGE_MAGIC)


def file_is_encrypted(path: Path) -> bool:
    """Whether the file at `path` is an age file; False if it cannot be read (the reader says why)."""
    try:
        with path.open("rb") as handle:
            return is_encrypted(handle.read(len(AGE_MAGIC)))
    except OSError:
        return False


def encrypt(data: bytes, passphrase: str) -> bytes:
    """`data` as an age v1 file protected by `passphrase` (scrypt, pyrage's work factor)."""
    if not passphrase:
        raise PassphraseError(
            "An empty passphrase protects nothing.",
            "Type a passphrase, or set CISEC_PASSPHRASE.",
            message_zh="空白的密碼短語甚麼也保護不了。",
            next_step_zh="請輸入密碼短語，或設定 CISEC_PASSPHRASE。",
        )
    try:
        ciphertext: bytes = pyrage.passphrase.encrypt(data, passphrase)
        return ciphertext
    except pyrage.EncryptError as problem:  # pragma: no cover - pyrage fails only on memory
        raise PassphraseError(
            f"Could not encrypt ({problem}).",
            message_zh=f"未能加密（{problem}）。",
        ) from None


def decrypt(data: bytes, passphrase: str, source: Path) -> bytes:
    """The plaintext of the age file `data` read from `source`; PassphraseError if it does not open.

    age cannot tell a wrong passphrase from a damaged file (both fail the header's MAC), so
    the sentence names both.
    """
    try:
        plaintext: bytes = pyrage.passphrase.decrypt(data, passphrase)
    except pyrage.DecryptError as problem:
        if "xcessive work" in str(problem):
            # age refuses a work factor far above what this machine does in a second (2^4
            # times, ~16 s): a file made on a much faster machine, or a hostile one.
            raise PassphraseError(
                f"{source}: its passphrase work factor would take too long to open here ({problem}).",
                "Open it on the machine that encrypted it and encrypt it again there.",
                message_zh=f"{source}：其密碼短語工作因數在此電腦上需時過長（{problem}）。",
                next_step_zh="請在加密它的電腦上開啟，並在該處重新加密。",
            ) from None
        if "No matching keys" in str(problem):
            raise PassphraseError(
                f"{source}: encrypted to age keys, not with a passphrase, so cisec cannot open it.",
                "Decrypt it with `age -d -i KEY`, then `cisec encrypt` it with a passphrase.",
                message_zh=f"{source}：以 age 金鑰而非密碼短語加密，cisec 無法開啟。",
                next_step_zh="請以 `age -d -i KEY` 解密，再以 `cisec encrypt` 用密碼短語加密。",
            ) from None
        raise PassphraseError(
            f"{source}: the passphrase does not open it (wrong passphrase, or the file is damaged).",
            "Check the passphrase (CISEC_PASSPHRASE in scripts); the file was left untouched.",
            message_zh=f"{source}：密碼短語無法開啟此檔案（密碼短語錯誤，或檔案已損壞）。",
            next_step_zh="請檢查密碼短語（腳本中為 CISEC_PASSPHRASE）；檔案沒有被改動。",
        ) from None
    return plaintext


def encrypted_name(path: Path) -> Path:
    """`path` with `.age` appended, unless it already ends so."""
    return path if path.name.endswith(SUFFIX) else path.with_name(path.name + SUFFIX)


def plain_name(path: Path) -> Path:
    """`path` without its `.age` ending (FILE.cisec.json.age -> FILE.cisec.json)."""
    if path.name.endswith(SUFFIX) and len(path.name) > len(SUFFIX):
        return path.with_name(path.name[: -len(SUFFIX)])
    return path.with_name(path.name + ".decrypted")
