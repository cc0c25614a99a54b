"""Provides the batch runner: many sites on a bounded thread pool, results streamed as they finish.

Each site gets its own connections and cookies (see scan.fetch). At most twice the worker count
of sites are in flight, so memory stays flat however long the target list is, and one site's
failure is only that site's row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from cisec.errors import CisecError
from cisec.scan.fetch import FetchOptions, fetch_site
from cisec.scan.result import ScanError, SiteResult, evaluate, failed_result
from cisec.scan.target import plan_site

DEFAULT_CONCURRENCY = 8


def scan_one(target: str, options: FetchOptions) -> SiteResult:
    """Scan one target; never raises for the site's behaviour."""
    try:
        plan = plan_site(target)
    except CisecError as error:
        # Say what is wrong with the target itself (e.g. a port needs a full URL), not just
        # that it could not be requested.
        message, next_step = error.text("en")
        message_zh, next_step_zh = error.text("zh-Hant")
        details = {
            "message": message,
            "next_step": next_step,
            "message_zh": message_zh,
            "next_step_zh": next_step_zh,
        }
        return failed_result(target, ScanError("bad-target", details))
    return evaluate(fetch_site(plan, options))


def scan_many(
    targets: Iterable[str],
    options: FetchOptions,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_start: Callable[[str], None] | None = None,
) -> Iterator[SiteResult]:
    """Scan `targets` with `concurrency` workers, yielding each result as soon as it is ready."""

    def work(target: str) -> SiteResult:
        if on_start is not None:
            on_start(target)
        try:
            return scan_one(target, options)
        except Exception:
            # The row says the site could not be scanned; the batch goes on.
            return failed_result(target, ScanError("other"))

    pending: set[Future[SiteResult]] = set()
    iterator = iter(targets)
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="scan")
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < concurrency * 2:
                target = next(iterator, None)
                if target is None:
                    exhausted = True
                    break
                pending.add(pool.submit(work, target))
            if not pending:
                break
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    finally:
        # On an interrupt (or a consumer that stops reading) queued sites are dropped; the ones
        # running finish within their deadline.
        pool.shutdown(wait=True, cancel_futures=True)
