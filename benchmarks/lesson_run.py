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
import statistics
from pathlib import Path

from _common import peak_children_mb, skipped_run, watched

MEMORY_BUDGET_MB = 450.0
ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "player" / "lessons"


def course_env(lessons_dir: Path | None) -> dict[str, str]:
    return {} if lessons_dir is None else {"BNTUTOR_LESSONS": str(lessons_dir)}


def first_screen(lesson: str, lessons_dir: Path | None) -> tuple[float, float, float]:
    """Seconds from spawn to: the header, the first step's prompt, torch imported."""
    with watched(["lesson", lesson, "--restart"], course_env(lessons_dir)) as run:
        run.child.expect_exact(f"Lesson {lesson}")
        header = run.elapsed()
        run.child.expect(["press Enter", "› "])
        prompt = run.elapsed()
        torch_ready = run.torch_ready()
    return header, prompt, torch_ready


def peak_memory_mb(lesson: str, lessons_dir: Path | None) -> tuple[float, float]:
    """Peak RSS (MB) and wall time of a full scripted run."""
    seconds, _ = skipped_run(["lesson", lesson], 500, course_env(lessons_dir))
    return peak_children_mb(), seconds


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
    peak, seconds = peak_memory_mb(args.lesson, lessons_dir)
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
