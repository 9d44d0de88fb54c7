"""``bias_variance``: the bias-variance split of polynomial fits, measured by refitting.

Many training sets are drawn: the same ``train_size`` inputs, evenly spread over [-1, 1],
with fresh noise on ``sin(πx)`` each time. Each degree is fitted to every one of them
(least squares, and ridge with ``l2``). On a grid of test points, ``bias²`` is how far the
*average* fit is from the truth, ``variance`` how much the fits scatter around their
average; the expected test error is ``bias² + variance + σ²``, where ``σ²`` (the noise
variance) is the floor no model can beat.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from bntutor.live.results import LiveResult, TensorBlock

if TYPE_CHECKING:
    import torch


class BiasVarianceArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: int = Field(0, ge=0, le=1_000_000)
    degrees: list[int] = Field(default_factory=lambda: [1, 3, 9], min_length=1, max_length=8)
    trials: int = Field(200, ge=10, le=2000, description="training sets drawn")
    train_size: int = Field(15, ge=3, le=200)
    noise: float = Field(0.2, gt=0, le=10, description="std of the noise")
    l2: float = Field(1e-3, gt=0, le=100, description="λ of the ridge fits, (λ/2)‖w‖²")


def training_sets(args: BiasVarianceArgs) -> tuple[torch.Tensor, torch.Tensor]:
    """``(x, y)``, each ``[trials, train_size]``: the same inputs, fresh noise per trial."""
    import math

    import torch

    from bntutor.live.course._tensors import generator

    gen = generator(args.seed)
    f64 = torch.float64
    x = torch.linspace(-1, 1, args.train_size, dtype=f64).expand(args.trials, -1)
    y = torch.sin(math.pi * x) + args.noise * torch.randn(x.shape, generator=gen, dtype=f64)
    return x, y


def grid_points() -> tuple[torch.Tensor, torch.Tensor]:
    """``(points, sin(π·points))`` where bias and variance are measured."""
    import math

    import torch

    grid = torch.linspace(-0.9, 0.9, 61, dtype=torch.float64)
    return grid, torch.sin(math.pi * grid)


def bias_variance(args: BiasVarianceArgs) -> LiveResult:
    import torch

    f64 = torch.float64
    x, y = training_sets(args)
    grid, truth = grid_points()

    rows: list[list[float]] = []
    keys = ("bias2", "variance", "bias2_l2", "variance_l2")
    values: dict[str, list[float]] = {k: [] for k in keys}
    for degree in args.degrees:
        a = torch.vander(x.reshape(-1), degree + 1, increasing=True).reshape(
            args.trials, args.train_size, degree + 1)
        a_grid = torch.vander(grid, degree + 1, increasing=True)
        plain = torch.linalg.lstsq(a, y.unsqueeze(-1), driver="gelsd").solution
        eye = torch.eye(degree + 1, dtype=f64)
        gram = a.transpose(1, 2) @ a / args.train_size + args.l2 * eye
        ridge = torch.linalg.solve(gram, a.transpose(1, 2) @ y.unsqueeze(-1) / args.train_size)
        row = [float(degree)]
        for key, w in (("", plain), ("_l2", ridge)):
            pred = (a_grid @ w).squeeze(-1)  # [trials, grid]
            bias2 = float(((pred.mean(dim=0) - truth) ** 2).mean())
            variance = float(pred.var(dim=0, unbiased=False).mean())
            values["bias2" + key].append(bias2)
            values["variance" + key].append(variance)
            row += [bias2, variance]
        rows.append(row)
    noise_var = args.noise**2
    table = TensorBlock(
        f"{args.trials} training sets of {args.train_size} points each; noise σ² = {noise_var:g}",
        rows,
        col_labels=["degree", "bias²", "variance", f"bias², L2 λ={args.l2:g}",
                    f"variance, L2 λ={args.l2:g}"],
        digits=4,
    )
    return LiveResult(blocks=[table], values={**values, "noise_var": noise_var,
                                              "degrees": list(args.degrees)})
