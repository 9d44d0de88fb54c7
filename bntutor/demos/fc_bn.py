"""fc-bn: BN after a fully connected layer; γ and β turned by hand."""

from __future__ import annotations

from bntutor.demos.base import DemoOptions, ReportProgress, Section, pick, small
from bntutor.live.results import LiveResult


def sections(options: DemoOptions, progress: ReportProgress) -> list[Section]:
    from bntutor.live.feature_stats import (
        FcBatchStatsArgs,
        affine_block,
        batch_block,
        identity_block,
        run_fc_batch_stats,
        stats_block,
    )

    data = run_fc_batch_stats(FcBatchStatsArgs(seed=options.seed, quick=options.quick))
    values = data.values()
    n, f = len(data.outputs), len(data.outputs[0])
    return [
        Section(
            "batch",
            "One feature, down the batch",
            f"A fully connected layer maps each of {n} samples to {f} features, so its output "
            f"is a `[{n}, {f}]` table: one row per sample, one column per feature. BN works "
            f"on one column at a time: feature {data.feature}'s mean and variance are taken "
            f"over the {n} samples of the batch, never across features.",
            LiveResult([batch_block(data), stats_block(data)],
                       pick(values, "feature", "outputs", "column", "mean", "var",
                            "var_unbiased", "sigma")),
            "So a sample's normalized value depends on the other samples in its batch. "
            "That is fine while training on shuffled batches, and it is the seed of the "
            "similar-images puzzle (`bntutor demo similar-batch`).",
        ),
        Section(
            "gamma-beta",
            "γ and β, turned by hand",
            "After standardizing (x̂ = (x − μ)/√(σ² + ε)), BN scales by γ and shifts by β, "
            "two numbers per feature that the network learns. γ = 1, β = 0 leaves the "
            "standardized column; γ = σ, β = μ undoes the standardization altogether.",
            LiveResult([affine_block(data), identity_block(data)],
                       pick(values, "x_hat", "settings", "identity_max_diff")),
            f"With γ = σ and β = μ the output equals the input to {small(data.identity_max_diff)}: "
            "BN can always represent \"do nothing\", so adding it takes no expressive power "
            "away; training decides how much of the standardization to keep.",
        ),
    ]
