"""One way out for every document: the format from the name, the language, the folder, the writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from cisec.errors import CisecError
from cisec.report.publish import (
    WRITERS,
    DocumentMeta,
    check_destination,
    document_language,
    format_for,
    publish,
)


class Page:
    """A publication whose HTML can be made to fail half-way."""

    def __init__(self, body: str, *, fail: bool = False) -> None:
        self.body = body
        self.fail = fail

    def meta(self) -> DocumentMeta:
        return DocumentMeta("Title", "cisec", "Subject", ("cisec",), "en")

    def html(self) -> str:
        if self.fail:
            raise CisecError("The template broke.")
        return f"<!doctype html><html lang='en'><title>t</title><p>{self.body}</p></html>"

    def text(self, document_format: str) -> str:
        return f"{document_format}:{self.body}"


@pytest.mark.parametrize(
    ("name", "allowed", "expected"),
    [
        ("r.PDF", ("pdf", "html"), "pdf"),
        ("r.htm", ("pdf", "html"), "html"),
        ("gaps.csv", ("pdf", "html", "json", "csv"), "csv"),
    ],
)
def test_the_extension_names_the_format(name: str, allowed: tuple[str, ...], expected: str) -> None:
    assert format_for(Path(name), allowed) == expected


def test_a_format_not_offered_is_refused_with_the_choices_in_both_languages() -> None:
    with pytest.raises(CisecError) as caught:
        format_for(Path("results.csv"), ("pdf", "html", "json"), format_option="--format")
    assert caught.value.message == "Cannot tell the report format from 'results.csv'."
    assert caught.value.next_step == "Name the file .pdf, .html or .json, or give --format."
    assert (
        caught.value.text("zh-Hant")[1] == "請把檔案命名為 .pdf、.html、.json，或以 --format 指定。"
    )


def test_only_the_three_document_languages_are_accepted() -> None:
    assert [document_language(x) for x in ("en", "zh-Hant", "both")] == ["en", "zh-Hant", "both"]
    with pytest.raises(CisecError, match="Unknown language 'fr'"):
        document_language("fr")


def test_a_destination_must_be_in_a_folder_and_never_an_input(tmp_path: Path) -> None:
    source = tmp_path / "a.cisec.json"
    source.write_text("{}", encoding="utf-8")
    with pytest.raises(CisecError, match="is not a folder"):
        check_destination(tmp_path / "missing" / "r.pdf")
    with pytest.raises(CisecError, match="would overwrite the input file"):
        check_destination(tmp_path / "." / "a.cisec.json", sources=[source])
    check_destination(tmp_path / "made" / "r.pdf", create_folder=True)
    assert (tmp_path / "made").is_dir()


def test_a_failed_render_leaves_the_old_document_and_no_half_file(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    publish(Page("first"), out, "html")
    with pytest.raises(CisecError):
        publish(Page("second", fail=True), out, "html")
    assert "first" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


def test_text_formats_are_written_as_the_publication_gives_them(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    assert publish(Page("a\r\nb"), out, "csv") is None
    assert out.read_bytes() == b"csv:a\r\nb"


def test_a_pdf_returns_its_page_count(tmp_path: Path) -> None:
    assert set(WRITERS) >= {"pdf", "html", "json", "csv"}
    assert publish(Page("one page"), tmp_path / "r.pdf", "pdf") == 1
