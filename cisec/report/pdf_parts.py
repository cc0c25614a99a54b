"""Lays a long report out on two cores: the first sections here, the last sections in a second
process, the cover last, and the three PDFs joined into one.

WeasyPrint lays a document out on one core, and a report's cost follows its number of boxes.
Every section of the gap report begins on a new page (report.css), so where a section's
pages break depends only on the section itself: two processes can lay out two runs of sections
at once. What ties the parts together is handled so the joined PDF reads as one rendered in
one piece (the tests compare both, page by page):

- page numbers and "page N of M": once a part's pages are laid out, and before WeasyPrint
  makes the margin boxes, the two processes tell each other their page counts
  (`_agreed_page_numbers`);
- the running headers, which the cover sets (`string-set`): written into the parts' margin
  boxes as the cover's words;
- the contents' page numbers: the cover is laid out last, with the numbers written in, and
  its links get a stand-in target so WeasyPrint keeps them;
- links, bookmarks, the tag tree (PDF/UA) and the metadata: `join_parts`.

Whenever a report cannot be split this way (one core, other threads running, as in the TUI,
a document without a cover and sections, a cover longer than one page, a second process
that fails), `write_in_parts` says so and the caller renders the report in one piece.
"""

from __future__ import annotations

import contextlib
import hashlib
import html.parser
import io
import json
import os
import re
import select
import signal
import struct
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

# report.css: the cover is one page (checked on every split report).
COVER_PAGES = 1
COVER_START = '<section class="cover">'
# The template writes each top-level section at the start of a line; nested ones are indented.
SECTION_START = "\n<section "
# Below this many characters of sections, a second process and the join cost more than they
# save (measured with bench/bench_report.py).
MIN_SPLIT_CHARACTERS = 40_000
# The second process's share of the sections, by characters: the first process also lays out
# the cover and joins the parts.
SECOND_SHARE = 0.5
# How long one process waits for the other's page count or PDF before rendering in one piece.
WAIT_SECONDS = 300.0

_IDS = re.compile(r'\sid="([^"]+)"')
_LINK = re.compile(r'<a href="#([^"]+)"([^>]*)>')


class PartsAbandoned(Exception):
    """The report cannot be laid out in parts after all; render it in one piece."""


@dataclass(frozen=True)
class ReportParts:
    """The report's HTML cut at its top-level sections."""

    head: str
    cover: str
    sections: tuple[str, ...]
    tail: str

    def document(self, body: Sequence[str], extra_css: str = "") -> str:
        head = self.head
        if extra_css:
            head = head.replace("</head>", f"<style>\n{extra_css}</style>\n</head>", 1)
        return head + "".join(body) + self.tail


def split_report(html_text: str) -> ReportParts | None:
    """The report cut into cover and sections, or None when it is not a long report."""
    cover_at = html_text.find(COVER_START)
    body_end = html_text.rfind("</body>")
    if cover_at < 0 or body_end < cover_at or "</head>" not in html_text[:cover_at]:
        return None
    cover, *rest = html_text[cover_at:body_end].split(SECTION_START)
    sections = tuple("\n<section " + piece for piece in rest)
    if len(sections) < 2 or sum(map(len, sections)) < MIN_SPLIT_CHARACTERS:
        return None
    if not all(piece.rstrip().endswith("</section>") for piece in (cover, *sections)):
        return None
    return ReportParts(html_text[:cover_at], cover, sections, html_text[body_end:])


def split_point(sections: Sequence[str]) -> int:
    """Where the second process's sections begin: about SECOND_SHARE of the characters."""
    total = sum(map(len, sections))
    done = 0
    for index, section in enumerate(sections):
        if done + len(section) / 2 >= total * (1 - SECOND_SHARE):
            return max(1, index)
        done += len(section)
    return len(sections) - 1


def ids_in(markup: str) -> set[str]:
    return set(_IDS.findall(markup))


def with_stand_in_targets(markup: str, present: set[str] | None = None) -> str:
    """Give each link to a target not `present` (default: not in `markup`) that target's id,
    on the link itself.

    WeasyPrint drops a link whose target is not in the PDF it writes; with the stand-in it
    keeps the link, and `join_parts` points the name at the real target in the other part.
    """
    present = set(ids_in(markup) if present is None else present)

    def stand_in(match: re.Match[str]) -> str:
        target, rest = match.group(1), match.group(2)
        if target in present or " id=" in rest:
            return match.group(0)
        present.add(target)
        return f'<a href="#{target}" id="{target}"{rest}>'

    return _LINK.sub(stand_in, markup)


