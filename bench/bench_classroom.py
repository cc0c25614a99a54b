"""Benchmarks `cisec serve --pack`: a class of simulated phones (HTTP clients) on loopback.

Figures, beside the issue's aims and the terminal UI in a browser it replaces (about 53 MB per
participant; 30 tabs at once took a median 17 s to the first screen on 2 cores):

- time to the first page for 30 participants joining at the same moment (join page, Join,
  the exercise page), median and slowest;
- server memory (resident set of the `cisec serve` process) with 100 participants joined, each
  holding its push channel open, and per participant;
- the time from an answer's Submit to the trainer's screen showing it (the trainer's push
  channel), median and 95th percentile over 100 answers sent within about two seconds.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

PACK = "cap653-incident-tabletop"
CODE = "135246"
SIMULTANEOUS = 30
PARTICIPANTS = 100


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def first_page(base: str, client: aiohttp.ClientSession, name: str) -> float:
    """Open the join page, join, and read the exercise page; seconds taken."""
    start = time.perf_counter()
    async with client.get(f"{base}/") as page:
        await page.read()
    async with client.post(f"{base}/join", data={"code": CODE, "name": name}) as joined:
        text = await joined.text()
        assert "Submit" in text, text[:200]
    return time.perf_counter() - start


async def listen(base: str, client: aiohttp.ClientSession) -> aiohttp.ClientResponse:
    response = await client.get(f"{base}/events")
    await response.content.readline()  # the retry line: the stream is open
    return response


async def trainer_seen(trainer: aiohttp.ClientResponse, seen: dict[str, float]) -> None:
    """Record when the trainer's screen first shows each participant with an answer."""
    async for raw in trainer.content:
        line = raw.decode("utf-8")
        if not line.startswith("data: "):
            continue
        fragment = json.loads(line.removeprefix("data: ")).get("html", "")
        now = time.perf_counter()
        for name in re.findall(r'data-participant="([^"]+)" data-answered="[1-9]', fragment):
            seen.setdefault(name, now)


async def answer(base: str, client: aiohttp.ClientSession, delay: float) -> float:
    await asyncio.sleep(delay)
    sent = time.perf_counter()
    async with client.post(
        f"{base}/answer", data={"question": "is-incident", "choice": "incident"}
    ) as response:
        await response.read()
    return sent


async def run_class(base: str, trainer_url: str, pid: int) -> None:
    idle = rss_mb(pid)
    clients = [session() for _ in range(PARTICIPANTS)]
    names = [f"Team {number:03d}" for number in range(PARTICIPANTS)]
    firsts = await asyncio.gather(
        *(first_page(base, clients[i], names[i]) for i in range(SIMULTANEOUS))
    )
    for i in range(SIMULTANEOUS, PARTICIPANTS):
        await first_page(base, clients[i], names[i])
    streams = [await listen(base, client) for client in clients]
    async with session() as trainer_client:
        trainer = await trainer_client.get(trainer_url.replace("/trainer?", "/trainer/events?"))
        await trainer.content.readline()
        joined = rss_mb(pid)
        seen: dict[str, float] = {}
        watcher = asyncio.create_task(trainer_seen(trainer, seen))
        random.seed(18)
        sent = await asyncio.gather(
            *(answer(base, client, random.uniform(0, 2)) for client in clients)
        )
        deadline = time.perf_counter() + 10
        while len(seen) < PARTICIPANTS and time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
        answered = rss_mb(pid)
        watcher.cancel()
        trainer.close()
    for stream in streams:
        stream.close()
    for client in clients:
        await client.close()
    delays = sorted(seen[name] - sent[i] for i, name in enumerate(names) if name in seen)
    p95 = delays[max(0, round(0.95 * len(delays)) - 1)]
    print(
        f"first page, {SIMULTANEOUS} joining at once: median {statistics.median(firsts):.3f} s, "
        f"slowest {max(firsts):.3f} s (terminal UI in a browser: median 17 s)"
    )
    print(
        f"server memory: idle {idle:.1f} MB; {PARTICIPANTS} joined, push channels open "
        f"{joined:.1f} MB; after {PARTICIPANTS} answers {answered:.1f} MB (aim: <= 150 MB)"
    )
    print(
        f"memory per participant: {(answered - idle) / PARTICIPANTS * 1024:.0f} KB "
        f"(terminal UI in a browser: about 53 MB)"
    )
    print(
        f"answer to the trainer's screen: median {statistics.median(delays):.3f} s, "
        f"p95 {p95:.3f} s over {len(delays)} of {PARTICIPANTS} answers (aim: p95 <= 1 s)"
    )


def main() -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        environment = {**os.environ, "CISEC_DATA_DIR": str(Path(folder) / "data")}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cisec",
                "serve",
                "--pack",
                PACK,
                "--port",
                str(port),
                "--code",
                CODE,
                "--folder",
                str(Path(folder) / "class"),
            ],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            env=environment,
            text=True,
        )
        try:
            assert server.stderr is not None
            trainer_url = ""
            while not trainer_url:
                line = server.stderr.readline()
                if not line:
                    raise SystemExit("cisec serve stopped before it printed the trainer's screen")
                found = re.search(r"trainer's screen: (\S+)", line)
                trainer_url = found.group(1) if found else ""
            while True:
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.1)
            asyncio.run(run_class(f"http://127.0.0.1:{port}", trainer_url, server.pid))
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
