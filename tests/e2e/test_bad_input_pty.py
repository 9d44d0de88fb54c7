"""Ctrl-C in a real terminal outside the lesson and quiz loops: one line, status 130.

(Ctrl-C inside a lesson or a quiz saves and says how to resume: see test_lesson_pty and
test_quiz_e2e.)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from .installed import TIMEOUT, bntutor_script, default_signals

pytestmark = pytest.mark.slow


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[object]:
    env = dict(os.environ, BNTUTOR_HOME=str(tmp_path / "home"), NO_COLOR="1", TERM="xterm",
               COLUMNS="100", LINES="40")
    env.pop("BNTUTOR_DEBUG", None)
    children: list[pexpect.spawn] = []

    def start(*args: str) -> pexpect.spawn:
        child = pexpect.spawn(bntutor_script(), list(args), env=env, encoding="utf-8",
                              timeout=TIMEOUT, dimensions=(40, 100),
                              preexec_fn=default_signals)
        children.append(child)
        return child

    yield start
    for child in children:
        if child.isalive():
            child.terminate(force=True)


def _finish(child: pexpect.spawn) -> tuple[int | None, str]:
    child.expect(pexpect.EOF)
    rest = str(child.before)
    child.close()
    return child.exitstatus, rest


def test_ctrl_c_during_a_demo_is_one_line(spawn: object) -> None:
    child = spawn("demo", "similar-batch")  # type: ignore[operator]
    child.expect_exact("training the BN model")  # trains for a good second
    child.sendintr()
    status, rest = _finish(child)
    assert status == 130, rest
    assert "\r\nbntutor: error: interrupted\r\n" in rest  # on a line of its own, past the ^C
    assert "Traceback" not in rest


def test_ctrl_c_at_a_confirmation_is_one_line(spawn: object) -> None:
    child = spawn("progress", "--reset", "1")  # type: ignore[operator]
    child.expect_exact("[y/N]")
    child.sendintr()
    status, rest = _finish(child)
    assert status == 130, rest
    assert "\r\nbntutor: error: interrupted\r\n" in rest
    assert "Traceback" not in rest
