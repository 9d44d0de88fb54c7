"""Ctrl-C at a prompt ends bntutor wherever the signal lands, even just before the read.

Python acts on SIGINT only between bytecodes: the C handler notes the signal and the
interpreter raises KeyboardInterrupt at its next check. A signal that arrives after the
last check but before the blocking read() starts (a window of a few microseconds, wider
on a loaded machine) interrupts nothing, and the read then sleeps until the next line:
the process hangs at the prompt. That is how `progress --reset`'s [y/N] once outlived
its Ctrl-C by a minute.

The window is made certain here: the main thread blocks SIGINT and a second thread
takes it, so the signal is noted while the main thread's read goes on, exactly as when
it lands just before the read. Every prompt must still end within a moment.
"""

from __future__ import annotations

import signal
import sys
import textwrap
import time
from pathlib import Path

import pexpect
import pytest

from .installed import TIMEOUT, default_signals, terminal_env

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

HARNESS = textwrap.dedent(
    """
    import signal, sys, threading, time

    # Started before the mask: this thread takes the signal, the main thread reads.
    threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})

    from bntutor.cli.main import run

    sys.exit(run(sys.argv[1:]))
    """
)


@pytest.mark.parametrize(
    ("args", "lessons", "prompt", "said"),
    [
        (["progress", "--reset", "1"], None, "[y/N]", "bntutor: error: interrupted"),
        (["lesson", "1"], "player", "press Enter › ", "resume with"),
        (["quiz", "-n", "3", "--seed", "2"], "quiz", "› ", "quiz stopped"),
    ],
    ids=["confirmation", "lesson", "quiz"],
)
def test_ctrl_c_noted_before_the_read_still_ends_the_prompt(
    tmp_path: Path, args: list[str], lessons: str | None, prompt: str, said: str
) -> None:
    extra = {} if lessons is None else {"BNTUTOR_LESSONS": str(FIXTURES / lessons / "lessons")}
    env = terminal_env(tmp_path / "home", **extra)
    child = pexpect.spawn(sys.executable, ["-c", HARNESS, *args], env=env, encoding="utf-8",
                          timeout=TIMEOUT, dimensions=(40, 100), preexec_fn=default_signals)
    try:
        child.expect_exact(prompt)
        time.sleep(1.0)  # let it settle into waiting for the line
        child.kill(signal.SIGINT)
        child.expect(pexpect.EOF)  # hung at the read before the fix
        rest = str(child.before)
        child.close()
        assert child.exitstatus == 130, rest
        assert said in rest, rest
        assert "Traceback" not in rest
    finally:
        if child.isalive():
            child.terminate(force=True)
