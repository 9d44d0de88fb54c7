"""BN's backward pass: node by node, in closed form, checked numerically, and why the
gradient must go through the batch statistics.

``bn_backward_steps``: for one feature of a small batch, the four steps of the derivation

    dL/dx_hat_i = gamma * g_i
    dL/dvar     = sum_i dL/dx_hat_i * (x_i - mean) * (-1/2) * (var + eps) ** (-3/2)
    dL/dmean    = -sum_i dL/dx_hat_i / sqrt(var + eps)      (the var path adds 0 here)
    dL/dx_i     = dL/dx_hat_i / sqrt(var + eps) + dL/dvar * 2 (x_i - mean) / m + dL/dmean / m

next to the engine's closed form (:func:`bntutor.engine.backward`) and autograd.

``bn_gradient_check``: the engine's input gradient against centred differences
``(L(x + h) - L(x - h)) / 2h`` in float32 and float64, as a relative error, for several h.

``bn_backward_check``: BN's backward pass in closed form (:func:`bntutor.engine.backward`)
against autograd on the same batch, and a fact the formula implies: for every feature the
input gradients sum to zero over the batch (shifting a whole feature changes nothing).

``bn_ignore_normalization``: why training must normalize with the batch's own statistics
and backpropagate through them (Ioffe & Szegedy 2015, section 2).

A layer adds a learned bias ``b`` to fixed inputs ``u`` and centres the result:
``x̂ = x − E[x]`` with ``x = u + b``. The loss wants ``x̂`` shifted by ``offset``, which
centring makes impossible. If the gradient step treats ``E[x]`` as a constant (as it is
when the mean is a moving average computed outside the gradient), ``∂loss/∂b`` never
vanishes: ``b`` walks off while the output and the loss do not change at all. With the
batch mean inside the gradient, ``∂loss/∂b = 0`` and ``b`` stays put.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from bntutor.live._tensors import floats, generator, labels, normal_batch
from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, SeededArgs, computation
from bntutor.live.results import LiveResult, PlotBlock, ScalarsBlock, Series, TensorBlock
from bntutor.numbers import format_change

if TYPE_CHECKING:
    import torch


class BnBackwardStepsArgs(Args):
    values: list[float] = Field(default_factory=lambda: [1.0, 3.0, 5.0, 7.0], min_length=2,
                                max_length=16)
    gamma: float = Field(2.0, ge=-100, le=100)
    grad: list[float] = Field(default_factory=lambda: [1.0, 2.0, 0.0, -1.0], min_length=2,
                              max_length=16)
    eps: float = Field(1e-5, gt=0, le=1)


@computation(
    BnBackwardStepsArgs,
    "BN's backward pass node by node on one feature, checked",
    ("x_hat", "grad_x_hat", "grad_input", "grad_gamma", "grad_beta",
     "direct_only", "without_var_path", "engine_diff", "autograd_diff"),
)
def bn_backward_steps(args: BnBackwardStepsArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.engine import backward, trace
    from bntutor.errors import ContentError

    if len(args.values) != len(args.grad):
        raise ContentError("bn_backward_steps needs one upstream gradient per value")
    m = len(args.values)
    x = torch.tensor(args.values, dtype=torch.float64).reshape(m, 1).requires_grad_(True)
    gamma = torch.tensor([args.gamma], dtype=torch.float64)
    g = torch.tensor(args.grad, dtype=torch.float64).reshape(m, 1)
    tr = trace(x, weight=gamma, eps=args.eps)
    tr.y.backward(g)
    assert x.grad is not None
    dx_engine, dgamma, dbeta = backward(g, tr, gamma)

    # The derivation, node by node, in plain tensor arithmetic.
    xd = x.detach()
    mean, var = tr.mean.detach(), tr.var.detach()
    x_hat = tr.x_hat.detach()
    d_xhat = args.gamma * g
    d_var = (d_xhat * (xd - mean) * -0.5 * (var + args.eps) ** -1.5).sum()
    d_mean = (-d_xhat / torch.sqrt(var + args.eps)).sum() + d_var * (-2 * (xd - mean)).mean()
    direct = d_xhat / torch.sqrt(var + args.eps)
    dx_steps = direct + d_var * 2 * (xd - mean) / m + d_mean / m
    without_var = direct + d_mean / m

    rows = labels("sample", m)
    return LiveResult(
        blocks=[
            TensorBlock("forward and backward, per sample",
                        [[float(xd[i, 0]), float(x_hat[i, 0]), float(g[i, 0]),
                          float(d_xhat[i, 0]), float(dx_steps[i, 0])] for i in range(m)],
                        rows, ["x", "x̂", "g = ∂L/∂y", "∂L/∂x̂", "∂L/∂x"]),
            ScalarsBlock("the shared nodes", [
                ("μ", float(mean[0])), ("σ²", float(var[0])), ("∂L/∂σ²", float(d_var)),
                ("∂L/∂μ", float(d_mean)), ("∂L/∂γ = Σ g·x̂", float(dgamma[0])),
                ("∂L/∂β = Σ g", float(dbeta[0])),
            ]),
            ScalarsBlock("the step-by-step ∂L/∂x against", [
                ("the closed form (bntutor.engine.backward)",
                 float((dx_steps - dx_engine).abs().max())),
                ("autograd", float((dx_steps - x.grad).abs().max())),
            ], digits=12),
        ],
        values={
            "x_hat": floats(x_hat),
            "grad_x_hat": floats(d_xhat),
            "grad_input": floats(dx_steps),
            "grad_gamma": float(dgamma[0]),
            "grad_beta": float(dbeta[0]),
            "direct_only": floats(direct),
            "without_var_path": floats(without_var),
            "engine_diff": float((dx_steps - dx_engine).abs().max()),
            "autograd_diff": float((dx_steps - x.grad).abs().max()),
        },
    )


class BnGradientCheckArgs(SeededArgs):
    samples: int = Field(4, ge=2, le=32)
    features: int = Field(2, ge=1, le=8)
    steps: list[float] = Field(default_factory=lambda: [1e-1, 1e-2, 1e-3, 1e-4, 1e-6],
                               min_length=1, max_length=8)


def relative_error(dtype_name: str, h: float, args: BnGradientCheckArgs) -> float:
    """max |analytic - numeric| / max(max |analytic|, max |numeric|) for BN's input gradient."""
    import torch

    from bntutor.engine import backward, trace

    dtype = torch.float32 if dtype_name == "float32" else torch.float64
    gen = generator(args.seed)
    shape = (args.samples, args.features)
    x = (3 * torch.randn(shape, generator=gen, dtype=torch.float64) + 1).to(dtype)
    gamma = (torch.rand(args.features, generator=gen, dtype=torch.float64) + 0.5).to(dtype)
    g = torch.randn(shape, generator=gen, dtype=torch.float64).to(dtype)

    def loss(t: torch.Tensor) -> torch.Tensor:
        return (trace(t, weight=gamma).y * g).sum()

    analytic = backward(g, trace(x, weight=gamma), gamma)[0]
    numeric = torch.zeros_like(x)
    for idx in range(x.numel()):
        bump = torch.zeros_like(x).reshape(-1)
        bump[idx] = h
        bump = bump.reshape(shape)
        numeric.reshape(-1)[idx] = (loss(x + bump) - loss(x - bump)) / (2 * h)
    scale = max(float(analytic.abs().max()), float(numeric.abs().max()))
    return float((analytic - numeric).abs().max()) / scale


