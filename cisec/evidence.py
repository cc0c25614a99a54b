"""Provides evidence files: fingerprints (name, size, SHA-256), checks against a folder, packs.

An evidence file stays where its owner keeps it; the assessment records only its name, size and
SHA-256, so an auditor can later be shown that the folder still holds the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cisec.durable import replacing
from cisec.errors import CisecError
from cisec.model.assessment import Assessment, EvidenceFile

Status = Literal["intact", "changed", "missing"]
CHUNK = 1024 * 1024
MANIFEST_FORMAT = "cisec-evidence-manifest"


class EvidenceError(CisecError):
    """An evidence file or folder that cannot be read, or a pack that cannot be written."""


def sha256_of(path: Path) -> tuple[str, int]:
    """The SHA-256 (hex) and size of the file at `path`, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def fingerprint(path: Path, now: dt.datetime | None = None) -> EvidenceFile:
    """What the assessment records about the evidence file at `path`; EvidenceError if unreadable."""
    if not path.is_file():
        raise EvidenceError(
            f"{path}: no such file." if not path.exists() else f"{path} is not a file.",
            "Give the path of the evidence file itself (it stays where it is).",
            message_zh=f"{path}：沒有這個檔案。" if not path.exists() else f"{path} 不是檔案。",
            next_step_zh="請提供證明文件本身的路徑（檔案會留在原處）。",
        )
    try:
        digest, size = sha256_of(path)
    except OSError as problem:
        raise EvidenceError(
            f"{path}: cannot read it ({problem.strerror}).",
            message_zh=f"{path}：無法讀取（{problem.strerror}）。",
        ) from None
    return EvidenceFile(name=path.name, size=size, sha256=digest, recorded_at=now)


@dataclass(frozen=True)
class EvidenceCheck:
    """One recorded evidence file, and what the folder holds for it now."""

    question_id: str
    recorded: EvidenceFile
    status: Status
    found: Path | None  # the file in the folder (for a changed file, the one with its name)


def recorded_files(assessment: Assessment) -> Iterator[tuple[str, EvidenceFile]]:
    """Every evidence file the assessment records, with its question id, in question order."""
    for question_id, answer in assessment.answers.items():
        for recorded in answer.evidence_files:
            yield question_id, recorded


def verify(assessment: Assessment, folder: Path) -> list[EvidenceCheck]:
    """Check every recorded evidence file against `folder` (searched with its subfolders).

    A file is intact if a file of that name under `folder` has the recorded SHA-256, changed if
    files of that name exist but none has it, missing if there is none.
    """
    if not folder.is_dir():
        raise EvidenceError(
            f"{folder} is not a folder.",
            "Give the folder that holds the evidence files (--folder).",
            message_zh=f"{folder} 不是資料夾。",
            next_step_zh="請以 --folder 提供存放證明文件的資料夾。",
        )
    by_name: dict[str, list[Path]] = {}
    wanted = {recorded.name for _, recorded in recorded_files(assessment)}
    for path in sorted(folder.rglob("*")):
        if path.name in wanted and path.is_file():
            by_name.setdefault(path.name, []).append(path)
    checks = []
    hashes: dict[Path, str] = {}
    for question_id, recorded in recorded_files(assessment):
        candidates = by_name.get(recorded.name, [])
        status: Status = "missing" if not candidates else "changed"
        found = candidates[0] if candidates else None
        for candidate in candidates:
            if candidate not in hashes:
                try:
                    hashes[candidate] = sha256_of(candidate)[0]
                except OSError:
                    hashes[candidate] = ""
            if hashes[candidate] == recorded.sha256:
                status, found = "intact", candidate
                break
        checks.append(EvidenceCheck(question_id, recorded, status, found))
    return checks


def manifest(assessment: Assessment, checks: list[EvidenceCheck], packed: dict[int, str]) -> str:
    """The pack's manifest (JSON): each recorded file, its status and where it is in the pack."""
    document = {
        "format": MANIFEST_FORMAT,
        "format_version": 1,
        "questionnaire": {
            "id": assessment.questionnaire.id,
            "version": assessment.questionnaire.version,
        },
        "organisation": assessment.organisation,
        "files": [
            {
                "question_id": check.question_id,
                "name": check.recorded.name,
                "size": check.recorded.size,
                "sha256": check.recorded.sha256,
                "recorded_at": None
                if check.recorded.recorded_at is None
                else check.recorded.recorded_at.isoformat().replace("+00:00", "Z"),
                "status": check.status,
                "in_pack": packed.get(index),
            }
            for index, check in enumerate(checks)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def pack(assessment: Assessment, checks: list[EvidenceCheck], out: Path) -> int:
    """Zip the intact evidence files with manifest.json and SHA256SUMS; return how many.

    Changed and missing files are listed in the manifest, not packed: the pack holds only
    bytes that match what the assessment recorded. SHA256SUMS lets an auditor check the
    unpacked files with `sha256sum -c SHA256SUMS`.
    """
    packed: dict[int, str] = {}
    sums = []
    with (
        replacing(out) as temporary,
        zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for index, check in enumerate(checks):
            if check.status != "intact" or check.found is None:
                continue
            name = f"evidence/{check.question_id}/{check.recorded.name}"
            if name not in packed.values():
                archive.write(check.found, name)
                sums.append(f"{check.recorded.sha256}  {name}\n")
            packed[index] = name
        archive.writestr("manifest.json", manifest(assessment, checks, packed))
        archive.writestr("SHA256SUMS", "".join(sums))
    return len(set(packed.values()))
