"""``bias_variance``: the bias-variance split of polynomial fits, measured by refitting.

Many training sets are drawn: the same ``train_size`` inputs, evenly spread over [-1, 1],
with fresh noise on ``sin(πx)`` each time. Each degree is fitted to every one of them
(least squares, and ridge with ``l2``). On a grid of test points, ``bias²`` is how far the
*average* fit is from the truth, ``variance`` how much the fits scatter around their
average; the expected test error is ``bias² + variance + σ²``, where ``σ²`` (the noise
variance) is the floor no model can beat.

Overfitting: a polynomial degree sweep, with and without an L2 penalty.

A few noisy samples of a smooth curve are fitted by polynomials of growing degree. The
training error can only fall as the degree grows (each model contains the smaller ones);
the error on fresh samples falls, then climbs once the polynomial starts to fit the noise.
A small L2 penalty on the coefficients keeps the high-degree fits tame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from bntutor.live._tensors import generator, torch_session
from bntutor.live.progress import ReportProgress
from bntutor.live.registry import RunArgs, SeededArgs, computation
from bntutor.live.results import Block, LiveResult, PlotBlock, Series, TensorBlock

if TYPE_CHECKING:
    import torch


class BiasVarianceArgs(SeededArgs):
    degrees: list[int] = Field(default_factory=lambda: [1, 3, 9], min_length=1, max_length=8)
    trials: int = Field(200, ge=10, le=2000, description="training sets drawn")
    train_size: int = Field(15, ge=3, le=200)
    noise: float = Field(0.2, gt=0, le=10, description="std of the noise")
    l2: float = Field(1e-3, gt=0, le=100, description="λ of the ridge fits, (λ/2)‖w‖²")


def training_sets(args: BiasVarianceArgs) -> tuple[torch.Tensor, torch.Tensor]:
    """``(x, y)``, each ``[trials, train_size]``: the same inputs, fresh noise per trial."""
    import math

    import torch

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


@computation(
    BiasVarianceArgs,
    "Bias² and variance of polynomial fits, measured over many training sets",
    ("bias2", "variance", "bias2_l2", "variance_l2", "noise_var", "degrees"),
)
def bias_variance(args: BiasVarianceArgs, report: ReportProgress) -> LiveResult:
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


class PolyOverfitArgs(RunArgs):
    train_size: int = Field(default=15, ge=3, le=500)
    test_size: int = Field(default=200, ge=10, le=5000)
    max_degree: int = Field(default=12, ge=1, le=20)
    noise: float = Field(default=0.2, ge=0, le=10)
    l2: float = Field(default=1e-3, gt=0, le=100, description="λ of the penalty (λ/2)||w||²")


@computation(
    PolyOverfitArgs,
    "Train and test error of polynomial fits by degree, with and without L2.",
    ("degrees", "train_mse", "test_mse", "train_mse_l2", "test_mse_l2", "best_degree",
     "coef_norm", "coef_norm_l2", "l2"),
)
def poly_overfit(args: PolyOverfitArgs, report: ReportProgress) -> LiveResult:
    import math

    import torch

    from bntutor.live._linear import ridge

    def curve(x: torch.Tensor) -> torch.Tensor:
        return torch.sin(math.pi * x)

    with torch_session(args.seed) as gen:
        f64 = torch.float64
        x_train = torch.rand(args.train_size, generator=gen, dtype=f64) * 2 - 1
        y_train = curve(x_train) + args.noise * torch.randn(args.train_size, generator=gen,
                                                            dtype=f64)
        low, high = float(x_train.min()), float(x_train.max())  # interpolate, never extrapolate
        x_test = low + (high - low) * torch.rand(args.test_size, generator=gen, dtype=f64)
        y_test = curve(x_test) + args.noise * torch.randn(args.test_size, generator=gen,
                                                          dtype=f64)
        degrees = list(range(1, args.max_degree + 1))
        out: dict[str, list[float]] = {k: [] for k in ("tr", "te", "tr2", "te2", "n", "n2")}
        for d in degrees:
            a_train = torch.vander(x_train, d + 1, increasing=True)
            a_test = torch.vander(x_test, d + 1, increasing=True)
            w = torch.linalg.lstsq(a_train, y_train.unsqueeze(1), driver="gelsd").solution[:, 0]
            w2 = ridge(a_train, y_train, args.l2)
            for key, weights in (("", w), ("2", w2)):
                out["tr" + key].append(float(((a_train @ weights - y_train) ** 2).mean()))
                out["te" + key].append(float(((a_test @ weights - y_test) ** 2).mean()))
                out["n" + key].append(float(weights.norm()))
    best = min(range(len(degrees)), key=out["te"].__getitem__)  # lowest test error, no L2

    def log10(values: list[float]) -> list[float]:
        return [math.log10(max(v, 1e-300)) for v in values]

    x = [float(d) for d in degrees]
    blocks: list[Block] = [
        PlotBlock(
            "mean squared error by degree (log scale)",
            "line",
            [Series("train", x, log10(out["tr"])), Series("test", x, log10(out["te"])),
             Series("train, L2", x, log10(out["tr2"])), Series("test, L2", x, log10(out["te2"]))],
            xlabel="degree",
            ylabel="log10 MSE",
        ),
        TensorBlock(
            f"errors and coefficient size (L2 with λ = {args.l2:g})",
            [[float(d), *row] for d, *row in zip(degrees, out["tr"], out["te"], out["tr2"],
                                                 out["te2"], out["n"], out["n2"], strict=True)],
            col_labels=["degree", "train", "test", "train, L2", "test, L2", "‖w‖", "‖w‖, L2"],
            highlight=[(best, 2)],
        ),
    ]
    return LiveResult(blocks=blocks, values={
        "degrees": degrees,
        "train_mse": out["tr"],
        "test_mse": out["te"],
        "train_mse_l2": out["tr2"],
        "test_mse_l2": out["te2"],
        "l2": args.l2,
        "best_degree": degrees[best],
        # ||w|| per degree: without the penalty it explodes as the fit chases the noise
        "coef_norm": out["n"],
        "coef_norm_l2": out["n2"],
    })
