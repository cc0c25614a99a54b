"""Builds large questionnaires and assessments for tests and benchmarks."""

from __future__ import annotations

import datetime as dt

from cisec.model import Answer, Assessment, QuestionnaireRef


def big_questionnaire_yaml(questions: int, per_section: int = 20) -> str:
    """A valid questionnaire with `questions` maturity questions in sections of `per_section`."""
    lines = [
        "id: big",
        'version: "1.0"',
        "title: {en: Big, zh-Hant: 大型}",
        "description: {en: Many questions., zh-Hant: 大量問題。}",
        "disclaimer: {en: Test only., zh-Hant: 只供測試。}",
        "sources:",
        "  - {id: iso, title: {en: ISO, zh-Hant: ISO}, cites: ISO/IEC 27001:2022, as_of: 2022-10-25}",
        "sections:",
    ]
    for number in range(questions):
        if number % per_section == 0:
            section = number // per_section
            lines += [
                f"  - id: s{section}",
                f"    title: {{en: Section {section}, zh-Hant: 第{section}節}}",
                "    questions:",
            ]
        lines += [
            f"      - id: q{number}",
            f"        text: {{en: Question {number}?, zh-Hant: 問題{number}？}}",
            "        guidance: {en: Good looks like this., zh-Hant: 良好做法如此。}",
            "        scale: maturity",
            "        kind: practice",
            "        references: [ISO/IEC 27001:2022 A.5.1]",
            "        remediation: {en: Do it., zh-Hant: 請執行。}",
        ]
    return "\n".join(lines) + "\n"


def big_assessment(questions: int) -> Assessment:
    """An assessment of the big questionnaire with every question answered and noted."""
    when = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    return Assessment(
        questionnaire=QuestionnaireRef(id="big", version="1.0", content_hash="sha256:" + "0" * 64),
        organisation="Example Ltd",
        created_at=when,
        updated_at=when,
        answers={
            f"q{n}": Answer(
                value=str(n % 5),
                note=f"Note for question {n}: reviewed with the operations team.",
                evidence=[f"DOC-{n:04d}"],
                answered_at=when,
            )
            for n in range(questions)
        },
    )
