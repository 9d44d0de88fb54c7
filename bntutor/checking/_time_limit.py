"""A time limit the checker enforces on its own work: ``with time_limit(1.5): ...``.

sympy can spend minutes on a formula that looks small (``sin(exp(exp(30)))`` makes
``simplify`` ask mpmath for ever more digits), and pure Python work cannot be cancelled
from outside. So the limit is an interval timer whose handler raises :class:`TooComplex`
in the checking code itself, between two Python operations.

The timer counts the CPU time of the process (``ITIMER_PROF``), not the wall clock: it
bounds the work, and an answer gets the same verdict on a busy machine as on an idle
one (a wall-clock limit would call an ordinary formula "too complex" whenever other
programs hold the CPU). On an idle machine the two are the same.

If code in the block catches the exception anyway (sympy has broad ``except`` clauses),
the timer fires again every :data:`REPEAT` seconds until the block is left.

Limits nest: an inner limit shorter than the enclosing one gets its own timer, and the
enclosing timer is restarted with what is left of it afterwards; an inner limit longer
than what is left of the enclosing one simply lets the enclosing one fire.

Where no timer can be set (not the main thread, or no interval timers, as on Windows)
the block runs unlimited; the checker bounds its inputs (length, depth, size of constants) first,
so this limit is the second line of defence, not the only one.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

REPEAT = 0.05  # seconds between further alarms once the limit has passed
_TIMER = getattr(signal, "ITIMER_PROF", 0)
_SIGNAL = getattr(signal, "SIGPROF", 0)


class TooComplex(Exception):
    """The work did not finish within its time limit.

    Not an ArithmeticError or ValueError, so code that skips a bad value (a feedback rule
    that cannot be read) does not swallow it by accident.
    """


def _available() -> bool:
    return bool(_SIGNAL) and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TooComplex` inside the block once the process has spent ``seconds``
    of CPU time in it."""
    if not _available():
        yield
        return
    outer_left, _ = signal.getitimer(_TIMER)
    if outer_left and outer_left <= seconds:
        yield  # the enclosing limit ends first
        return
    armed = [True]

    def expire(signum: int, frame: FrameType | None) -> None:
        if armed[0]:
            raise TooComplex(f"gave up after {seconds:g} s")

    started = time.process_time()
    previous = signal.signal(_SIGNAL, expire)
    signal.setitimer(_TIMER, seconds, REPEAT)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(_TIMER, 0)
        signal.signal(_SIGNAL, signal.SIG_DFL if previous is None else previous)
        if outer_left:  # give the enclosing limit back what is left of it (at least a tick)
            left = outer_left - (time.process_time() - started)
            signal.setitimer(_TIMER, max(left, 1e-3))
