"""The installed `bntutor` console script, run in a pseudo-terminal as a learner runs it."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pexpect
import pytest

TIMEOUT = 60  # generous: a first compute step or generated question waits for torch


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


def spawn(args: list[str], env: dict[str, str]) -> pexpect.spawn:
    return pexpect.spawn(bntutor_script(), args, env=env, encoding="utf-8", timeout=TIMEOUT,
                         dimensions=(40, 100))


def finish(child: pexpect.spawn) -> tuple[int, str]:
    """Wait for the end; the exit status (128 + signal when killed) and the unread output."""
    child.expect(pexpect.EOF)
    rest = str(child.before)
    child.close()
    status = child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)
    return int(status), rest
