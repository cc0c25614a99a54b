"""Redacted copies (answers and scores stay, free text goes) and evidence files with checksums."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cisec import services
from cisec.cli import cli
from cisec.model.assessment import Assessment

ORGANISATION = "Kowloon Widget Works"
NOTE = "gateway 10.1.2.3 unpatched"


def answered(folder: Path) -> Path:
    file = folder / "a.cisec.json"
    session = services.new_session("fixture", file, organisation=ORGANISATION, assessor="A. Chan")
    session.answer("designated", "yes")
    session.answer("duties.office", "partly", note=NOTE, evidence=["Lease 2026"], by="B. Lee")
    session.answer("practice.policy", "na", note="Site closing in March")
    session.answer("practice.cctv", "45", flagged=True)
    return file


def test_redacted_copy_keeps_answers_and_scores_and_drops_free_text(
    user_dir: Path, tmp_path: Path
) -> None:
    file = answered(tmp_path)
    out = tmp_path / "r.cisec.json"
    result = CliRunner().invoke(cli, ["redact", str(file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    for secret in (ORGANISATION, "A. Chan", "B. Lee", NOTE, "Lease 2026", "Site closing"):
        assert secret not in text
    original = services.open_session(file)
    copy = services.open_session(out)
    assert {k: a.value for k, a in copy.assessment.answers.items()} == {
        k: a.value for k, a in original.assessment.answers.items()
    }
    assert copy.assessment.profile == original.assessment.profile
    assert copy.assessment.answers["practice.cctv"].flagged
    # The justified N/A keeps a placeholder, so it still counts as not applicable.
    assert copy.assessment.answers["practice.policy"].note == "[redacted]"
    assert copy.score() == original.score()
    # Never over the original, never over an existing file without --force.
    again = CliRunner().invoke(cli, ["redact", str(file), "-o", str(out)])
    assert again.exit_code == 2 and "already exists" in again.stderr
    itself = CliRunner().invoke(cli, ["redact", str(file), "-o", str(file), "--force"])
    assert itself.exit_code == 2 and "is the file itself" in itself.stderr


def evidence_setup(user_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    file = answered(tmp_path)
    folder = tmp_path / "evidence"
    (folder / "2026").mkdir(parents=True)
    (folder / "lease.pdf").write_bytes(b"%PDF lease")
    (folder / "2026" / "cctv-log.csv").write_text("day,hours\n1,24\n", encoding="utf-8")
    (folder / "policy.docx").write_bytes(b"policy v1")
    result = CliRunner().invoke(
        cli,
        [
            "answer",
            str(file),
            "duties.office",
            "yes",
            "--evidence-file",
            str(folder / "lease.pdf"),
            "--evidence-file",
            str(folder / "2026" / "cctv-log.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(
        cli,
        [
            "answer",
            str(file),
            "practice.cctv",
            "40",
            "--evidence-file",
            str(folder / "policy.docx"),
        ],
    )
    assert result.exit_code == 0, result.output
    return file, folder


def test_answer_records_name_size_and_sha256(user_dir: Path, tmp_path: Path) -> None:
    file, _ = evidence_setup(user_dir, tmp_path)
    document = Assessment.model_validate_json(file.read_bytes())
    office = document.answers["duties.office"]
    assert [(f.name, f.size) for f in office.evidence_files] == [
        ("lease.pdf", 10),
        ("cctv-log.csv", 15),
    ]
    assert office.evidence_files[0].sha256 == hashlib.sha256(b"%PDF lease").hexdigest()
    assert office.note == NOTE  # the earlier note and references are kept
    assert office.evidence == ["Lease 2026"]
    # Answering again keeps the files; recording a file of the same name replaces its entry.
    services.open_session(file).answer("duties.office", "partly")
    assert len(services.open_session(file).assessment.answers["duties.office"].evidence_files) == 2
    missing = CliRunner().invoke(
        cli, ["answer", str(file), "duties.report", "yes", "--evidence-file", str(tmp_path / "x")]
    )
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    assert "duties.report" not in services.open_session(file).assessment.answers


def test_verify_lists_intact_changed_missing_and_exits_1(user_dir: Path, tmp_path: Path) -> None:
    file, folder = evidence_setup(user_dir, tmp_path)
    ok = CliRunner().invoke(cli, ["evidence", "verify", str(file), "--folder", str(folder)])
    assert ok.exit_code == 0, ok.output
    assert [line.split()[0] for line in ok.stdout.splitlines()] == ["intact"] * 3
    # A file moved into another subfolder is still found by its name and checksum.
    (folder / "lease.pdf").rename(folder / "2026" / "lease.pdf")
    (folder / "policy.docx").write_bytes(b"policy v2")
    (folder / "2026" / "cctv-log.csv").unlink()
    result = CliRunner().invoke(
        cli, ["evidence", "verify", str(file), "--folder", str(folder), "--json"]
    )
    assert result.exit_code == 1
    statuses = {item["name"]: item["status"] for item in json.loads(result.stdout)}
    assert statuses == {"lease.pdf": "intact", "cctv-log.csv": "missing", "policy.docx": "changed"}
    nowhere = CliRunner().invoke(
        cli, ["evidence", "verify", str(file), "--folder", str(tmp_path / "none")]
    )
    assert nowhere.exit_code == 2 and "is not a folder" in nowhere.stderr


def test_pack_holds_intact_files_a_manifest_and_checksums(user_dir: Path, tmp_path: Path) -> None:
    file, folder = evidence_setup(user_dir, tmp_path)
    (folder / "policy.docx").write_bytes(b"policy v2")
    out = tmp_path / "pack.zip"
    result = CliRunner().invoke(
        cli, ["evidence", "pack", str(file), "--folder", str(folder), "-o", str(out)]
    )
    assert result.exit_code == 1  # a changed file is a finding
    with zipfile.ZipFile(out) as archive:
        names = sorted(archive.namelist())
        assert names == [
            "SHA256SUMS",
            "evidence/duties.office/cctv-log.csv",
            "evidence/duties.office/lease.pdf",
            "manifest.json",
        ]
        manifest = json.loads(archive.read("manifest.json"))
        sums = archive.read("SHA256SUMS").decode().splitlines()
        for line in sums:
            digest, name = line.split("  ")
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    assert len(sums) == 2
    assert {f["name"]: f["status"] for f in manifest["files"]}["policy.docx"] == "changed"
    assert manifest["files"][0]["in_pack"] == "evidence/duties.office/lease.pdf"
    inside = CliRunner().invoke(
        cli, ["evidence", "pack", str(file), "--folder", str(folder), "-o", str(folder / "p.zip")]
    )
    assert inside.exit_code == 2 and "inside the evidence folder" in inside.stderr


def test_redaction_drops_evidence_files(user_dir: Path, tmp_path: Path) -> None:
    file, _ = evidence_setup(user_dir, tmp_path)
    out = tmp_path / "r.cisec.json"
    assert CliRunner().invoke(cli, ["redact", str(file), "-o", str(out)]).exit_code == 0
    assert "lease.pdf" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["../escape.pdf", "..", "a/b.pdf"])
def test_an_evidence_name_is_never_a_path(user_dir: Path, tmp_path: Path, name: str) -> None:
    file = answered(tmp_path)
    document = json.loads(file.read_text(encoding="utf-8"))
    document["answers"]["duties.office"]["evidence_files"] = [
        {"name": name, "size": 1, "sha256": "0" * 64}
    ]
    file.write_text(json.dumps(document), encoding="utf-8")
    result = CliRunner().invoke(cli, ["evidence", "verify", str(file), "--folder", str(tmp_path)])
    assert result.exit_code == 2
    assert "evidence_files.0.name" in result.stderr
