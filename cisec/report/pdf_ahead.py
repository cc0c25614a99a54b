"""Loads the PDF engine ahead, in a second process, while the report is still being built.

Before WeasyPrint lays out a first page it has to be imported and the report font's coverage
read: about a third of a second. Reading the assessment, scoring it and building the report's
HTML take about as long again and need none of it. The command line knows from the output's
name that a PDF is wanted before it reads anything, so it starts a process here
(`loading_ahead`) that loads the engine while it does that work. `render_ahead` then sends
the HTML there; the report is laid out in that process (on two cores, `pdf_parts`, when it is
long), and the PDF comes back whole, to be written where the caller asked.

Whatever goes wrong there (the process fails, ends or stops answering), `render_ahead` returns
None and the caller renders the report itself, as it would have without it: nothing reaches
the target until the whole PDF is back. The process is forked before the assessment is read,
so it never holds a passphrase or an answer other than in the HTML sent to it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import struct
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from cisec.report.pdf_parts import (
    Channel,
    PartsAbandoned,
    can_use_two_cores,
    end_process,
    fork_with_channel,
)

_PAGES = struct.Struct(">Q")


@dataclasses.dataclass(frozen=True)
class PdfJob:
    """What the engine's process needs to render a report: its HTML and metadata."""

    html: str
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    lang: str


@dataclasses.dataclass(frozen=True)
class _Engine:
    process: int
    channel: Channel
    # Only the thread that started the engine uses it: the TUI's export threads never see it.
    owner: tuple[int, int]


_ahead: _Engine | None = None


@contextlib.contextmanager
def loading_ahead(wanted: bool) -> Iterator[None]:
    """While in this block, a PDF written by this thread is rendered by an engine loaded now.

    Nothing is started unless `wanted` and a second core and `os.fork` are there; the
    process is ended, used or not, when the block is left.
    """
    if wanted:
        _start()
    try:
        yield
    finally:
        _stop()


def render_ahead(job: PdfJob, target: Path | BinaryIO, step: Callable[[str], None]) -> int | None:
    """Render `job` in the engine loaded ahead and write the PDF to `target`; its page count.

    None when there is no engine loaded ahead for this thread, or when it could not render
    the report; then nothing has been written to `target`.
    """
    global _ahead
    engine = _ahead
    if engine is None or engine.owner != _owner():
        return None
    _ahead = None
    try:
        pages, pdf = _render(engine, job, step)
    except (PartsAbandoned, OSError):  # it failed, ended or stopped answering
        return None
    finally:
        end_process(engine.process, engine.channel)
    if isinstance(target, Path):
        target.write_bytes(pdf)
    else:
        target.write(pdf)
    return pages


def _render(engine: _Engine, job: PdfJob, step: Callable[[str], None]) -> tuple[int, memoryview]:
    # Sent only once the engine says it is loaded: a report larger than the pipe holds would
    # otherwise block this process for as long as that process took, with no time limit.
    engine.channel.receive(b"r")
    engine.channel.send_json(b"j", dataclasses.asdict(job))
    while True:
        kind, payload = engine.channel.receive_any()
        if kind == b"s":
            step(payload.decode("utf-8", "replace"))
        elif kind == b"p" and len(payload) >= _PAGES.size:
            (pages,) = _PAGES.unpack_from(payload)
            return int(pages), memoryview(payload)[_PAGES.size :]
        else:
            raise PartsAbandoned(payload.decode("utf-8", "replace")[:300])


def _owner() -> tuple[int, int]:
    return os.getpid(), threading.get_ident()


def _start() -> None:
    global _ahead
    if _ahead is not None or not can_use_two_cores():
        return
    try:
        process, channel = fork_with_channel(_serve)
    except OSError:  # no memory or process slots: the caller renders the report itself
        return
    _ahead = _Engine(process, channel, _owner())


def _stop() -> None:
    global _ahead
    engine, _ahead = _ahead, None
    if engine is not None and engine.owner[0] == os.getpid():
        end_process(engine.process, engine.channel)


def _serve(channel: Channel) -> None:  # pragma: no cover - runs in the engine's process
    """The engine's process: load the engine, wait for the report, render it, send it back."""
    code = 1
    try:
        from cisec.report import pdf

        pdf.load_engine()
        channel.send(b"r", b"")
        # The caller may be asking for a passphrase: wait as long as it takes, or for the end
        # of the pipe when it is done without a PDF.
        kind, payload = channel.receive_any(forever=True)
        if kind != b"j":
            return
        job = _job(payload)
        buffer = io.BytesIO()
        pages = pdf.write_pdf(
            job.html,
            buffer,
            title=job.title,
            author=job.author,
            subject=job.subject,
            keywords=list(job.keywords),
            lang=job.lang,
            progress=lambda message: channel.send(b"s", message.encode()),
        )
        channel.send(b"p", _PAGES.pack(pages) + buffer.getbuffer())
        code = 0
    except BaseException as error:  # every failure goes to the caller, which renders itself
        with contextlib.suppress(Exception):
            channel.send(b"e", f"{type(error).__name__}: {error}".encode())
    finally:
        os._exit(code)


def _job(payload: bytes) -> PdfJob:  # pragma: no cover - runs in the engine's process
    fields = json.loads(payload)
    return PdfJob(
        html=str(fields["html"]),
        title=str(fields["title"]),
        author=str(fields["author"]),
        subject=str(fields["subject"]),
        keywords=tuple(str(keyword) for keyword in fields["keywords"]),
        lang=str(fields["lang"]),
    )
