"""Lays a long report out on two cores: a run of sections in each of two processes, the cover
with the lighter run, and the two PDFs joined into one.

WeasyPrint lays a document out on one core, and a report's cost follows its number of boxes.
Every section of the gap report begins on a new page (report.css), so where a section's
pages break depends only on the section itself: two processes can lay out two runs of sections
at once. What ties the parts together is handled so the joined PDF reads as one rendered in
one piece (the tests compare both, pixel for pixel):

- page numbers and "page N of M": once a run's pages are laid out, and before WeasyPrint
  makes the margin boxes, the two processes tell each other their page counts and anchors
  (`_agreed_page_numbers`);
- the contents' page numbers: the cover is laid out after that, with the numbers written in;
  its links get a stand-in target so WeasyPrint keeps them (`with_stand_in_targets`);
- the running headers, which the cover sets (`string-set`): written into the other run's
  margin boxes as the cover's words (`margin_css`);
- the fonts: before they are subset, the processes tell each other the glyphs they draw, and
  each font is embedded once, by one of them, with the glyphs of both (`_font_subsets`);
- pages, links, bookmarks, the tag tree (PDF/UA) and the metadata: `join_parts`.

Whenever a report cannot be split this way (one core, other threads running, as in the TUI,
a document without a cover and sections, a cover longer than one page, a second process
that fails), `write_in_parts` raises PartsAbandoned and the caller renders the report in one
piece.
"""

from __future__ import annotations

import contextlib
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

# report.css: the cover is one page (checked on every split report).
COVER_PAGES = 1
COVER_START = '<section class="cover">'
# The template writes each top-level section at the start of a line; nested ones are indented.
SECTION_START = "\n<section "
# Below this many characters of sections a report renders in well under a second, and the fork
# and the join (some 0.05 s) would eat much of what a second core saves.
MIN_SPLIT_CHARACTERS = 40_000
# The second process's share of the sections, by characters; the runs are whole sections, so
# the cut falls at the section boundary nearest to it.
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
        f".contents a[href={css_string('#' + target)}]::after "
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
# What a part's PDF carries in place of a font the other part's PDF embeds: enough for
# WeasyPrint to describe an OpenType font; `join_parts` puts the real one in its place.
FONT_STAND_IN = b"OTTO\0\0\0\0cisec: this font is embedded by the other part"


@contextlib.contextmanager
def _font_subsets(choose: Callable[[Glyphs], dict[str, list[int] | None]]) -> Iterator[None]:
    """Embed each font in one part only, holding the glyphs both parts draw.

    Each part's PDF embeds a subset of the report font. With RETAIN_GIDS, WeasyPrint keeps
    every glyph id below the highest one used, so even a one-page subset of a CJK font is over
    100 KB, and subsetting a font costs each part tens of milliseconds. `choose(glyphs)` is
    called once, when the part's pages are drawn and before its fonts are subset, with the
    glyph ids the part draws per font; for each font it gives the glyph ids to embed, or None
    when the other part embeds it.
    """
    from weasyprint import pdf

    original = pdf.build_fonts_dictionary

    def build_fonts_dictionary(document: Any, fonts: Any, *arguments: Any) -> Any:
        drawn: dict[str, set[int]] = {}
        for font in fonts.values():
            drawn.setdefault(font.hash, set()).update(font.to_unicode)
        chosen = choose({name: sorted(glyphs) for name, glyphs in drawn.items()})
        for font in fonts.values():
            glyphs = chosen.get(font.hash)
            font.clean = _stand_in(font) if glyphs is None else _with_glyphs(font.clean, glyphs)
        return original(document, fonts, *arguments)

    pdf.build_fonts_dictionary = build_fonts_dictionary
    try:
        yield
    finally:
        pdf.build_fonts_dictionary = original


def _with_glyphs(
    clean: Callable[[dict[int, str], Any], None], glyphs: list[int]
) -> Callable[..., None]:
    def clean_keeping(to_unicode: dict[int, str], hinting: Any) -> None:
        clean({**dict.fromkeys(glyphs, ""), **to_unicode}, hinting)

    return clean_keeping


def _stand_in(font: Any) -> Callable[..., None]:
    def clean_away(_to_unicode: dict[int, str], _hinting: Any) -> None:
        font.file_content = FONT_STAND_IN

    return clean_away


