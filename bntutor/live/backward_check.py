"""``bn_backward_check``: BN's backward pass in closed form (:func:`bntutor.engine.backward`)
against autograd on the same batch, and a fact the formula implies: for every feature the
input gradients sum to zero over the batch (shifting a whole feature changes nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, computation
from bntutor.live.results import LiveResult, ScalarsBlock, TensorBlock

if TYPE_CHECKING:
    import torch


class BnBackwardCheckArgs(Args):
    seed: int = Field(0, ge=0, le=1_000_000)
    samples: int = Field(8, ge=2, le=256)
    features: int = Field(3, ge=1, le=32)
    eps: float = Field(1e-5, gt=0, le=1)


def problem(args: BnBackwardCheckArgs) -> tuple[torch.Tensor, ...]:
    """``(x [samples, features], gamma [features], beta [features], grad_output)``."""
    import torch

    from bntutor.live._tensors import generator

    gen = generator(args.seed)
    shape = (args.samples, args.features)
    x = 3 * torch.randn(shape, generator=gen, dtype=torch.float64) + 1
    gamma = torch.rand(args.features, generator=gen, dtype=torch.float64) + 0.5
    beta = torch.randn(args.features, generator=gen, dtype=torch.float64)
    grad_out = torch.randn(shape, generator=gen, dtype=torch.float64)
    return x, gamma, beta, grad_out


@computation(
    BnBackwardCheckArgs,
    "BN's closed-form backward pass against autograd",
    ("max_abs_diff", "grad_input_diff", "grad_gamma", "grad_beta", "grad_input_sums",
     "grad_input_sum_abs"),
)
def bn_backward_check(args: BnBackwardCheckArgs, report: ReportProgress) -> LiveResult:
    from bntutor.engine import backward, trace
    from bntutor.live._tensors import floats, labels

    x, gamma, beta, grad_out = problem(args)
    for t in (x, gamma, beta):
        t.requires_grad_(True)

    tr = trace(x, weight=gamma, bias=beta, eps=args.eps)
    tr.y.backward(grad_out)
    assert x.grad is not None and gamma.grad is not None and beta.grad is not None
    dx, dgamma, dbeta = backward(grad_out, tr, gamma)
    diffs = {
        "input": float((dx - x.grad).abs().max()),
        "gamma": float((dgamma - gamma.grad).abs().max()),
        "beta": float((dbeta - beta.grad).abs().max()),
    }
    col_sums = dx.sum(dim=0)
    table = TensorBlock(
        "∂L/∂x for feature 1: closed form and autograd",
        [[float(dx[i, 0]), float(x.grad[i, 0])] for i in range(args.samples)],
        row_labels=labels("sample", args.samples),
        col_labels=["closed form", "autograd"],
        digits=6,
    )
    per_feature = TensorBlock(
        "per feature",
        [floats(dgamma), floats(dbeta), floats(col_sums)],
        row_labels=["∂L/∂γ = Σ g·x̂", "∂L/∂β = Σ g", "Σ over the batch of ∂L/∂x"],
        col_labels=labels("feature", args.features),
        digits=6,
    )
    agreement = ScalarsBlock(
        "largest difference, closed form vs autograd",
        [("∂L/∂x", diffs["input"]), ("∂L/∂γ", diffs["gamma"]), ("∂L/∂β", diffs["beta"])],
        digits=12,
    )
    return LiveResult(
        blocks=[table, per_feature, agreement],
        values={
            "max_abs_diff": max(diffs.values()),
            "grad_input_diff": diffs["input"],
            "grad_gamma": floats(dgamma),
            "grad_beta": floats(dbeta),
            "grad_input_sums": floats(col_sums),
            "grad_input_sum_abs": float(col_sums.abs().max()),
        },
    )
