"""Writes the gap report's view model as CommonMark with pipe tables, for wikis and git.

Everything the report view holds is printed, part by part, as the HTML template prints it; a
part the view leaves empty is left out. Text from an assessment (notes, names, evidence
references) is escaped so that it stays literal: it can never become a link, an image, raw
HTML, a heading or a new table cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cisec.report import grids
from cisec.report.grids import numbered, plain
from cisec.report.view_model import (
    AnswerSection,
    CalendarRow,
    GapGroup,
    Phrase,
    ReportView,
    TrendView,
    Words,
)

# ASCII punctuation that can start markup anywhere in a line. CommonMark lets a backslash
# escape any of them, so escaping more than needed is harmless; escaping less is not.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!#])")
# Markers that only mean something at the start of a line (headings, lists, quotes, rules).
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
# Characters XML and most editors cannot hold: C0 controls but tab and line feed, DEL, C1.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """`text` as literal inline CommonMark: markup characters escaped, controls dropped."""
    return _INLINE.sub(r"\\\1", _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))


def _lines(text: str, *, block: bool = False) -> list[str]:
    """Text as escaped, stripped lines; in a `block` (a paragraph), no line can start a list,
    a heading underline or a rule (`#` and `>` are escaped everywhere already)."""
    lines = []
    for line in escape(text).split("\n"):
        stripped = line.strip()
        if stripped and block:
            stripped = _LINE_START.sub(_escape_marker, stripped)
        if stripped:
            lines.append(stripped)
    return lines


def _escape_marker(match: re.Match[str]) -> str:
    """`-` -> `\\-`; `12.` -> `12\\.` (a digit cannot be escaped, the dot after it can)."""
    sign, number, dot = match.groups()
    return f"\\{sign}" if sign else f"{number}\\{dot}"


def inline(words: Words, separator: str = " / ") -> str:
    """Phrases on one line (a heading, a cell): each language's text, escaped."""
    return separator.join(" ".join(_lines(p.text)) for p in words if p.text.strip())


def cell(words: Words) -> str:
    """Phrases in a table cell: line breaks become <br>, the only HTML this writer emits."""
    return "<br>".join("<br>".join(_lines(p.text)) for p in words if p.text.strip())


def paragraph(words: Words) -> str:
    """Phrases as one paragraph, each language (and each line) on its own line."""
    lines = [line for p in words for line in _lines(p.text, block=True)]
    return "\\\n".join(lines)


def _user(phrase: Phrase | None) -> Words:
    return [phrase] if phrase is not None else []


