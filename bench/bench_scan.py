"""Benchmark of the website scan: 200 loopback sites that answer after 50 ms.

Prints, as medians of several runs:
- sites per second at the default concurrency and at 32, and the ratio to the latency floor
  (floor = requests per site x 50 ms x ceil(sites / concurrency); overlapping can beat it);
- the requests per site, counted by the servers, not assumed;
- drHEADer's bulk mode on the same sites in the same run, as a rate ratio (drHEADer is installed
  into this environment with pip if missing; that comparison is skipped with the reason if not);
- peak memory (max RSS) of a scan of 200 and of 2,000 sites, each in its own process.

The servers run in a separate process so they do not compete with the scanner for the GIL.
Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import importlib.util
import math
import multiprocessing
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SITES = 200
DELAY = 0.050
RUNS = 3
MEMORY_SITES = 2000
PAGE = (
    b"<!doctype html><html><head><title>shop</title>"
    b'<script src="/app.js"></script></head><body><p>Welcome</p></body></html>'
)
HEADERS = (
    "Content-Type: text/html; charset=utf-8\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Set-Cookie: sessionid=abc; Path=/; HttpOnly\r\n"
)


# --- The loopback sites (run in their own process) ------------------------------------------


async def _answer(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, counter: list[int]
) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            counter[0] += 1
            request_line = head.split(b"\r\n", 1)[0]
            await asyncio.sleep(DELAY)
            body = PAGE if request_line.split(b" ")[1].split(b"?")[0] == b"/" else b"not found"
            status = "200 OK" if body is PAGE else "404 Not Found"
            if request_line.startswith(b"OPTIONS"):
                body = b""
            writer.write(
                f"HTTP/1.1 {status}\r\n{HEADERS}Content-Length: {len(body)}\r\n\r\n".encode() + body
            )
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


def _serve(ports: list[int], ready: Any, counter: Any) -> None:
    """Serve every port until terminated; `counter` (a shared integer) counts requests."""

    async def main() -> None:
        count = [0]

        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await _answer(reader, writer, count)

        servers = [
            await asyncio.start_server(handler, "127.0.0.1", port, backlog=512) for port in ports
        ]
        ready.set()
        while all(server.is_serving() for server in servers):
            await asyncio.sleep(0.05)
            counter.value = count[0]

    asyncio.run(main())


def _free_ports(count: int) -> list[int]:
    sockets = [socket.create_server(("127.0.0.1", 0)) for _ in range(count)]
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


# --- Measurements -----------------------------------------------------------------------------


def _scan_rate(targets: list[str], concurrency: int, closed_port: int) -> float:
    from cisec.scan import target
    from cisec.scan.batch import scan_many
    from cisec.scan.fetch import FetchOptions

    # The https:// side of each http:// target is tried on a closed port, never on this
    # machine's real 443.
    target.DEFAULT_PORTS = {"http": 80, "https": closed_port}
    start = time.perf_counter()
    graded = sum(
        1
        for result in scan_many(targets, FetchOptions(timeout=5), concurrency=concurrency)
        if result.grade is not None
    )
    elapsed = time.perf_counter() - start
    if graded != len(targets):
        raise SystemExit(f"only {graded} of {len(targets)} sites were graded")
    return len(targets) / elapsed


def _memory_child(targets_file: str, closed_port: int, concurrency: int) -> None:
    from cisec.scan import target
    from cisec.scan.batch import scan_many
    from cisec.scan.fetch import FetchOptions

    target.DEFAULT_PORTS = {"http": 80, "https": closed_port}
    targets = (line.strip() for line in open(targets_file, encoding="utf-8"))  # noqa: SIM115
    count = sum(1 for _ in scan_many(targets, FetchOptions(timeout=5), concurrency=concurrency))
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{count} {peak_kib}")


def _peak_memory(targets: list[str], closed_port: int, concurrency: int) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(targets))
        path = handle.name
    try:
        here = str(Path(__file__).resolve().parent)
        code = (
            f"import sys; sys.path.insert(0, {here!r}); import bench_scan; "
            f"bench_scan._memory_child({path!r}, {closed_port}, {concurrency})"
        )
        output = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    finally:
        os.unlink(path)
    return int(output[1]) / 1024


def _drheader_command() -> list[str] | None:
    """The drheader console script, installed into this environment if missing."""
    script = Path(sys.executable).with_name("drheader")
    if importlib.util.find_spec("drheader") is None or not script.exists():
        print("drHEADer is not installed; installing it with pip for the comparison ...")
        completed = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "drheader"],
            capture_output=True,
            text=True,
        )
        if completed.returncode != 0 or not script.exists():
            reason = (completed.stderr.strip().splitlines() or ["unknown error"])[-1]
            print(f"drHEADer comparison skipped: pip install drheader failed ({reason})")
            return None
    return [str(script)]


def _drheader_rate(command: list[str], targets: list[str]) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(targets) + "\n")
        path = handle.name
    try:
        start = time.perf_counter()
        subprocess.run(
            [*command, "scan", "bulk", "-ff", "txt", "-o", "json", path],
            capture_output=True,
            text=True,
            check=False,
        )
        return len(targets) / (time.perf_counter() - start)
    finally:
        os.unlink(path)


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from cisec.scan.batch import DEFAULT_CONCURRENCY

    ports = _free_ports(SITES + 1)
    closed_port = ports.pop()
    ready = multiprocessing.Event()
    counter = multiprocessing.Value("q", 0)
    server = multiprocessing.Process(target=_serve, args=(ports, ready, counter), daemon=True)
    server.start()
    if not ready.wait(30):
        raise SystemExit("the loopback sites did not start")
    targets = [f"http://127.0.0.1:{port}/" for port in ports]
    print(f"{SITES} loopback sites answering after {DELAY * 1000:.0f} ms; medians of {RUNS} runs")
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    try:
        time.sleep(0.2)
        before = counter.value
        _scan_rate(targets[:20], 8, closed_port)
        time.sleep(0.2)
        per_site = (counter.value - before) / 20
        print(f"requests per site (counted by the servers): {per_site:g}")

        rates: dict[int, float] = {}
        for concurrency in sorted({DEFAULT_CONCURRENCY, 32}):
            samples = [_scan_rate(targets, concurrency, closed_port) for _ in range(RUNS)]
            rates[concurrency] = statistics.median(samples)
            floor_seconds = per_site * DELAY * math.ceil(SITES / concurrency)
            floor_rate = SITES / floor_seconds
            print(
                f"cisec scan, concurrency {concurrency:>2}"
                f"{' (default)' if concurrency == DEFAULT_CONCURRENCY else ''}: "
                f"{rates[concurrency]:6.1f} sites/s; latency floor {floor_rate:6.1f} sites/s; "
                f"ratio to floor {rates[concurrency] / floor_rate:.2f}"
            )

        command = _drheader_command()
        if command is not None:
            before = counter.value
            drheader_rates = [_drheader_rate(command, targets) for _ in range(RUNS)]
            time.sleep(0.2)
            drheader_per_site = (counter.value - before) / (SITES * RUNS)
            drheader_rate = statistics.median(drheader_rates)
            print(
                f"drHEADer bulk: {drheader_rate:6.1f} sites/s "
                f"({drheader_per_site:g} requests per site); "
                f"cisec at 32 is {rates[32] / drheader_rate:.1f}x its rate "
                f"with {per_site / max(drheader_per_site, 1e-9):.1f}x its requests"
            )

        for count in (SITES, MEMORY_SITES):
            # 2,000 distinct sites over the same 200 servers (a query string makes each distinct).
            many = [f"{targets[i % SITES]}?site={i}" for i in range(count)]
            peak = _peak_memory(many, closed_port, 32)
            print(f"peak memory (max RSS), {count:>4} sites at concurrency 32: {peak:6.1f} MiB")
    finally:
        server.terminate()
        server.join(5)


if __name__ == "__main__":
    main()