def css_string(text: str) -> str:
    """`text` as a CSS string that no character of it can end early."""
    # A hex escape ends at the space after it, which the escape consumes.
    return '"' + "".join(c if c.isalnum() else f"\\{ord(c):x} " for c in text) + '"'


class _RunningStrings(html.parser.HTMLParser):
    """Collects the words the cover sets for the running headers (report.css `string-set`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._open: list[tuple[str, set[str]]] = []
        self.texts: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        self._open.append((tag, classes))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for name in self._names():
            self.texts.setdefault(name, []).append(data)

    def _names(self) -> Iterator[str]:
        classes = [c for _, c in self._open]
        tags = [t for t, _ in self._open]
        inner = classes[-1] if classes else set()
        if any("organisation" in c for c in classes):
            yield "organisation"
        for name, holder in (("marking", "marking"), ("report-title", None)):
            held = any(holder in c for c in classes) if holder else "h1" in tags
            if held and "p" in inner:
                yield name
            if held and "s" in inner:
                yield f"{name}-translation"

    def value(self, name: str) -> str:
        text = " ".join("".join(self.texts.get(name, [])).split())
        return f" · {text}" if text and name.endswith("-translation") else text


def margin_css(cover: str) -> str:
    """The running headers as the cover's words, for a part that has no cover of its own."""
    strings = _RunningStrings()
    strings.feed(cover)
    strings.close()

    def literal(*names: str) -> str:
        return " ".join(css_string(strings.value(name)) for name in names)

    boxes = (
        f"@top-left {{ content: {literal('organisation')}; }}\n"
        f"  @top-right {{ content: {literal('marking', 'marking-translation')}; }}\n"
        f"  @bottom-left {{ content: {literal('report-title', 'report-title-translation')}; }}\n"
    )
    return f"@page {{\n  {boxes}}}\n@page :first {{\n  {boxes}}}\n"


def contents_css(pages: dict[str, int]) -> str:
    """The contents' page numbers written in, for a cover laid out apart from its sections."""
    return "".join(
        f'.contents a[href={css_string("#" + target)}]::after '
        f'{{ content: leader(".") "{page}"; }}\n'
        for target, page in sorted(pages.items())
    )


PageNumbers = tuple[int, int]
# What a part knows once its pages are laid out: how many, and the page index of each anchor.
LaidOut = tuple[int, dict[str, int]]


@contextlib.contextmanager
def _agreed_page_numbers(agree: Callable[[LaidOut], PageNumbers]) -> Iterator[None]:
    """Number this part's pages as pages of the whole report while WeasyPrint lays it out.

    `agree((pages, anchors))` is called once, when all of the part's pages are laid out and
    before the margin boxes are made; it gives the number of pages before the part, and the
    report's total. The counters are changed only in the copy each margin box sees.
    """
    from weasyprint import layout

    original = layout.make_margin_boxes
    agreed: list[PageNumbers] = []

    def make_margin_boxes(context: Any, page: Any, state: Any) -> Any:
        if not agreed:
            agreed.append(agree(_laid_out(context)))
        before, total = agreed[0]
        quote_depth, counter_values, counter_scopes, page_groups = state
        numbers = dict(counter_values)
        *outer, number = numbers.get("page", [0])
        numbers["page"] = [*outer, number + before]
        numbers["pages"] = [total]
        return original(context, page, (quote_depth, numbers, counter_scopes, page_groups))

    layout.make_margin_boxes = make_margin_boxes
    try:
        yield
    finally:
        layout.make_margin_boxes = original


def _laid_out(context: Any) -> LaidOut:
    """The page count and anchor pages of a document whose pages WeasyPrint has laid out.

    WeasyPrint's page maker keeps one entry per page plus the state after the last one; each
    entry's remake state lists the anchors that first appear on that page.
    """
    try:
        entries = context.page_maker[:-1]
        anchors = {
            str(name): index for index, entry in enumerate(entries) for name in entry[-1]["anchors"]
        }
    except (AttributeError, IndexError, KeyError, TypeError) as error:
        raise PartsAbandoned(f"WeasyPrint keeps its pages differently: {error}") from None
    return len(entries), anchors


Glyphs = dict[str, list[int]]


