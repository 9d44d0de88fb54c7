"""Predictions: closeness in 0..1 and a message that says how close."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bntutor.checking.predict import check_predict, closeness
from bntutor.checking.verdict import Verdict
from bntutor.content.models import Tolerance

from .anything import any_text, quick

TOL = Tolerance(abs=0.05, rel=0)


@pytest.mark.parametrize(
    ("guess", "score"),
    [(10.0, 1.0), (9.0, 0.9), (5.0, 0.5), (15.0, 0.5), (20.0, 0.0), (-30.0, 0.0)],
)
def test_closeness(guess: float, score: float) -> None:
    assert closeness(guess, 10.0, TOL) == pytest.approx(score)


def test_closeness_around_zero_uses_the_tolerance() -> None:
    assert closeness(0.025, 0.0, TOL) == pytest.approx(0.5)


def test_verdicts() -> None:
    spot = check_predict("10.01", 10.0, TOL)
    assert spot.correct and spot.closeness == pytest.approx(0.999)
    close = check_predict("9.5", 10.0, TOL)
    assert (
        not close.correct
        and close.message.startswith("Close")
        and close.closeness == pytest.approx(0.95)
    )
    assert check_predict("6", 10.0, TOL).message.startswith("In the right region")
    assert check_predict("100", 10.0, TOL).message.startswith("Far off")
    assert not check_predict("ten", 10.0, TOL).readable


@quick
@given(st.floats(allow_nan=False, allow_infinity=False, width=32), st.floats(-1e6, 1e6))
def test_closeness_is_between_0_and_1(guess: float, expected: float) -> None:
    assert 0.0 <= closeness(guess, expected, TOL) <= 1.0


@quick
@given(any_text)
def test_any_text_gives_a_verdict(text: str) -> None:
    assert isinstance(check_predict(text, 0.3, TOL, [(0.1, "m")]), Verdict)
