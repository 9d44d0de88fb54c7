"""bn_backward_steps and bn_gradient_check against torch's BatchNorm1d and autograd."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from bntutor.live.backward_steps import (
    BnBackwardStepsArgs,
    BnGradientCheckArgs,
    bn_backward_steps,
    bn_gradient_check,
)


def test_each_step_matches_torch_on_the_lesson_batch() -> None:
    values = bn_backward_steps(BnBackwardStepsArgs()).values
    x = torch.tensor([[1.0], [3.0], [5.0], [7.0]], dtype=torch.float64, requires_grad=True)
    bn = nn.BatchNorm1d(1, dtype=torch.float64).train()
    with torch.no_grad():
        bn.weight.fill_(2.0)
    g = torch.tensor([[1.0], [2.0], [0.0], [-1.0]], dtype=torch.float64)
    bn(x).backward(g)
    assert x.grad is not None and bn.weight.grad is not None
    assert values["grad_input"] == pytest.approx(x.grad.flatten().tolist(), abs=1e-12)
    assert values["grad_gamma"] == pytest.approx(float(bn.weight.grad[0]), abs=1e-12)
    # worked by hand: mean 4, var 5, x_hat = (-3, -1, 1, 3)/sqrt(5)
    assert values["grad_gamma"] == pytest.approx(-8 / 5**0.5, abs=1e-5)
    assert values["grad_input"][0] == pytest.approx(-1.4 / 5**0.5, abs=1e-5)
    assert values["direct_only"][0] == pytest.approx(2 / 5**0.5, abs=1e-5)
    assert values["engine_diff"] < 1e-12 and values["autograd_diff"] < 1e-12
    assert sum(values["grad_input"]) == pytest.approx(0.0, abs=1e-12)


def test_gradient_check_needs_float64() -> None:
    values = bn_gradient_check(BnGradientCheckArgs()).values
    err32, err64 = values["rel_err_32"], values["rel_err_64"]
    assert values["best_64"] < 1e-8  # a correct backward, checked in float64
    assert values["best_32"] > 1e-6  # float32 cannot get near that
    # centred differences: error ~ h^2 until rounding (eps / h) takes over
    assert err64[2] < err64[1] / 50 < err64[0] / 2500
    assert err64[-1] > err64[3]  # h = 1e-6 is past the sweet spot in float64
    assert err32[-1] > 1e-2  # and hopeless in float32
