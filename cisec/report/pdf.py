"""Writes the report HTML as a PDF with WeasyPrint, which is imported here only (it costs ~0.4 s).

The URL fetcher is the report's wall: it serves files from the package's own report
templates (CSS, fonts) and small `data:` images, and refuses everything else, so nothing in an
assessment (a note, an organisation name, later a scanned site's header) can make the
renderer read a local file or reach the network.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import gc
import logging
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cisec.errors import CisecError
from cisec.report.engine import import_weasyprint
from cisec.report.fonts import replace_missing_glyphs, report_font
from cisec.report.pdf_ahead import PdfJob, render_ahead
from cisec.report.pdf_parts import PartsAbandoned, can_use_two_cores, split_report, write_in_parts
from cisec.report.templates import templates_dir

# An inline image larger than this is not one of ours.
MAX_DATA_URL_BYTES = 64 * 1024
DATA_URL_TYPES = ("image/png", "image/svg+xml", "image/jpeg")
FONT_FILE_TYPES = {
    ".otf": "font/otf",
    ".ttf": "font/ttf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}
FILE_TYPES = {".css": "text/css", **FONT_FILE_TYPES, ".svg": "image/svg+xml", ".png": "image/png"}

Progress = Callable[[str], None]


class RefusedURL(ValueError):
    """A URL the report renderer will not fetch."""


@dataclass(frozen=True)
class FetchedResource:
    """What the fetcher serves: the bytes, their type and the URL they came from."""

    url: str
    body: bytes
    media_type: str


def package_resource(url: str, root: Path | None = None) -> FetchedResource:
    """Serve `url` if it is a file inside the report templates folder, or a small data: image.

    Raises RefusedURL for anything else: http(s), ftp, other schemes, files outside the
    folder (also through `..` or symbolic links), unknown file types, large data URLs.
    """
    folder = (root or templates_dir()).resolve()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "data":
        return _data_url(url)
    if scheme != "file":
        raise RefusedURL(f"the report fetches no {scheme or 'relative'} URLs: {url[:80]}")
    parsed = urllib.parse.urlsplit(url)
    if parsed.netloc not in ("", "localhost"):
        raise RefusedURL(f"not a local file: {url[:80]}")
    path = Path(urllib.parse.unquote(parsed.path)).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        raise RefusedURL(f"outside the report templates: {url[:80]}")
    media_type = FILE_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise RefusedURL(f"not a stylesheet, font or image: {url[:80]}")
    return FetchedResource(url, path.read_bytes(), media_type)


def _data_url(url: str) -> FetchedResource:
    header, _, payload = url[len("data:") :].partition(",")
    if len(payload) > MAX_DATA_URL_BYTES * 4 // 3 + 4:
        raise RefusedURL("data URL too large")
    parts = header.split(";")
    media_type = parts[0].lower() or "text/plain"
    if media_type not in DATA_URL_TYPES:
        raise RefusedURL(f"data URL of type {media_type} refused")
    try:
        body = (
            base64.b64decode(payload, validate=True)
            if "base64" in parts[1:]
            else urllib.parse.unquote_to_bytes(payload)
        )
    except (binascii.Error, ValueError):
        raise RefusedURL("malformed data URL") from None
    if len(body) > MAX_DATA_URL_BYTES:
        raise RefusedURL("data URL too large")
    return FetchedResource(url[:64], body, media_type)


PAGE_PROGRESS_EVERY = 10
# Tagged, with the document title shown, its language, and the PDF/UA identification in its
# XMP metadata: what WeasyPrint offers for accessible PDF.
PDF_VARIANT = "pdf/ua-1"


@contextlib.contextmanager
def _page_progress(step: Progress) -> Iterator[None]:
    """Pass WeasyPrint's page-by-page layout progress on, every few pages."""
    logger = logging.getLogger("weasyprint.progress")

    class PageCounter(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            arguments = record.args
            if record.msg == "Step 5 - Creating layout - Page %d" and isinstance(arguments, tuple):
                page = arguments[0] if arguments else None
                if isinstance(page, int) and page % PAGE_PROGRESS_EVERY == 0:
                    step(f"Laid out {page} pages")

    handler = PageCounter()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while WeasyPrint renders; restore it afterwards.

    A 60-page render allocates millions of boxes, styles and PDF objects that live until the
    file is written. The collector keeps walking them all, looking for cycles to free, and
    finds almost none: it cost a sixth of the render. Reference counting still frees
    everything that is not in a cycle, and the collector runs again once the PDF is written.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_pdf(
    html: str,
    target: Path | BinaryIO,
    *,
    title: str,
    author: str,
    subject: str,
    keywords: list[str],
    lang: str,
    progress: Progress | None = None,
) -> int:
    """Lay out `html` and write it to `target` as a tagged PDF (PDF/UA-1); return the page count.

    In a `pdf_ahead.loading_ahead` block, the report is laid out by the engine loaded there.
    """
    step = progress or (lambda _message: None)
    job = PdfJob(html, title, author, subject, tuple(keywords), lang)
    with _writing(target):
        pages = render_ahead(job, target, step)
    if pages is not None:
        return pages
    with _without_cycle_collection():
        return _write_pdf(
            html,
            target,
            title=title,
            author=author,
            subject=subject,
            keywords=keywords,
            lang=lang,
            step=step,
        )


def _write_pdf(
    html: str,
    target: Path | BinaryIO,
    *,
    title: str,
    author: str,
    subject: str,
    keywords: list[str],
    lang: str,
    step: Progress,
) -> int:
    step("Loading the PDF engine")
    weasyprint = import_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    font = report_font()
    html = replace_missing_glyphs(html, font.coverage)

    class PackageOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """WeasyPrint's fetcher, narrowed to `package_resource` (never urllib)."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            resource = package_resource(url)
            return URLFetcherResponse(
                resource.url, resource.body, {"Content-Type": resource.media_type}
            )

    base_url = templates_dir().resolve().as_uri() + "/"
    fetcher = PackageOnlyFetcher()

    def render(markup: str) -> Any:
        document = weasyprint.HTML(string=markup, base_url=base_url, url_fetcher=fetcher)
        return document.render(pdf_variant=PDF_VARIANT)

    def describe(rendered: Any) -> None:
        metadata = rendered.metadata
        metadata.title = title
        metadata.authors = [author] if author else []
        metadata.description = subject
        metadata.keywords = keywords
        metadata.lang = lang
        metadata.generator = "cisec"

    def pdf_bytes(rendered: Any) -> bytes:
        return bytes(rendered.write_pdf(pdf_variant=PDF_VARIANT))

    parts = split_report(html) if can_use_two_cores() else None
    with _writing(target):
        if parts is not None:
            step("Laying out pages on two cores")
            with contextlib.suppress(PartsAbandoned):
                return write_in_parts(parts, target, render, pdf_bytes, describe)
            step("Laying out pages in one piece")
        else:
            step("Laying out pages")
        with _page_progress(step):
            rendered = render(html)
        describe(rendered)
        pages = len(rendered.pages)
        step(f"Writing {pages} pages")
        rendered.write_pdf(target, pdf_variant=PDF_VARIANT)
    return pages


def load_engine() -> None:
    """Load what every render needs before its first page: WeasyPrint and the report font."""
    import_weasyprint()
    import pikepdf  # noqa: F401 - the join of a report laid out on two cores

    report_font()


@contextlib.contextmanager
def _writing(target: Path | BinaryIO) -> Iterator[None]:
    """A failed write to `target` as one sentence naming it."""
    try:
        yield
    except OSError as error:
        name = getattr(target, "name", "the PDF")
        raise CisecError(
            f"Cannot write {name} ({error.strerror}).",
            message_zh=f"無法寫入 {name}（{error.strerror}）。",
        ) from None
