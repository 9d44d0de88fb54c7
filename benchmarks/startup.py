"""Start-up budget: ``bntutor --help`` (also in Chinese), ``bntutor lessons`` and the home
screen (``bntutor`` with no command) take at most 1.5x the wall time of
``python -c "import typer, rich"`` once the lesson index exists (also with a database
holding a learner's progress), and ``lessons`` and home at most 2.5x on a first run (an
empty home: no index, no database yet, so the run builds the index); none of them imports torch.

Each command runs as a fresh process ``--runs`` times (default 10), interleaved with the
baseline so that drift in machine load hits both alike; the ratio is median / median.
A first run gets a new empty home dir each time; the other runs share one home, whose
index the warm-up run writes; the runs "with progress" share a home where lesson 1 was
started (so they open the database, as every learner's runs do).
Bytecode is allowed to be written (``PYTHONDONTWRITEBYTECODE`` is dropped for the timed
runs), as an installed package has it: pip compiles it at install time; without it every
run would time compiling bntutor's own source, which no installed bntutor does.
The budget is on wall time; the CPU time (user + system) ratio is printed beside it
because it is steadier on a busy machine.
Torch is checked by running the same command in-process under a probe that looks at
``sys.modules`` afterwards. When a command is over budget the slowest imports of its
start-up (``python -X importtime``) are listed, to show what to make lazy.

Usage: ``python benchmarks/startup.py [--runs 10] [--budget 1.5]``. Exits 1 when a budget
is broken.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from _common import bntutor_script, timed

BUDGET = 1.5
FIRST_RUN_BUDGET = 2.5


@dataclass(frozen=True)
class Case:
    """One command timed against the baseline, and its budget (a ratio)."""

    name: str
    args: list[str]
    budget: float
    first_run: bool = False
    progress: bool = False  # in a home with a database holding progress
    lang: str = ""  # BNTUTOR_LANG for the run


CASES = (
    Case("--help", ["--help"], BUDGET),
    Case("--help, in Chinese", ["--help"], BUDGET, lang="zh"),
    Case("lessons", ["lessons"], BUDGET),
    Case("(home)", [], BUDGET),
    Case("lessons, first run", ["lessons"], FIRST_RUN_BUDGET, first_run=True),
    Case("(home), first run", [], FIRST_RUN_BUDGET, first_run=True),
    Case("lessons, with progress", ["lessons"], BUDGET, progress=True),
    Case("(home), with progress", [], BUDGET, progress=True),
)
BASELINE = [sys.executable, "-c", "import typer, rich"]
PROBE = """
import sys
from bntutor.cli.main import run
status = run(sys.argv[1:])
sys.stdout.flush()
sys.stderr.write("\\nTORCH=" + str("torch" in sys.modules) + "\\n")
"""
IMPORTTIME = """
import sys
from bntutor.cli.main import run
run(sys.argv[1:])
"""


def start_lesson(bntutor: str, env: dict[str, str], answers: Path) -> None:
    """Play the first three steps of lesson 1 in ``env``'s home (skipping its questions), so
    that the home holds a database with progress."""
    answers.write_text(":skip\n" * 3, encoding="utf-8")
    subprocess.run([bntutor, "lesson", "1", "--answers", str(answers)], env=env,
                   capture_output=True, check=False)
    if not (Path(env["BNTUTOR_HOME"]) / "bntutor.sqlite3").exists():
        sys.exit("could not start lesson 1 to time the runs with progress")


def imports_torch(args: list[str], env: dict[str, str]) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True
    )
    return "TORCH=True" in done.stderr


def slowest_imports(args: list[str], env: dict[str, str], top: int = 12) -> list[str]:
    """The imports with the largest cumulative time, as ``python -X importtime`` reports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", IMPORTTIME, *args],
        env=env,
        capture_output=True,
        text=True,
    )
    rows: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self_us, cumulative_us, name = line.split(":", 1)[1].split("|", 2)
        cumulative = int(cumulative_us)
        rows.append((cumulative, f"{cumulative / 1000:8.1f} ms  {name.rstrip()}"))
    rows.sort(reverse=True)
    return [text for _, text in rows[:top]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--budget", type=float, default=BUDGET, help="warm budget (ratio)")
    parser.add_argument("--first-run-budget", type=float, default=FIRST_RUN_BUDGET)
    options = parser.parse_args()
    cases = [
        Case(c.name, c.args, options.first_run_budget if c.first_run else options.budget,
             c.first_run, c.progress, c.lang)
        for c in CASES
    ]

    bntutor = bntutor_script()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "BNTUTOR_HOME": str(Path(tmp) / "home"), "COLUMNS": "100"}
        for name in ("BNTUTOR_DEBUG", "BNTUTOR_LANG", "PYTHONDONTWRITEBYTECODE"):
            env.pop(name, None)
        Path(env["BNTUTOR_HOME"]).mkdir()
        with_progress = {**env, "BNTUTOR_HOME": str(Path(tmp) / "learner")}
        start_lesson(bntutor, with_progress, Path(tmp) / "answers.txt")
        fresh = iter(range(10**6))

        def env_for(case: Case | None) -> dict[str, str]:
            if case is not None and case.lang:
                return {**env, "BNTUTOR_LANG": case.lang}
            if case is not None and case.progress:
                return with_progress
            if case is None or not case.first_run:
                return env
            home = Path(tmp) / f"first-{next(fresh)}"  # empty: no index, no database
            home.mkdir()
            return {**env, "BNTUTOR_HOME": str(home)}

        def argv(case: Case | None) -> list[str]:
            return BASELINE if case is None else [bntutor, *case.args]

        for case in [None, *cases]:
            timed(argv(case), env_for(case))  # warm the file cache (and the index); not counted
        walls: dict[str, list[float]] = {c.name: [] for c in cases} | {"baseline": []}
        cpus: dict[str, list[float]] = {c.name: [] for c in cases} | {"baseline": []}
        statuses: dict[str, int] = {}
        for _ in range(options.runs):
            for case in [None, *cases]:
                name = "baseline" if case is None else case.name
                run = timed(argv(case), env_for(case))
                walls[name].append(run.wall)
                cpus[name].append(run.cpu)
                statuses[name] = run.status

        base, base_cpu = statistics.median(walls["baseline"]), statistics.median(cpus["baseline"])
        print(
            f"      baseline: python -c 'import typer, rich'  wall {base * 1000:6.1f} ms"
            f"  cpu {base_cpu * 1000:6.1f} ms  (medians of {options.runs};"
            f" fastest {min(walls['baseline']) * 1000:.1f} ms)"
        )
        failed = False
        for case in cases:
            median = statistics.median(walls[case.name])
            ratio = median / base
            cpu_ratio = statistics.median(cpus[case.name]) / base_cpu
            torch = imports_torch(case.args, env_for(case))
            ok = ratio <= case.budget and not torch and statuses[case.name] == 0
            failed |= not ok
            print(
                f"{'PASS' if ok else 'FAIL'}  bntutor {case.name:<22} wall {median * 1000:6.1f} ms"
                f"  ratio {ratio:4.2f} (budget {case.budget}, cpu ratio {cpu_ratio:4.2f},"
                f" fastest {min(walls[case.name]) / min(walls['baseline']):4.2f})"
                f"  torch: {'imported' if torch else 'not imported'}"
                f"  exit {statuses[case.name]}"
            )
            if not ok:
                print("      slowest imports (cumulative):")
                for line in slowest_imports(case.args, env_for(case)):
                    print("      " + line)
    print("FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
