"""Lesson budgets: the first screen appears before torch has finished importing, and a
full scripted lesson run peaks under 450 MB of resident memory.

1. First screen vs torch. The installed ``bntutor lesson N`` runs in a pseudo-terminal,
   wrapped so that a watcher thread notes the moment torch's import (started in the
   background by the player) completes. The parent notes when the lesson header and the
   first step's prompt appear. Both are wall-clock times of the same run, measured from
   the spawn. Repeated ``--runs`` times; the budget holds when every run draws its
   first screen first.
2. Peak memory. ``bntutor lesson N --answers FILE`` with ``:skip`` for every question
   (every compute step runs and every answer is resolved) in a child process; its peak
   RSS comes from ``resource.getrusage(RUSAGE_CHILDREN)``.

Usage: ``python benchmarks/lesson_run.py [--lesson 1] [--lessons-dir DIR] [--runs 3]``.
Exits 1 when a budget is broken.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

MEMORY_BUDGET_MB = 450.0
ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "player" / "lessons"

# Runs bntutor's own entry point, plus a thread that waits for torch's import (started by
# the player's background thread) to complete and writes the time to a file.
WRAPPER = """
import importlib, sys, threading, time
out = sys.argv.pop(1)
def watch():
    while 'torch' not in sys.modules:
        time.sleep(0.001)
    importlib.import_module('torch')  # blocks until the import in progress completes
    with open(out, 'w') as f:
        f.write(repr(time.time()))
threading.Thread(target=watch, daemon=True).start()
from bntutor.cli.main import main
sys.argv[0] = 'bntutor'
main()
"""


def script() -> str:
    beside = Path(sys.executable).parent / "bntutor"
    found = str(beside) if beside.exists() else shutil.which("bntutor")
    if found is None:
        sys.exit("bntutor is not installed in this environment (pip install -e .)")
    return found


def environment(home: Path, lessons_dir: Path | None) -> dict[str, str]:
    env = dict(os.environ, BNTUTOR_HOME=str(home), NO_COLOR="1", TERM="xterm")
    if lessons_dir is not None:
        env["BNTUTOR_LESSONS"] = str(lessons_dir)
    return env


def first_screen(lesson: str, lessons_dir: Path | None) -> tuple[float, float, float]:
    """Seconds from spawn to: the header, the first step's prompt, torch imported."""
    with tempfile.TemporaryDirectory() as tmp:
        marker = Path(tmp) / "torch-ready"
        env = environment(Path(tmp) / "home", lessons_dir)
        start = time.time()
        child = pexpect.spawn(
            sys.executable, ["-c", WRAPPER, str(marker), "lesson", lesson, "--restart"],
            env=env, encoding="utf-8", timeout=120, dimensions=(40, 100),
        )
        child.expect_exact(f"Lesson {lesson}")
        header = time.time() - start
        child.expect(["press Enter", "› "])
        prompt = time.time() - start
        deadline = time.time() + 120
        while not marker.exists() or not marker.read_text():
            if time.time() > deadline:
                sys.exit("torch never finished importing")
            time.sleep(0.01)
        torch_ready = float(marker.read_text()) - start
        child.sendintr()
        child.expect(pexpect.EOF)
        child.close()
    return header, prompt, torch_ready


def peak_memory_mb(lesson: str, lessons_dir: Path | None) -> tuple[float, float, int]:
    """Peak RSS (MB) and wall time of a full scripted run, and its exit status."""
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers.txt"
        answers.write_text(":skip\n" * 500, encoding="utf-8")
        env = environment(Path(tmp) / "home", lessons_dir)
        start = time.perf_counter()
        done = subprocess.run(
            [script(), "lesson", lesson, "--answers", str(answers)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"the scripted lesson failed ({done.returncode}): {done.stderr.strip()}")
    kilobytes = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux
    return kilobytes / 1024.0, seconds, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", default="1")
    parser.add_argument("--lessons-dir", type=Path, default=None,
                        help="another course (default: the shipped one, else the test fixture)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    lessons_dir = args.lessons_dir
    if lessons_dir is None and not any((ROOT / "lessons").glob("[0-9][0-9]-*.yaml")):
        lessons_dir = FIXTURE
    course = lessons_dir or "the shipped course"
    print(f"lesson {args.lesson} of {course}")

    # memory first: RUSAGE_CHILDREN reports the largest peak of any child waited for so far
    peak, seconds, _ = peak_memory_mb(args.lesson, lessons_dir)
    ok = peak < MEMORY_BUDGET_MB
    print(f"full scripted run: {seconds:.2f} s, peak RSS {peak:.0f} MB"
          f" (budget {MEMORY_BUDGET_MB:.0f} MB: {'ok' if ok else 'OVER'})")

    rows = [first_screen(args.lesson, lessons_dir) for _ in range(args.runs)]
    for header, prompt, torch_ready in rows:
        first = "first" if prompt < torch_ready else "AFTER torch"
        print(f"  header {header:.3f} s, first step ready {prompt:.3f} s,"
              f" torch imported {torch_ready:.3f} s  -> first screen {first}")
        ok &= prompt < torch_ready
    lead = statistics.median(t - p for _, p, t in rows)
    print(f"first screen ahead of torch by {lead:.3f} s (median of {args.runs})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
