"""L1/L2 gradients and the proximal step against the formulas, written with plain floats."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.live.penalties import (
    L1L2GradientsArgs,
    L1ProxStepArgs,
    l1_l2_gradients,
    l1_prox_step,
)

weights = st.lists(st.floats(-10, 10).filter(lambda v: abs(v) > 1e-6), min_size=1, max_size=8)


@settings(max_examples=30, deadline=None)
@given(w=weights, lam=st.floats(0, 5))
def test_gradients(w: list[float], lam: float) -> None:
    values = l1_l2_gradients(L1L2GradientsArgs(w=w, lam=lam)).values
    assert values["l1_grad"] == pytest.approx([lam * math.copysign(1, v) for v in w])
    assert values["l2_grad"] == pytest.approx([2 * lam * v for v in w])
    assert values["l1_penalty"] == pytest.approx(lam * sum(abs(v) for v in w))


@settings(max_examples=30, deadline=None)
@given(w=weights, lr=st.floats(0.01, 2), lam=st.floats(0, 2))
def test_prox_is_soft_thresholding(w: list[float], lr: float, lam: float) -> None:
    values = l1_prox_step(L1ProxStepArgs(w=w, lr=lr, lam=lam)).values
    t = lr * lam
    expected = [math.copysign(max(abs(v) - t, 0.0), v) for v in w]
    assert values["prox"] == pytest.approx(expected)
    assert values["zeros_prox"] == sum(1 for v in w if abs(v) <= t)
    assert values["l2_step"] == pytest.approx([v * (1 - 2 * lr * lam) for v in w])


def test_worked_example_from_lesson_2() -> None:
    values = l1_prox_step(L1ProxStepArgs(w=[0.8, -0.3, 0.05, -0.02, 1.5], lr=0.5, lam=0.2)).values
    assert values["zeros_prox"] == 2
    assert values["zeros_l2"] == 0
    assert values["subgradient"][2] == pytest.approx(-0.05)  # overshoots past zero
