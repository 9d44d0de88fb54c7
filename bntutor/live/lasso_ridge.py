"""L1 vs L2 on the same regression: coefficient paths over λ and the count of exact zeros.

The data come from a sparse truth (a few features matter, the rest are noise). Lasso's
soft-thresholding puts weights at exactly 0 once λ is large enough; ridge only shrinks
them towards 0 and none of them ever gets there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from bntutor.live.results import Block, LiveResult, PlotBlock, Series, TensorBlock


class LassoRidgeArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seed: int = Field(default=0, ge=0)
    quick: bool = False
    samples: int = Field(default=60, ge=5, le=2000)
    features: int = Field(default=8, ge=2, le=50)
    informative: int = Field(default=3, ge=1, le=50,
                             description="features with a non-zero true weight")
    lambdas: int | None = Field(default=None, ge=2, le=60, description="points on the λ grid")
    noise: float = Field(default=0.5, ge=0, le=100)


@dataclass(frozen=True)
class LassoRidge:
    lambdas: list[float]
    true_weights: list[float]
    l1_weights: list[list[float]]
    """``[len(lambdas)][features]``"""
    l2_weights: list[list[float]]
    l1_zeros: list[int]
    l2_zeros: list[int]

    def values(self) -> dict[str, object]:
        return dict(self.__dict__)


def run_lasso_vs_ridge(args: LassoRidgeArgs) -> LassoRidge:
    import torch

    from bntutor.live._linear import lasso, ridge
    from bntutor.live._session import torch_session

    count = args.lambdas or (8 if args.quick else 16)
    informative = min(args.informative, args.features)
    with torch_session(args.seed) as gen:
        x = torch.randn(args.samples, args.features, generator=gen, dtype=torch.float64)
        truth = torch.zeros(args.features, dtype=torch.float64)
        truth[:informative] = torch.linspace(3.0, 1.0, informative, dtype=torch.float64)
        y = x @ truth + args.noise * torch.randn(args.samples, generator=gen,
                                                 dtype=torch.float64)
        top = float((x.T @ y).abs().max()) / args.samples  # from here up, every weight is 0
        lambdas = torch.logspace(math.log10(top), math.log10(top) - 3, count,
                                 dtype=torch.float64).tolist()
        l1, l2 = [], []
        w = None
        for lam in lambdas:  # large λ first, each solve warm-starts the next
            w = lasso(x, y, lam, start=w)
            l1.append(w + 0.0)  # no -0.0
            l2.append(ridge(x, y, lam))
    return LassoRidge(
        lambdas=lambdas,
        true_weights=truth.tolist(),
        l1_weights=[w.tolist() for w in l1],
        l2_weights=[w.tolist() for w in l2],
        l1_zeros=[int((w == 0).sum()) for w in l1],
        l2_zeros=[int((w == 0).sum()) for w in l2],
    )


def path_plots(data: LassoRidge) -> list[Block]:
    x = [math.log10(lam) for lam in data.lambdas]
    features = range(len(data.true_weights))

    def plot(title: str, weights: list[list[float]]) -> PlotBlock:
        return PlotBlock(
            title,
            "line",
            [Series(f"w{j}", x, [w[j] for w in weights]) for j in features],
            xlabel="log10 λ",
            ylabel="weight",
        )

    return [plot("L1 (lasso) coefficient path", data.l1_weights),
            plot("L2 (ridge) coefficient path", data.l2_weights)]


def zeros_block(data: LassoRidge) -> TensorBlock:
    p = len(data.true_weights)
    return TensorBlock(
        f"weights exactly 0 (out of {p})",
        [[lam, z1, z2] for lam, z1, z2 in zip(data.lambdas, data.l1_zeros, data.l2_zeros,
                                                strict=True)],
        col_labels=["λ", "L1 zeros", "L2 zeros"],
        digits=4,
    )


def weights_block(data: LassoRidge, index: int) -> TensorBlock:
    lam = data.lambdas[index]
    p = len(data.true_weights)
    return TensorBlock(
        f"the weights at λ = {lam:.3g}",
        [data.true_weights, data.l1_weights[index], data.l2_weights[index]],
        row_labels=["truth", "L1", "L2"],
        col_labels=[f"w{j}" for j in range(p)],
        highlight=[(1, j) for j in range(p) if data.l1_weights[index][j] == 0.0],
        digits=2,
    )


def lasso_vs_ridge(args: LassoRidgeArgs) -> LiveResult:
    data = run_lasso_vs_ridge(args)
    middle = len(data.lambdas) // 2
    blocks = [*path_plots(data), zeros_block(data), weights_block(data, middle)]
    return LiveResult(blocks=blocks, values=data.values())
