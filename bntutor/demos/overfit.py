"""overfit: a polynomial degree sweep, with and without an L2 penalty."""

from __future__ import annotations

from bntutor.demos.base import DemoOptions, ReportProgress, Section
from bntutor.live.results import LiveResult


def sections(options: DemoOptions, progress: ReportProgress) -> list[Section]:
    from bntutor.live.bias_variance import (
        PolyOverfitArgs,
        error_block,
        error_plot,
        run_poly_overfit,
    )

    args = PolyOverfitArgs(seed=options.seed, quick=options.quick)
    data = run_poly_overfit(args)
    top = -1
    return [
        Section(
            "sweep",
            "Train and test error by degree",
            f"{args.train_size} noisy samples of sin(πx) are fitted by polynomials of degree "
            f"1 to {args.max_degree}, by least squares, and again with an L2 penalty "
            f"(λ = {args.l2:g}) on the coefficients. The test error is measured on "
            f"{args.test_size} fresh samples from the same range.",
            LiveResult([error_plot(data), error_block(data)], data.values()),
            f"Without the penalty the training error only falls as the degree grows, while "
            f"the test error is lowest at degree {data.best_degree} and reaches "
            f"{data.test_mse[top]:.3g} at degree {data.degrees[top]}: the polynomial has "
            f"started to fit the noise, with coefficients of size {data.coef_norm[top]:.3g}. "
            f"With L2 the test error at degree {data.degrees[top]} is "
            f"{data.test_mse_l2[top]:.3g} and the coefficients stay near "
            f"{data.coef_norm_l2[top]:.3g}: a complex model, kept in check.",
        ),
    ]