def table(header: Sequence[Words], rows: Iterable[Sequence[Words]]) -> str:
    """A pipe table; every cell escaped, so a `|` in a note never opens a new column."""
    lines = [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "|" + "|".join(" --- " for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def grid_table(grid: grids.Grid) -> str:
    """A pipe table of one of the report's plain tables."""
    return table(grid.header, grid.rows)


class _Document:
    """Collects the blocks of the document, a blank line between each."""

    def __init__(self, view: ReportView) -> None:
        self.view = view
        self.labels = view.labels
        self.blocks: list[str] = []
        # A Chinese document takes the full-width colon.
        self.colon = "：" if view.mode == "zh" else ": "

    def label(self, name: str) -> Words:
        return self.labels[name]

    def heading(self, level: int, words: Words) -> None:
        text = inline(words)
        if text:
            self.blocks.append(f"{'#' * level} {text}")

    def text(self, words: Words) -> None:
        text = paragraph(words)
        if text:
            self.blocks.append(text)

    def add(self, block: str) -> None:
        self.blocks.append(block)

    def markdown(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def render_markdown(view: ReportView) -> str:
    """The report as one CommonMark document with pipe tables."""
    doc = _Document(view)
    _cover(doc)
    _summary(doc)
    if view.calendar:
        _calendar(doc, view.calendar, view.calendar_note)
    if view.gap_groups:
        doc.heading(2, doc.label("gaps"))
        doc.text(doc.label("gaps_intro"))
        for group in view.gap_groups:
            _gap_group(doc, group)
    if view.sections:
        _sections(doc)
    if view.trend is not None:
        _trend(doc, view.trend)
    if view.answer_sections:
        doc.heading(2, doc.label("answers"))
        doc.text(doc.label("answers_intro"))
        for section in view.answer_sections:
            _answer_section(doc, section)
    _justifications(doc)
    _method(doc)
    return doc.markdown()


def _cover(doc: _Document) -> None:
    cover = doc.view.cover
    doc.add(f"**{inline(cover.marking)}**")
    doc.heading(1, cover.title)
    doc.text([cover.organisation])
    doc.text(cover.questionnaire)
    doc.add(
        "\n".join(
            f"- **{inline(f.name)}{doc.colon.strip()}** {inline(f.value)}"
            for f in cover.fields
            if f.value
        )
    )


def _summary(doc: _Document) -> None:
    summary = doc.view.summary
    doc.heading(2, doc.label("summary"))
    doc.add(
        table(
            [doc.label("overall_score"), doc.label("coverage")],
            [
                [
                    plain(f"{summary.overall} / 100"),
                    [*plain(summary.coverage), *summary.coverage_detail],
                ]
            ],
        )
    )
    for tier in summary.tiers:
        doc.heading(3, tier.title)
        doc.text(tier.detail)
        doc.text(tier.meaning)
    doc.text(summary.gap_counts)
    doc.heading(3, doc.label("top_actions"))
    if summary.actions:
        doc.text(doc.label("top_actions_intro"))
        doc.add(
            "\n".join(
                f"{a.rank}. **{inline(a.question)}** ({escape(a.question_id)}; {inline(a.kind)})"
                f" — {inline(a.remediation)}"
                for a in summary.actions
            )
        )
    else:
        doc.text(summary.no_actions)
    plan = doc.view.plan
    if plan is not None:
        doc.heading(3, doc.label("plan"))
        doc.text([*plan.summary, *plan.overdue])
        header = [doc.label("calendar_status"), doc.label("col_gaps")]
        doc.add(table(header, ([c.title, plain(str(c.count))] for c in plan.counts)))


def _calendar(doc: _Document, rows: list[CalendarRow], note: Words) -> None:
    doc.heading(2, doc.label("calendar"))
    doc.text(doc.label("calendar_intro"))
    doc.text(note)
    doc.add(
        table(
            [
                doc.label("calendar_duty"),
                doc.label("col_reference"),
                doc.label("calendar_due"),
                doc.label("calendar_status"),
                doc.label("calendar_confidence"),
            ],
            (
                [[*r.title, *r.note], plain(r.reference), r.due, r.status, r.confidence]
                for r in rows
            ),
        )
    )


def _gap_group(doc: _Document, group: GapGroup) -> None:
    doc.heading(3, group.title)
    doc.text(group.intro)
    if not group.rows:
        doc.text(doc.label("none"))
        return
    evidence = doc.label("col_evidence")
    rows = []
    for r in group.rows:
        reference = r.question_id + (f" · {r.references}" if r.references else "")
        answer = [*r.answer, *r.expected, *_user(r.note)]
        if r.evidence:
            answer.append(
                Phrase(
                    f"{evidence[0].text}{doc.colon}" + "; ".join(e.text for e in r.evidence), "en"
                )
            )
        rows.append(
            [
                plain(f"{r.rank} ({r.priority})"),
                [*r.question, Phrase(reference, "en")],
                answer,
                r.remediation,
                _user(r.plan.owner),
                [*r.plan.due, *r.plan.status],
            ]
        )
    doc.add(
        table(
            [
                [*doc.label("col_rank"), *doc.label("col_priority")],
                doc.label("question"),
                doc.label("col_answer"),
                doc.label("col_remediation"),
                doc.label("col_owner"),
                doc.label("col_due"),
            ],
            rows,
        )
    )


def _sections(doc: _Document) -> None:
    view = doc.view
    doc.heading(2, doc.label("section_detail"))
    doc.add(grid_table(grids.section_detail(view)))
    if view.layers:
        doc.heading(3, doc.label("layers"))
        doc.text(doc.label("layers_intro"))
        doc.add(grid_table(grids.layers(view)))


def _trend(doc: _Document, trend: TrendView) -> None:
    doc.heading(2, doc.label("trend"))
    doc.text(trend.intro)
    doc.add(grid_table(grids.trend_scores(doc.view, trend)))
    for group in [*trend.groups, *trend.plan_outcomes]:
        doc.heading(3, [*group.title, Phrase(f"({len(group.items)})", "en")])
        doc.text(group.intro)
        if group.items:
            doc.add(
                "\n".join(
                    f"- {escape(i.question_id)} {inline(i.question)}"
                    + (f" — {inline(i.detail)}" if i.detail else "")
                    for i in group.items
                )
            )
        else:
            doc.text(doc.label("none"))
        if group is trend.groups[-1]:
            doc.text(trend.improvements)


def _answer_section(doc: _Document, section: AnswerSection) -> None:
    doc.heading(3, numbered(section.number, section.title))
    evidence = doc.label("col_evidence")
    rows = []
    for r in section.rows:
        reference = r.question_id + (f" · {r.references}" if r.references else "")
        answer = [*r.answer, *r.flagged, *_user(r.note)]
        if r.evidence:
            answer.append(
                Phrase(
                    f"{evidence[0].text}{doc.colon}" + "; ".join(e.text for e in r.evidence), "en"
                )
            )
        answer += r.gap
        rows.append([[*r.question, Phrase(reference, "en")], answer, plain(r.score)])
    doc.add(table([doc.label("question"), doc.label("col_answer"), doc.label("col_score")], rows))


def _justifications(doc: _Document) -> None:
    view = doc.view
    doc.heading(2, doc.label("na_title"))
    doc.text(doc.label("na_intro"))
    if not view.justifications:
        doc.text(doc.label("none"))
        return
    doc.add(
        table(
            [doc.label("question"), doc.label("col_justification")],
            ([[*j.question, Phrase(j.question_id, "en")], [j.note]] for j in view.justifications),
        )
    )


def _method(doc: _Document) -> None:
    view = doc.view
    doc.heading(2, doc.label("method"))
    for words in view.method:
        doc.text(words)
    if view.sources:
        doc.heading(3, doc.label("sources"))
        doc.add("\n".join(f"- {inline(s.title)} ({inline(s.detail)})" for s in view.sources))
    if view.disclaimer:
        doc.heading(3, doc.label("disclaimer"))
        doc.text(view.disclaimer)