@computation(
    BnGradientCheckArgs,
    "Centred-difference gradient check of BN in float32 and float64",
    ("steps", "rel_err_32", "rel_err_64", "best_32", "best_64"),
)
def bn_gradient_check(args: BnGradientCheckArgs, report: ReportProgress) -> LiveResult:
    err32 = [relative_error("float32", h, args) for h in args.steps]
    err64 = [relative_error("float64", h, args) for h in args.steps]
    return LiveResult(
        blocks=[TensorBlock(
            "relative error of centred differences against the closed-form ∂L/∂x",
            [[a, b] for a, b in zip(err32, err64, strict=True)],
            [f"h = {h:g}" for h in args.steps], ["float32", "float64"], digits=3,
        )],
        values={
            "steps": list(args.steps),
            "rel_err_32": err32,
            "rel_err_64": err64,
            "best_32": min(err32),
            "best_64": min(err64),
        },
    )


class BnBackwardCheckArgs(SeededArgs):
    samples: int = Field(8, ge=2, le=256)
    features: int = Field(3, ge=1, le=32)
    eps: float = Field(1e-5, gt=0, le=1)


def problem(args: BnBackwardCheckArgs) -> tuple[torch.Tensor, ...]:
    """``(x [samples, features], gamma [features], beta [features], grad_output)``."""
    import torch

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
    ("max_abs_diff", "grad_gamma", "grad_beta", "grad_input_sums",
     "grad_input_sum_abs"),
)
def bn_backward_check(args: BnBackwardCheckArgs, report: ReportProgress) -> LiveResult:
    from bntutor.engine import backward, trace

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
            "grad_gamma": floats(dgamma),
            "grad_beta": floats(dbeta),
            "grad_input_sums": floats(col_sums),
            "grad_input_sum_abs": float(col_sums.abs().max()),
        },
    )


