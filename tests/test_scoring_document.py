"""docs/scoring.md's worked example, recomputed: the document's numbers are the code's."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from cisec.content.catalogue import load_file
from cisec.model import Answer, Assessment, QuestionnaireRef
from cisec.scoring import score_assessment

ROOT = Path(__file__).parent.parent
DOCUMENT = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")


def example_score():  # type: ignore[no-untyped-def]
    block = re.search(r"```json\n(.*?)```", DOCUMENT, re.S)
    assert block, "docs/scoring.md lost its worked example"
    example = json.loads(block.group(1))
    questionnaire = load_file(ROOT / "tests" / "data" / "content" / "fixture.yaml")
    when = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    assessment = Assessment(
        questionnaire=QuestionnaireRef(
            id="fixture", version="1.2.0", content_hash="sha256:" + "0" * 64
        ),
        created_at=when,
        updated_at=when,
        profile=example["profile"],
        answers={qid: Answer(**answer) for qid, answer in example["answers"].items()},
    )
    return score_assessment(questionnaire, assessment)


def table_rows(heading: str) -> list[list[str]]:
    section = DOCUMENT.split(heading, 1)[1]
    rows = []
    for line in section.splitlines()[1:]:
        if not line.startswith("|") and rows:
            break
        if line.startswith("|") and not line.startswith("|---"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows[1:]


def test_section_scores_and_coverage_match_the_document() -> None:
    score = example_score()
    rows = table_rows("Sections:")
    assert [row[0] for row in rows] == [s.id for s in score.sections]
    for row, section in zip(rows, score.sections, strict=True):
        assert row[2] == f"{section.score:.1f}"
        assert row[3].endswith(f"{section.coverage:.2f}")
        assert row[3].startswith(f"{section.answered}/{section.applicable}")


def test_overall_matches_the_document() -> None:
    score = example_score()
    assert f"= **{score.overall:.1f}**" in DOCUMENT
    assert f"coverage 6/6 = **{score.coverage:.2f}**" in DOCUMENT


def test_gaps_match_the_document_in_order() -> None:
    score = example_score()
    rows = table_rows("Gaps, by priority:")
    assert [(r[0], r[1], float(r[4])) for r in rows] == [
        (g.question_id, g.reason, g.priority) for g in score.gaps
    ]


def test_tier_lines_match_the_document() -> None:
    score = example_score()
    for name, status in (
        ("Ordinance duties", score.statutory),
        ("Code of Practice expectations", score.code_of_practice),
    ):
        assert (
            f"{name}: {status.met} met, {status.partly} partly, {status.not_met} not met, "
            f"{status.unknown} unknown." in DOCUMENT
        )


def test_every_gap_in_the_document_names_its_tier() -> None:
    score = example_score()
    rows = table_rows("Gaps, by priority:")
    assert [r[2] for r in rows] == [g.kind for g in score.gaps]
