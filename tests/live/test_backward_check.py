"""bn_backward_check: the closed form against nn.BatchNorm1d's autograd gradients."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from bntutor.live.backward_check import BnBackwardCheckArgs, bn_backward_check, problem


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
