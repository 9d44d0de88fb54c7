"""bias_variance against numpy's polynomial least squares on the same training sets."""

from __future__ import annotations

import numpy as np
import pytest

from bntutor.live.bias_variance import (
    BiasVarianceArgs,
    PolyOverfitArgs,
    bias_variance,
    grid_points,
    poly_overfit,
    training_sets,
)


def test_matches_numpy_polyfit() -> None:
    args = BiasVarianceArgs(seed=3, degrees=[1, 4], trials=40, train_size=12, noise=0.3)
    values = bias_variance(args).values
    x, y = (t.numpy() for t in training_sets(args))
    grid, truth = (t.numpy() for t in grid_points())
    for i, degree in enumerate(args.degrees):
        preds = np.stack([
            np.polynomial.polynomial.polyval(grid, np.polynomial.polynomial.polyfit(xs, ys, degree))
            for xs, ys in zip(x, y, strict=True)
        ])
        bias2 = float(((preds.mean(axis=0) - truth) ** 2).mean())
        variance = float(preds.var(axis=0).mean())
        assert values["bias2"][i] == pytest.approx(bias2, rel=1e-6)
        assert values["variance"][i] == pytest.approx(variance, rel=1e-6)
    assert values["noise_var"] == pytest.approx(0.09)


def test_bias_falls_and_variance_rises_with_the_degree() -> None:
    values = bias_variance(BiasVarianceArgs(degrees=[1, 3, 9, 12])).values
    assert values["bias2"][0] > values["bias2"][1] > values["bias2"][2]
    assert values["variance"][0] < values["variance"][2] < values["variance"][3]
    assert values["variance_l2"][3] < values["variance"][3]  # L2 buys variance ...
    assert values["bias2_l2"][3] > values["bias2"][3]  # ... with bias


def test_polynomial_sweep_overfits_without_l2() -> None:
    v = poly_overfit(PolyOverfitArgs(quick=True)).values
    train = v["train_mse"]
    assert all(b <= a + 1e-9 for a, b in zip(train, train[1:], strict=False))
    assert v["test_mse"][-1] > v["test_mse_l2"][-1]
    assert v["test_mse"][-1] > min(v["test_mse"])
    assert v["coef_norm_l2"][-1] < v["coef_norm"][-1]
    assert v["best_degree"] == v["degrees"][v["test_mse"].index(min(v["test_mse"]))]
