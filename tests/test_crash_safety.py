"""A writer killed with SIGKILL at random moments never leaves a torn or short file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from cisec.store import load_assessment

WRITER = r"""
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from cisec.model import Answer
from cisec.store import save_assessment, load_assessment
from factory import big_assessment

path = Path(sys.argv[1])
assessment = load_assessment(path)
number = len(assessment.answers)
while True:
    assessment.answers[f"q{number}"] = Answer(value=str(number % 5), note="n" * (number % 700))
    save_assessment(path, assessment)
    print(number, flush=True)  # acknowledged only once the save returned
    number += 1
"""

RUNS = 50


def test_sigkill_at_random_moments_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    from factory import big_assessment

    from cisec.store import save_assessment

    path = tmp_path / "crash.cisec.json"
    save_assessment(path, big_assessment(0))
    tests_dir = str(Path(__file__).parent)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent.parent), tests_dir]),
    }
    rng = random.Random(653)
    acknowledged = -1
    for _ in range(RUNS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), tests_dir],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert writer.stdout is not None
        first = writer.stdout.readline()  # it is writing now
        assert first, writer.stderr.read() if writer.stderr else "writer died"
        acknowledged = max(acknowledged, int(first))
        time.sleep(rng.uniform(0.0, 0.05))
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        for line in rest.splitlines():
            acknowledged = max(acknowledged, int(line))
        assessment = load_assessment(path)  # never torn: always loads
        held = {int(qid[1:]) for qid in assessment.answers}
        missing = set(range(acknowledged + 1)) - held
        assert not missing, f"acknowledged answers lost: {sorted(missing)[:5]}"
    # Every run acknowledged at least one new answer (numbers start at 0).
    assert acknowledged >= RUNS - 1
