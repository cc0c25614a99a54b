"""Benchmark of the website scan: 200 loopback sites, over HTTPS as real sites are, and plain HTTP.

Each site has its own address (127.0.0.2, 127.0.0.3, ...) with three ports: an HTTPS port
presenting a certificate from a test CA (trustme, one IP SAN per address), an HTTP port that
answers 301 to the HTTPS port, as a real site's port 80 does, and a plain-HTTP port for the
case without TLS. Every response comes after 50 ms; connections are kept alive. The servers run
in their own process, so they do not compete with the scanner for its GIL, and count what they
receive: requests (by scheme and method) and TLS handshakes per site.

Prints, as medians of several runs:
- sites per second at the default concurrency and at 32, and the ratio to the latency floor:
  the round trips on a site's critical path (HTTPS: the 301, the page, then robots.txt,
  security.txt and the CORS preflight side by side = 3) x 50 ms x ceil(sites / concurrency);
- requests and TLS handshakes per site, counted by the servers, not assumed;
- drHEADer's bulk mode on the same HTTPS sites in the same run, and cisec's rate as a multiple
  of it (drHEADer is installed into a virtual environment of its own on first use);
- the CPU the servers spent, so a reader can tell whether they were the bottleneck;
- peak memory (max RSS) of an HTTPS scan of 200 and of 2,000 sites, each in its own process.

The scanner works as `cisec scan --jsonl` does: each result is turned into its JSON line.
Nothing leaves the loopback network.
"""

from __future__ import annotations

import asyncio
import json
import math
import multiprocessing
import os
import resource
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

SITES = 200
DELAY = 0.050
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
DRHEADER_RUNS = int(os.environ.get("BENCH_RUNS", "3"))
MEMORY_SITES = 2000
TLS_ROUND_TRIPS = 3  # the 301, the page, then the side requests together
PLAIN_ROUND_TRIPS = 2  # the page, then the side requests together
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
HSTS = "Strict-Transport-Security: max-age=31536000\r\n"


def _address(site: int) -> str:
    return f"127.0.0.{site + 2}"


# --- The loopback sites (run in their own process) ------------------------------------------


def _reply(kind: str, site: int, ports: dict[str, int], method: bytes, path: bytes) -> bytes:
    if kind == "redirect":
        location = f"https://{_address(site)}:{ports['https']}{path.decode('latin-1')}"
        return (
            f"HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n"
        ).encode()
    page = path.split(b"?")[0] == b"/"
    body = b"" if method == b"OPTIONS" else PAGE if page else b"not found"
    status = "200 OK" if page else "404 Not Found"
    extra = HSTS if kind == "https" else ""
    head = f"HTTP/1.1 {status}\r\n{HEADERS}{extra}Content-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


async def _answer(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    where: tuple[str, int, dict[str, int]],
    counts: Counter[tuple[int, str, str]],
) -> None:
    kind, site, ports = where
    counts[(site, kind, "connections")] += 1
    tls = writer.get_extra_info("ssl_object")
    if tls is not None and tls.session_reused:
        counts[(site, kind, "resumed")] += 1
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            method, path = head.split(b" ", 2)[:2]
            counts[(site, kind, method.decode("latin-1"))] += 1
            await asyncio.sleep(DELAY)
            writer.write(_reply(kind, site, ports, method, path))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError, ValueError):
        pass
    finally:
        writer.close()


async def _bind_everywhere(handler: Any, kind: str, tls: ssl.SSLContext | None) -> tuple[int, list]:
    """Listen on one port number on every site's address (retrying until one is free on all)."""
    for _ in range(50):
        servers: list[asyncio.Server] = []
        try:
            first = await asyncio.start_server(
                lambda r, w: handler(r, w, kind, 0), _address(0), 0, ssl=tls, backlog=512
            )
            servers.append(first)
            port = first.sockets[0].getsockname()[1]
            for site in range(1, SITES):
                servers.append(
                    await asyncio.start_server(
                        lambda r, w, s=site: handler(r, w, kind, s),
                        _address(site),
                        port,
                        ssl=tls,
                        backlog=512,
                    )
                )
            return port, servers
        except OSError:
            for server in servers:
                server.close()
    raise SystemExit(f"no {kind} port is free on all {SITES} loopback addresses")


def _serve(cert_pem: bytes, key_pem: bytes, control: Connection) -> None:
    """Serve every site until told to stop; answer `counts` and `reset` on the control pipe."""
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    with tempfile.TemporaryDirectory() as folder:
        cert, key = Path(folder, "cert.pem"), Path(folder, "key.pem")
        cert.write_bytes(cert_pem)
        key.write_bytes(key_pem)
        tls.load_cert_chain(cert, key)

    async def main() -> None:
        counts: Counter[tuple[int, str, str]] = Counter()
        ports: dict[str, int] = {}
        stop = asyncio.Event()

        async def handler(reader: Any, writer: Any, kind: str, site: int) -> None:
            await _answer(reader, writer, (kind, site, ports), counts)

        listening = []
        for kind, context in (("https", tls), ("redirect", None), ("plain", None)):
            ports[kind], servers = await _bind_everywhere(handler, kind, context)
            listening.extend(servers)

        def command() -> None:
            order = control.recv()
            if order == "counts":
                control.send((dict(counts), time.process_time()))
            elif order == "reset":
                counts.clear()
                control.send(None)
            else:
                stop.set()

        asyncio.get_running_loop().add_reader(control.fileno(), command)
        control.send(ports)
        await stop.wait()
        for server in listening:
            server.close()

    asyncio.run(main())


