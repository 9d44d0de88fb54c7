"""l1-vs-l2: lasso and ridge on the same regression, and which weights become exactly 0."""

from __future__ import annotations

from bntutor.demos.base import DemoOptions, ReportProgress, Section, pick
from bntutor.live.results import LiveResult


def sections(options: DemoOptions, progress: ReportProgress) -> list[Section]:
    from bntutor.live.penalties import (
        LassoRidgeArgs,
        path_plots,
        run_lasso_vs_ridge,
        weights_block,
        zeros_block,
    )

    args = LassoRidgeArgs(seed=options.seed, quick=options.quick)
    data = run_lasso_vs_ridge(args)
    values = data.values()
    middle = len(data.lambdas) // 2
    return [
        Section(
            "paths",
            "Coefficient paths",
            f"{args.samples} samples, {args.features} features, of which only "
            f"{args.informative} matter. Both fits minimize the squared error (÷2n) plus a "
            "penalty: λ‖w‖₁ for L1 (lasso), (λ/2)‖w‖² for L2 (ridge). Ridge has a closed "
            "form, w = (XᵀX + nλI)⁻¹Xᵀy. Lasso has none; proximal gradient descent takes a "
            "gradient step on the squared error, then *soft-thresholds*: every weight closer "
            "to 0 than step·λ is set to exactly 0, the rest move towards 0 by that amount.",
            LiveResult(path_plots(data), pick(values, "lambdas", "true_weights", "l1_weights",
                                              "l2_weights")),
            "Reading from the right (large λ) to the left: lasso's weights leave 0 one at a "
            "time, the important ones first; ridge's all grow together and none is ever 0.",
        ),
        Section(
            "zeros",
            "Exact zeros",
            "Count the weights that are exactly 0 at each λ.",
            LiveResult([zeros_block(data), weights_block(data, middle)],
                       pick(values, "l1_zeros", "l2_zeros")),
            f"At λ = {data.lambdas[middle]:.3g} lasso has {data.l1_zeros[middle]} of "
            f"{args.features} weights at exactly 0 and ridge {data.l2_zeros[middle]}. L1 "
            "selects features; L2 keeps them all and shrinks them.",
        ),
    ]
