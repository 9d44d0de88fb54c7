"""The installed `bntutor exercise` in a pty: it watches the learner's file and re-checks
every save, diagnoses a known mistake, passes a right answer, and times out a loop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from bntutor.content.exercises import load_exercise

from .installed import finish, spawn, terminal_env

pytestmark = pytest.mark.slow


@pytest.fixture
def started() -> Iterator[list[pexpect.spawn]]:
    children: list[pexpect.spawn] = []
    yield children
    for child in children:
        if child.isalive():
            child.terminate(force=True)


def _save(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")  # as editors do: write aside, then rename over
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _start(tmp_path: Path, started: list[pexpect.spawn]) -> tuple[pexpect.spawn, Path]:
    work = tmp_path / "work"
    child = spawn(["exercise", "bn-forward", "--dir", str(work)],
                  terminal_env(tmp_path / "home"))
    started.append(child)
    child.expect_exact("starter written")
    child.expect_exact("Still the starter")  # the first check runs at once
    return child, work / "bn_forward.py"


def test_save_wrong_see_diagnosis_save_right_see_pass(tmp_path: Path,
                                                      started: list[pexpect.spawn]) -> None:
    child, path = _start(tmp_path, started)
    reference = load_exercise("bn-forward").solution.numpy
    _save(path, reference.replace("x.var(axis=0)", "x.var(axis=0, ddof=1)"))
    child.expect_exact("unbiased variance")  # the diagnosis, redrawn after the save
    child.expect_exact("first failing case")
    child.sendline(":hint")
    child.expect_exact("hint 1/3")
    _save(path, reference)
    child.expect_exact("passed: all 26 cases")
    child.expect_exact("reference solution")  # shown after the first pass
    child.sendline(":quit")
    status, _ = finish(child)
    assert status == 0
    listing = spawn(["exercises"], terminal_env(tmp_path / "home"))
    listing.expect_exact("bn-forward")
    status, rest = finish(listing)
    assert status == 0 and "passed" in rest


def test_an_endless_loop_gets_the_time_limit_verdict(tmp_path: Path,
                                                     started: list[pexpect.spawn]) -> None:
    child, path = _start(tmp_path, started)
    child.sendline("")  # Enter re-runs by hand
    child.expect_exact("Still the starter")
    _save(path, "def batchnorm_forward(x, gamma, beta, eps):\n    while True:\n        pass\n")
    child.expect_exact("Timed out after 5 s")  # the 5 s limit applied, then the verdict
    child.sendline(":quit")
    assert finish(child)[0] == 0


def test_code_that_kills_the_checker_and_ctrl_c(tmp_path: Path,
                                                started: list[pexpect.spawn]) -> None:
    child, path = _start(tmp_path, started)
    _save(path, "import os, signal\n\ndef batchnorm_forward(x, gamma, beta, eps):\n"
                "    os.kill(os.getppid(), signal.SIGKILL)\n")
    child.expect_exact("stopped the checking process itself")
    _save(path, load_exercise("bn-forward").solution.numpy)
    child.expect_exact("passed: all 26 cases")  # a new checker took over
    child.sendintr()
    status, rest = finish(child)
    assert status == 130
    assert "resume with: bntutor exercise bn-forward" in rest
    assert "Traceback" not in rest