class Sites:
    """The server process, seen from the benchmark: its ports and its counters."""

    def __init__(self, ca_pem: Path) -> None:
        import trustme

        ca = trustme.CA()
        ca.cert_pem.write_to_path(str(ca_pem))
        leaf = ca.issue_cert(*(_address(site) for site in range(SITES)))
        self.control, child = multiprocessing.Pipe()
        chain = b"".join(blob.bytes() for blob in leaf.cert_chain_pems)
        self.process = multiprocessing.Process(
            target=_serve, args=(chain, leaf.private_key_pem.bytes(), child), daemon=True
        )
        self.process.start()
        if not self.control.poll(60):
            raise SystemExit("the loopback sites did not start")
        self.ports: dict[str, int] = self.control.recv()
        probe = socket.create_server((_address(0), 0))
        self.ports["closed"] = probe.getsockname()[1]
        probe.close()

    def reset(self) -> None:
        self.control.send("reset")
        self.control.recv()

    def counts(self) -> tuple[dict[tuple[int, str, str], int], float]:
        time.sleep(0.1)  # let the last writes land
        self.control.send("counts")
        counted, cpu = self.control.recv()
        return counted, cpu

    def stop(self) -> None:
        self.control.send("stop")
        self.process.join(5)


def _per_site(counted: dict[tuple[int, str, str], int], sites: int) -> dict[str, float]:
    """What the servers saw per site, e.g. {"GET https": 4.0, "connections https": 3.0}."""
    totals: Counter[str] = Counter()
    for (_, kind, what), number in counted.items():
        scheme = {"redirect": "http", "plain": "http"}.get(kind, kind)
        totals[f"{what} {scheme}"] += number
    return {name: number / sites for name, number in sorted(totals.items())}


# --- The scanner (in this process, or in a child for memory) --------------------------------


def _use_ports(ports: dict[str, int], *, tls: bool) -> None:
    from cisec.scan import target

    # A bare host is tried on these ports instead of 80 and 443. Without TLS the https:// side
    # goes to a port nothing listens on, as on a site without HTTPS.
    if tls:
        target.DEFAULT_PORTS = {"http": ports["redirect"], "https": ports["https"]}
    else:
        target.DEFAULT_PORTS = {"http": ports["plain"], "https": ports["closed"]}


def _scan(targets: list[str], concurrency: int, ca_bundle: str) -> tuple[float, int]:
    """Scan as `cisec scan --jsonl` does; return the seconds taken and the sites graded."""
    from cisec.scan.batch import scan_many
    from cisec.scan.fetch import FetchOptions

    options = FetchOptions(timeout=5, ca_bundle=ca_bundle)
    graded = 0
    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for result in scan_many(targets, options, concurrency=concurrency):
            sink.write(json.dumps(result.to_json("en"), ensure_ascii=False) + "\n")
            graded += result.grade is not None
    return time.perf_counter() - start, graded


def _memory_child(targets_file: str, ports_json: str, ca_bundle: str, concurrency: int) -> None:
    _use_ports(json.loads(ports_json), tls=True)
    targets = Path(targets_file).read_text(encoding="utf-8").split()
    _, graded = _scan(targets, concurrency, ca_bundle)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{graded} {peak_kib}")


def _peak_memory(sites: Sites, count: int, ca_bundle: str, concurrency: int) -> tuple[float, int]:
    # More sites than servers: the same 200 addresses, a query string making each URL distinct.
    targets = [
        f"http://{_address(i % SITES)}:{sites.ports['redirect']}/?site={i}" for i in range(count)
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(targets))
        path = handle.name
    try:
        here = str(Path(__file__).resolve().parent)
        code = (
            f"import sys; sys.path.insert(0, {here!r}); import bench_scan; "
            f"bench_scan._memory_child({path!r}, {json.dumps(sites.ports)!r}, {ca_bundle!r}, "
            f"{concurrency})"
        )
        output = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    finally:
        os.unlink(path)
    return int(output[1]) / 1024, int(output[0])


# --- drHEADer ---------------------------------------------------------------------------------


def _drheader_command() -> list[str] | None:
    """drHEADer's console script, from a virtual environment of its own (created if missing).

    Its own environment, because drHEADer pins older PyYAML and jsonschema than cisec uses.
    """
    folder = Path(sys.prefix) / "drheader-venv"
    script = folder / "bin" / "drheader"
    if not script.exists():
        print("installing drHEADer into its own environment for the comparison ...")
        steps = [
            [sys.executable, "-m", "venv", str(folder)],
            [str(folder / "bin" / "python"), "-m", "pip", "install", "-q", "drheader"],
        ]
        for step in steps:
            completed = subprocess.run(step, capture_output=True, text=True)
            if completed.returncode != 0:
                reason = (completed.stderr.strip().splitlines() or ["unknown error"])[-1]
                print(f"drHEADer comparison skipped: {' '.join(step[-2:])} failed ({reason})")
                return None
    return [str(script)]


