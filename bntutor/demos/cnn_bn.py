"""cnn-bn: BN on a conv feature map, channel by channel, in both memory layouts."""

from __future__ import annotations

from bntutor.demos.base import DemoOptions, ReportProgress, Section, pick, small
from bntutor.live.results import LiveResult


def sections(options: DemoOptions, progress: ReportProgress) -> list[Section]:
    from bntutor.live.layouts import (
        CnnChannelStatsArgs,
        check_block,
        histogram_block,
        layout_block,
        run_cnn_channel_stats,
        slice_blocks,
    )

    data = run_cnn_channel_stats(CnnChannelStatsArgs(seed=options.seed, quick=options.quick))
    values = data.values()
    n, c, h, w = data.shape_nchw
    return [
        Section(
            "slices",
            "A feature map is a stack of slices",
            f"A conv layer has turned a batch of {n} images into a feature map of shape "
            f"`[N, C, H, W] = [{n}, {c}, {h}, {w}]`. Picture each sample as a stack of {c} "
            f"slices, one per channel, each {h}×{w}. BN keeps **one** mean and **one** "
            f"variance per channel: it takes that channel's slice from every sample in the "
            f"batch and pools all N×H×W = {data.count} numbers together.",
            LiveResult(slice_blocks(data), pick(values, "shape_nchw", "count", "slice_means",
                                                "slice_vars", "mean", "var")),
            "The pooled mean is the average of the slice means (the slices have the same "
            "size). The pooled variance is *not* the average of the slice variances: it also "
            "counts how far the slice means sit from each other.",
        ),
        Section(
            "layouts",
            "Channels first or channels last",
            "PyTorch lays feature maps out as `[N, C, H, W]`; TensorFlow and Keras default to "
            "`[N, H, W, C]`. The numbers are the same, only their order differs. BN reduces "
            "over every axis except the channel axis, wherever that axis is, so the "
            "statistics must agree.",
            LiveResult([layout_block(data)],
                       pick(values, "shape_nhwc", "mean_nhwc", "var_nhwc")),
        ),
        Section(
            "check",
            "The engine against nn.BatchNorm2d",
            "bntutor's engine computes BN twice: `trace` writes every step out in plain tensor "
            "operations, and the `BatchNorm` module (which also takes `channel_axis=-1` for "
            "channels-last input) runs the fast kernel. Both are held against PyTorch's own "
            "`nn.BatchNorm2d` on the same feature map, in training mode.",
            LiveResult([check_block(data)],
                       pick(values, "diff_trace", "diff_module_nchw", "diff_module_nhwc",
                            "diff_running")),
            f"The largest difference is {small(max(data.diff_trace, data.diff_module_nhwc))}: "
            "float32 rounding, from adding the same numbers in a different order.",
        ),
        Section(
            "histogram",
            "What BN does to one channel",
            "Per channel BN subtracts the mean and divides by √(σ² + ε); here γ = 1 and "
            "β = 0. That is an affine map, so the histogram keeps its shape: only the axis "
            "underneath it moves.",
            LiveResult([histogram_block(data)],
                       pick(values, "after_mean", "after_var", "channel0_before",
                            "channel0_after")),
            f"After BN channel 0 has mean {small(data.after_mean[0])} and variance "
            f"{data.after_var[0]:.5f}: ε keeps it a hair under 1.",
        ),
    ]
