"""Quiz start-up budget: the first question is on screen before torch has finished
importing, and within 1.5 s of the spawn.

The installed ``bntutor quiz`` runs in a pseudo-terminal, wrapped so that a watcher
thread notes when torch's import (started in the background by the quiz, because the
chosen quiz has generated questions) completes. The parent notes when the first
question's prompt appears. Both times are measured from the spawn of the same run;
``--runs`` repeats it. A seeded quiz with generated questions is used, so torch is
really needed. Also reports a scripted 10-question quiz's wall time and peak RSS.

Usage: ``python benchmarks/quiz_start.py [--runs 3]``. Exits 1 when a budget is broken.
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

FIRST_QUESTION_BUDGET = 1.5  # seconds from spawn
SEED = "3"  # a quiz whose questions include generated ones (checked below)

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


def first_question() -> tuple[float, float]:
    """Seconds from spawn to: the first question's prompt, torch imported."""
    with tempfile.TemporaryDirectory() as tmp:
        marker = Path(tmp) / "torch-ready"
        env = dict(os.environ, BNTUTOR_HOME=str(Path(tmp) / "home"), NO_COLOR="1", TERM="xterm")
        start = time.time()
        child = pexpect.spawn(
            sys.executable, ["-c", WRAPPER, str(marker), "quiz", "--seed", SEED, "-n", "10"],
            env=env, encoding="utf-8", timeout=120, dimensions=(40, 100),
        )
        child.expect_exact("Question 1 of 10")
        child.expect_exact("› ")
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
    return prompt, torch_ready


def scripted_run() -> tuple[float, float]:
    """Wall time and peak RSS (MB) of a 10-question quiz answered with :skip."""
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers.txt"
        answers.write_text(":skip\n" * 10, encoding="utf-8")
        env = dict(os.environ, BNTUTOR_HOME=str(Path(tmp) / "home"))
        start = time.perf_counter()
        done = subprocess.run(
            [script(), "quiz", "--seed", SEED, "-n", "10", "--answers", str(answers), "--json"],
            env=env, capture_output=True, text=True,
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"the scripted quiz failed ({done.returncode}): {done.stderr.strip()}")
        if '"gen:' not in done.stdout:
            sys.exit(f"seed {SEED} has no generated question: pick another SEED")
    kilobytes = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux
    return seconds, kilobytes / 1024.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    seconds, peak = scripted_run()
    print(f"scripted 10-question quiz: {seconds:.2f} s, peak RSS {peak:.0f} MB")
    ok = True
    rows = [first_question() for _ in range(args.runs)]
    for prompt, torch_ready in rows:
        good = prompt < torch_ready and prompt <= FIRST_QUESTION_BUDGET
        ok &= good
        print(f"  first question {prompt:.3f} s, torch imported {torch_ready:.3f} s"
              f"  -> {'ok' if good else 'OVER'}")
    print(f"first question (median of {args.runs}): {statistics.median(p for p, _ in rows):.3f} s"
          f" (budget {FIRST_QUESTION_BUDGET} s, and before torch)")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
