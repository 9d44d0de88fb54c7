"""Content size budget: showing a text costs time in proportion to its length, and the
largest lesson content may hold (``MAX_FILE_BYTES`` of texts of ``MAX_TEXT`` characters)
validates and plays in bounded time.

1. Finding the maths in markdown (``replace_math``) on hostile patterns at n and 4n
   characters (n = 250,000, beyond what one text may hold): the time must grow about 4x,
   not 8x or 16x (unmatched backtick runs of growing length used to take minutes).
2. Rendering one text of ``MAX_TEXT`` characters of each pattern to an 80-column console.
3. ``bntutor validate`` and a scripted ``bntutor lesson 1`` of a lesson at the file cap.

Usage: ``python benchmarks/content_size.py``. Exits 1 when a budget is broken.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import bntutor_script
from rich.console import Console

from bntutor.content._texts import MAX_FILE_BYTES, MAX_TEXT
from bntutor.ui._mathmarkdown import replace_math
from bntutor.ui.prose import markdown

GROWTH_BUDGET = 6.0  # time(4n) / time(n): 4 is linear, 16 quadratic
NOISE = 0.05  # below this many seconds a ratio says nothing
TEXT_BUDGET = 1.0  # seconds to render one text of MAX_TEXT characters
LESSON_BUDGET = 60.0  # seconds to validate, and to play, a lesson at the file cap


def _runs(n: int) -> str:
    parts, k, size = [], 1, 0
    while size < n:
        parts.append("`" * k + " x ")
        size += len(parts[-1])
        k += 1
    return "".join(parts)[:n]


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


PATTERNS: dict[str, Callable[[int], str]] = {
    "prose with maths and code": _repeat(
        "The mean $\\mu_B$ of a batch is `x.mean(0)`; BN divides by $\\sqrt{\\sigma^2+\\epsilon}$. "
    ),
    "backtick runs of growing length": _runs,
    "unclosed dollars": _repeat("$a "),
    "unclosed display maths": _repeat("$$ a "),
    "one line per word": _repeat("line\n"),
    "Chinese with maths": _repeat("批归一化把每个特征标准化为均值 0、方差 1，$\\gamma$ 再缩放。"),
    "nested braces in maths": lambda n: "$$" + _repeat("{a")(n - 4) + "$$",
}


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def growth(n: int = 250_000) -> bool:
    ok = True
    print(f"finding maths, n = {n:,} and 4n characters:")
    for name, make in PATTERNS.items():
        small, large = make(n), make(4 * n)
        t1 = _seconds(lambda s=small: replace_math(s, lambda latex: latex))  # type: ignore[misc]
        t4 = _seconds(lambda s=large: replace_math(s, lambda latex: latex))  # type: ignore[misc]
        ratio = t4 / max(t1, 1e-4)
        good = ratio <= GROWTH_BUDGET or t4 < NOISE
        ok &= good
        print(f"  {name:34} {t1:6.3f} s -> {t4:6.3f} s  x{ratio:4.1f}"
              f"  {'ok' if good else 'OVER'}{' (too fast to tell)' if t4 < NOISE else ''}")
    return ok


def render_one_text() -> bool:
    ok = True
    print(f"rendering one text of {MAX_TEXT:,} characters at 80 columns:")
    for name, make in PATTERNS.items():
        text = make(MAX_TEXT)
        seconds = _seconds(lambda t=text: Console(  # type: ignore[misc]
            file=io.StringIO(), width=80, color_system=None).print(markdown(t)))
        good = seconds <= TEXT_BUDGET
        ok &= good
        print(f"  {name:34} {seconds:6.3f} s  {'ok' if good else 'OVER'}")
    return ok


def largest_lesson() -> bool:
    body = PATTERNS["prose with maths and code"](MAX_TEXT - 100)
    def step(i: int) -> str:
        return f"  - id: s{i}\n    type: text\n    body: {json.dumps(body)}\n"

    n = (MAX_FILE_BYTES - 100) // len(step(999))
    steps = "".join(step(i) for i in range(n))
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        course.mkdir()
        lesson = course / "01-big.yaml"
        lesson.write_text(f"slug: big\ntitle: Big\nminutes: 1\nsteps:\n{steps}", encoding="utf-8")
        (course / "course.yaml").write_text("format_version: 1\ntitle: Big\nlessons: [big]\n",
                                            encoding="utf-8")
        size = lesson.stat().st_size
        env = dict(os.environ, BNTUTOR_HOME=str(Path(tmp) / "home"),
                   BNTUTOR_LESSONS=str(course), COLUMNS="80")
        ok = True
        for label, args in (("validate", ["validate", str(course)]),
                            ("lesson 1 (scripted)", ["lesson", "1"])):
            start = time.perf_counter()
            done = subprocess.run([bntutor_script(), *args], env=env, input="\n" * (n + 5),
                                  capture_output=True, text=True)
            seconds = time.perf_counter() - start
            good = done.returncode == 0 and seconds <= LESSON_BUDGET
            ok &= good
            status = f" (exit {done.returncode}: {done.stderr[-200:]})" if done.returncode else ""
            print(f"  {label:20} {seconds:6.2f} s{status}  {'ok' if good else 'OVER'}")
    print(f"  (the lesson: {size:,} bytes, {n} steps of {len(body):,} characters)")
    return ok


def main() -> int:
    ok = growth()
    ok &= render_one_text()
    print(f"a lesson at the file cap ({MAX_FILE_BYTES:,} bytes):")
    ok &= largest_lesson()
    print(f"budgets: growth x{GROWTH_BUDGET} per 4x, one text {TEXT_BUDGET} s, "
          f"the largest lesson {LESSON_BUDGET} s")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