class BnIgnoreNormalizationArgs(SeededArgs):
    samples: int = Field(16, ge=2, le=1024)
    steps: int = Field(20, ge=1, le=1000)
    lr: float = Field(0.1, gt=0, le=10)
    offset: float = Field(1.0, ge=-100, le=100, description="how far the target sits")


@computation(
    BnIgnoreNormalizationArgs,
    "Gradient descent that ignores the normalization: the bias drifts, the loss stays",
    ("b_ignoring", "b_full", "b_per_step", "loss_before", "loss_after_ignoring",
     "loss_after_full"),
)
def bn_ignore_normalization(args: BnIgnoreNormalizationArgs, report: ReportProgress) -> LiveResult:
    import torch

    u = normal_batch(args.seed, (args.samples,))
    target = (u - u.mean()) + args.offset

    def run(through_mean: bool) -> tuple[list[float], list[float]]:
        b = torch.zeros((), dtype=torch.float64, requires_grad=True)
        bs, losses = [0.0], []
        for _ in range(args.steps):
            x = u + b
            mean = x.mean() if through_mean else x.mean().detach()
            loss = ((x - mean - target) ** 2).mean()
            losses.append(float(loss.detach()))
            (grad,) = torch.autograd.grad(loss, b)
            with torch.no_grad():
                b -= args.lr * grad
            bs.append(float(b.detach()))
        x = u + b.detach()
        losses.append(float(((x - x.mean() - target) ** 2).mean()))
        return bs, losses

    b_ignoring, loss_ignoring = run(through_mean=False)
    b_full, loss_full = run(through_mean=True)
    steps = [float(i) for i in range(args.steps + 1)]
    return LiveResult(
        blocks=[
            PlotBlock(
                "the bias b during gradient descent",
                "line",
                [Series("gradient ignores the mean", steps, b_ignoring),
                 Series("gradient goes through the batch mean", steps, b_full)],
                xlabel="step",
                ylabel="b",
            ),
            ScalarsBlock(
                f"after {args.steps} steps (learning rate {args.lr:g})",
                [
                    ("b, mean treated as a constant", b_ignoring[-1]),
                    ("loss before → after, mean treated as a constant",
                     format_change(loss_ignoring[0], loss_ignoring[-1])),
                    ("b, gradient through the batch mean", b_full[-1]),
                    ("loss before → after, gradient through the batch mean",
                     format_change(loss_full[0], loss_full[-1])),
                ],
            ),
        ],
        values={
            "b_ignoring": b_ignoring[-1],
            "b_full": b_full[-1],
            "b_per_step": b_ignoring[1] - b_ignoring[0],
            "loss_before": loss_ignoring[0],
            "loss_after_ignoring": loss_ignoring[-1],
            "loss_after_full": loss_full[-1],
        },
    )
