"""The checker's own time limit: a block that runs too long is stopped with TooComplex."""

from __future__ import annotations

import contextlib
import signal
import threading
import time

import pytest

from bntutor.checking._time_limit import TooComplex, time_limit

FINISHED: list[float] = []  # each _spin that ran to its end appends its length


@pytest.fixture(autouse=True)
def _clear() -> None:
    FINISHED.clear()


def _spin(seconds: float) -> None:
    """Pure Python work (no sleep a signal could shorten) for about ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    FINISHED.append(seconds)


def test_a_block_that_runs_too_long_is_stopped() -> None:
    with pytest.raises(TooComplex), time_limit(0.1):
        _spin(30)
    assert FINISHED == []  # stopped, not run to its end
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_a_block_that_finishes_leaves_no_timer_behind() -> None:
    before = signal.getsignal(signal.SIGPROF)
    with time_limit(5):
        _spin(0.01)
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGPROF) is before
    _spin(0.05)  # nothing fires later
    assert FINISHED == [0.01, 0.05]


def test_swallowing_the_exception_does_not_escape_the_limit() -> None:
    with pytest.raises(TooComplex), time_limit(0.05):
        with contextlib.suppress(Exception):  # code that swallows it, as some of sympy does
            _spin(30)
        _spin(20)  # ... and then goes on working
    assert FINISHED == []


def test_an_inner_limit_fires_and_the_outer_one_still_holds() -> None:
    with pytest.raises(TooComplex), time_limit(0.4):
        with pytest.raises(TooComplex), time_limit(0.05):
            _spin(30)
        left, _ = signal.getitimer(signal.ITIMER_PROF)
        assert 0 < left <= 0.4  # the outer timer is running again, with what was left
        _spin(30)
    assert FINISHED == []


def test_an_inner_limit_longer_than_what_is_left_lets_the_outer_one_fire() -> None:
    with pytest.raises(TooComplex), time_limit(0.1), time_limit(60):
        _spin(30)
    assert FINISHED == []


def test_outside_the_main_thread_the_block_runs_unlimited() -> None:
    def work() -> None:
        with time_limit(0.01):
            _spin(0.1)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert FINISHED == [0.1]