@contextlib.contextmanager
def _font_subsets(choose: Callable[[Glyphs], Glyphs]) -> Iterator[None]:
    """Embed in this part's fonts the glyphs `choose` names, not only those the part draws.

    Each part's PDF embeds a subset of the report font. With RETAIN_GIDS, WeasyPrint keeps
    every glyph id below the highest one used, so even a one-page subset of a CJK font is over
    100 KB. Given the same glyphs, every part embeds the same bytes for a font, and the joined
    PDF keeps one copy. `choose(glyphs)` is called once, when the part's pages are drawn and
    before its fonts are subset, with the glyph ids the part uses per font; it gives the glyph
    ids to embed.
    """
    from weasyprint import pdf

    original = pdf.build_fonts_dictionary

    def build_fonts_dictionary(document: Any, fonts: Any, *arguments: Any) -> Any:
        drawn: dict[str, set[int]] = {}
        for font in fonts.values():
            drawn.setdefault(font.hash, set()).update(font.to_unicode)
        chosen = choose({name: sorted(glyphs) for name, glyphs in drawn.items()})
        for font in fonts.values():
            if chosen.get(font.hash):
                font.clean = _with_glyphs(font.clean, chosen[font.hash])
        return original(document, fonts, *arguments)

    pdf.build_fonts_dictionary = build_fonts_dictionary
    try:
        yield
    finally:
        pdf.build_fonts_dictionary = original


def _with_glyphs(clean: Callable[[dict[int, str], Any], None], glyphs: list[int]) -> Callable[..., None]:
    def clean_keeping(to_unicode: dict[int, str], hinting: Any) -> None:
        clean({**dict.fromkeys(glyphs, ""), **to_unicode}, hinting)

    return clean_keeping


def _glyph_union(*sets: Glyphs) -> Glyphs:
    union: dict[str, set[int]] = {}
    for glyphs in sets:
        for name, ids in glyphs.items():
            union.setdefault(name, set()).update(ids)
    return {name: sorted(ids) for name, ids in union.items()}


class _Channel:
    """Framed messages between the two processes over a pair of pipes."""

    _HEADER = struct.Struct(">cQ")

    def __init__(self, reading: int, writing: int) -> None:
        self.reading, self.writing = reading, writing

    def send(self, kind: bytes, payload: bytes) -> None:
        data = memoryview(self._HEADER.pack(kind, len(payload)) + payload)
        while data:
            data = data[os.write(self.writing, data) :]

    def send_json(self, kind: bytes, value: object) -> None:
        self.send(kind, json.dumps(value).encode())

    def receive(self, kind: bytes) -> bytes:
        got, length = self._HEADER.unpack(self._read(self._HEADER.size))
        payload = self._read(length)
        if got != kind:
            raise PartsAbandoned(payload.decode(errors="replace")[:300] or f"got {got!r}")
        return payload

    def receive_json(self, kind: bytes) -> Any:
        return json.loads(self.receive(kind))

    def _read(self, size: int) -> bytes:
        chunks: list[bytes] = []
        while size:
            ready, _, _ = select.select([self.reading], [], [], WAIT_SECONDS)
            if not ready:
                raise PartsAbandoned("the other process did not answer")
            chunk = os.read(self.reading, min(size, 1 << 20))
            if not chunk:
                raise PartsAbandoned("the other process ended")
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)


def can_use_two_cores() -> bool:
    """True when a second process can lay out half the report at the same time.

    Only a single-threaded process forks: a thread holding a lock at the fork (the TUI's
    workers) would leave the copy stuck.
    """
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return cores >= 2


Render = Callable[[str], Any]
Write = Callable[[Any], bytes]


@dataclass(frozen=True)
class _Plan:
    """What each process lays out: the first sections here; the cover and the rest there."""

    parts: ReportParts
    first: str
    second: str
    cover: str
    first_ids: set[str]
    second_ids: set[str]


def _plan(parts: ReportParts) -> _Plan:
    cut = split_point(parts.sections)
    first, second = "".join(parts.sections[:cut]), "".join(parts.sections[cut:])
    running = margin_css(parts.cover)
    # The cover and the last sections are written as one PDF: their links reach each other.
    second_ids = ids_in(second) | ids_in(parts.cover)
    return _Plan(
        parts,
        first=parts.document([with_stand_in_targets(first)], running),
        second=parts.document([with_stand_in_targets(second, second_ids)], running),
        cover=with_stand_in_targets(parts.cover, second_ids),
        first_ids=ids_in(first),
        second_ids=second_ids,
    )


