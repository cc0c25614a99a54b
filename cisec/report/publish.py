"""Provides the one way a document leaves cisec: checked name, language and folder, then a writer.

The gap report, the scan report and the class results are each a `Publication`: something
that can give its HTML (rendered by a template of this package), its metadata, and for the
data formats its text. `publish` picks the writer for the format and writes through a
temporary file beside the destination that is renamed into place, so a failed render never
leaves half a document. The gap report is also a `ReportPublication`: it gives its view model,
from which the Word and Markdown writers lay the document out themselves. A format this
package does not write yet is one more entry in `WRITERS`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol, runtime_checkable

from cisec import encryption
from cisec.durable import replacing, write_output
from cisec.errors import CisecError
from cisec.model.text import DOCUMENT_LANGUAGES as DOCUMENT_LANGUAGES
from cisec.model.text import DocumentLanguage as DocumentLanguage
from cisec.model.text import languages_of as languages_of

if TYPE_CHECKING:
    from cisec.report.view_model import ReportView

Progress = Callable[[str], None]

# The extensions a file name may use for each format, the first one being the usual one.
EXTENSIONS: Mapping[str, tuple[str, ...]] = {
    "pdf": (".pdf",),
    "html": (".html", ".htm"),
    "json": (".json",),
    "csv": (".csv",),
    "docx": (".docx",),
    "md": (".md", ".markdown"),
}


@dataclass(frozen=True)
class DocumentMeta:
    """What a PDF records about itself: title, author, subject, keywords, language tag."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    lang: str


class Publication(Protocol):
    """A document ready to be written in any of the formats it offers."""

    def meta(self) -> DocumentMeta:
        """Its title, author, subject, keywords and language tag."""
        ...

    def html(self) -> str:
        """The whole document as one HTML page (what the PDF is laid out from)."""
        ...

    def text(self, document_format: str) -> str:
        """The document in a text format other than HTML (e.g. JSON, CSV)."""
        ...


@runtime_checkable
class ReportPublication(Publication, Protocol):
    """The gap report: a publication that also gives its view model, for the writers that lay
    the document out themselves (Word, Markdown). What the view holds is what they print."""

    def report_view(self) -> ReportView:
        """The report's view model (the chosen edition's parts, in the chosen languages)."""
        ...


def format_for(path: Path, allowed: Sequence[str], *, format_option: str | None = None) -> str:
    """The format `path`'s extension asks for, among `allowed`; CisecError naming the choices."""
    suffix = path.suffix.lower()
    for candidate in allowed:
        if suffix in EXTENSIONS.get(candidate, (f".{candidate}",)):
            return candidate
    names = [EXTENSIONS.get(candidate, (f".{candidate}",))[0] for candidate in allowed]
    english = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    chinese = "、".join(names)
    return _refuse_format(path, english, chinese, format_option)


def _refuse_format(path: Path, english: str, chinese: str, format_option: str | None) -> str:
    also = f", or give {format_option}" if format_option else ""
    also_zh = f"，或以 {format_option} 指定" if format_option else ""
    raise CisecError(
        f"Cannot tell the report format from '{path.name}'.",
        f"Name the file {english}{also}.",
        message_zh=f"無法從「{path.name}」判斷報告格式。",
        next_step_zh=f"請把檔案命名為 {chinese}{also_zh}。",
    )


def document_language(language: str) -> DocumentLanguage:
    """`language` if it is one a document can be written in; CisecError otherwise."""
    for candidate in DOCUMENT_LANGUAGES:
        if language == candidate:
            return candidate
    raise CisecError(
        f"Unknown language '{language}'.",
        "Use en, zh-Hant or both.",
        message_zh=f"不明的語言「{language}」。",
        next_step_zh="請用 en、zh-Hant 或 both。",
    )


