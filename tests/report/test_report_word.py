"""The gap report as Word: real styles, editable tables, charts as images, the marking in the
header, a PAGE field in the footer, East Asian fonts and zh-HK on styles and runs; and an
assessment's text can add no field, hyperlink or external image (read back with python-docx)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from lxml import etree
from report_fixtures import CURRENT, THIS_YEAR, Files, write_assessment

from cisec.cli import cli
from cisec.report.word import FONT, xml_text

HOSTILE_NOTES = {
    "duties.office": '{ INCLUDEPICTURE "file:///etc/passwd" \\d } { HYPERLINK "file:///etc/shadow" }',
    "duties.report": 'DDEAUTO c:\\\\Windows\\\\System32\\\\cmd.exe "/k calc.exe" \x00\x01\x1b\x7f',
    "practice.cctv": '<w:fldSimple w:instr="PAGE"/><w:hyperlink r:id="rId1">x</w:hyperlink>\ufffe',
    "practice.power": "A" * 60_000 + " ]]> &amp; \ud7ff",
}


def write(source: Path, out: Path, *extra: str) -> docx.document.Document:
    """The report as Word; the full edition unless `extra` names one (it holds every part)."""
    edition = [] if "--edition" in extra else ["--edition", "full"]
    result = CliRunner().invoke(
        cli, ["report", str(source), "-o", str(out), "-q", *edition, *extra]
    )
    assert result.exit_code == 0, result.output
    return docx.Document(str(out))


def headings(document: Any, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


@pytest.fixture(scope="module")
def both(assessment_files: Files, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("word") / "report.docx"
    write(
        assessment_files.current,
        out,
        "--lang",
        "both",
        "--previous",
        str(assessment_files.previous),
    )
    return out


def test_parts_are_real_headings_and_tables_use_the_table_style(both: Path) -> None:
    document = docx.Document(str(both))
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [
        "Cybersecurity gap report / 網絡安全差距報告"
    ]
    assert headings(document, 1) == [
        "Executive summary / 行政摘要",
        "Gaps by priority / 按優先次序排列的差距",
        "Section detail / 各部分詳情",
        "Trend against last year / 與去年比較",
        "All answers / 所有答案",
        "Not-applicable justifications / 不適用的理由",
        "Method / 評分方法",
    ]
    assert "Ordinance duties / 條例責任" in headings(document, 2)
    assert document.tables and {t.style.name for t in document.tables} == {"Table Grid"}


def test_gap_tables_leave_owner_and_due_date_empty_to_edit(both: Path) -> None:
    document = docx.Document(str(both))
    gap_tables = [t for t in document.tables if "Owner" in t.rows[0].cells[-2].text]
    assert gap_tables
    header = [c.text for c in gap_tables[0].rows[0].cells]
    assert header[4:] == ["Owner\n負責人", "Due date\n目標日期"]
    ranks = [row.cells[0].text for table in gap_tables for row in table.rows[1:]]
    assert ranks[0] == "1 (6.00)" and len(ranks) == 6
    for table in gap_tables:
        for row in table.rows[1:]:
            assert row.cells[4].text == "" and row.cells[5].text == ""
        # The header row repeats on each page a long table runs over.
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    office = next(r for t in gap_tables for r in t.rows if "duties.office" in r.cells[1].text)
    assert "租約已簽，待通知專員。" in office.cells[2].text
    assert "Lease 2026-03" in office.cells[2].text


def test_what_leads_into_a_table_stays_on_its_page(both: Path) -> None:
    document = docx.Document(str(both))
    body = list(document.element.body)
    tables = [index for index, element in enumerate(body) if element.tag == qn("w:tbl")]
    assert tables
    for index in tables:
        before = body[index - 1]
        if before.tag != qn("w:p"):
            continue
        # The paragraph just above (a group's introduction, or a heading) keeps with the table,
        # and the header row keeps with the first row.
        keep = before.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
        style = before.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        assert keep is not None or (style is not None and "Heading" in style.get(qn("w:val")))
    first_gap_table = next(t for t in document.tables if "Owner" in t.rows[0].cells[-2].text)
    for cell in first_gap_table.rows[0].cells:
        assert cell.paragraphs[0].paragraph_format.keep_with_next is True


def test_header_marking_footer_page_field_and_chart_images(both: Path) -> None:
    document = docx.Document(str(both))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == (
        "Confidential: for management and the board / 機密：只供管理層及董事會參閱"
    )
    footer = section.footer._element
    assert [i.text for i in footer.iter(qn("w:instrText"))] == [" PAGE "]
    assert len(document.inline_shapes) >= 3
    with zipfile.ZipFile(both) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert media and all(package.read(n).startswith(b"\x89PNG") for n in media)


def test_east_asian_font_and_language_on_styles_and_every_run(both: Path) -> None:
    document = docx.Document(str(both))
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        properties = document.styles[name].element.rPr
        assert properties.find(qn("w:rFonts")).get(qn("w:eastAsia")) == FONT
        assert properties.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-HK"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:rFonts')}").get(qn("w:eastAsia")) == FONT
    runs = list(document.element.body.iter(qn("w:r")))
    assert len(runs) > 200
    for run in runs:
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        lang = run.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        assert fonts is not None and fonts.get(qn("w:eastAsia")) == FONT
        assert lang is not None and lang.get(qn("w:eastAsia")) == "zh-HK"
    chinese = [
        r
        for r in runs
        if r.find(qn("w:t")) is not None and "行政摘要" in (r.find(qn("w:t")).text or "")
    ]
    assert chinese and chinese[0].find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == "zh-HK"


@pytest.mark.parametrize(
    ("language", "present", "absent"),
    [("en", "Executive summary", "行政摘要"), ("zh-Hant", "行政摘要", "Executive summary")],
)
def test_one_language(
    assessment_files: Files, tmp_path: Path, language: str, present: str, absent: str
) -> None:
    document = write(assessment_files.current, tmp_path / "r.docx", "--lang", language)
    text = "\n".join(p.text for p in document.paragraphs)
    assert present in headings(document, 1)
    assert absent not in text
    assert document.core_properties.language == ("en" if language == "en" else "zh-Hant-HK")


def test_hostile_text_stays_literal_and_adds_no_field_link_or_image(
    data_dir: Path, tmp_path: Path
) -> None:
    answers = dict(CURRENT)
    for question_id, note in HOSTILE_NOTES.items():
        value, _, _ = answers[question_id]
        answers[question_id] = (value, note, ['{ INCLUDEPICTURE "http://127.0.0.1:9/x.png" }'])
    source = write_assessment(
        tmp_path / "hostile.cisec.json",
        answers,
        THIS_YEAR,
        organisation='{ DDEAUTO "cmd" } \x0c<w:instrText>PAGE</w:instrText>',
    )
    out = tmp_path / "hostile.docx"
    document = write(source, out, "--lang", "both")
    with zipfile.ZipFile(out) as package:
        parts = {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }
    fields = [
        (name, element.tag)
        for name, root in parts.items()
        for tag in ("w:fldSimple", "w:instrText", "w:fldChar", "w:hyperlink", "w:object")
        for element in root.iter(qn(tag))
    ]
    footer = next(name for name in parts if name.startswith("word/footer"))
    # Only the footer's own PAGE field: begin, instruction, separate, end.
    assert sorted(fields) == sorted([(footer, qn("w:fldChar"))] * 3 + [(footer, qn("w:instrText"))])
    assert [e.text for e in parts[footer].iter(qn("w:instrText"))] == [" PAGE "]
    relationships = [
        element.attrib for name, root in parts.items() if name.endswith(".rels") for element in root
    ]
    assert not [r for r in relationships if r.get("TargetMode") == "External"]
    assert not [r for r in relationships if re.match("(file|https?):", r.get("Target", ""))]
    text = "\n".join(cell.text for t in document.tables for row in t.rows for cell in row.cells)
    assert '{ INCLUDEPICTURE "file:///etc/passwd" \\d }' in text
    assert 'DDEAUTO c:\\\\Windows\\\\System32\\\\cmd.exe "/k calc.exe" \x7f' in text
    assert '<w:fldSimple w:instr="PAGE"/>' in text
    assert "A" * 60_000 in text
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert '{ DDEAUTO "cmd" } <w:instrText>PAGE</w:instrText>' in paragraphs


def test_xml_text_drops_only_what_xml_cannot_hold() -> None:
    assert xml_text("a\x00b\x0bc\tD\nE\ufffeF\ud800G 中") == "abc\tD\nEFG 中"


def test_the_plan_fills_owner_and_due_date(data_dir: Path, tmp_path: Path) -> None:
    import datetime as dt

    from cisec import services
    from cisec.services.plan import set_plan_item

    source = write_assessment(tmp_path / "planned.cisec.json", CURRENT, THIS_YEAR)
    session = services.open_session(source)
    owner = '{ HYPERLINK "file:///etc/passwd" } Ops'
    set_plan_item(
        session, "duties.report", owner=owner, due=dt.date(2027, 3, 31), status="in-progress"
    )
    document = write(source, tmp_path / "planned.docx", "--lang", "en")
    rows = [
        row
        for table in document.tables
        if "Owner" in table.rows[0].cells[-2].text
        for row in table.rows[1:]
    ]
    planned = next(row for row in rows if "duties.report" in row.cells[1].text)
    assert planned.cells[4].text == owner
    assert planned.cells[5].text == "2027-03-31\nIn progress"
    assert all(row.cells[4].text == "" for row in rows if row is not planned)
    assert "Remediation plan" in headings(document, 2)
