"""Benchmarks what a passphrase costs: opening and saving an encrypted assessment (age, scrypt).

The work factor is pyrage's own: it times one small scrypt and picks the 2^N that should take
about a second on this machine, so the figures follow the machine (and how busy it is). Each
figure is a median, printed beside the same operation on the plain file.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

REPEAT = 5
PASSPHRASE = "correct horse battery staple"


def median_ms(action: Callable[[], object], repeat: int = REPEAT) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    from factory import big_assessment

    from cisec.store import load_assessment, save_assessment

    # About the size of a fully answered Cap. 653 assessment with notes (~200 questions).
    assessment = big_assessment(200)
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "a.cisec.json"
        encrypted = Path(folder) / "a.cisec.json.age"
        save_assessment(plain, assessment)
        save_assessment(encrypted, assessment, PASSPHRASE)
        header = encrypted.read_bytes().split(b"\n")[1].decode()
        work_factor = int(header.rsplit(" ", 1)[1])
        print(
            f"assessment of 200 answers: plain {plain.stat().st_size} bytes, "
            f"encrypted {encrypted.stat().st_size} bytes; scrypt work factor 2^{work_factor} "
            f"(memory {128 * 8 * 2**work_factor // 2**20} MiB per open or save)"
        )
        save_plain = median_ms(lambda: save_assessment(plain, assessment))
        save_age = median_ms(lambda: save_assessment(encrypted, assessment, PASSPHRASE))
        open_plain = median_ms(lambda: load_assessment(plain))
        open_age = median_ms(lambda: load_assessment(encrypted, PASSPHRASE))
        print(f"save: median {save_age:.0f} ms encrypted; {save_plain:.1f} ms plain")
        print(f"open: median {open_age:.0f} ms encrypted; {open_plain:.1f} ms plain")


if __name__ == "__main__":
    main()
