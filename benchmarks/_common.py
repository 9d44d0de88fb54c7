"""What the budget scripts share: the installed ``bntutor``, a timed child process, its peak
memory, and a run in a pseudo-terminal that notes when torch's import has completed.

The scripts run as ``python benchmarks/NAME.py``, so this module is imported as ``_common``.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pexpect

# Runs bntutor's own entry point, plus a thread that waits for torch's import (started in
# the background by the lesson player or the quiz) to complete and writes the time to a file.
TORCH_WATCH = """
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


def bntutor_script() -> str:
    """The ``bntutor`` console script of this interpreter's environment, else on PATH."""
    beside = Path(sys.executable).parent / "bntutor"
    found = str(beside) if beside.exists() else shutil.which("bntutor")
    if found is None:
        sys.exit("bntutor is not installed in this environment (pip install -e .)")
    return found


@dataclass(frozen=True)
class Timed:
    """One finished child process: wall and CPU seconds (user + system), exit status."""

    wall: float
    cpu: float
    status: int


def timed(argv: list[str], env: Mapping[str, str]) -> Timed:
    """Run ``argv`` once and time it (its children's CPU too); its output is discarded,
    except the error output of a failed run, which is passed on."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        sys.stderr.write(done.stderr)
    return Timed(wall, cpu, done.returncode)


def peak_children_mb() -> float:
    """The largest peak RSS (MB) of any child process waited for so far (Linux: KB units)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


def skipped_run(args: list[str], skips: int, extra_env: Mapping[str, str]) -> tuple[float, str]:
    """Wall seconds and output of ``bntutor ARGS --answers FILE`` answering ``:skip`` each
    time, with a fresh home; exits the benchmark when the run fails."""
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers.txt"
        answers.write_text(":skip\n" * skips, encoding="utf-8")
        env = dict(os.environ, BNTUTOR_HOME=str(Path(tmp) / "home"), **extra_env)
        start = time.perf_counter()
        done = subprocess.run([bntutor_script(), *args, "--answers", str(answers)],
                              env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"`bntutor {' '.join(args)}` failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, done.stdout


@dataclass(frozen=True)
class Watched:
    """A bntutor running in a pseudo-terminal, and when it was spawned (``time.time()``)."""

    child: pexpect.spawn
    start: float
    marker: Path

    def elapsed(self) -> float:
        return time.time() - self.start

    def torch_ready(self) -> float:
        """Seconds from the spawn until torch's import completed (waits for it)."""
        deadline = time.time() + 120
        while not self.marker.exists() or not self.marker.read_text():
            if time.time() > deadline:
                sys.exit("torch never finished importing")
            time.sleep(0.01)
        return float(self.marker.read_text()) - self.start


@contextmanager
def watched(args: list[str], extra_env: Mapping[str, str]) -> Iterator[Watched]:
    """Spawn ``bntutor ARGS`` in a pty with a fresh home; Ctrl-C it when the block ends."""
    with tempfile.TemporaryDirectory() as tmp:
        marker = Path(tmp) / "torch-ready"
        env = dict(os.environ, BNTUTOR_HOME=str(Path(tmp) / "home"), NO_COLOR="1",
                   TERM="xterm", **extra_env)
        start = time.time()
        child = pexpect.spawn(sys.executable, ["-c", TORCH_WATCH, str(marker), *args],
                              env=env, encoding="utf-8", timeout=120, dimensions=(40, 100))
        yield Watched(child, start, marker)
        child.sendintr()
        child.expect(pexpect.EOF)
        child.close()
