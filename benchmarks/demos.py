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
import shutil
import statistics
import sys
import tempfile

from _common import bntutor_script, timed

BUDGET_S = 10.0
QUICK_BUDGET_S = 3.0


def main() -> int:
    from bntutor.content.demos import demo_list

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None, help="demo names (default: all)")
    parser.add_argument("--quick-only", action="store_true", help="skip the full runs")
    args = parser.parse_args()

    names = args.only or [d.slug for d in demo_list()]
    modes = [True] if args.quick_only else [True, False]
    bntutor = bntutor_script()
    home = tempfile.mkdtemp(prefix="bntutor-bench-")
    env = {**os.environ, "BNTUTOR_HOME": home}
    print(f"{'demo':<18}{'mode':<7}{'wall s':>8}{'cpu s':>8}{'budget':>8}  verdict")
    failed = False
    for name in names:
        for quick in modes:
            argv = [bntutor, "demo", name, "--json"] + (["--quick"] if quick else [])
            runs = [timed(argv, env) for _ in range(args.runs)]
            wall = statistics.median(r.wall for r in runs)
            cpu = statistics.median(r.cpu for r in runs)
            budget = QUICK_BUDGET_S if quick else BUDGET_S
            ok = all(r.status == 0 for r in runs)
            verdict = "PASS" if ok and wall <= budget else ("ERROR" if not ok else "FAIL")
            failed |= verdict != "PASS"
            mode = "quick" if quick else "full"
            print(f"{name:<18}{mode:<7}{wall:>8.2f}{cpu:>8.2f}{budget:>8.1f}  {verdict}",
                  flush=True)
    shutil.rmtree(home, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
