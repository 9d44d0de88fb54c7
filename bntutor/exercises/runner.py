"""Run the learner's code in a forked child with a time limit and a memory cap.

The parent (the warm worker, with numpy and torch imported) forks; the child lowers its
limits, silences its streams into a small file, runs :func:`~bntutor.exercises.child.
run_cases` and sends the pickled result back through a pipe. The parent waits at most
``timeout`` seconds, then kills it. Nothing the child does can reach the parent's state.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import select
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bntutor.exercises.child import Failure, RunOutput, run_cases
from bntutor.exercises.problem import Case

TIMEOUT = 5.0  # seconds
MEMORY_MB = 1024  # on top of what the worker already maps
STDOUT_BYTES = 4000  # of the learner's prints kept for the verdict
_FILE_LIMIT = 1 << 20  # the child cannot write more than 1 MB to any file


@dataclass(frozen=True)
class Limits:
    timeout: float = TIMEOUT
    memory_mb: int = MEMORY_MB


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _limit(kind: int, value: int) -> None:
    try:
        soft, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(kind, (value, hard))
    except (ValueError, OSError):
        pass  # a platform without this limit: the time limit still holds


def _in_child(write_fd: int, out_fd: int, limits: Limits, job: tuple[Any, ...]) -> None:
    """The forked child: never returns."""
    status = 0
    try:
        os.setpgid(0, 0)  # its own process group: whatever it starts is stopped with it
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the cap fail, not kill
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(out_fd, 1)
        os.dup2(out_fd, 2)
        sys.stdout = open(1, "w", buffering=1, closefd=False)  # noqa: SIM115 - the child's own
        sys.stderr = open(2, "w", buffering=1, closefd=False)  # noqa: SIM115
        _limit(resource.RLIMIT_FSIZE, _FILE_LIMIT)
        _limit(resource.RLIMIT_CPU, int(limits.timeout) + 2)
        mapped = _mapped_bytes()
        if mapped:
            _limit(resource.RLIMIT_AS, mapped + limits.memory_mb * (1 << 20))
        output = run_cases(*job)
        data = pickle.dumps(output, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(data)
    except BaseException:  # even pickling or the pipe failing must not return into the worker
        status = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(BaseException):  # a full or closed stream: nothing to keep
                stream.flush()
        os._exit(status)


def _read_all(fd: int, deadline: float) -> tuple[bytes, bool]:
    """Everything from ``fd`` until EOF; False when the deadline came first."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"".join(chunks), False
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)


def _died(status: int) -> Failure:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return Failure("timeout")
        if sig in (signal.SIGKILL, signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT):
            return Failure("crashed", signal.Signals(sig).name)
        return Failure("crashed", f"signal {sig}")
    return Failure("memory" if os.WEXITSTATUS(status) else "crashed", "")


def run_in_child(path: Path, function: str, n_outputs: int, cases: list[Case], framework: str,
                 limits: Limits = Limits()) -> RunOutput:
    """Fork, run the learner's code on ``cases`` under ``limits``, and collect the result."""
    read_fd, write_fd = os.pipe()
    with tempfile.TemporaryFile() as out:
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _in_child(write_fd, out.fileno(), limits,
                      (path, function, n_outputs, cases, framework))
        os.close(write_fd)
        with contextlib.suppress(OSError):  # set from both sides: no race with the child
            os.setpgid(pid, pid)
        try:
            data, finished = _read_all(read_fd, time.monotonic() + limits.timeout)
        finally:
            os.close(read_fd)
        if not finished:
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):  # processes the learner's code left behind
            os.killpg(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        out.seek(0)
        printed = out.read(STDOUT_BYTES).decode("utf-8", "replace")
    if not finished:
        return RunOutput(failure=Failure("timeout", f"{limits.timeout:g}"), stdout=printed)
    try:
        output: RunOutput = pickle.loads(data)
    except Exception:  # the child died before sending all of it
        return RunOutput(failure=_died(status), stdout=printed)
    return RunOutput(output.returned, output.failure, printed)