def _drheader_seconds(command: list[str], urls: list[str], ca_bundle: str) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(urls) + "\n")
        path = handle.name
    try:
        start = time.perf_counter()
        subprocess.run(
            [*command, "scan", "bulk", "-ff", "txt", "-o", "json", path],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "REQUESTS_CA_BUNDLE": ca_bundle},
        )
        return time.perf_counter() - start
    finally:
        os.unlink(path)


# --- The run ----------------------------------------------------------------------------------


def _describe(per_site: dict[str, float]) -> str:
    requests = {k: v for k, v in per_site.items() if not k.startswith(("connections", "resumed"))}
    total = sum(requests.values())
    parts = ", ".join(f"{name} {number:g}" for name, number in requests.items())
    handshakes = per_site.get("connections https", 0.0)
    resumed = per_site.get("resumed https", 0.0)
    tls = f"; TLS handshakes {handshakes:g} ({resumed:g} resumed)" if handshakes else ""
    return f"{total:g} requests per site ({parts}){tls}"


def _measure(
    sites: Sites, targets: list[str], concurrency: int, ca_bundle: str
) -> tuple[float, dict[str, float], float]:
    """Median sites/s over RUNS runs, what the servers saw per site, server CPU per run."""
    rates, server_cpu = [], []
    per_site: dict[str, float] = {}
    for _ in range(RUNS):
        sites.reset()
        _, cpu_before = sites.counts()
        seconds, graded = _scan(targets, concurrency, ca_bundle)
        if graded != len(targets):
            raise SystemExit(f"only {graded} of {len(targets)} sites were graded")
        counted, cpu_after = sites.counts()
        rates.append(len(targets) / seconds)
        server_cpu.append(cpu_after - cpu_before)
        per_site = _per_site(counted, len(targets))
    return statistics.median(rates), per_site, statistics.median(server_cpu)


def _report_case(
    sites: Sites, name: str, round_trips: int, ca_bundle: str, *, tls: bool
) -> dict[int, float]:
    from cisec.scan.batch import DEFAULT_CONCURRENCY

    _use_ports(sites.ports, tls=tls)
    targets = [_address(site) for site in range(SITES)]
    _scan(targets[:16], 8, ca_bundle)  # warm up: imports, lists read once
    rates: dict[int, float] = {}
    print(f"-- {name}")
    for concurrency in sorted({DEFAULT_CONCURRENCY, 32}):
        rate, per_site, server_cpu = _measure(sites, targets, concurrency, ca_bundle)
        rates[concurrency] = rate
        floor = SITES / (round_trips * DELAY * math.ceil(SITES / concurrency))
        label = " (default)" if concurrency == DEFAULT_CONCURRENCY else ""
        print(
            f"cisec, concurrency {concurrency:>2}{label}: {rate:6.1f} sites/s; "
            f"floor ({round_trips} round trips) {floor:6.1f} sites/s; "
            f"ratio to floor {rate / floor:.2f}; servers used {server_cpu:.2f} CPU-s per run"
        )
        print(f"  {_describe(per_site)}")
    return rates


def _report_drheader(sites: Sites, ca_bundle: str, cisec_rate: float) -> None:
    command = _drheader_command()
    if command is None:
        return
    urls = [f"https://{_address(site)}:{sites.ports['https']}/" for site in range(SITES)]
    samples = []
    for _ in range(DRHEADER_RUNS):
        sites.reset()
        samples.append(SITES / _drheader_seconds(command, urls, ca_bundle))
        counted, _ = sites.counts()
    per_site = _per_site(counted, SITES)
    rate = statistics.median(samples)
    print(f"drHEADer 2 bulk mode, same HTTPS sites: {rate:6.1f} sites/s; {_describe(per_site)}")
    print(f"cisec at concurrency 32 is {cisec_rate / rate:.1f}x drHEADer's sites/s")


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(f"{SITES} loopback sites answering after {DELAY * 1000:.0f} ms; medians of {RUNS} runs")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as folder:
        ca_bundle = str(Path(folder, "ca.pem"))
        sites = Sites(Path(ca_bundle))
        try:
            tls_rates = _report_case(
                sites, "HTTPS, port 80 redirecting", TLS_ROUND_TRIPS, ca_bundle, tls=True
            )
            _report_drheader(sites, ca_bundle, tls_rates[32])
            _report_case(sites, "plain HTTP only", PLAIN_ROUND_TRIPS, ca_bundle, tls=False)
            print("-- memory, HTTPS")
            for count in (SITES, MEMORY_SITES):
                peak, graded = _peak_memory(sites, count, ca_bundle, 32)
                print(
                    f"peak memory (max RSS), {count:>4} sites at concurrency 32: {peak:6.1f} MiB"
                    f" ({graded} graded)"
                )
        finally:
            sites.stop()


if __name__ == "__main__":
    main()
