"""Benchmarks the gap report: whole-process `cisec report` of the Cap. 653 demo in both languages
with last year's assessment, in the board and the full edition.

Each run is a fresh process, as a user runs it. Its median over 5 runs is printed beside the
floor measured in the same run on the same machine: a fresh process that imports WeasyPrint and
writes a one-page document in the same Hong Kong CJK font (import + font load + one page). The
ratio is what the report costs above that floor; it is given of the medians and as the median
of each round's run against that round's floor. A long report is laid out on two cores when the
machine has them (cisec/report/pdf_parts.py); each edition also runs held to one core, as on a
one-core machine, for what that costs. Also printed: the PDF's size and pages, and the peak
memory (maximum resident set size) of the largest of the report's processes; the second
shares the first's memory as it was when it started.

Aims: board ratio <= 3, full ratio <= 6, PDF <= 1.5 MB, peak memory <= 400 MB; the board
edition at most 20 pages. Run with `make bench` (`--runs N` for fewer runs); never asserted in
tests.

`--profile FILE` also runs the report once under cProfile, writes the profile to FILE and prints
WeasyPrint's share of it (by cumulative time), to start from when making the report faster.
"""

from __future__ import annotations

import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
AIMS = {"board": 3.0, "full": 6.0}

ONE_PAGE = """
import weasyprint, sys
weasyprint.HTML(string='''<html lang="zh-Hant-HK"><body style="font-family: 'Noto Sans CJK HK'">
<h1>Cybersecurity gap report 網絡安全差距報告</h1><p>One page, both languages. 一頁，兩種語言。</p>
</body></html>''').write_pdf(sys.argv[1], pdf_tags=True)
"""


def timed(command: list[str], *, one_core: bool = False) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (KB) of one process run to completion.

    With `one_core` the process may run on one core only, as on a one-core machine.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=(lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}))
        if one_core
        else None,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed:\n{error}")
    return elapsed, usage.ru_maxrss


def pages(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))


def profile(command: list[str], target: Path) -> None:
    """Run `command` (a `python -m cisec …` line) once under cProfile and summarise it."""
    subprocess.run(
        [command[0], "-m", "cProfile", "-o", str(target), *command[1:]],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"\nprofile of one run written to {target}; WeasyPrint by cumulative time:")
    pstats.Stats(str(target)).sort_stats("cumulative").print_stats("weasyprint", 30)


def main() -> None:
    arguments = sys.argv[1:]
    profile_to = Path(arguments[1]) if arguments[:1] == ["--profile"] and arguments[1:] else None
    runs = int(arguments[1]) if arguments[:1] == ["--runs"] and arguments[1:] else RUNS
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        current, previous = work / "demo.cisec.json", work / "demo-2025.cisec.json"
        for arguments in (["--out", str(current)], ["--last-year", "--out", str(previous)]):
            subprocess.run(
                [python, "-m", "cisec", "demo", *arguments], check=True, capture_output=True
            )
        floor_pdf = work / "one-page.pdf"
        floor = [python, "-c", ONE_PAGE, str(floor_pdf)]
        commands = {
            edition: [
                python,
                "-m",
                "cisec",
                "report",
                str(current),
                "-o",
                str(work / f"{edition}.pdf"),
                "--lang",
                "both",
                "--previous",
                str(previous),
                "--edition",
                edition,
                "--quiet",
            ]
            for edition in AIMS
        }

        # Interleave the editions and the floor so that load from elsewhere on the machine
        # hits all of them alike.
        results: dict[str, list[tuple[float, int]]] = {edition: [] for edition in AIMS}
        one_core: dict[str, list[tuple[float, int]]] = {edition: [] for edition in AIMS}
        floor_runs = []
        for _ in range(runs):
            for edition, command in commands.items():
                results[edition].append(timed(command))
                one_core[edition].append(timed(command, one_core=True))
            floor_runs.append(timed(floor))
        floor_time = statistics.median(t for t, _ in floor_runs)
        cores = len(os.sched_getaffinity(0))
        print(f"cisec report, Cap. 653 demo, --lang both --previous, {runs} runs each")
        print(f"  one-page WeasyPrint floor: median {floor_time:.2f} s   ({cores} cores)")
        for edition, edition_runs in results.items():
            pdf = work / f"{edition}.pdf"
            median = statistics.median(t for t, _ in edition_runs)
            # Each run against the floor of its own round: load from elsewhere on the machine
            # moves both.
            ratio = statistics.median(
                t / floor for (t, _), (floor, _) in zip(edition_runs, floor_runs, strict=True)
            )
            alone = statistics.median(t for t, _ in one_core[edition])
            peak_mb = max(m for _, m in edition_runs) / 1024
            print(f"  {edition}: {pages(pdf)} pages")
            print(
                f"    median {median:.2f} s   runs: "
                + ", ".join(f"{t:.2f}" for t, _ in edition_runs)
            )
            print(
                f"    ratio {median / floor_time:.2f} (of medians), {ratio:.2f} (median of"
                f" rounds)   (aim <= {AIMS[edition]:g})"
            )
            print(
                f"    on one core: median {alone:.2f} s, ratio {alone / floor_time:.2f};"
                f" two cores {alone / median:.2f}x as fast"
            )
            print(f"    PDF {pdf.stat().st_size / 1_000_000:.2f} MB   (aim <= 1.5 MB)")
            print(f"    peak memory {peak_mb:.0f} MB   (aim <= 400 MB)")
        if profile_to is not None:
            profile(commands["full"], profile_to)


if __name__ == "__main__":
    main()
