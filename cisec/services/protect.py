"""The use cases that protect what an assessment reveals: encryption, redaction, evidence files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cisec import encryption
from cisec.durable import read_bytes, write_output
from cisec.encryption import PassphraseError as PassphraseError
from cisec.errors import CisecError
from cisec.evidence import EvidenceCheck as EvidenceCheck
from cisec.evidence import fingerprint, pack, verify
from cisec.model.assessment import EvidenceFile
from cisec.redaction import redact
from cisec.services.session import AssessmentSession, now_utc
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


# Redacted copies ------------------------------------------------------------------------------


def redact_assessment(
    session: AssessmentSession,
    out: Path,
    *,
    passphrase: encryption.Passphrase | None = None,
    overwrite: bool = False,
) -> AssessmentSession:
    """Write a redacted copy of the open assessment to `out` (encrypted with `passphrase`).

    The copy keeps every answer and so every score; it has no notes, evidence, names or
    free text (cisec.redaction).
    """
    _check_target(session.path, out, overwrite)
    if passphrase is None and wants_encryption(out):
        raise CisecError(
            f"{out} ends in .age, so it must be encrypted, and no passphrase was given.",
            "Type one when asked, or set CISEC_PASSPHRASE in scripts.",
            message_zh=f"{out} 以 .age 結尾，須要加密，但沒有提供密碼短語。",
            next_step_zh="請在提示時輸入，或在腳本中設定 CISEC_PASSPHRASE。",
        )
    copy = redact(session.questionnaire, session.assessment)
    secret = None if passphrase is None else encryption.resolve(passphrase)
    redacted = AssessmentSession(out, session.questionnaire, copy, passphrase=secret)
    redacted.save()
    return redacted


# Evidence files -------------------------------------------------------------------------------


def evidence_files(paths: list[Path], now: datetime | None = None) -> list[EvidenceFile]:
    """Fingerprints (name, size, SHA-256) of evidence files, to record with an answer."""
    moment = now or now_utc()
    files = [fingerprint(path, moment) for path in paths]
    names = [item.name for item in files]
    for name in names:
        if names.count(name) > 1:
            raise CisecError(
                f"Two evidence files are named {name}.",
                "Rename one: an evidence file is found again by its name.",
                message_zh=f"有兩個證明文件同樣名為 {name}。",
                next_step_zh="請把其中一個改名：證明文件是以名稱再次找到的。",
            )
    return files


def verify_evidence(session: AssessmentSession, folder: Path) -> list[EvidenceCheck]:
    """Which recorded evidence files `folder` holds intact, changed, or not at all."""
    return verify(session.assessment, folder)


def pack_evidence(
    session: AssessmentSession, folder: Path, out: Path, *, overwrite: bool = False
) -> tuple[list[EvidenceCheck], int]:
    """Zip the intact evidence files with a manifest for an auditor; the checks and the count."""
    if out.suffix.lower() != ".zip":
        raise CisecError(
            f"{out.name}: an evidence pack is a .zip file.",
            "Name it e.g. evidence.zip.",
            message_zh=f"{out.name}：證明文件包是 .zip 檔案。",
            next_step_zh="請命名為例如 evidence.zip。",
        )
    _check_target(session.path, out, overwrite)
    if not out.parent.is_dir():
        raise CisecError(
            f"{out.parent} is not a folder.",
            "Create it first, or choose another -o.",
            message_zh=f"{out.parent} 不是資料夾。",
            next_step_zh="請先建立該資料夾，或以 -o 另選位置。",
        )
    checks = verify(session.assessment, folder)
    if folder.resolve() in out.resolve().parents:
        raise CisecError(
            f"{out} is inside the evidence folder {folder}.",
            "Write the pack elsewhere, so it never packs itself.",
            message_zh=f"{out} 位於證明文件資料夾 {folder} 之內。",
            next_step_zh="請把證明文件包寫到別處，以免把自己也包進去。",
        )
    return checks, pack(session.assessment, checks, out)
