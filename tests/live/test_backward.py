"""bn_backward_steps and bn_gradient_check against torch's BatchNorm1d and autograd;
bn_backward_check: the closed form against nn.BatchNorm1d's autograd gradients.

bn_ignore_normalization against the drift worked out by hand (BN paper, section 2).
"""

from __future__ import annotations

import pytest
import torch
from torch import nn

from bntutor.live.backward import (
    BnBackwardCheckArgs,
    BnBackwardStepsArgs,
    BnGradientCheckArgs,
    BnIgnoreNormalizationArgs,
    bn_backward_check,
    bn_backward_steps,
    bn_gradient_check,
    bn_ignore_normalization,
    problem,
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


@pytest.mark.parametrize(("samples", "features"), [(8, 3), (2, 1), (33, 5)])
def test_matches_torch_autograd(samples: int, features: int) -> None:
    args = BnBackwardCheckArgs(seed=7, samples=samples, features=features)
    values = bn_backward_check(args).values
    x, gamma, beta, grad_out = problem(args)
    bn = nn.BatchNorm1d(features, dtype=torch.float64).train()
    with torch.no_grad():
        bn.weight.copy_(gamma)
        bn.bias.copy_(beta)
    x = x.requires_grad_(True)
    bn(x).backward(grad_out)
    assert bn.weight.grad is not None and bn.bias.grad is not None and x.grad is not None
    assert values["grad_gamma"] == pytest.approx(bn.weight.grad.tolist(), abs=1e-9)
    assert values["grad_beta"] == pytest.approx(bn.bias.grad.tolist(), abs=1e-9)
    assert values["grad_input_sums"] == pytest.approx(x.grad.sum(0).tolist(), abs=1e-9)
    assert values["max_abs_diff"] < 1e-10
    assert values["grad_input_sum_abs"] < 1e-10


@pytest.mark.parametrize(("steps", "lr", "offset"), [(20, 0.1, 1.0), (7, 0.3, -2.0)])
def test_ignoring_the_mean_makes_b_drift_while_the_loss_stays(
    steps: int, lr: float, offset: float
) -> None:
    args = BnIgnoreNormalizationArgs(steps=steps, lr=lr, offset=offset)
    values = bn_ignore_normalization(args).values
    # x_hat - t = -offset for every sample: loss offset², gradient -2·offset every step
    assert values["b_ignoring"] == pytest.approx(steps * lr * 2 * offset)
    assert values["b_per_step"] == pytest.approx(lr * 2 * offset)
    assert values["loss_before"] == pytest.approx(offset**2)
    assert values["loss_after_ignoring"] == pytest.approx(offset**2)
    assert values["b_full"] == pytest.approx(0.0, abs=1e-12)
    assert values["loss_after_full"] == pytest.approx(offset**2)


def test_the_losses_are_written_by_the_one_formatter() -> None:
    from bntutor.live.results import ScalarsBlock

    result = bn_ignore_normalization(BnIgnoreNormalizationArgs(steps=20, lr=0.1, offset=1.0))
    scalars = next(b for b in result.blocks if isinstance(b, ScalarsBlock))
    changes = [v for name, v in scalars.items if name.startswith("loss before")]
    assert changes == ["1 → 1", "1 → 1"]  # the loss stays at offset² either way
