"""Module-scoped fixtures of the report tests: a data folder and two years of assessments."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from report_fixtures import (
    CURRENT,
    LAST_YEAR,
    PREVIOUS,
    THIS_YEAR,
    Files,
    use_fixture_questionnaire,
    write_assessment,
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A CISEC_DATA_DIR holding the fixture questionnaire, for the whole test module."""
    folder = tmp_path_factory.mktemp("cisec-data")
    use_fixture_questionnaire(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CISEC_DATA_DIR", str(folder))
        yield folder


@pytest.fixture(scope="module")
def assessment_files(data_dir: Path) -> Files:
    """This year's and last year's fixture assessments of the same organisation."""
    return Files(
        current=write_assessment(data_dir / "2026.cisec.json", CURRENT, THIS_YEAR),
        previous=write_assessment(data_dir / "2025.cisec.json", PREVIOUS, LAST_YEAR),
    )
