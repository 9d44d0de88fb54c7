"""Exercise save-to-verdict budget: median at most 0.5 s from saving the file to seeing
its verdict, on the real `bntutor exercise` in a pseudo-terminal (a warm worker with
numpy and torch imported forks a child per check; the file is watched with watchfiles).

For comparison it times the naive way: a fresh interpreter per check, which imports
numpy and torch, prepares the exercise and checks the file
(``python -m bntutor.exercises.worker --once``).

Usage: ``python benchmarks/exercise_check.py [--saves 10] [--naive 3]``.
Exits 1 when the budget is broken.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect
from _common import bntutor_script

from bntutor.content.exercises import load_exercise

BUDGET = 0.5  # seconds, median save-to-verdict
EXERCISE = "bn-forward"


def _save(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def versions() -> tuple[str, str]:
    right = load_exercise(EXERCISE).solution.numpy
    return right.replace("x.var(axis=0)", "x.var(axis=0, ddof=1)"), right


def warm(saves: int) -> list[float]:
    """Seconds from each save to its verdict line, alternating a wrong and a right file."""
    wrong, right = versions()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, BNTUTOR_HOME=str(Path(tmp) / "home"), NO_COLOR="1")
        child = pexpect.spawn(bntutor_script(), ["exercise", EXERCISE, "--dir", tmp], env=env,
                              encoding="utf-8", timeout=60, dimensions=(40, 100))
        child.expect_exact("Still the starter")  # the worker is up and the first check done
        path = Path(tmp) / "bn_forward.py"
        times = []
        for i in range(saves):
            expected = "passed: all" if i % 2 else "failed:"
            time.sleep(0.3)  # let the previous redraw finish
            start = time.monotonic()
            _save(path, right if i % 2 else wrong)
            child.expect_exact(expected)
            times.append(time.monotonic() - start)
        child.sendline(":quit")
        child.expect(pexpect.EOF)
    return times


def naive(runs: int) -> list[float]:
    """Seconds per check with a fresh interpreter each time."""
    wrong, _ = versions()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bn_forward.py"
        path.write_text(wrong, encoding="utf-8")
        for _ in range(runs):
            start = time.monotonic()
            subprocess.run([sys.executable, "-m", "bntutor.exercises.worker", "--once",
                            EXERCISE, str(path)], stdout=subprocess.DEVNULL, check=False)
            times.append(time.monotonic() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--naive", type=int, default=3)
    args = parser.parse_args()
    warm_times = warm(args.saves)
    naive_times = naive(args.naive)
    w, nv = statistics.median(warm_times), statistics.median(naive_times)
    print(f"save-to-verdict, warm worker: median {w:.3f} s over {len(warm_times)} saves"
          f" (min {min(warm_times):.3f}, max {max(warm_times):.3f}); budget {BUDGET} s")
    print(f"fresh interpreter per check: median {nv:.3f} s over {len(naive_times)} runs"
          f" ({nv / w:.1f}x the warm worker)")
    if w > BUDGET:
        print(f"over budget: {w:.3f} s > {BUDGET} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
