"""gamma_beta_identity and bias_before_bn, checked with torch's nn modules;
bn_scale_invariance: scaling the weights by a divides the gradient by a."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from bntutor.live._tensors import generator, int_batch
from bntutor.live.affine import (
    BiasBeforeBnArgs,
    BnScaleInvarianceArgs,
    GammaBetaIdentityArgs,
    bias_before_bn,
    bn_scale_invariance,
    gamma_beta_identity,
)


def test_gamma_sigma_beta_mu_gives_the_input_back_in_torch_too() -> None:
    values = gamma_beta_identity(GammaBetaIdentityArgs(seed=5, samples=8, features=3)).values
    assert values["max_abs_diff"] < 1e-12
    x = int_batch(5, 8, 3)
    bn = nn.BatchNorm1d(3, dtype=torch.float64).train()
    with torch.no_grad():
        bn.weight.copy_(torch.tensor(values["gamma"]))
        bn.bias.copy_(torch.tensor(values["beta"]))
        y = bn(x)
    assert torch.allclose(y, x, atol=1e-6)
    assert values["beta"] == pytest.approx(x.mean(0).tolist())
    assert values["xhat_mean"] == pytest.approx([0.0] * 3, abs=1e-12)
    var = x.var(0, unbiased=False)
    assert values["xhat_var"] == pytest.approx((var / (var + 1e-5)).tolist(), abs=1e-12)


def test_a_bias_before_bn_changes_nothing_and_learns_nothing() -> None:
    values = bias_before_bn(BiasBeforeBnArgs(seed=1, bias=7.0)).values
    assert values["max_abs_diff"] < 1e-10
    assert values["bias_grad_max"] < 1e-10
    assert values["weight_grad_max"] > 1e-3


def test_torch_agrees_that_the_bias_gets_no_gradient() -> None:
    gen = generator(0)
    linear = nn.Linear(3, 2).double()
    bn = nn.BatchNorm1d(2).double().train()
    x = torch.randn(8, 3, generator=gen, dtype=torch.float64)
    target = torch.randn(8, 2, generator=gen, dtype=torch.float64)
    ((bn(linear(x)) - target) ** 2).sum().backward()
    assert linear.bias.grad is not None and linear.weight.grad is not None
    assert float(linear.bias.grad.abs().max()) < 1e-10
    assert float(linear.weight.grad.abs().max()) > 1e-3


def test_the_identity_holds_for_one_batch_only() -> None:
    # γ, β are fixed while μ_B, σ_B change with every batch: fitted to one batch, they do
    # not give the next one back. A batch of two is the extreme: [1, 3] and [10, 30]
    # both become (-1, +1).
    values = gamma_beta_identity(GammaBetaIdentityArgs(seed=0)).values
    assert values["max_abs_diff"] < 1e-12
    assert values["next_batch_max_abs_diff"] > 0.5
    bn = nn.BatchNorm1d(1, dtype=torch.float64).train()
    a = bn(torch.tensor([[1.0], [3.0]], dtype=torch.float64))
    b = bn(torch.tensor([[10.0], [30.0]], dtype=torch.float64))
    assert torch.allclose(a, b, atol=1e-5)
    assert a.flatten().tolist() == pytest.approx([-1.0, 1.0], abs=1e-4)


def test_a_bias_before_bn_still_moves_under_weight_decay() -> None:
    values = bias_before_bn(BiasBeforeBnArgs(seed=0, bias=5.0, lr=0.1, weight_decay=0.01)).values
    # float32: the gradient is rounding noise, not exactly zero, and far below W's
    assert 0 < values["bias_grad_max_float32"] < 1e-5
    # SGD adds weight_decay * b to the (zero) gradient: 5 - 0.1 * 0.01 * 5
    assert values["bias_after_decay_step"] == pytest.approx(4.995, abs=1e-9)
    linear = nn.Linear(3, 2)
    with torch.no_grad():
        linear.bias.fill_(5.0)
    bn = nn.BatchNorm1d(2).train()
    x = torch.randn(8, 3, generator=generator(0))
    (bn(linear(x)) ** 2).mean().backward()
    torch.optim.SGD(linear.parameters(), lr=0.1, weight_decay=0.01).step()
    assert float(linear.bias.detach()[0]) == pytest.approx(4.995, abs=1e-5)


@settings(max_examples=15, deadline=None)
@given(scale=st.floats(0.5, 100), seed=st.integers(0, 50))
def test_same_output_gradient_divided_by_the_scale(scale: float, seed: int) -> None:
    values = bn_scale_invariance(BnScaleInvarianceArgs(seed=seed, scale=scale)).values
    assert values["output_diff"] < 1e-3
    assert values["grad_ratio"] == pytest.approx(1 / scale, rel=1e-3)
