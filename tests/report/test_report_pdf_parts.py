"""A report laid out on two cores reads, looks and navigates exactly like one laid out in one piece."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import tinycss2
from report_fixtures import GOLDEN_PDF_META as META
from report_fixtures import GOLDEN_REPORTS as GOLDEN

from cisec.report import pdf, pdf_parts


def _render(
    html: str, target: Path, *, two_cores: bool, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Write `html` to `target`; what happened: "parts", "abandoned: …" or "one piece"."""
    happened: list[str] = []
    original = pdf_parts.write_in_parts

    def watched(*arguments: Any, **keywords: Any) -> int:
        try:
            pages = original(*arguments, **keywords)
        except pdf_parts.PartsAbandoned as reason:
            happened.append(f"abandoned: {reason}")
            raise
        happened.append("parts")
        return pages

    monkeypatch.setattr(pdf_parts, "MIN_SPLIT_CHARACTERS", 0)
    monkeypatch.setattr(pdf, "can_use_two_cores", lambda: two_cores)
    monkeypatch.setattr(pdf, "write_in_parts", watched)
    pdf.write_pdf(html, target, **META)
    return happened or ["one piece"]


def _page_images(path: Path, folder: Path) -> list[bytes]:
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(path), str(folder / "p")], check=True)
    return [image.read_bytes() for image in sorted(folder.iterdir())]


def _page_texts(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    )
    return out.stdout.split("\f")


def _navigation(path: Path) -> dict[str, Any]:
    """Bookmarks, links, named destinations and the tag tree's page bookkeeping."""
    document = pikepdf.open(path)

    def page_of(reference: Any) -> int:
        return int(document.pages.index(pikepdf.Page(reference)))

    with document.open_outline() as outline:

        def walk(items: Any, depth: int) -> list[tuple[int, str, int]]:
            found = []
            for item in items:
                found.append((depth, str(item.title), page_of(item.destination[0])))
                found += walk(item.children, depth + 1)
            return found

        bookmarks = walk(outline.root, 0)
    names = list(document.Root.Names.Dests.Names)
    destinations = {str(n): page_of(d[0]) for n, d in zip(names[::2], names[1::2], strict=True)}
    links = [
        (index, str(annotation.Dest), destinations[str(annotation.Dest)])
        for index, page in enumerate(document.pages)
        for annotation in page.obj.get("/Annots", [])
        if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation
    ]
    tree = document.Root.StructTreeRoot
    keys = [int(key) for key in list(tree.ParentTree.Nums)[::2]]
    element = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
    return {
        "bookmarks": bookmarks,
        "destinations": destinations,
        "links": links,
        "keys unique": len(keys) == len(set(keys)),
        "every page in the parent tree": all(
            int(page.obj.StructParents) in keys for page in document.pages
        ),
        "tagged elements by page": [page_of(kid.Pg) for kid in element.K],
        "language": str(document.Root.Lang),
        "font files": len(
            {
                font.DescendantFonts[0].FontDescriptor.FontFile3.objgen
                for page in document.pages
                for font in page.obj.Resources.Font.values()
            }
        ),
    }