def write_in_parts(
    parts: ReportParts,
    target: Path | BinaryIO,
    render: Render,
    write: Write,
    describe: Callable[[Any], None],
) -> int:
    """Lay `parts` out on two cores and write the joined PDF to `target`; its page count.

    `render(html)` lays a document out; `write(document)` gives its PDF; `describe` sets the
    document's metadata. Raises PartsAbandoned, with nothing written to `target`, when the
    report has to be rendered in one piece.
    """
    plan = _plan(parts)
    to_second, from_first = os.pipe()
    to_first, from_second = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the second process; the first checks all it sends
        os.close(from_first)
        os.close(to_first)
        _second_process(_Channel(to_second, from_second), plan, render, write)
    os.close(to_second)
    os.close(from_second)
    try:
        return _first_process(_Channel(to_first, from_first), plan, render, write, describe, target)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        os.close(to_first)
        os.close(from_first)


def _second_process(channel: _Channel, plan: _Plan, render: Render, write: Write) -> None:
    """Lay out the last sections, then the cover with every page number, and send their PDF."""
    code = 1
    try:
        agreed: dict[str, Any] = {}

        def agree(laid_out: LaidOut) -> PageNumbers:
            channel.send_json(b"n", laid_out)
            before, total, first_anchors = channel.receive_json(b"n")
            numbers = {name: COVER_PAGES + index + 1 for name, index in first_anchors.items()}
            numbers.update((name, before + index + 1) for name, index in laid_out[1].items())
            agreed.update(total=total, numbers=numbers)
            return int(before), int(total)

        def share(glyphs: Glyphs) -> Glyphs:
            channel.send_json(b"g", glyphs)
            return _glyph_union(glyphs, channel.receive_json(b"g"))

        with _agreed_page_numbers(agree):
            sections = render(plan.second)
        cover_html = plan.parts.document([plan.cover], contents_css(agreed["numbers"]))
        with _agreed_page_numbers(lambda _laid_out: (0, int(agreed["total"]))):
            cover = render(cover_html)
        if len(cover.pages) != COVER_PAGES:
            raise PartsAbandoned(f"the cover is {len(cover.pages)} pages, not {COVER_PAGES}")
        with _font_subsets(share):
            pdf = write(cover.copy([*cover.pages, *sections.pages]))
        channel.send(b"p", pdf)
        code = 0
    except BaseException as error:  # noqa: BLE001 - every failure goes to the first process
        with contextlib.suppress(Exception):
            channel.send(b"e", f"{type(error).__name__}: {error}".encode())
    finally:
        os._exit(code)


def _first_process(
    channel: _Channel,
    plan: _Plan,
    render: Render,
    write: Write,
    describe: Callable[[Any], None],
    target: Path | BinaryIO,
) -> int:
    """Lay out and write the first sections, then join the other process's PDF around them."""
    totals: list[int] = []

    def agree(laid_out: LaidOut) -> PageNumbers:
        pages, anchors = laid_out
        second_pages, _ = channel.receive_json(b"n")
        total = COVER_PAGES + pages + int(second_pages)
        totals.append(total)
        channel.send_json(b"n", [COVER_PAGES + pages, total, anchors])
        return COVER_PAGES, total

    def share(glyphs: Glyphs) -> Glyphs:
        theirs = channel.receive_json(b"g")
        channel.send_json(b"g", glyphs)
        return _glyph_union(glyphs, theirs)

    with _agreed_page_numbers(agree):
        sections = render(plan.first)
    describe(sections)
    with _font_subsets(share):
        first_pdf = write(sections)
    del sections
    second_pdf = channel.receive(b"p")
    join_parts(first_pdf, plan.first_ids, second_pdf, plan.second_ids, target)
    return totals[0]


