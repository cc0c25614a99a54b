"""Benchmarks the terminal UI as a person meets it, in a real pseudo-terminal at 80×24.

- `cisec open FILE` to the first question on screen (whole process: interpreter, imports,
  loading the questionnaire and the file, first paint), over the Cap. 653 demo;
- a digit key to the next question on screen (answer saved, next question painted);
- beside them, a bare Textual app's start-up to its first paint, in the same run.

Each figure is a median. Falls back to the fixture questionnaire when the Cap. 653 demo is
not installed. Run with `make bench` (or `python bench/bench_tui.py`).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTS = 7
KEYS = 20
ESCAPES = re.compile(
    rb"\x1b(?:\[[0-9;?<>=$ ]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|P[^\x1b]*\x1b\\|[()][0-9A-Za-z]|[=>78])"
)


class Pane:
    """A process in an 80×24 pseudo-terminal whose screen text we can wait for."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.started = time.perf_counter()
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self.seen = b""

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Seconds (perf_counter) at which `text` first appeared in the output since the last call."""
        wanted = text.encode("utf-8")
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            moment = time.perf_counter()
            self.seen += chunk
            if wanted in ESCAPES.sub(b"", self.seen):
                self.seen = b""
                return moment
        raise TimeoutError(f"{text!r} did not appear")

    def send(self, keys: str) -> float:
        moment = time.perf_counter()
        os.write(self.master, keys.encode("utf-8"))
        return moment

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=10)
        os.close(self.master)


def environment(data: Path) -> dict[str, str]:
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", CISEC_DATA_DIR=str(data))
    env.pop("TEXTUAL", None)
    return env


def prepare(folder: Path) -> tuple[Path, Path, list[str], str]:
    """The demo file, a copy without answers (same profile), the question texts in walk order
    from the first one the copy opens at, and which questionnaire it is."""
    sys.path.insert(0, str(ROOT))
    os.environ["CISEC_DATA_DIR"] = str(folder / "data")
    from cisec import services

    demo = folder / "demo.cisec.json"
    try:
        session = services.write_demo("hk-cap653", demo)
        which = "Cap. 653 demo"
    except services.CisecError:
        fixture = ROOT / "tests" / "data" / "content" / "fixture.yaml"
        (folder / "data" / "questionnaires").mkdir(parents=True, exist_ok=True)
        (folder / "data" / "questionnaires" / "fixture.yaml").write_text(fixture.read_text())
        session = services.new_session("fixture", demo, organisation="Bench")
        session.answer("designated", "yes")
        session.answer("designated_on", "2026-01-01")
        session.answer("systems", 3)
        session.answer("declared_level", "rated3")
        which = "fixture (no Cap. 653 demo installed)"
    fresh = folder / "fresh.cisec.json"
    document = json.loads(demo.read_text(encoding="utf-8"))
    document["answers"] = {}
    fresh.write_text(json.dumps(document), encoding="utf-8")
    opened = services.open_session(fresh)
    # Profile facts the demo leaves open become "unknown", so the walk opens at question one.
    for item in opened.questionnaire.profile:
        if item.id not in opened.assessment.profile:
            opened.answer(item.id, "unknown")
    profile = dict(opened.assessment.profile)
    # The walk after a digit: the next question that applies; stop at the first that is not a
    # choice (a digit there starts typing instead).
    texts: list[str] = []
    for question in opened.questionnaire.questions.values():
        if not services.applies_to(question, profile):
            continue
        _, scale = opened.item(question.id)
        if scale.type != "choice":
            break
        texts.append(first_words(question.text.en))
    return demo, fresh, texts, which


def first_words(text: str) -> str:
    """The start of a question as it appears on one screen line (no wrapping inside it)."""
    return textwrap.wrap(text, 30)[0]


def first_question(demo: Path) -> str:
    """The question the walk opens at (the first unanswered or flagged that applies)."""
    from cisec import services

    session = services.open_session(demo)
    profile = dict(session.assessment.profile)
    results = session.score().questions
    for item in [*session.questionnaire.profile, *session.questionnaire.questions.values()]:
        if not services.applies_to(item, profile):
            continue
        if item.id in session.questionnaire.profile_questions:
            if item.id not in profile:
                return first_words(item.text.en)
            continue
        answer = session.assessment.answers.get(item.id)
        if answer is None or answer.flagged or results[item.id].state == "unanswered":
            return first_words(item.text.en)
    first = next(iter(session.questionnaire.profile_questions.values()), None)
    return first_words(first.text.en) if first else ""


def bench_start(argv: list[str], marker: str, env: dict[str, str]) -> float:
    samples = []
    for _ in range(STARTS):
        pane = Pane(argv, env)
        try:
            samples.append((pane.wait_for(marker) - pane.started) * 1000)
        finally:
            pane.close()
    return statistics.median(samples)


def bench_keys(argv: list[str], texts: list[str], env: dict[str, str]) -> tuple[float, int]:
    pane = Pane(argv, env)
    samples = []
    try:
        pane.wait_for(texts[0])
        for following in texts[1 : KEYS + 1]:
            sent = pane.send("1")
            samples.append((pane.wait_for(following) - sent) * 1000)
            time.sleep(0.02)  # let the save finish, as a person's next key would
    finally:
        pane.close()
    return statistics.median(samples), len(samples)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="cisec-bench-tui-") as name:
        folder = Path(name)
        demo, fresh, texts, which = prepare(folder)
        env = environment(folder / "data")
        # Pin the interface language to English so the markers match.
        (folder / "data").mkdir(exist_ok=True)
        (folder / "data" / "recent.json").write_text('{"language": "en"}')
        cisec = [sys.executable, "-m", "cisec"]

        bare = folder / "bare.py"
        bare.write_text(
            "from textual.app import App\n"
            "from textual.widgets import Static\n"
            "class Bare(App[None]):\n"
            "    def compose(self):\n"
            "        yield Static('bare textual app ready')\n"
            "Bare().run()\n"
        )
        baseline = bench_start([sys.executable, str(bare)], "bare textual app ready", env)
        start = bench_start([*cisec, "open", str(demo)], first_question(demo), env)
        key, count = bench_keys([*cisec, "open", str(fresh)], texts, env)

        print(f"TUI over the {which}, 80×24 pseudo-terminal, medians:")
        print(f"  bare Textual app start to first paint: {baseline:7.1f} ms ({STARTS} runs)")
        print(
            f"  cisec open FILE to first question:      {start:7.1f} ms ({STARTS} runs; "
            f"aim ≤ 1000 ms; {start - baseline:+.0f} ms over bare Textual)"
        )
        print(
            f"  digit key to next question shown:       {key:7.1f} ms ({count} keys; aim ≤ 50 ms)"
        )


if __name__ == "__main__":
    main()