@pytest.mark.parametrize("fixture", ["fixture-full-both", "fixture-board-zh-Hant"])
def test_two_cores_give_the_same_pdf_as_one_piece(
    fixture: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = (GOLDEN / f"{fixture}.html").read_text("utf-8")
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    assert _render(html, one, two_cores=False, monkeypatch=monkeypatch) == ["one piece"]
    assert _render(html, two, two_cores=True, monkeypatch=monkeypatch) == ["parts"]
    # Page numbers, "page N of M", running headers and the contents' numbers, pixel for pixel.
    assert _page_images(two, tmp_path / "two") == _page_images(one, tmp_path / "one")
    assert _page_texts(two) == _page_texts(one)
    navigation = _navigation(two)
    assert navigation == _navigation(one)
    assert navigation["keys unique"] and navigation["every page in the parent tree"]
    tagged = navigation["tagged elements by page"]
    assert tagged == sorted(tagged)  # the tag tree reads in page order
    assert navigation["font files"] == 2  # regular and bold, each embedded once
    assert {link[1] for link in navigation["links"]} >= {"summary", "method"}
    with pikepdf.open(two) as joined:
        assert str(joined.docinfo["/Title"]) == "Gap report"


def test_a_cover_longer_than_a_page_is_laid_out_in_one_piece(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = (GOLDEN / "fixture-full-en.html").read_text("utf-8")
    long_cover = "".join(f"<p>Cover line {n}</p>" for n in range(120))
    html = html.replace('<nav class="contents">', long_cover + '<nav class="contents">', 1)
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    _render(html, one, two_cores=False, monkeypatch=monkeypatch)
    happened = _render(html, two, two_cores=True, monkeypatch=monkeypatch)
    assert len(happened) == 1 and "the cover is 5 pages, not 1" in happened[0]
    assert _page_texts(two) == _page_texts(one)


def test_a_failing_second_process_leaves_the_report_to_one_piece(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = (GOLDEN / "fixture-board-en.html").read_text("utf-8")

    def broken(*_arguments: Any) -> None:
        raise MemoryError("out of memory")

    # Only the forked process lays out the second run; it fails there and says why.
    monkeypatch.setattr(pdf_parts, "_second_process_work", broken)
    target = tmp_path / "r.pdf"
    happened = _render(html, target, two_cores=True, monkeypatch=monkeypatch)
    assert happened == ["abandoned: MemoryError: out of memory"]
    assert _page_texts(target)[0].strip()


def test_only_a_report_with_a_cover_and_sections_is_split() -> None:
    scan_like = "<html><head><style></style></head><body><h1>Scan</h1><p>x</p></body></html>"
    assert pdf_parts.split_report(scan_like) is None
    board = (GOLDEN / "fixture-board-both.html").read_text("utf-8")
    assert pdf_parts.split_report(board) is None  # too short to be worth a second process


def test_a_running_thread_keeps_the_report_in_one_process() -> None:
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert pdf_parts.can_use_two_cores() is False
    finally:
        release.set()
        worker.join()


@pytest.mark.parametrize(
    "text", ['Org "A" \\ B', "a; } @import url(x); {", "Line\nbreak", "機密：董事會"]
)
def test_cover_words_stay_one_css_string(text: str) -> None:
    tokens = tinycss2.parse_component_value_list(pdf_parts.css_string(text))
    assert [(t.type, t.value) for t in tokens] == [("string", text)]


def test_links_to_another_part_get_a_stand_in_target() -> None:
    markup = '<a href="#here">x</a><p id="here"></p><a href="#there">y</a><a href="#there">z</a>'
    assert pdf_parts.with_stand_in_targets(markup) == (
        '<a href="#here">x</a><p id="here"></p><a href="#there" id="there">y</a>'
        '<a href="#there">z</a>'
    )


def test_each_shared_font_is_embedded_by_one_process_with_both_glyph_sets() -> None:
    first = {"REG": [1, 2], "BOLD": [5], "ONLY": [9]}
    second = {"REG": [2, 3, 4], "BOLD": [5, 6]}
    in_first = pdf_parts.font_plan(first, second, second=False)
    in_second = pdf_parts.font_plan(second, first, second=True)
    assert in_second == {"REG": [1, 2, 3, 4], "BOLD": None}
    assert in_first == {"REG": None, "BOLD": [5, 6], "ONLY": [9]}


def test_the_engine_import_restores_the_library_lookup() -> None:
    script = (
        "import ctypes.util; before = ctypes.util.find_library\n"
        "from cisec.report.engine import import_weasyprint, library_in, linker_cache\n"
        "weasyprint = import_weasyprint()\n"
        "assert ctypes.util.find_library is before\n"
        "assert weasyprint.HTML(string='<p>x</p>').write_pdf()[:5] == b'%PDF-'\n"
        "cache = linker_cache()\n"
        "lookup = getattr(ctypes.util, '_findSoname_ldconfig', None)\n"
        "for name in ('pango-1.0', 'harfbuzz', 'libgobject-2.0-0', 'no-such-lib'):\n"
        "    assert lookup is None or library_in(cache, name) == lookup(name), name\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_no_room_for_a_second_process_leaves_the_report_to_one_piece(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork() -> int:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(pdf_parts.os, "fork", no_fork)
    target = tmp_path / "r.pdf"
    html = (GOLDEN / "fixture-board-en.html").read_text("utf-8")
    happened = _render(html, target, two_cores=True, monkeypatch=monkeypatch)
    assert happened == ["abandoned: no second process: Cannot allocate memory"]
    assert "Gaps by priority" in "".join(_page_texts(target))
