"""The gap report as Markdown: CommonMark with pipe tables, a heading per part, both languages,
and an assessment's text kept literal (read back with a CommonMark parser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt
from markdown_it.token import Token
from report_fixtures import CURRENT, THIS_YEAR, Files, write_assessment

from cisec.cli import cli
from cisec.errors import CisecError
from cisec.report.markdown import escape
from cisec.report.publish import DocumentMeta, publish

HOSTILE_NOTE = (
    "| broken | cell |\nnew line [click](file:///etc/passwd) ![x](http://127.0.0.1:9/x.png)"
    " <script>alert(1)</script> <http://127.0.0.1:9/> **bold** `code` &amp;\x00\x07"
)


def parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def children(tokens: list[Token]) -> list[Token]:
    return [child for token in tokens for child in (token.children or [])]


def write(runner: CliRunner, source: Path, out: Path, *extra: str) -> str:
    result = runner.invoke(cli, ["report", str(source), "-o", str(out), "-q", *extra])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def headings(tokens: list[Token], level: int) -> list[str]:
    return [
        tokens[index + 1].content
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == f"h{level}"
    ]


def table_rows(tokens: list[Token]) -> list[list[str]]:
    """Every table row as its cells' inline source."""
    rows: list[list[str]] = []
    in_row = False
    for token in tokens:
        if token.type in ("tr_open", "tr_close"):
            in_row = token.type == "tr_open"
            if in_row:
                rows.append([])
        elif token.type == "inline" and in_row:
            rows[-1].append(token.content)
    return rows


def test_the_report_has_a_heading_per_part_and_pipe_tables(
    assessment_files: Files, tmp_path: Path
) -> None:
    text = write(
        CliRunner(),
        assessment_files.current,
        tmp_path / "report.md",
        "--lang",
        "en",
        "--previous",
        str(assessment_files.previous),
        "--edition",
        "full",
    )
    tokens = parse(text)
    assert headings(tokens, 1) == ["Cybersecurity gap report"]
    assert headings(tokens, 2) == [
        "Executive summary",
        "Gaps by priority",
        "Section detail",
        "Trend against last year",
        "All answers",
        "Not-applicable justifications",
        "Method",
    ]
    assert sum(token.type == "table_open" for token in tokens) >= 6
    # The gap table of the Ordinance duties: six columns, owner and due date left to fill in.
    rows = table_rows(tokens)
    gap_header = next(row for row in rows if "Owner" in row)
    assert gap_header == [
        "\\#<br>Priority",
        "Question",
        "Answer",
        "Remediation",
        "Owner",
        "Due date",
    ]
    first_gap = rows[rows.index(gap_header) + 1]
    assert first_gap[0] == "1 (6.00)" and first_gap[4:] == ["", ""]
    assert "Lease 2026-03" in text and "租約已簽，待通知專員。" in text
    assert "Harbour Power Ltd" in text


@pytest.mark.parametrize(
    ("language", "present", "absent"),
    [
        ("en", ["Executive summary", "Gaps by priority"], ["行政摘要"]),
        ("zh-Hant", ["行政摘要", "**版本：**"], ["Executive summary"]),
        ("both", ["Executive summary / 行政摘要", "Overall score<br>整體評分"], []),
    ],
)
def test_each_language_choice(
    assessment_files: Files, tmp_path: Path, language: str, present: list[str], absent: list[str]
) -> None:
    text = write(CliRunner(), assessment_files.current, tmp_path / "r.md", "--lang", language)
    for words in present:
        assert words in text
    for words in absent:
        assert words not in text


def test_an_assessments_text_stays_literal(data_dir: Path, tmp_path: Path) -> None:
    answers = dict(CURRENT)
    value, _, _ = answers["duties.office"]
    answers["duties.office"] = (value, HOSTILE_NOTE, ["[e](file:///etc/shadow) | x"])
    source = write_assessment(
        tmp_path / "hostile.cisec.json",
        answers,
        THIS_YEAR,
        organisation="# Not a heading\n- not a list <img src=x>",
    )
    text = write(CliRunner(), source, tmp_path / "r.md", "--lang", "en")
    tokens = parse(text)
    inline = children(tokens)
    assert not [t for t in inline if t.type in ("link_open", "image", "code_inline")]
    assert {t.content for t in inline if t.type == "html_inline"} == {"<br>"}
    assert not [t for t in tokens if t.type == "html_block"]
    assert headings(tokens, 1) == ["Cybersecurity gap report"]
    rows = table_rows(tokens)
    assert max(len(row) for row in rows) <= 6
    office = next(row for row in rows if "broken" in " ".join(row))
    assert len(office) == 6
    shown = "".join(t.content for t in inline if t.type == "text")
    assert "| broken | cell |" in shown and "[click](file:///etc/passwd)" in shown
    assert "<script>alert(1)</script>" in shown and "**bold**" in shown
    assert "\x00" not in text and "\x07" not in text
    assert "# Not a heading" in shown


def test_escape_keeps_every_markup_character_literal() -> None:
    rendered = MarkdownIt("commonmark").render(escape("*a* _b_ [c](d) <e> `f` | \\ ~ & !"))
    assert rendered == "<p>*a* _b_ [c](d) &lt;e&gt; `f` | \\ ~ &amp; !</p>\n"


class _Scan:
    """A publication that is not the gap report."""

    def meta(self) -> DocumentMeta:
        return DocumentMeta("Scan", "cisec", "Scan", (), "en")

    def html(self) -> str:
        return "<p>scan</p>"

    def text(self, document_format: str) -> str:
        return ""


@pytest.mark.parametrize("document_format", ["md"])
def test_only_the_gap_report_is_written_as_markdown_or_word(
    tmp_path: Path, document_format: str
) -> None:
    out = tmp_path / f"scan.{document_format}"
    with pytest.raises(CisecError, match="Only the gap report"):
        publish(_Scan(), out, document_format)
    assert not list(tmp_path.iterdir())


def test_format_markdown_names_the_format_of_any_file_name(
    assessment_files: Files, tmp_path: Path
) -> None:
    text = write(
        CliRunner(), assessment_files.current, tmp_path / "report.txt", "--format", "markdown"
    )
    assert text.startswith("**Confidential")
    assert headings(parse(text), 1) == ["Cybersecurity gap report"]


def test_the_plan_fills_owner_and_due_date(data_dir: Path, tmp_path: Path) -> None:
    import datetime as dt

    from cisec import services
    from cisec.services.plan import set_plan_item

    source = write_assessment(tmp_path / "planned.cisec.json", CURRENT, THIS_YEAR)
    session = services.open_session(source)
    set_plan_item(
        session,
        "duties.report",
        owner="Ops | [team]",
        due=dt.date(2027, 3, 31),
        status="in-progress",
    )
    tokens = parse(write(CliRunner(), source, tmp_path / "planned.md", "--lang", "en"))
    rows = table_rows(tokens)
    planned = next(row for row in rows if len(row) == 6 and "duties.report" in row[1])
    assert planned[4] == "Ops | \\[team\\]"  # the escaped pipe stayed in its cell
    assert planned[5] == "2027-03-31<br>In progress"
    assert "Remediation plan" in headings(tokens, 3)
