"""Answer budget: any answer gets a verdict within 2 s, whatever it contains.

Each PYTHONHASHSEED gets its own process (sympy's term order, and so whether a formula
used to hang, depended on it). In each, one ordinary answer is checked first, so the
import of sympy is not counted against the hostile answers (the first formula of a
session pays it once, as the ``first check`` line shows); then every hostile answer is
checked against lesson 3's expression step and timed. A process that has not finished
after ``--kill-after`` seconds counts as a hang.

Usage: ``python benchmarks/hostile_answers.py [--seeds 0,1,2,3,4,5]``. Exits 1 when an
answer is over budget.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

BUDGET = 2.0  # seconds from the answer to its verdict
EXPECTED = "sqrt(sigma^2 + epsilon)"
VARIABLES = ["sigma", "epsilon"]
HOSTILE = [
    "exp(exp(exp(100)))",
    "sin(exp(exp(30)))",
    "1e309*sigma",
    "9**9**9**9",
    "exp(" * 99 + "sigma" + ")" * 99,
    "sin(exp(340))*sigma",
    "max(sigma, exp(340))",
    "sign(sigma - exp(340))*sqrt(sigma^2 + epsilon)",
    "abs(sin(99999999999999999999999999999999999999999999999999999999))",
    "tanh(exp(exp(exp(exp(sigma)))))",
    "sin(sigma)^8 + cos(sigma)^8 - sigma",
    "(sigma + epsilon)^100 - (sigma + epsilon)^99",
    "sqrt(sigma^2 + epsilon)*(sin(exp(340))^2 + cos(exp(340))^2)",
    "max(" + ",".join(["sin(exp(340))"] * 40) + ")",
    "(" + "+".join(f"sigma^{i}" for i in range(40)) + ")^9",
    "sqrt(" * 80 + "sigma" + ")" * 80,
]
CHILD = """
import json, sys, time
from bntutor.checking.expression import check_expression
expected, variables, answers = json.loads(sys.argv[1])
start = time.perf_counter()
check_expression("sigma", expected, variables)
rows = [["(first check)", time.perf_counter() - start, ""]]
for answer in answers:
    start = time.perf_counter()
    verdict = check_expression(answer, expected, variables)
    rows.append([answer, time.perf_counter() - start, verdict.message])
print(json.dumps(rows))
"""


def run_seed(seed: str, kill_after: float) -> list[tuple[str, float, str]]:
    payload = json.dumps([EXPECTED, VARIABLES, HOSTILE])
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, payload], capture_output=True,
                              text=True, timeout=kill_after,
                              env=dict(os.environ, PYTHONHASHSEED=seed))
    except subprocess.TimeoutExpired:
        return [("(hung)", kill_after, f"still running after {kill_after:g} s")]
    if done.returncode:
        sys.exit(f"seed {seed}: the checker failed: {done.stderr.strip()}")
    return [(a, t, m) for a, t, m in json.loads(done.stdout)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0,1,2,3,4,5")
    parser.add_argument("--kill-after", type=float, default=120.0)
    args = parser.parse_args()
    worst: tuple[float, str, str] = (0.0, "", "")
    for seed in args.seeds.split(","):
        rows = run_seed(seed, args.kill_after)
        first = rows[0][1]
        hostile = rows[1:] or rows
        slowest = max(hostile, key=lambda r: r[1])
        print(f"PYTHONHASHSEED={seed}: first check {first:.2f} s (imports sympy); "
              f"slowest hostile answer {slowest[1]:.3f} s: {slowest[0][:50]!r} -> {slowest[2]}")
        worst = max(worst, (slowest[1], seed, slowest[0]))
    ok = worst[0] <= BUDGET
    print(f"worst over {len(HOSTILE)} hostile answers x {len(args.seeds.split(','))} seeds: "
          f"{worst[0]:.3f} s (seed {worst[1]}, {worst[2][:50]!r}); budget {BUDGET} s")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