def check_destination(
    out: Path, *, sources: Sequence[Path] = (), create_folder: bool = False
) -> None:
    """Refuse a destination in a folder that does not exist, or that is one of the `sources`.

    `create_folder` makes the folder first (a face's default place, e.g. the cisec folder).
    """
    if create_folder:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CisecError(
                f"Cannot create {out.parent} ({error.strerror}).",
                message_zh=f"無法建立 {out.parent}（{error.strerror}）。",
            ) from None
    if not out.parent.is_dir():
        raise CisecError(
            f"{out.parent} is not a folder.",
            "Create it first, or choose another -o.",
            message_zh=f"{out.parent} 不是資料夾。",
            next_step_zh="請先建立該資料夾，或以 -o 另選位置。",
        )
    for source in sources:
        if out.resolve() == source.resolve():
            raise CisecError(
                f"The report would overwrite the input file {source}.",
                "Choose another -o.",
                message_zh=f"報告會覆寫輸入檔案 {source}。",
                next_step_zh="請以 -o 另選位置。",
            )


# A writer puts one format of a publication into an open binary file (a temporary file beside
# the destination, or memory when the document is encrypted); a PDF's page count back.
Writer = Callable[[Publication, BinaryIO, Progress], int | None]


def _write_html(publication: Publication, target: BinaryIO, _progress: Progress) -> None:
    target.write(publication.html().encode("utf-8"))


def _write_pdf(publication: Publication, target: BinaryIO, progress: Progress) -> int:
    from cisec.report.pdf import write_pdf

    meta = publication.meta()
    return write_pdf(
        publication.html(),
        target,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords=list(meta.keywords),
        lang=meta.lang,
        progress=progress,
    )


def _text_writer(document_format: str) -> Writer:
    def write(publication: Publication, target: BinaryIO, _progress: Progress) -> None:
        # Bytes as the publication gives them: a CSV's own CRLF line ends stay as they are.
        target.write(publication.text(document_format).encode("utf-8"))

    return write


def _report_view(publication: Publication, document_format: str) -> ReportView:
    if not isinstance(publication, ReportPublication):
        raise CisecError(
            f"Only the gap report is written as {document_format}.",
            "Choose PDF or HTML for this document.",
            message_zh=f"只有差距報告可以寫成 {document_format}。",
            next_step_zh="請為這份文件選擇 PDF 或 HTML。",
        )
    return publication.report_view()


def _write_markdown(publication: Publication, target: BinaryIO, _progress: Progress) -> None:
    from cisec.report.markdown import render_markdown

    target.write(render_markdown(_report_view(publication, "Markdown")).encode("utf-8"))


def _write_docx(publication: Publication, target: BinaryIO, progress: Progress) -> None:
    view = _report_view(publication, "Word")
    from cisec.report.word import write_docx

    write_docx(view, target, progress=progress)


WRITERS: dict[str, Writer] = {
    "html": _write_html,
    "pdf": _write_pdf,
    "json": _text_writer("json"),
    "csv": _text_writer("csv"),
    "oscal": _text_writer("oscal"),
    "oscal-poam": _text_writer("oscal-poam"),
    "docx": _write_docx,
    "md": _write_markdown,
}


def publish(
    publication: Publication,
    out: Path,
    document_format: str,
    *,
    progress: Progress | None = None,
    encrypt_with: str | None = None,
) -> int | None:
    """Write `publication` to `out` in `document_format`; return a PDF's page count.

    The document is written to a temporary file beside `out` and renamed into place. With
    `encrypt_with` (a passphrase), it is rendered in memory and only its age encryption
    reaches the disk.
    """
    writer = WRITERS[document_format]
    step = progress or (lambda _message: None)
    if encrypt_with is not None:
        buffer = io.BytesIO()
        pages = writer(publication, buffer, step)
        write_output(out, encryption.encrypt(buffer.getvalue(), encrypt_with))
        return pages
    with replacing(out) as temporary, temporary.open("wb") as stream:
        return writer(publication, stream, step)