def font_plan(mine: Glyphs, theirs: Glyphs, *, second: bool) -> dict[str, list[int] | None]:
    """Which of this part's fonts it embeds, with which glyphs (None: the other part's).

    A font both parts draw is embedded once with the glyphs of both: the largest by the
    second process, the next by the first, and so on (the first process also joins the parts).
    Both processes reach the same plan from the same two glyph sets.
    """
    shared = sorted(
        (name for name in mine if name in theirs),
        key=lambda name: (-len(set(mine[name]) | set(theirs[name])), name),
    )
    embedded_here = set(shared[0 if second else 1 :: 2])
    plan: dict[str, list[int] | None] = {}
    for name, glyphs in mine.items():
        if name not in theirs:
            plan[name] = glyphs
        elif name in embedded_here:
            plan[name] = sorted(set(glyphs) | set(theirs[name]))
        else:
            plan[name] = None
    return plan


class Channel:
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
        got, payload = self.receive_any()
        if got != kind:
            raise PartsAbandoned(payload.decode(errors="replace")[:300] or f"got {got!r}")
        return payload

    def receive_json(self, kind: bytes) -> Any:
        return json.loads(self.receive(kind))

    def receive_any(self, *, forever: bool = False) -> tuple[bytes, bytes]:
        """The next message's kind and payload, waiting WAIT_SECONDS at most unless `forever`."""
        wait = None if forever else WAIT_SECONDS
        got, length = self._HEADER.unpack(self._read(self._HEADER.size, wait))
        return got, self._read(length, wait)

    def _read(self, size: int, wait: float | None) -> bytes:
        chunks: list[bytes] = []
        while size:
            ready, _, _ = select.select([self.reading], [], [], wait)
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
    """What each process lays out: a run of sections each, and the cover with the lighter run."""

    parts: ReportParts
    first: str
    second: str
    first_ids: set[str]
    second_ids: set[str]
    cover_in_second: bool

    def cover_html(self, numbers: dict[str, int]) -> str:
        """The cover with the contents' page numbers written in."""
        present = self.second_ids if self.cover_in_second else self.first_ids
        cover = with_stand_in_targets(self.parts.cover, present)
        return self.parts.document([cover], contents_css(numbers))


