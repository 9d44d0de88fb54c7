"""A time limit the checker enforces on its own work: ``with time_limit(1.5): ...``.

sympy can spend minutes on a formula that looks small (``sin(exp(exp(30)))`` makes
``simplify`` ask mpmath for ever more digits), and pure Python work cannot be cancelled
from outside. So the limit is an interval timer (``SIGALRM``) whose handler raises
:class:`TooComplex` in the checking code itself, between two Python operations.

If code in the block catches the exception anyway (sympy has broad ``except`` clauses),
the timer fires again every :data:`REPEAT` seconds until the block is left.

Limits nest: an inner limit shorter than the enclosing one gets its own timer, and the
enclosing timer is restarted with what is left of it afterwards; an inner limit longer
than what is left of the enclosing one simply lets the enclosing one fire.

Where no timer can be set (not the main thread, no ``SIGALRM`` as on Windows) the block
runs unlimited; the checker bounds its inputs (length, depth, size of constants) first,
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


class TooComplex(Exception):
    """The work did not finish within its time limit.

    Not an ArithmeticError or ValueError, so code that skips a bad value (a feedback rule
    that cannot be read) does not swallow it by accident.
    """


def _available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TooComplex` inside the block once it has run for ``seconds``."""
    if not _available():
        yield
        return
    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    if outer_left and outer_left <= seconds:
        yield  # the enclosing limit ends first
        return
    armed = [True]

    def expire(signum: int, frame: FrameType | None) -> None:
        if armed[0]:
            raise TooComplex(f"gave up after {seconds:g} s")

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
        if outer_left:  # give the enclosing limit back what is left of it (at least a tick)
            left = outer_left - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))
