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
import statistics
import sys

from _common import peak_children_mb, skipped_run, watched

FIRST_QUESTION_BUDGET = 1.5  # seconds from spawn
SEED = "3"  # a quiz whose questions include generated ones (checked below)


def first_question() -> tuple[float, float]:
    """Seconds from spawn to: the first question's prompt, torch imported."""
    with watched(["quiz", "--seed", SEED, "-n", "10"], {}) as run:
        run.child.expect_exact("Question 1 of 10")
        run.child.expect_exact("› ")
        prompt = run.elapsed()
        torch_ready = run.torch_ready()
    return prompt, torch_ready


def scripted_run() -> tuple[float, float]:
    """Wall time and peak RSS (MB) of a 10-question quiz answered with :skip."""
    seconds, out = skipped_run(["quiz", "--seed", SEED, "-n", "10", "--json"], 10, {})
    if '"gen:' not in out:
        sys.exit(f"seed {SEED} has no generated question: pick another SEED")
    return seconds, peak_children_mb()


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
