"""Integrity of everything shipped in questionnaires/ (whatever is there) and its demos."""

from __future__ import annotations

from pathlib import Path

import pytest

from cisec.content.catalogue import load_catalogue, questionnaire_files, shipped_dir
from cisec.demo import demo_ids, load_demo
from cisec.model import NOT_APPLICABLE
from cisec.store import valid_value

CATALOGUE = load_catalogue([shipped_dir()])
SHIPPED = sorted(CATALOGUE.questionnaires)


def test_every_shipped_file_loads_without_problems() -> None:
    assert CATALOGUE.problems == []
    assert len(SHIPPED) == len(questionnaire_files(shipped_dir()))


@pytest.mark.parametrize("questionnaire_id", SHIPPED)
def test_every_question_cites_a_reference_and_reads_in_both_languages(
    questionnaire_id: str,
) -> None:
    questionnaire = CATALOGUE.questionnaires[questionnaire_id]
    for question in questionnaire.questions.values():
        assert question.references, f"{question.id} cites nothing"
        for text in (question.text, question.guidance, question.remediation):
            assert text.en.strip() and text.zh_hant.strip()
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text.zh_hant), (
                f"{question.id}: no Chinese"
            )
    assert questionnaire.disclaimer.en and questionnaire.sources


@pytest.mark.parametrize("questionnaire_id", demo_ids())
def test_demo_answers_fit_their_questionnaire(questionnaire_id: str) -> None:
    demo = load_demo(questionnaire_id)
    assert demo.questionnaire == questionnaire_id
    questionnaire = CATALOGUE.questionnaires[questionnaire_id]
    for year in [demo.current, *([demo.previous] if demo.previous else [])]:
        for profile_id, value in year.profile.items():
            scale = questionnaire.scales[questionnaire.profile_questions[profile_id].scale]
            shown = value.isoformat() if hasattr(value, "isoformat") else value
            assert valid_value(scale, shown), f"profile {profile_id}={value!r}"
        for question_id, answer in year.answers.items():
            question = questionnaire.questions[question_id]
            scale = questionnaire.scales[question.scale]
            assert valid_value(scale, answer.value), f"{question_id}={answer.value!r}"
            option = scale.option(str(answer.value)) if scale.type == "choice" else None
            if (option and option.not_applicable) or answer.value == NOT_APPLICABLE:
                assert answer.note.strip(), f"{question_id}: N/A without justification"


@pytest.mark.parametrize("questionnaire_id", demo_ids())
def test_demo_writes_and_scores(questionnaire_id: str, tmp_path: Path) -> None:
    from cisec import services

    current = services.write_demo(questionnaire_id, tmp_path / "d.cisec.json")
    score = current.score()
    assert score.overall is not None and 0 < score.overall < 100
    assert 0.5 < score.coverage < 1.0
    assert score.gaps
    if load_demo(questionnaire_id).previous is not None:
        previous = services.write_demo(questionnaire_id, tmp_path / "p.cisec.json", last_year=True)
        assert previous.score().overall is not None


def test_the_sme_description_states_the_real_question_count() -> None:
    from cisec.content.catalogue import load_file as _load

    sme = _load(Path(__file__).resolve().parents[1] / "questionnaires" / "sme-baseline.yaml")
    assert len(sme.questions) == 37
    assert sme.description.en.startswith("Thirty-seven plain-language questions")
    assert "三十七條" in sme.description.zh_hant