def join_parts(
    first: bytes, first_ids: set[str], second: bytes, second_ids: set[str], target: Path | BinaryIO
) -> None:
    """Join the two processes' PDFs into the report at `target`.

    `second` holds the cover (its first page) and the last sections. The report is the cover,
    then `first`, then the rest of `second`. The first part's catalog is kept (metadata,
    language, PDF/UA identification); the other's pages, tags, named destinations and
    bookmarks are added to it. `*_ids` are the anchors each part owns; a link's stand-in
    target in the other part is dropped.
    """
    import pikepdf

    joined = pikepdf.open(io.BytesIO(first))
    source = pikepdf.open(io.BytesIO(second))
    first_pages = len(joined.pages)
    cover, *rest = source.pages
    joined.pages.insert(0, cover)
    joined.pages.extend(rest)
    _join_tags(joined, source, [joined.pages[0], *joined.pages[first_pages + 1 :]])
    destinations = _owned_destinations(joined, joined, first_ids)
    destinations.update(_owned_destinations(joined, source, second_ids))
    names = pikepdf.Array()
    for name in sorted(destinations, key=lambda n: n.encode()):
        names.append(pikepdf.String(name))
        names.append(destinations[name])
    joined.Root.Names = pikepdf.Dictionary(Dests=pikepdf.Dictionary(Names=names))
    with joined.open_outline() as outline, source.open_outline() as source_outline:
        on_cover, after = [], []
        for item in source_outline.root:
            index = _page_index(source, item)
            (on_cover if index == 0 else after).append(
                _bookmark(source, item, 0 if index == 0 else first_pages)
            )
        outline.root[:0] = on_cover
        outline.root.extend(after)
    _share_font_files(joined)
    joined.save(target, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def _join_tags(joined: Any, source: Any, copied_pages: Sequence[Any]) -> None:
    """Add `source`'s tag tree to `joined`'s: the cover's elements first, the rest last.

    `copied_pages` are `source`'s pages as they are in `joined`, the cover first.
    """
    cover = source.pages[0]
    tree = joined.Root.StructTreeRoot
    document_element = _document_element(tree)
    parent_tree = tree.ParentTree.Nums
    next_key = _next_key(parent_tree)
    source_tree = source.Root.StructTreeRoot
    on_cover, after = [], []
    for kid in _document_element(source_tree).K:
        if "/Pg" not in kid:
            raise PartsAbandoned("a tagged element without its page")
        copied = joined.copy_foreign(kid)
        copied.P = document_element
        (on_cover if kid.Pg.objgen == cover.obj.objgen else after).append(copied)
    kids = list(document_element.K)
    document_element.K = _array([*on_cover, *kids, *after])
    entries = list(source_tree.ParentTree.Nums)
    for key, value in zip(entries[::2], entries[1::2], strict=True):
        parent_tree.append(next_key + int(key))
        parent_tree.append(_copied(joined, value))
    for page in copied_pages:
        page.obj.StructParents = next_key + int(page.obj.StructParents)
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = next_key + int(annotation.StructParent)


def _array(items: Sequence[Any]) -> Any:
    import pikepdf

    return pikepdf.Array(items)


def _document_element(tree: Any) -> Any:
    import pikepdf

    kids = tree.K
    return kids[0] if isinstance(kids, pikepdf.Array) else kids


def _next_key(nums: Any) -> int:
    keys = [int(key) for key in list(nums)[::2]]
    return max(keys, default=-1) + 1


def _copied(joined: Any, value: Any) -> Any:
    import pikepdf

    if isinstance(value, pikepdf.Array) and not value.is_indirect:
        return pikepdf.Array(
            joined.copy_foreign(item) if item.is_indirect else item for item in value
        )
    return joined.copy_foreign(value) if value.is_indirect else value


def _owned_destinations(joined: Any, source: Any, owned: set[str]) -> dict[str, Any]:
    import pikepdf

    names = source.Root.get("/Names", {}).get("/Dests", {}).get("/Names", [])
    entries = list(names)
    found: dict[str, Any] = {}
    for name, destination in zip(entries[::2], entries[1::2], strict=True):
        if str(name) not in owned:
            continue
        if source is joined:
            found[str(name)] = destination
        else:
            page, *rest = list(destination)
            found[str(name)] = pikepdf.Array([joined.copy_foreign(page), *rest])
    return found


def _page_index(source: Any, item: Any) -> int:
    import pikepdf

    page = list(item.destination)[0]
    return int(source.pages.index(pikepdf.Page(page)))


def _bookmark(source: Any, item: Any, first_page: int) -> Any:
    import pikepdf

    _, _, left, top, *_ = list(item.destination)
    copied = pikepdf.OutlineItem(
        str(item.title), first_page + _page_index(source, item), "XYZ",
        left=float(left), top=float(top),
    )
    copied.is_closed = item.is_closed
    copied.children.extend(_bookmark(source, child, first_page) for child in item.children)
    return copied


def _share_font_files(joined: Any) -> None:
    """Point every font descriptor at one copy of each distinct embedded font file."""
    first_of: dict[bytes, Any] = {}
    for page in joined.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get("/FontDescriptor")
                if descriptor is None:
                    continue
                for key in ("/FontFile3", "/FontFile2", "/FontFile"):
                    if key in descriptor:
                        stream = descriptor[key]
                        digest = hashlib.sha256(stream.read_raw_bytes()).digest()
                        descriptor[key] = first_of.setdefault(digest, stream)
