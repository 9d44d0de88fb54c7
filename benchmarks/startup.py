"""Start-up budget: ``bntutor --help`` and ``bntutor lessons`` take at most 1.5x the wall
time of ``python -c "import typer, rich"``, and neither imports torch.

Each command runs as a fresh process ``--runs`` times (default 10), interleaved with the
baseline so that drift in machine load hits both alike; the ratio is median / median.
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

from _common import bntutor_script, timed

BUDGET = 1.5
COMMANDS = (["--help"], ["lessons"])
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
    parser.add_argument("--budget", type=float, default=BUDGET)
    options = parser.parse_args()

    bntutor = bntutor_script()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "BNTUTOR_HOME": home, "COLUMNS": "100"}
        env.pop("BNTUTOR_DEBUG", None)
        runs = {"baseline": BASELINE, **{" ".join(c): [bntutor, *c] for c in COMMANDS}}
        for argv in runs.values():
            timed(argv, env)  # warm the file cache; not counted
        walls: dict[str, list[float]] = {name: [] for name in runs}
        cpus: dict[str, list[float]] = {name: [] for name in runs}
        statuses: dict[str, int] = {}
        for _ in range(options.runs):
            for name, argv in runs.items():
                run = timed(argv, env)
                walls[name].append(run.wall)
                cpus[name].append(run.cpu)
                statuses[name] = run.status

        base, base_cpu = statistics.median(walls["baseline"]), statistics.median(cpus["baseline"])
        print(
            f"      baseline: python -c 'import typer, rich'  wall {base * 1000:6.1f} ms"
            f"  cpu {base_cpu * 1000:6.1f} ms  (medians of {options.runs})"
        )
        failed = False
        for command in COMMANDS:
            name = " ".join(command)
            median = statistics.median(walls[name])
            ratio = median / base
            cpu_ratio = statistics.median(cpus[name]) / base_cpu
            torch = imports_torch(command, env)
            ok = ratio <= options.budget and not torch
            failed |= not ok
            print(
                f"{'PASS' if ok else 'FAIL'}  bntutor {name:<9} wall {median * 1000:6.1f} ms"
                f"  ratio {ratio:4.2f} (budget {options.budget}, cpu ratio {cpu_ratio:4.2f})"
                f"  torch: {'imported' if torch else 'not imported'}  exit {statuses[name]}"
            )
            if not ok:
                print("      slowest imports (cumulative):")
                for line in slowest_imports(command, env):
                    print("      " + line)
    print("FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
