"""Weight decay in SGD, Adam and AdamW against the update rules written out by hand."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.live.optim_decay import (
    AdamVsAdamwStepArgs,
    SgdWeightDecayStepArgs,
    adam_vs_adamw_step,
    gradients,
    sgd_weight_decay_step,
)


@settings(max_examples=25, deadline=None)
@given(w=st.floats(-5, 5), g=st.floats(-5, 5), lr=st.floats(0.001, 1), wd=st.floats(0, 1))
def test_sgd_weight_decay_is_l2(w: float, g: float, lr: float, wd: float) -> None:
    args = SgdWeightDecayStepArgs(w=[w], grad=[g], lr=lr, weight_decay=wd)
    values = sgd_weight_decay_step(args).values
    assert values["w_new"][0] == pytest.approx(w - lr * (g + wd * w), abs=1e-12)
    assert values["w_new_doubled"][0] == pytest.approx(w - lr * (g + 2 * wd * w), abs=1e-12)
    assert values["w_new_no_decay"][0] == pytest.approx(w - lr * g, abs=1e-12)
    assert values["max_abs_diff"] < 1e-12


def _adam(w0: float, grads: list[float], lr: float, wd: float, decoupled: bool) -> float:
    """Adam / AdamW (Kingma & Ba; Loshchilov & Hutter) with torch's defaults, by hand."""
    b1, b2, eps = 0.9, 0.999, 1e-8
    w, m, v = w0, 0.0, 0.0
    for t, g in enumerate(grads, start=1):
        if decoupled:
            w -= lr * wd * w
        else:
            g = g + wd * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= lr * (m / (1 - b1**t)) / (math.sqrt(v / (1 - b2**t)) + eps)
    return w


def test_adam_and_adamw_match_the_rules_by_hand() -> None:
    args = AdamVsAdamwStepArgs(seed=1, grad_scales=[10.0, 0.01], steps=10, lr=0.01,
                               weight_decay=0.1)
    values = adam_vs_adamw_step(args).values
    grads = gradients(args)
    for i in range(2):
        column = [float(g) for g in grads[:, i]]
        base = _adam(1.0, column, 0.01, 0.0, False)
        adam = _adam(1.0, column, 0.01, 0.1, False)
        adamw = _adam(1.0, column, 0.01, 0.1, True)
        assert values["baseline_final"][i] == pytest.approx(base, abs=1e-10)
        assert values["adam_final"][i] == pytest.approx(adam, abs=1e-10)
        assert values["adamw_final"][i] == pytest.approx(adamw, abs=1e-10)


def test_adam_decay_depends_on_the_gradient_scale_adamw_does_not() -> None:
    values = adam_vs_adamw_step(AdamVsAdamwStepArgs()).values
    adam, adamw = values["adam_decay"], values["adamw_decay"]
    assert adam[0] < 0.1 * adam[1]  # large gradients: hardly decayed
    assert adamw[0] == pytest.approx(adamw[1], rel=0.1)
    assert adamw[0] == pytest.approx(10 * 0.01 * 0.1, rel=0.1)  # steps·lr·λ·w
