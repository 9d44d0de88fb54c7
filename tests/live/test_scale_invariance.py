"""bn_scale_invariance: scaling the weights by a divides the gradient by a."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.live.scale_invariance import BnScaleInvarianceArgs, bn_scale_invariance


@settings(max_examples=15, deadline=None)
@given(scale=st.floats(0.5, 100), seed=st.integers(0, 50))
def test_same_output_gradient_divided_by_the_scale(scale: float, seed: int) -> None:
    values = bn_scale_invariance(BnScaleInvarianceArgs(seed=seed, scale=scale)).values
    assert values["output_diff"] < 1e-3
    assert values["grad_ratio"] == pytest.approx(1 / scale, rel=1e-3)
