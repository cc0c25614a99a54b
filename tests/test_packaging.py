"""A plain (non-editable) install carries the questionnaires and report templates."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("cisec-*.whl"))


def test_wheel_ships_content_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(p.name for p in (ROOT / "questionnaires").glob("*.yaml"))
    for name in shipped:
        assert f"cisec/questionnaires/{name}" in names
    assert "cisec/questionnaires/questionnaire.schema.json" in names
    assert any(n.startswith("cisec/report_templates/") for n in names)
    assert "cisec/py.typed" in names


def test_installed_wheel_finds_its_questionnaires(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import cisec, json; from cisec.content.catalogue import shipped_dir, load_catalogue;"
        "c = load_catalogue([shipped_dir()]);"
        "print(json.dumps([str(shipped_dir()), sorted(c.questionnaires), [str(p) for p in c.problems]]))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    import json

    folder, ids, problems = json.loads(result.stdout)
    assert Path(folder).is_relative_to(target), folder
    assert problems == []
    expected = sorted(
        line.split(":", 1)[1].strip()
        for path in (ROOT / "questionnaires").glob("*.yaml")
        if path.name != "scales.yaml"
        for line in path.read_text(encoding="utf-8").splitlines()[:40]
        if line.startswith("id:")
    )
    assert ids == expected
