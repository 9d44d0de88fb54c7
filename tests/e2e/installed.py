"""The installed `bntutor` console script, run in a pseudo-terminal as a learner runs it."""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

import pexpect
import pytest

# Generous, because it only bounds a hang: with both cores busy a first compute step (which
# waits for torch) took over 60 s. A passing test never waits for it.
TIMEOUT = 180


def bntutor_script() -> str:
    """The console script of this interpreter's environment, else the one on PATH."""
    beside = Path(sys.executable).parent / "bntutor"
    found = str(beside) if beside.exists() else shutil.which("bntutor")
    if found is None:
        pytest.fail("the bntutor console script is not installed (pip install -e .)")
    return found


def terminal_env(home: Path, **extra: str) -> dict[str, str]:
    """This process's environment with a fresh home and a plain 100x40 terminal."""
    env = dict(os.environ)
    env.update(BNTUTOR_HOME=str(home), NO_COLOR="1", TERM="xterm", COLUMNS="100", LINES="40",
               **extra)
    env.pop("BNTUTOR_DEBUG", None)
    return env


def default_signals() -> None:
    """In the child before it starts: Ctrl-C and Ctrl-\\ do what they do at a terminal.

    A suite started as a background job of a shell (``make test &`` in a script) inherits
    SIGINT ignored, Python then installs no KeyboardInterrupt handler, and every Ctrl-C
    test would hang at its prompt for reasons that have nothing to do with bntutor."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def spawn(args: list[str], env: dict[str, str]) -> pexpect.spawn:
    return pexpect.spawn(bntutor_script(), args, env=env, encoding="utf-8", timeout=TIMEOUT,
                         dimensions=(40, 100), preexec_fn=default_signals)


def finish(child: pexpect.spawn) -> tuple[int, str]:
    """Wait for the end; the exit status (128 + signal when killed) and the unread output."""
    child.expect(pexpect.EOF)
    rest = str(child.before)
    child.close()
    status = child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)
    return int(status), rest
