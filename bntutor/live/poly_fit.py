"""Overfitting: a polynomial degree sweep, with and without an L2 penalty.

A few noisy samples of a smooth curve are fitted by polynomials of growing degree. The
training error can only fall as the degree grows (each model contains the smaller ones);
the error on fresh samples falls, then climbs once the polynomial starts to fit the noise.
A small L2 penalty on the coefficients keeps the high-degree fits tame.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from bntutor.live.results import Block, LiveResult, PlotBlock, Series, TensorBlock


class PolyOverfitArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seed: int = Field(default=0, ge=0)
    quick: bool = False
    train_size: int = Field(default=15, ge=3, le=500)
    test_size: int = Field(default=200, ge=10, le=5000)
    max_degree: int = Field(default=12, ge=1, le=20)
    noise: float = Field(default=0.2, ge=0, le=10)
    l2: float = Field(default=1e-3, gt=0, le=100, description="λ of the penalty (λ/2)||w||²")


@dataclass(frozen=True)
class PolyOverfit:
    degrees: list[int]
    train_mse: list[float]
    test_mse: list[float]
    train_mse_l2: list[float]
    test_mse_l2: list[float]
    l2: float
    best_degree: int
    """The degree with the lowest test error without the penalty."""
    coef_norm: list[float]
    """||w|| of the unpenalized fit, per degree: it explodes as the fit chases the noise."""
    coef_norm_l2: list[float]

    def values(self) -> dict[str, object]:
        return dict(self.__dict__)


def run_poly_overfit(args: PolyOverfitArgs) -> PolyOverfit:
    import math

    import torch

    from bntutor.live._linear import ridge
    from bntutor.live._session import torch_session

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
    best = degrees[min(range(len(degrees)), key=out["te"].__getitem__)]
    return PolyOverfit(degrees, out["tr"], out["te"], out["tr2"], out["te2"], args.l2, best,
                       out["n"], out["n2"])


def error_plot(data: PolyOverfit) -> PlotBlock:
    x = [float(d) for d in data.degrees]
    return PlotBlock(
        "mean squared error by degree (log scale)",
        "line",
        [
            Series("train", x, [_log10(v) for v in data.train_mse]),
            Series("test", x, [_log10(v) for v in data.test_mse]),
            Series("train, L2", x, [_log10(v) for v in data.train_mse_l2]),
            Series("test, L2", x, [_log10(v) for v in data.test_mse_l2]),
        ],
        xlabel="degree",
        ylabel="log10 MSE",
    )


def error_block(data: PolyOverfit) -> TensorBlock:
    rows = [[float(d), tr, te, tr2, te2, n, n2] for d, tr, te, tr2, te2, n, n2 in zip(
        data.degrees, data.train_mse, data.test_mse, data.train_mse_l2, data.test_mse_l2,
        data.coef_norm, data.coef_norm_l2, strict=True)]
    best = data.degrees.index(data.best_degree)
    return TensorBlock(
        f"errors and coefficient size (L2 with λ = {data.l2:g})",
        rows,
        col_labels=["degree", "train", "test", "train, L2", "test, L2", "‖w‖", "‖w‖, L2"],
        highlight=[(best, 2)],
        digits=4,
    )


def _log10(value: float) -> float:
    import math

    return math.log10(max(value, 1e-300))


def poly_overfit(args: PolyOverfitArgs) -> LiveResult:
    data = run_poly_overfit(args)
    blocks: list[Block] = [error_plot(data), error_block(data)]
    return LiveResult(blocks=blocks, values=data.values())
