"""fold-bn: merge an eval-mode BN into the conv before it."""

from __future__ import annotations

from bntutor.demos.base import DemoOptions, ReportProgress, Section, pick, small
from bntutor.live.results import LiveResult


def sections(options: DemoOptions, progress: ReportProgress) -> list[Section]:
    from bntutor.live.fold_check import (
        FoldBnArgs,
        check_block,
        run_fold_bn,
        scale_plot,
        timing_block,
    )

    data = run_fold_bn(FoldBnArgs(seed=options.seed, quick=options.quick))
    values = data.values()
    return [
        Section(
            "fold",
            "One layer instead of two",
            "In eval mode BN no longer looks at the batch: with its running statistics it is "
            "a fixed per-channel map, y = s·(x − μ) + β with s = γ/√(σ² + ε). A conv before "
            "it computes x = W∗input + b, so the pair is one conv with weights s·W (each "
            "output channel's filter scaled by its own s) and bias s·(b − μ) + β. "
            "`bntutor.engine.fold` builds that conv.",
            LiveResult([check_block(data), scale_plot(data)],
                       pick(values, "input_shape", "max_diff", "max_abs_output",
                            "linear_max_diff", "weight_change")),
            f"The folded conv gives the same outputs to {small(data.max_diff)} (outputs reach "
            f"{data.max_abs_output:.1f}): float32 rounding. Folding is for inference only: "
            "in training BN's statistics change with every batch.",
        ),
        Section(
            "time",
            "The time saved",
            "BN's pass over the conv's output disappears. The timings below are measured "
            "now, on this machine, so they differ from run to run.",
            LiveResult([timing_block(data)],
                       {"timing": pick(values, "time_unfolded_ms", "time_folded_ms",
                                       "saved_fraction")}),
            f"Here the folded conv took {data.time_folded_ms:.2f} ms against "
            f"{data.time_unfolded_ms:.2f} ms for conv then BN: {_verdict(data.saved_fraction)}",
        ),
    ]


def _verdict(saved: float) -> str:
    if saved > 0.02:
        return f"{saved:.0%} saved. The saving is BN's share of the pair's time."
    return ("no saving to measure this time. BN's pass is cheap next to the conv's "
            "arithmetic, and a busy machine can hide it; the saving is BN's share of the time.")
