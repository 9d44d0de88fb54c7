"""BN's affine step: γ and β can undo the normalization, and make a bias before BN useless.

``gamma_beta_identity``: with ``γ = √(σ² + ε)`` and ``β = μ`` the output is the input.
``bias_before_bn``: a bias added before BN is subtracted again with the batch mean, so
the output is the same and the bias gets no gradient (β does its job).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from bntutor.live.results import LiveResult, ScalarsBlock, TensorBlock


class GammaBetaIdentityArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: int = Field(0, ge=0, le=1_000_000)
    samples: int = Field(8, ge=2, le=64)
    features: int = Field(4, ge=1, le=16)
    eps: float = Field(1e-5, gt=0, le=1)


def gamma_beta_identity(args: GammaBetaIdentityArgs) -> LiveResult:
    import torch

    from bntutor.engine import trace
    from bntutor.live.course._tensors import floats, int_batch, labels

    x = int_batch(args.seed, args.samples, args.features)
    plain = trace(x, eps=args.eps)
    gamma = torch.sqrt(plain.var + args.eps)
    beta = plain.mean.clone()
    undone = trace(x, weight=gamma, bias=beta, eps=args.eps)
    max_diff = float((undone.y - x).abs().max())
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
        [("largest |y − x|", max_diff)],
        digits=12,
    )
    return LiveResult(
        blocks=[table, check],
        values={
            "gamma": floats(gamma),
            "beta": floats(beta),
            "max_abs_diff": max_diff,
            "xhat_mean": floats(plain.x_hat.mean(dim=0)),
            "xhat_var": floats(plain.x_hat.var(dim=0, unbiased=False)),
        },
    )


class BiasBeforeBnArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: int = Field(0, ge=0, le=1_000_000)
    samples: int = Field(8, ge=2, le=64)
    in_features: int = Field(3, ge=1, le=32)
    out_features: int = Field(2, ge=1, le=32)
    bias: float = Field(5.0, ge=-1000, le=1000, description="the bias added before BN")


def bias_before_bn(args: BiasBeforeBnArgs) -> LiveResult:
    import torch

    from bntutor.engine import trace
    from bntutor.live.course._tensors import generator

    gen = generator(args.seed)
    shape = (args.samples, args.in_features)
    x = torch.randn(shape, generator=gen, dtype=torch.float64)
    weight = torch.randn((args.out_features, args.in_features), generator=gen,
                         dtype=torch.float64)
    target = torch.randn((args.samples, args.out_features), generator=gen, dtype=torch.float64)
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
    return LiveResult(
        blocks=[
            ScalarsBlock(
                f"Linear (bias {args.bias:g}) → BN, against Linear without bias → BN",
                [
                    ("largest difference between the two outputs", max_diff),
                    ("largest |∂loss/∂bias|", bias_grad),
                    ("largest |∂loss/∂W| (for comparison)", weight_grad),
                ],
                digits=12,
            )
        ],
        values={
            "max_abs_diff": max_diff,
            "bias_grad_max": bias_grad,
            "weight_grad_max": weight_grad,
        },
    )
