"""What BN makes of the Linear layer before it and of its own γ, β: γ and β can undo the
normalization, a bias before BN is useless, and the scale of the weights does not matter.

``gamma_beta_identity``: with ``γ = √(σ² + ε)`` and ``β = μ`` the output is the input, for
*that* batch; the next batch has other statistics, and the same γ, β do not give it back.
``bias_before_bn``: a bias added before BN is subtracted again with the batch mean, so
the output is the same and the bias gets no gradient (β does its job); in float32 the
gradient is rounding noise rather than 0, and weight decay still shrinks the bias.

``bn_scale_invariance``: a linear layer followed by BN ignores the scale of its weights.

``BN((a·W) x) = BN(W x)`` for any ``a > 0``, and the gradient with respect to the scaled
weights is ``1/a`` times as large: bigger weights learn more slowly, which is why BN
tolerates large learning rates and why weight decay on such weights acts as a knob on
the effective learning rate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from bntutor.live._tensors import floats, generator, int_batch, labels
from bntutor.live.progress import ReportProgress
from bntutor.live.registry import SeededArgs, computation
from bntutor.live.results import LiveResult, ScalarsBlock, TensorBlock

if TYPE_CHECKING:
    import torch


class GammaBetaIdentityArgs(SeededArgs):
    samples: int = Field(8, ge=2, le=64)
    features: int = Field(4, ge=1, le=16)
    eps: float = Field(1e-5, gt=0, le=1)
    quick: bool = False  # a demo's option; the batch is small either way


@computation(
    GammaBetaIdentityArgs,
    "γ = √(σ² + ε) and β = μ give the input back",
    ("gamma", "beta", "max_abs_diff", "next_batch_max_abs_diff", "xhat_mean", "xhat_var"),
)
def gamma_beta_identity(args: GammaBetaIdentityArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.engine import trace

    x = int_batch(args.seed, args.samples, args.features)
    plain = trace(x, eps=args.eps)
    gamma = torch.sqrt(plain.var + args.eps)
    beta = plain.mean.clone()
    undone = trace(x, weight=gamma, bias=beta, eps=args.eps)
    max_diff = float((undone.y - x).abs().max())
    x_next = int_batch(args.seed + 1, args.samples, args.features)
    next_diff = float((trace(x_next, weight=gamma, bias=beta, eps=args.eps).y - x_next)
                      .abs().max())
    c = args.features
    table = TensorBlock(
        "per feature: what BN measured, and the γ, β that undo it",
        [floats(plain.mean), floats(plain.var), floats(gamma), floats(beta),
         floats(plain.x_hat.mean(dim=0)), floats(plain.x_hat.var(dim=0, unbiased=False))],
        row_labels=["batch mean μ", "batch variance σ²", "γ = √(σ² + ε)", "β = μ",
                    "mean of x̂", "variance of x̂"],
        col_labels=labels("feature", c),
    )
    check = ScalarsBlock(
        "γ·x̂ + β with γ = √(σ² + ε), β = μ, compared with the input x",
        [("largest |y − x|, this batch", max_diff),
         ("largest |y − x|, the next batch with the same γ, β", next_diff)],
        digits=12,
    )
    return LiveResult(
        blocks=[table, check],
        values={
            "gamma": floats(gamma),
            "beta": floats(beta),
            "max_abs_diff": max_diff,
            "next_batch_max_abs_diff": next_diff,
            "xhat_mean": floats(plain.x_hat.mean(dim=0)),
            "xhat_var": floats(plain.x_hat.var(dim=0, unbiased=False)),
        },
    )


def linear_batch(seed: int, samples: int, in_features: int,
                 out_features: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """A Linear layer's problem, drawn from ``seed``: input ``[samples, in_features]``,
    weights ``[out_features, in_features]``, targets ``[samples, out_features]``."""
    import torch

    gen = generator(seed)
    shapes = ((samples, in_features), (out_features, in_features), (samples, out_features))
    x, weight, target = (torch.randn(s, generator=gen, dtype=torch.float64) for s in shapes)
    return x, weight, target


class BiasBeforeBnArgs(SeededArgs):
    samples: int = Field(8, ge=2, le=64)
    in_features: int = Field(3, ge=1, le=32)
    out_features: int = Field(2, ge=1, le=32)
    bias: float = Field(5.0, ge=-1000, le=1000, description="the bias added before BN")
    lr: float = Field(0.1, gt=0, le=10)
    weight_decay: float = Field(0.01, ge=0, le=1)


@computation(
    BiasBeforeBnArgs,
    "A bias before BN changes nothing and gets no gradient",
    ("max_abs_diff", "bias_grad_max", "weight_grad_max", "bias_grad_max_float32",
     "bias_after_decay_step"),
)
def bias_before_bn(args: BiasBeforeBnArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.engine import trace

    x, weight, target = linear_batch(args.seed, args.samples, args.in_features,
                                     args.out_features)
    w = weight.clone().requires_grad_(True)
    b = torch.full((args.out_features,), args.bias, dtype=torch.float64, requires_grad=True)

    with_bias = trace(x @ w.T + b).y
    without_bias = trace(x @ weight.T).y
    loss = ((with_bias - target) ** 2).mean()
    loss.backward()
    assert w.grad is not None and b.grad is not None
    max_diff = float((with_bias.detach() - without_bias).abs().max())
    bias_grad = float(b.grad.abs().max())
    weight_grad = float(w.grad.abs().max())

    # The same in float32, and one SGD step with weight decay on the bias.
    b32 = b.detach().float().requires_grad_(True)
    w32 = weight.float()
    loss32 = ((trace(x.float() @ w32.T + b32).y - target.float()) ** 2).mean()
    loss32.backward()
    assert b32.grad is not None
    bias_grad32 = float(b32.grad.abs().max())
    b_step = b.detach().clone().requires_grad_(True)
    b_step.grad = b.grad.clone()
    torch.optim.SGD([b_step], lr=args.lr, weight_decay=args.weight_decay).step()
    bias_after = float(b_step.detach()[0])
    return LiveResult(
        blocks=[
            ScalarsBlock(
                f"Linear (bias {args.bias:g}) → BN, against Linear without bias → BN",
                [
                    ("largest difference between the two outputs", max_diff),
                    ("largest |∂loss/∂bias|", bias_grad),
                    ("largest |∂loss/∂W| (for comparison)", weight_grad),
                    ("largest |∂loss/∂bias| in float32", bias_grad32),
                    (f"bias after one SGD step (lr {args.lr:g}, weight_decay "
                     f"{args.weight_decay:g})", bias_after),
                ],
                digits=12,
            )
        ],
        values={
            "max_abs_diff": max_diff,
            "bias_grad_max": bias_grad,
            "weight_grad_max": weight_grad,
            "bias_grad_max_float32": bias_grad32,
            "bias_after_decay_step": bias_after,
        },
    )


class BnScaleInvarianceArgs(SeededArgs):
    scale: float = Field(10.0, gt=0, le=1e6, description="a: the weights are multiplied by it")
    samples: int = Field(16, ge=2, le=256)
    in_features: int = Field(5, ge=1, le=64)
    out_features: int = Field(3, ge=1, le=64)


@computation(
    BnScaleInvarianceArgs,
    "Scaling the weights before BN: same output, smaller gradient",
    ("output_diff", "grad_ratio"),
)
def bn_scale_invariance(args: BnScaleInvarianceArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.engine import trace

    x, weight, target = linear_batch(args.seed, args.samples, args.in_features,
                                     args.out_features)

    def forward(w: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        w = w.clone().requires_grad_(True)
        y = trace(x @ w.T).y
        loss = ((y - target) ** 2).mean()
        (grad,) = torch.autograd.grad(loss, w)
        return y.detach(), grad

    y1, g1 = forward(weight)
    ya, ga = forward(args.scale * weight)
    out_diff = float((y1 - ya).abs().max())
    ratio = float(ga.norm() / g1.norm())
    return LiveResult(
        blocks=[
            ScalarsBlock(
                f"Linear → BN with weights W and with {args.scale:g}·W",
                [
                    ("largest difference between the outputs", out_diff),
                    ("‖∂loss/∂W‖ with W", float(g1.norm())),
                    (f"‖∂loss/∂W‖ with {args.scale:g}·W", float(ga.norm())),
                    ("ratio", ratio),
                ],
                digits=8,
            )
        ],
        values={"output_diff": out_diff, "grad_ratio": ratio},
    )