def _plan(parts: ReportParts) -> _Plan:
    cut = split_point(parts.sections)
    first, second = "".join(parts.sections[:cut]), "".join(parts.sections[cut:])
    cover_in_second = len(second) <= len(first)
    running = margin_css(parts.cover)
    # The cover is written into one PDF with a run of sections: their links reach each other.
    first_ids, second_ids = ids_in(first), ids_in(second)
    if cover_in_second:
        second_ids |= ids_in(parts.cover)
    else:
        first_ids |= ids_in(parts.cover)
    return _Plan(
        parts,
        first=parts.document([with_stand_in_targets(first, first_ids)], running),
        second=parts.document([with_stand_in_targets(second, second_ids)], running),
        first_ids=first_ids,
        second_ids=second_ids,
        cover_in_second=cover_in_second,
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
    try:
        child, channel = fork_with_channel(
            lambda second: _second_process(second, plan, render, write)
        )
    except OSError as error:  # no memory or process slots for a second process
        raise PartsAbandoned(f"no second process: {error.strerror}") from None
    try:
        return _first_process(channel, plan, render, write, describe, target)
    finally:
        end_process(child, channel)


def fork_with_channel(work: Callable[[Channel], None]) -> tuple[int, Channel]:
    """Fork a process that runs `work` with its end of a channel and then exits; here, its
    process id and this end. OSError, with no pipe left open, when it cannot be forked."""
    work_reads, here_writes = os.pipe()
    here_reads, work_writes = os.pipe()
    try:
        process = os.fork()
    except OSError:
        for end in (work_reads, here_writes, here_reads, work_writes):
            os.close(end)
        raise
    if process == 0:  # pragma: no cover - the forked process; its caller checks all it sends
        os.close(here_writes)
        os.close(here_reads)
        try:
            work(Channel(work_reads, work_writes))
        finally:
            os._exit(1)  # never back into the caller's code, whatever `work` did
    os.close(work_reads)
    os.close(work_writes)
    return process, Channel(here_reads, here_writes)


def end_process(process: int, channel: Channel) -> None:
    """End a process `fork_with_channel` started, reap it and close this end of its channel.

    Called once it has given all it has, or when it is given up on: nothing can be lost.
    """
    with contextlib.suppress(ProcessLookupError):
        os.kill(process, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):  # already reaped
        os.waitpid(process, 0)
    os.close(channel.reading)
    os.close(channel.writing)


@dataclass
class _Numbering:
    """What both processes know once both runs of sections are laid out."""

    total: int = 0
    # Each anchor's page number in the report.
    pages: dict[str, int] = field(default_factory=dict)

    def learn(self, first: LaidOut, second: LaidOut) -> None:
        self.total = COVER_PAGES + first[0] + second[0]
        self.pages = {name: COVER_PAGES + index + 1 for name, index in first[1].items()}
        before_second = COVER_PAGES + first[0]
        self.pages.update((name, before_second + index + 1) for name, index in second[1].items())


def _lay_out(
    plan: _Plan,
    markup: str,
    with_cover: bool,
    agree: Callable[[LaidOut], PageNumbers],
    numbering: _Numbering,
    render: Render,
) -> Any:
    """One process's run of sections, laid out; with the cover in front when it has it."""
    with _agreed_page_numbers(agree):
        sections = render(markup)
    if not with_cover:
        return sections
    with _agreed_page_numbers(lambda _laid_out: (0, numbering.total)):
        cover = render(plan.cover_html(numbering.pages))
    if len(cover.pages) != COVER_PAGES:
        raise PartsAbandoned(f"the cover is {len(cover.pages)} pages, not {COVER_PAGES}")
    return cover.copy([*cover.pages, *sections.pages])


def _second_process(channel: Channel, plan: _Plan, render: Render, write: Write) -> None:
    """The forked process: its work, then its end, reporting any failure to the first."""
    code = 1
    try:
        _second_process_work(channel, plan, render, write)
        code = 0
    except BaseException as error:  # every failure goes to the first process
        with contextlib.suppress(Exception):
            channel.send(b"e", f"{type(error).__name__}: {error}".encode())
    finally:
        os._exit(code)


def _second_process_work(channel: Channel, plan: _Plan, render: Render, write: Write) -> None:
    """Lay out and write the last sections (and the cover, if it is here); send the PDF."""
    numbering = _Numbering()

    def agree(laid_out: LaidOut) -> PageNumbers:
        channel.send_json(b"n", laid_out)
        first = channel.receive_json(b"n")
        numbering.learn((int(first[0]), dict(first[1])), laid_out)
        return numbering.total - laid_out[0], numbering.total

    def share(glyphs: Glyphs) -> dict[str, list[int] | None]:
        channel.send_json(b"g", glyphs)
        return font_plan(glyphs, channel.receive_json(b"g"), second=True)

    document = _lay_out(plan, plan.second, plan.cover_in_second, agree, numbering, render)
    with _font_subsets(share):
        pdf = write(document)
    channel.send(b"p", pdf)


def _first_process(
    channel: Channel,
    plan: _Plan,
    render: Render,
    write: Write,
    describe: Callable[[Any], None],
    target: Path | BinaryIO,
) -> int:
    """Lay out and write the first sections, then join the other process's PDF to them."""
    numbering = _Numbering()

    def agree(laid_out: LaidOut) -> PageNumbers:
        second = channel.receive_json(b"n")
        channel.send_json(b"n", laid_out)
        numbering.learn(laid_out, (int(second[0]), dict(second[1])))
        return COVER_PAGES, numbering.total

    def share(glyphs: Glyphs) -> dict[str, list[int] | None]:
        theirs = channel.receive_json(b"g")
        channel.send_json(b"g", glyphs)
        return font_plan(glyphs, theirs, second=False)

    document = _lay_out(plan, plan.first, not plan.cover_in_second, agree, numbering, render)
    describe(document)
    with _font_subsets(share):
        first_pdf = write(document)
    del document
    second_pdf = channel.receive(b"p")
    join_parts(
        first_pdf,
        plan.first_ids,
        second_pdf,
        plan.second_ids,
        target,
        cover_in_second=plan.cover_in_second,
    )
    return numbering.total


def join_parts(
    first: bytes,
    first_ids: set[str],
    second: bytes,
    second_ids: set[str],
    target: Path | BinaryIO,
    *,
    cover_in_second: bool,
) -> None:
    """Join the two processes' PDFs into the report at `target`: cover, first, second.

    The cover is the first page of `second` when `cover_in_second`, else of `first`. The
    first PDF's catalog is kept (metadata, language, PDF/UA identification); the second's pages,
    tags, named destinations and bookmarks are added to it, and each font either part left to
    the other is put in. `*_ids` are the anchors each part owns: a link's stand-in target in
    the other part is dropped.
    """
    import pikepdf

    joined = pikepdf.open(io.BytesIO(first))
    source = pikepdf.open(io.BytesIO(second))
    first_pages = len(joined.pages)
    if cover_in_second:
        cover, *rest = source.pages
        joined.pages.insert(0, cover)
        copied = [joined.pages[0], *joined.pages[first_pages + 1 :]]
    else:
        rest = list(source.pages)
        copied = []
    joined.pages.extend(rest)
    copied = copied or list(joined.pages[first_pages:])
    # Where a page of `second` lands in the report, from its index there.

    def landing(index: int) -> int:
        return 0 if cover_in_second and index == 0 else first_pages + index

    _join_tags(joined, source, copied, cover_first=cover_in_second)
    destinations = _owned_destinations(joined, joined, first_ids)
    destinations.update(_owned_destinations(joined, source, second_ids))
    names = pikepdf.Array()
    for name in sorted(destinations, key=lambda n: n.encode()):
        names.append(pikepdf.String(name))
        names.append(destinations[name])
    joined.Root.Names = pikepdf.Dictionary(Dests=pikepdf.Dictionary(Names=names))
    with joined.open_outline() as outline, source.open_outline() as source_outline:
        in_front: list[Any] = []
        after: list[Any] = []
        for item in source_outline.root:
            index = _page_index(source, item)
            (in_front if landing(index) == 0 else after).append(
                _bookmark(source, item, landing(index) - index)
            )
        outline.root[:0] = in_front
        outline.root.extend(after)
    _embed_fonts_once(joined)
    joined.save(target, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def _join_tags(joined: Any, source: Any, copied_pages: Sequence[Any], *, cover_first: bool) -> None:
    """Add `source`'s tag tree to `joined`'s, in reading order.

    `copied_pages` are `source`'s pages as they are in `joined`. With `cover_first`, the
    elements of `source`'s first page (the cover) go before `joined`'s own.
    """
    tree = joined.Root.StructTreeRoot
    document_element = _document_element(tree)
    parent_tree = tree.ParentTree.Nums
    next_key = _next_key(parent_tree)
    source_tree = source.Root.StructTreeRoot
    cover = source.pages[0].obj.objgen if cover_first else None
    in_front: list[Any] = []
    after: list[Any] = []
    for kid in _document_element(source_tree).K:
        if "/Pg" not in kid:
            raise PartsAbandoned("a tagged element without its page")
        copied = joined.copy_foreign(kid)
        copied.P = document_element
        (in_front if kid.Pg.objgen == cover else after).append(copied)
    document_element.K = _array([*in_front, *document_element.K, *after])
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

    page = next(iter(item.destination))
    return int(source.pages.index(pikepdf.Page(page)))


def _bookmark(source: Any, item: Any, first_page: int) -> Any:
    import pikepdf

    _, _, left, top, *_ = list(item.destination)
    copied = pikepdf.OutlineItem(
        str(item.title),
        first_page + _page_index(source, item),
        "XYZ",
        left=float(left),
        top=float(top),
    )
    copied.is_closed = item.is_closed
    copied.children.extend(_bookmark(source, child, first_page) for child in item.children)
    return copied


def _embed_fonts_once(joined: Any) -> None:
    """Give each font that a part left to the other (FONT_STAND_IN) the other's font file."""
    real: dict[str, Any] = {}
    waiting: list[Any] = []
    for page in joined.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get("/FontDescriptor")
                if descriptor is None or "/FontFile3" not in descriptor:
                    continue
                stream = descriptor.FontFile3
                raw = stream.read_raw_bytes()
                if len(raw) < 2 * len(FONT_STAND_IN) and stream.read_bytes() == FONT_STAND_IN:
                    waiting.append(descriptor)
                else:
                    real.setdefault(str(descriptor.FontName), stream)
    for descriptor in waiting:
        stream = real.get(str(descriptor.FontName))
        if stream is None:
            raise PartsAbandoned(f"no part embeds the font {descriptor.FontName}")
        descriptor.FontFile3 = stream
