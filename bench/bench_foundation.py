"""Benchmarks the foundation: loading and validating content, autosave, CLI cold start.

Each figure is a median over repeated runs, printed beside a baseline measured in the same
run on the same machine, so the ratio means something on any machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def median_ms(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def bench_validate() -> None:
    import yaml

    from cisec.content import catalogue
    from cisec.content.catalogue import load_catalogue, questionnaire_files, shipped_dir

    files = questionnaire_files(shipped_dir())
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def validate_all() -> None:
        # Drop the caches: every run parses and validates from the files.
        catalogue._load_cached.cache_clear()
        catalogue._scales_cached.cache_clear()
        found = load_catalogue([shipped_dir()])
        assert not found.problems, found.problems

    def parse_only() -> None:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - safe C loader

    questions = sum(
        len(q.questions) for q in load_catalogue([shipped_dir()]).questionnaires.values()
    )
    ours = median_ms(validate_all, 15)
    floor = median_ms(parse_only, 15)
    print(
        f"validate all shipped content ({len(files)} files, {questions} questions): "
        f"median {ours:.1f} ms; plain YAML parse {floor:.1f} ms; ratio {ours / floor:.2f}"
    )


def bench_autosave() -> None:
    from factory import big_assessment

    from cisec.store import save_assessment

    assessment = big_assessment(300)
    data = assessment.model_dump_json(indent=2).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.cisec.json"
        save_assessment(path, assessment)

        def raw_write() -> None:
            with open(Path(folder) / "raw.json", "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())

        ours = median_ms(lambda: save_assessment(path, assessment), 50)
        floor = median_ms(raw_write, 50)
    print(
        f"autosave of a 300-answer assessment ({len(data) // 1024} KiB): median {ours:.2f} ms; "
        f"one write+fsync of the same bytes {floor:.2f} ms; ratio {ours / floor:.2f}"
    )


def bench_cold_start() -> None:
    cisec = Path(sys.executable).with_name("cisec")

    def run(args: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(args, check=True, capture_output=True)

    ours = median_ms(run([str(cisec), "--help"]), 15)
    floor = median_ms(run([sys.executable, "-c", "pass"]), 15)
    print(
        f"cold `cisec --help`: median {ours:.0f} ms; bare `python -c pass` {floor:.0f} ms; "
        f"ratio {ours / floor:.2f}"
    )


if __name__ == "__main__":
    bench_validate()
    bench_autosave()
    bench_cold_start()
