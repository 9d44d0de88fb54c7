"""Demo budgets: every ``bntutor demo NAME`` at most 10 s, with ``--quick`` at most 3 s.

Each demo runs as a fresh process (``bntutor demo NAME [--quick] --json``), so the time
includes interpreter start-up and the torch import, as a learner would wait for it. Each
is run ``--runs`` times (default 3) and the median wall time counts; the CPU time (user +
system, children included) is printed beside it, steadier on a busy machine. Run it on an
otherwise idle machine with 2 cores for numbers to compare against the budget.

Usage: ``python benchmarks/demos.py [--runs 3] [--only NAME ...] [--quick-only]``.
Exits 1 when any demo is over budget or fails.
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

BUDGET_S = 10.0
QUICK_BUDGET_S = 3.0


def script() -> str:
    beside = Path(sys.executable).parent / "bntutor"
    found = str(beside) if beside.exists() else shutil.which("bntutor")
    if found is None:
        sys.exit("bntutor is not installed in this environment (pip install -e .)")
    return found


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time and CPU time of one run of ``argv`` (children too), and its exit status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        sys.stderr.write(done.stderr)
    return wall, cpu, done.returncode


def main() -> int:
    from bntutor.demos.registry import demo_names

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None, help="demo names (default: all)")
    parser.add_argument("--quick-only", action="store_true", help="skip the full runs")
    args = parser.parse_args()

    names = args.only or demo_names()
    modes = [True] if args.quick_only else [True, False]
    bntutor = script()
    home = tempfile.mkdtemp(prefix="bntutor-bench-")
    env = {**os.environ, "BNTUTOR_HOME": home}
    print(f"{'demo':<18}{'mode':<7}{'wall s':>8}{'cpu s':>8}{'budget':>8}  verdict")
    failed = False
    for name in names:
        for quick in modes:
            argv = [bntutor, "demo", name, "--json"] + (["--quick"] if quick else [])
            runs = [timed(argv, env) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            budget = QUICK_BUDGET_S if quick else BUDGET_S
            ok = all(r[2] == 0 for r in runs)
            verdict = "PASS" if ok and wall <= budget else ("ERROR" if not ok else "FAIL")
            failed |= verdict != "PASS"
            mode = "quick" if quick else "full"
            print(f"{name:<18}{mode:<7}{wall:>8.2f}{cpu:>8.2f}{budget:>8.1f}  {verdict}",
                  flush=True)
    shutil.rmtree(home, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
