"""Every shipped demo renders in every language: a check that the templates fit all content.

Wording of the demos may change, so this asserts structure (every question appears, both
languages are marked), not text; the golden files pin the bytes on the fixture questionnaire.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cisec.demo import demo_ids

LANGUAGES = ["en", "zh-Hant", "both"]


@pytest.fixture(scope="module", autouse=True)
def empty_user_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Only the shipped questionnaires: nothing from the machine's own user folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CISEC_DATA_DIR", str(tmp_path_factory.mktemp("user")))
        yield


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path | None]]:
    from cisec import services
    from cisec.errors import CisecError

    folder = tmp_path_factory.mktemp("demos")
    files: dict[str, tuple[Path, Path | None]] = {}
    for questionnaire_id in demo_ids():
        current = folder / f"{questionnaire_id}.cisec.json"
        services.write_demo(questionnaire_id, current)
        previous: Path | None = folder / f"{questionnaire_id}-last-year.cisec.json"
        try:
            services.write_demo(
                questionnaire_id,
                folder / f"{questionnaire_id}-last-year.cisec.json",
                last_year=True,
            )
        except CisecError:
            previous = None
        files[questionnaire_id] = (current, previous)
    return files


def test_there_are_demos(demo_files: dict[str, tuple[Path, Path | None]]) -> None:
    assert "hk-cap653" in demo_files


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_demo_renders_every_question(
    demo_files: dict[str, tuple[Path, Path | None]], language: str, tmp_path: Path
) -> None:
    from cisec import services
    from cisec.services.report import render_report

    for questionnaire_id, (current, previous) in demo_files.items():
        out = tmp_path / f"{questionnaire_id}.html"
        render_report(
            services.open_session(current),
            out,
            language=language,
            previous=services.open_session(previous) if previous else None,
            edition="full",
        )
        html = out.read_text(encoding="utf-8")
        questionnaire = services.open_session(current).questionnaire
        # Each answer row's reference line starts with its question id; a question with a gap
        # is a one-line pointer to its gap row.
        shown = set(re.findall(r'<div class="small ref">([^<\s]+)', html))
        shown |= set(
            re.findall(
                r'<div class="answer [^"]* pointer"><dt class="c-pointer"><span class="qid">([^<]+)',
                html,
            )
        )
        assert set(questionnaire.questions) <= shown, questionnaire_id
        if language != "en":
            assert 'lang="zh-Hant-HK"' in html
        if previous is not None:
            assert 'id="trend"' in html
        if questionnaire_id == "hk-cap653":
            assert 'id="calendar"' in html


def test_every_demo_exports_json(
    demo_files: dict[str, tuple[Path, Path | None]], tmp_path: Path
) -> None:
    from cisec import services
    from cisec.services.report import render_report

    for questionnaire_id, (current, previous) in demo_files.items():
        out = tmp_path / f"{questionnaire_id}.json"
        render_report(
            services.open_session(current),
            out,
            previous=services.open_session(previous) if previous else None,
        )
        document = json.loads(out.read_text(encoding="utf-8"))
        questionnaire = services.open_session(current).questionnaire
        assert document["questionnaire"]["id"] == questionnaire_id
        assert [a["question_id"] for a in document["answers"]] == list(questionnaire.questions)
        assert {g["question_id"] for g in document["gaps"]} <= set(questionnaire.questions)
        assert (document["trend"] is not None) == (previous is not None)
