"""dropout-variance: the variance shift dropout leaves behind when BN follows it."""

from __future__ import annotations

from bntutor.demos.base import DemoOptions, ReportProgress, Section
from bntutor.live.results import LiveResult


def sections(options: DemoOptions, progress: ReportProgress) -> list[Section]:
    from bntutor.live.dropout import (
        DropoutVarianceArgs,
        run_dropout_variance,
        shift_block,
        shift_plot,
    )

    args = DropoutVarianceArgs(seed=options.seed, quick=options.quick)
    data = run_dropout_variance(args)
    half = data.rates.index(0.5) if 0.5 in data.rates else len(data.rates) - 1
    return [
        Section(
            "shift",
            "Dropout before BN",
            "Inverted dropout keeps a unit with probability q = 1 − rate and divides it by "
            "q, so its mean is unchanged. Its variance is not: for a unit with mean μ and "
            "variance σ², training-mode dropout gives (σ² + μ²)/q − μ², while at test time "
            "dropout is switched off and the variance is σ² again. A BN right after the "
            "dropout collects its running variance in training, then at test time divides "
            "by it: its output's variance becomes σ² / ((σ² + μ²)/q − μ²) instead of 1.",
            LiveResult([shift_block(data), shift_plot(data)], data.values()),
            f"At rate {data.rates[half]:g} BN's test-time output has variance "
            f"{data.bn_test_var_sim[half]:.3f} (the formula says "
            f"{data.bn_test_var_formula[half]:.3f}): every layer after it sees inputs at a "
            "scale it was not trained on. Common remedies: put dropout only after the last "
            "BN, or recompute BN's statistics with dropout off before evaluating.",
        ),
    ]
