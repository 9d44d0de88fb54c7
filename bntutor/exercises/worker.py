"""The warm worker: a process with numpy, torch and each exercise's answers ready, that
forks a fresh child for every check (see :mod:`bntutor.exercises.runner`).

The tool talks to it through :class:`Worker` over its stdin and stdout: length-prefixed
pickles of requests and :class:`~bntutor.exercises.verdict.ExerciseVerdict` answers.
Run as ``python -m bntutor.exercises.worker``. ``--once NAME FILE [FRAMEWORK]`` checks
one file in a fresh interpreter and exits (what a check costs without a warm worker).
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from bntutor.errors import BntutorError

if TYPE_CHECKING:
    from bntutor.exercises.check import Prepared
    from bntutor.exercises.verdict import ExerciseVerdict

_HEADER = struct.Struct("!Q")


def _send(stream: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


class Checker:
    """The worker's side: prepare an exercise once, check files by forking."""

    def __init__(self) -> None:
        import torch

        torch.set_num_threads(1)  # one thread: forking never inherits a busy thread pool
        self._prepared: dict[str, Prepared] = {}

    def check(self, name: str, path: Path, framework: str, timeout: float) -> ExerciseVerdict:
        from bntutor.exercises.check import Prepared, judge
        from bntutor.exercises.registry import PROBLEMS
        from bntutor.exercises.runner import Limits, run_in_child

        started = time.monotonic()
        if name not in self._prepared:
            self._prepared[name] = Prepared(PROBLEMS.get(name))
        prep = self._prepared[name]
        p = prep.problem
        run = run_in_child(path, p.function, len(p.outputs), prep.cases, framework,
                           Limits(timeout=timeout))
        return judge(prep, run, started)


def serve(inp: IO[bytes], out: IO[bytes]) -> None:
    """Check files until the input closes; a request is ``(name, path, framework, timeout)``."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the tool handles Ctrl-C and stops us
    checker = Checker()
    _send(out, ("ready",))
    while True:
        try:
            request = _receive(inp)
        except EOFError:
            return
        name, path, framework, timeout = request
        try:
            _send(out, ("ok", checker.check(name, Path(path), framework, timeout)))
        except BntutorError as exc:
            _send(out, ("error", exc.one_line()))


class WorkerGone(BntutorError):
    """The checking process stopped or could not start."""


class Worker:
    """The tool's side: start the worker in the background, send it files to check."""

    def __init__(self, debug: bool = False) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "bntutor.exercises.worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=None if debug else subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches the tool only, which then stops us
        )
        self._ready = False

    def check(self, name: str, path: Path, framework: str, timeout: float) -> ExerciseVerdict:
        assert self._proc.stdin is not None and self._proc.stdout is not None
        try:
            if not self._ready:
                _receive(self._proc.stdout)
                self._ready = True
            _send(self._proc.stdin, (name, str(path), framework, timeout))
            status, value = _receive(self._proc.stdout)
        except (EOFError, BrokenPipeError, OSError) as exc:
            raise WorkerGone("the exercise checker stopped unexpectedly",
                             hint="run the command again; --debug shows its errors") from exc
        if status != "ok":
            raise BntutorError(str(value))
        verdict: ExerciseVerdict = value
        return verdict

    def close(self) -> None:
        if self._proc.poll() is None:
            for stream in (self._proc.stdin, self._proc.stdout):
                if stream is not None:
                    stream.close()
            try:
                self._proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()


def _once(argv: list[str]) -> int:
    name, path = argv[0], Path(argv[1])
    framework = argv[2] if len(argv) > 2 else "numpy"
    verdict = Checker().check(name, path.resolve(), framework, 5.0)
    print(f"{name}: {'passed' if verdict.passed else 'failed'}"
          f" ({verdict.n_passed}/{len(verdict.cases)} cases)")
    return 0 if verdict.passed else 1


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "--once":
        return _once(args[1:])
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # stray prints must not corrupt the channel
    serve(stdin, stdout)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    sys.exit(main())
