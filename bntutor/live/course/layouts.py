"""``bn_layout_stats``: BN of a conv feature map keeps one mean and variance per channel,
over ``N × H × W`` values, whether the map is stored ``[N, C, H, W]`` or ``[N, H, W, C]``.
Also reports what the common wrong choices of axes would give."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from bntutor.live.results import LiveResult, ScalarsBlock, TensorBlock

if TYPE_CHECKING:
    import torch


class BnLayoutStatsArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: int = Field(0, ge=0, le=1_000_000)
    n: int = Field(8, ge=1, le=64, description="batch size N")
    c: int = Field(3, ge=1, le=64, description="channels C")
    h: int = Field(4, ge=1, le=32, description="height H")
    w: int = Field(4, ge=1, le=32, description="width W")


def feature_map(args: BnLayoutStatsArgs) -> torch.Tensor:
    """The seeded ``[N, C, H, W]`` map; each channel has its own level, so per-channel
    statistics differ visibly."""
    from bntutor.live.course._tensors import normal_batch

    level = normal_batch(args.seed + 1, (1, args.c, 1, 1), scale=3.0)
    return normal_batch(args.seed, (args.n, args.c, args.h, args.w)) + level


def bn_layout_stats(args: BnLayoutStatsArgs) -> LiveResult:
    from bntutor.engine import trace
    from bntutor.live.course._tensors import floats, labels

    n, c, h, w = args.n, args.c, args.h, args.w
    nchw = feature_map(args)
    nhwc = nchw.permute(0, 2, 3, 1).contiguous()
    first = trace(nchw, channel_axis=1)
    last = trace(nhwc, channel_axis=-1)
    wrong = trace(nhwc, channel_axis=1)  # an [N, H, W, C] map read as if it were [N, C, H, W]
    layout_diff = float(max((first.mean - last.mean).abs().max(),
                            (first.var - last.var).abs().max(),
                            (first.y - last.y.permute(0, 3, 1, 2)).abs().max()))
    count = first.count
    table = TensorBlock(
        f"per-channel statistics of a [{n}, {c}, {h}, {w}] feature map",
        [floats(first.mean), floats(first.var), floats(last.mean), floats(last.var)],
        row_labels=["mean, from [N, C, H, W] (channel axis 1)",
                    "variance, from [N, C, H, W]",
                    "mean, from [N, H, W, C] (channel axis −1)",
                    "variance, from [N, H, W, C]"],
        col_labels=labels("channel", c),
    )
    counts = ScalarsBlock(
        "how many statistics, and how many values feed each",
        [
            ("means (one per channel)", c),
            ("values per mean: N × H × W", count),
            ("axes averaged over, [N, C, H, W]", str(first.reduce_dims)),
            ("axes averaged over, [N, H, W, C]", str(last.reduce_dims)),
            ("largest difference between the two layouts", layout_diff),
            ("[N, H, W, C] reduced over axes (0, 2, 3) by mistake: means",
             wrong.mean.numel()),
        ],
        digits=12,
    )
    return LiveResult(
        blocks=[table, counts],
        values={
            "count": count,
            "num_means": c,
            "mean": floats(first.mean),
            "var": floats(first.var),
            "layout_diff": layout_diff,
            # What the usual mistakes would give:
            "count_per_position": n,  # a separate mean per (c, h, w), like BatchNorm1d
            "num_means_per_position": c * h * w,
            "count_per_sample": c * h * w,  # over C, H, W of one sample (LayerNorm)
            "count_per_map": h * w,  # over H, W of one sample and channel (InstanceNorm)
            "num_means_wrong_axis": wrong.mean.numel(),  # one per row H, not per channel
            "count_wrong_axis": wrong.count,
        },
    )
