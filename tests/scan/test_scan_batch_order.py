"""The scan service streams one result per target in the order the targets were given."""

from __future__ import annotations

import socket
import threading
from contextlib import ExitStack
from pathlib import Path

import pytest

from cisec.errors import CisecError
from cisec.services.scan import scan_batch
from tests.scan.loopback import Request, Site, serving


def test_results_come_in_the_given_order_though_the_first_site_is_slowest() -> None:
    released = threading.Event()
    quick = Site({"/": (200, [("Content-Type", "text/html")], b"<p>quick</p>")})

    def slow(request: Request, sock: socket.socket) -> bytes:
        # The first site answers only once every other site has been scanned.
        released.wait(timeout=5)
        return quick(request, sock)

    with ExitStack() as stack:
        first = stack.enter_context(serving(slow)).url()
        others = [stack.enter_context(serving(quick)).url() for _ in range(4)]
        targets = [first, *others, others[0]]  # a repeated target gets its own row
        finished: list[str] = []

        def watch() -> None:
            # Release the slow site once the quick ones have all been answered.
            while len(quick.requests) < 4 * 2 and not released.is_set():
                threading.Event().wait(0.02)
            released.set()

        watcher = threading.Thread(target=watch)
        watcher.start()
        for result in scan_batch(targets, timeout=5, concurrency=6):
            finished.append(result.target)
        released.set()
        watcher.join()
    assert finished == targets


def test_a_missing_ca_bundle_is_refused_before_any_site_is_fetched(tmp_path: Path) -> None:
    with pytest.raises(CisecError, match=r"missing\.pem"):
        scan_batch(["example.com"], ca_bundle=str(tmp_path / "missing.pem"))
