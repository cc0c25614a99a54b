"""Writes the gap report's view model as an editable Word document (python-docx).

Real Word styles carry the look (Title, Heading 1-3, List Number, a table style), so a reader
can restyle the report in Word; the confidentiality marking is in every page's header and the
page number in the footer is a PAGE field, the one field cisec writes. Every style and every
run names the Hong Kong CJK font for East Asian text and tags it zh-HK (python-docx's
`font.name` sets only the Latin fonts), so Word picks Hong Kong glyph forms.

Text from an assessment only ever becomes the text of a run: it cannot add a field, a
hyperlink or an image, and characters XML cannot hold are dropped.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from cisec.report import charts, grids
from cisec.report.fonts import REPORT_FONT_FAMILIES
from cisec.report.grids import numbered, plain
from cisec.report.view_model import GapGroup, Phrase, ReportView, Words

FONT = REPORT_FONT_FAMILIES[0]
EAST_ASIAN_LANGUAGE = "zh-HK"
TABLE_STYLE = "Table Grid"
# Characters XML 1.0 cannot hold (python-docx refuses them): C0 controls but tab, line feed
# and carriage return, surrogates, and the two non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MUTED = RGBColor(0x61, 0x6E, 0x7C)
_TEXT_WIDTH_CM = 16.0


def xml_text(text: str) -> str:
    """`text` without the characters a Word document cannot hold."""
    return _NOT_XML.sub("", text)


def _run_language(element: Any, lang: str) -> None:
    """Name the CJK font and the languages on a run's or a style's properties."""
    fonts = element.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    language = element.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        element.append(language)
    language.set(qn("w:val"), "zh-HK" if lang.startswith("zh") else "en-GB")
    language.set(qn("w:eastAsia"), EAST_ASIAN_LANGUAGE)


class _Writer:
    """Builds the document part by part."""

    def __init__(self, view: ReportView) -> None:
        self.view = view
        self.labels = view.labels
        self.document = docx.Document()
        self.lang = view.lang
        self._styles()
        self._page()

    # Styles, header and footer ------------------------------------------------------------

    def _styles(self) -> None:
        styles = self.document.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            run_defaults = defaults.find(qn("w:rPrDefault"))
            if run_defaults is not None:
                properties = run_defaults.find(qn("w:rPr"))
                if properties is None:
                    properties = OxmlElement("w:rPr")
                    run_defaults.append(properties)
                _run_language(properties, self.lang)
        for name in (
            "Normal",
            "Title",
            "Heading 1",
            "Heading 2",
            "Heading 3",
            "List Number",
            "List Bullet",
        ):
            style = styles[name]
            style.font.name = FONT
            _run_language(style.element.get_or_add_rPr(), self.lang)
        styles["Normal"].font.size = Pt(10)

    def _page(self) -> None:
        section = self.document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.5)
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.runs(header, self.view.cover.marking, separator=" / ", size=8)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._page_field(footer)

    def _page_field(self, paragraph: Any) -> None:
        """The page number: a PAGE field with 1 as its last shown value."""
        for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("", "1")):
            run = paragraph.add_run()
            _run_language(run._r.get_or_add_rPr(), self.lang)
            if kind == "instr":
                instruction = OxmlElement("w:instrText")
                instruction.set(qn("xml:space"), "preserve")
                instruction.text = text
                run._r.append(instruction)
            elif kind:
                character = OxmlElement("w:fldChar")
                character.set(qn("w:fldCharType"), kind)
                run._r.append(character)
            else:
                run.text = text
        end = paragraph.add_run()
        character = OxmlElement("w:fldChar")
        character.set(qn("w:fldCharType"), "end")
        end._r.append(character)

    # Text ------------------------------------------------------------------------------------

    def runs(
        self,
        paragraph: Any,
        words: Words,
        *,
        separator: str | None = None,
        bold: bool = False,
        size: float | None = None,
        muted: bool = False,
    ) -> None:
        """Each phrase as a run in its language; between them a line break or `separator`."""
        shown = [p for p in words if p.text.strip()]
        for index, phrase in enumerate(shown):
            # The paired translation is set lighter, as in the PDF.
            quiet = muted or not phrase.primary
            if index and separator is not None:
                self._run(paragraph, separator, phrase.lang, bold=bold, size=size, muted=quiet)
            run = self._run(paragraph, phrase.text, phrase.lang, bold=bold, size=size, muted=quiet)
            if index and separator is None:
                run._r.insert(1, OxmlElement("w:br"))

    def _run(
        self,
        paragraph: Any,
        text: str,
        lang: str,
        *,
        bold: bool = False,
        size: float | None = None,
        muted: bool = False,
    ) -> Any:
        run = paragraph.add_run(xml_text(text))
        _run_language(run._r.get_or_add_rPr(), lang)
        run.bold = bold or None
        if size is not None:
            run.font.size = Pt(size)
        if muted:
            run.font.color.rgb = _MUTED
        return run

    def heading(self, words: Words, level: int) -> None:
        paragraph = self.document.add_heading("", level=level)
        self.runs(paragraph, words, separator=" / ")

    def paragraph(self, words: Words, *, style: str | None = None, muted: bool = False) -> None:
        if not any(p.text.strip() for p in words):
            return
        paragraph = self.document.add_paragraph(style=style)
        self.runs(paragraph, words, muted=muted)

    def chart(self, chart: charts.Chart | None) -> None:
        if chart is None:
            return
        from cisec.report.chart_image import chart_png

        width = Cm(min(_TEXT_WIDTH_CM, _TEXT_WIDTH_CM * chart.width / 680.0))
        self.document.add_picture(io.BytesIO(chart_png(chart)), width=width)
        # The chart's description is its alternative text, for screen readers.
        properties = self.document.inline_shapes[-1]._inline.docPr
        properties.set("descr", xml_text(chart.description))

    def table(
        self,
        header: Sequence[Words],
        rows: Sequence[Sequence[Words]],
        widths: Sequence[float],
    ) -> None:
        """A table in the table style, columns `widths` cm wide; the header row repeats on
        every page, and what leads into the table never ends a page without it."""
        self._keep_with_table()
        table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        table.style = self.document.styles[TABLE_STYLE]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)
        first = table.rows[0]
        repeat = OxmlElement("w:tblHeader")
        first._tr.get_or_add_trPr().append(repeat)
        for cell, words in zip(first.cells, header, strict=True):
            self.runs(cell.paragraphs[0], words, bold=True, size=8.5)
            cell.paragraphs[0].paragraph_format.keep_with_next = True
        for row, values in zip(table.rows[1:], rows, strict=True):
            for cell, words in zip(row.cells, values, strict=True):
                self.runs(cell.paragraphs[0], words, size=8.5)
        self.document.add_paragraph()

    def _keep_with_table(self) -> None:
        # A heading's style keeps it with the next paragraph; the paragraph between it and the
        # table (a group's introduction) must keep with the table too, or the heading can be
        # left alone at the foot of a page.
        body = self.document.element.body
        last = len(body) - (2 if body[-1].tag == qn("w:sectPr") else 1)
        if last >= 0 and body[last].tag == qn("w:p"):
            Paragraph(body[last], self.document).paragraph_format.keep_with_next = True

    def grid(self, grid: grids.Grid, widths: Sequence[float]) -> None:
        self.table(grid.header, grid.rows, widths)

    def label(self, name: str) -> Words:
        return self.labels[name]

    def tag_every_run(self) -> None:
        """Give the runs python-docx made itself (pictures, breaks) the fonts and languages."""
        for run in self.document.element.body.iter(qn("w:r")):
            properties = run.get_or_add_rPr()
            if properties.find(qn("w:rFonts")) is None:
                _run_language(properties, self.lang)


def write_docx(
    view: ReportView, target: BinaryIO, *, progress: Callable[[str], None] | None = None
) -> None:
    """Write the report `view` as a .docx document to `target`."""
    if progress is not None:
        progress("Writing the Word document")
    writer = _Writer(view)
    _cover(writer)
    _summary(writer)
    if view.calendar:
        _calendar(writer)
    if view.gap_groups:
        writer.heading(writer.label("gaps"), 1)
        writer.paragraph(writer.label("gaps_intro"))
        for group in view.gap_groups:
            _gap_group(writer, group)
    if view.sections:
        _sections(writer)
    if view.trend is not None:
        _trend(writer)
    if view.answer_sections:
        _answers(writer)
    _justifications(writer)
    _method(writer)
    writer.tag_every_run()
    properties = writer.document.core_properties
    properties.title = xml_text(view.title)[:255]
    properties.author = xml_text(view.author)[:255]
    properties.subject = xml_text(view.subject)[:255]
    properties.keywords = xml_text(", ".join(view.keywords))[:255]
    properties.language = view.lang
    writer.document.save(target)


def _cover(w: _Writer) -> None:
    cover = w.view.cover
    w.paragraph(cover.marking, muted=True)
    title = w.document.add_paragraph(style="Title")
    w.runs(title, cover.title, separator=" / ")
    w.paragraph([cover.organisation])
    w.paragraph(cover.questionnaire)
    _cover_fields(w)
    w.document.add_page_break()  # type: ignore[no-untyped-call]


def _cover_fields(w: _Writer) -> None:
    for field in w.view.cover.fields:
        paragraph = w.document.add_paragraph()
        w.runs(paragraph, field.name, separator=" / ", bold=True)
        w._run(paragraph, "：" if w.view.mode == "zh" else ": ", w.lang, bold=True)
        w.runs(paragraph, field.value, separator=" / ")


def _summary(w: _Writer) -> None:
    summary = w.view.summary
    w.heading(w.label("summary"), 1)
    w.table(
        [w.label("overall_score"), w.label("coverage")],
        [
            [
                plain(f"{summary.overall} / 100"),
                [*plain(summary.coverage), *summary.coverage_detail],
            ]
        ],
        [8.0, 8.0],
    )
    for tier in summary.tiers:
        w.heading(tier.title, 2)
        w.paragraph(tier.detail)
        w.paragraph(tier.meaning, muted=True)
        w.chart(tier.chart)
    w.heading(w.label("section_scores"), 2)
    w.chart(summary.section_chart)
    w.chart(summary.radar)
    w.paragraph(summary.gap_counts)
    w.heading(w.label("top_actions"), 2)
    if not summary.actions:
        w.paragraph(summary.no_actions)
        return
    w.paragraph(w.label("top_actions_intro"), muted=True)
    for action in summary.actions:
        paragraph = w.document.add_paragraph(style="List Number")
        w.runs(paragraph, action.question, separator=" / ", bold=True)
        w._run(paragraph, f" ({action.question_id}; ", "en", muted=True)
        w.runs(paragraph, action.kind, separator=" / ", muted=True)
        w._run(paragraph, ")", "en", muted=True)
        paragraph.add_run().add_break()
        w.runs(paragraph, action.remediation, separator=" / ")
    plan = w.view.plan
    if plan is not None:
        w.heading(w.label("plan"), 2)
        w.paragraph([*plan.summary, *plan.overdue])
        header = [w.label("calendar_status"), w.label("col_gaps")]
        w.table(header, [[c.title, plain(str(c.count))] for c in plan.counts], [12.0, 4.0])


def _calendar(w: _Writer) -> None:
    view = w.view
    w.heading(w.label("calendar"), 1)
    w.paragraph(w.label("calendar_intro"), muted=True)
    w.paragraph(view.calendar_note, muted=True)
    w.table(
        [
            w.label("calendar_duty"),
            w.label("col_reference"),
            w.label("calendar_due"),
            w.label("calendar_status"),
            w.label("calendar_confidence"),
        ],
        [
            [[*r.title, *r.note], plain(r.reference), r.due, r.status, r.confidence]
            for r in view.calendar
        ],
        [5.6, 2.4, 2.8, 2.8, 2.4],
    )


def _evidence(w: _Writer, evidence: list[Phrase]) -> Words:
    if not evidence:
        return []
    colon = "：" if w.view.mode == "zh" else ": "
    label = w.label("col_evidence")[0].text
    return [Phrase(f"{label}{colon}" + "; ".join(e.text for e in evidence), evidence[0].lang)]


def _gap_group(w: _Writer, group: GapGroup) -> None:
    w.heading(group.title, 2)
    w.paragraph(group.intro, muted=True)
    if not group.rows:
        w.paragraph(w.label("none"))
        return
    rows = []
    for r in group.rows:
        reference = r.question_id + (f" · {r.references}" if r.references else "")
        rows.append(
            [
                plain(f"{r.rank} ({r.priority})"),
                [*r.question, Phrase(reference, "en")],
                [*r.answer, *r.expected, *([r.note] if r.note else []), *_evidence(w, r.evidence)],
                r.remediation,
                # Owner and due date from the plan; without one, empty cells to fill in Word.
                [r.plan.owner] if r.plan.owner else [],
                [*r.plan.due, *r.plan.status],
            ]
        )
    w.table(
        [
            [*w.label("col_rank"), *w.label("col_priority")],
            w.label("question"),
            w.label("col_answer"),
            w.label("col_remediation"),
            w.label("col_owner"),
            w.label("col_due"),
        ],
        rows,
        [1.8, 4.0, 3.4, 3.2, 1.8, 1.8],
    )


def _sections(w: _Writer) -> None:
    view = w.view
    w.heading(w.label("section_detail"), 1)
    w.grid(grids.section_detail(view), [8.0, 2.0, 2.0, 2.0, 2.0])
    if view.layers:
        w.heading(w.label("layers"), 2)
        w.paragraph(w.label("layers_intro"), muted=True)
        w.grid(grids.layers(view), [8.0, 2.7, 2.7, 2.6])


def _trend(w: _Writer) -> None:
    trend = w.view.trend
    assert trend is not None  # noqa: S101 - the caller checked
    w.heading(w.label("trend"), 1)
    w.paragraph(trend.intro)
    w.chart(trend.chart)
    w.chart(trend.radar)
    w.grid(grids.trend_scores(w.view, trend), [8.5, 2.5, 2.5, 2.5])
    for group in [*trend.groups, *trend.plan_outcomes]:
        w.heading([*group.title, Phrase(f"({len(group.items)})", "en")], 2)
        w.paragraph(group.intro, muted=True)
        if not group.items:
            w.paragraph(w.label("none"))
        for item in group.items:
            paragraph = w.document.add_paragraph(style="List Bullet")
            w._run(paragraph, f"{item.question_id} ", "en", muted=True)
            w.runs(paragraph, item.question, separator=" / ")
            if item.detail:
                w._run(paragraph, " — ", "en")
                w.runs(paragraph, item.detail, separator=" / ", muted=True)
        if group is trend.groups[-1]:
            w.paragraph(trend.improvements)


def _answers(w: _Writer) -> None:
    w.heading(w.label("answers"), 1)
    w.paragraph(w.label("answers_intro"), muted=True)
    for section in w.view.answer_sections:
        w.heading(numbered(section.number, section.title), 2)
        rows = []
        for r in section.rows:
            reference = r.question_id + (f" · {r.references}" if r.references else "")
            answer = [*r.answer, *r.flagged, *([r.note] if r.note else [])]
            rows.append(
                [
                    [*r.question, Phrase(reference, "en")],
                    [*answer, *_evidence(w, r.evidence), *r.gap],
                    plain(r.score),
                ]
            )
        w.table(
            [w.label("question"), w.label("col_answer"), w.label("col_score")],
            rows,
            [8.0, 6.6, 1.4],
        )


def _justifications(w: _Writer) -> None:
    view = w.view
    w.heading(w.label("na_title"), 1)
    w.paragraph(w.label("na_intro"), muted=True)
    if not view.justifications:
        w.paragraph(w.label("none"))
        return
    w.table(
        [w.label("question"), w.label("col_justification")],
        [[[*j.question, Phrase(j.question_id, "en")], [j.note]] for j in view.justifications],
        [7.0, 9.0],
    )


def _method(w: _Writer) -> None:
    view = w.view
    w.heading(w.label("method"), 1)
    for words in view.method:
        w.paragraph(words)
    if view.sources:
        w.heading(w.label("sources"), 2)
        for source in view.sources:
            paragraph = w.document.add_paragraph(style="List Bullet")
            w.runs(paragraph, source.title, separator=" / ")
            w._run(paragraph, " ", "en")
            w.runs(paragraph, source.detail, separator=" / ", muted=True)
    if view.disclaimer:
        w.heading(w.label("disclaimer"), 2)
        w.paragraph(view.disclaimer)
