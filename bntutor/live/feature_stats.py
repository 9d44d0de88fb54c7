"""What BN averages over: each feature of a fully connected batch, each channel of a conv map.

``bn_column``: BN of a small fully connected batch, one feature column in close-up.

The batch is ``[samples, features]`` of whole numbers (seeded) or given values. BN keeps
one mean and one variance per feature, computed down the column over the samples.
``show="batch"`` shows only the batch (for learners to compute by hand first). Besides the
right values it reports what the usual slips give: the unbiased variance in the
denominator, dividing by the variance instead of the std, normalizing across a row.
The fc-bn demo plays it as a fully connected layer's output.

``bn_layout_stats``: BN of a conv feature map keeps one mean and variance per channel,
over ``N × H × W`` values, whether the map is stored ``[N, C, H, W]`` or ``[N, H, W, C]``.
Also reports what the common wrong choices of axes would give.

``cnn_channel_stats``: the same for a conv layer's output, slice by slice. A feature map
``[N, C, H, W]`` is, for each sample, a stack of C slices of H×W numbers.
BN takes the c-th slice of every sample in the batch and pools all N×H×W numbers into
one mean and one variance for channel c. Channels-last ``[N, H, W, C]`` holds the same
numbers in another order, so its statistics are the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from bntutor.live._tensors import floats, int_batch, labels, normal_batch, rows, torch_session
from bntutor.live.progress import ReportProgress
from bntutor.live.registry import RunArgs, SeededArgs, computation
from bntutor.live.results import Block, LiveResult, PlotBlock, ScalarsBlock, Series, TensorBlock

if TYPE_CHECKING:
    import torch


class BnColumnArgs(SeededArgs):
    samples: int = Field(8, ge=2, le=64)
    features: int = Field(4, ge=1, le=16)
    column: int = Field(0, ge=0, le=15, description="the highlighted feature, counted from 0")
    low: int = Field(0, ge=-100, le=100)
    high: int = Field(9, ge=-100, le=100)
    eps: float = Field(1e-5, gt=0, le=1)
    gamma: float = Field(1.0, ge=-100, le=100)
    beta: float = Field(0.0, ge=-100, le=100)
    values: list[list[float]] | None = Field(
        None, description="a given batch, one row per sample (overrides the seeded one)"
    )
    show: Literal["batch", "all"] = "all"
    quick: bool = False  # a demo's option; the batch is small either way

    @model_validator(mode="after")
    def _shape(self) -> BnColumnArgs:
        if self.high < self.low:
            raise ValueError("high must be at least low")
        width = self.features
        if self.values is not None:
            if not 2 <= len(self.values) <= 64:
                raise ValueError("values needs 2 to 64 rows")
            width = len(self.values[0])
            if width < 1 or any(len(row) != width for row in self.values):
                raise ValueError("values must be a rectangle of numbers")
        if self.column >= width:
            raise ValueError(f"column {self.column} is out of range for {width} features")
        return self


@computation(
    BnColumnArgs,
    "BN of a small batch, one feature column step by step",
    ("count", "column", "mean", "var", "var_unbiased", "std", "x_hat", "y", "means", "vars",
     "x_hat_all", "row_means", "x_hat_unbiased", "x_over_var", "x_hat_all_unbiased",
     "x_hat_all_rows"),
)
def bn_column(args: BnColumnArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.engine import trace

    if args.values is not None:
        x = torch.tensor(args.values, dtype=torch.float64)
    else:
        x = int_batch(args.seed, args.samples, args.features, args.low, args.high)
    n, c = x.shape
    j = args.column
    gamma = torch.full((c,), args.gamma, dtype=torch.float64)
    beta = torch.full((c,), args.beta, dtype=torch.float64)
    tr = trace(x, weight=gamma, bias=beta, eps=args.eps)
    std = torch.sqrt(tr.var + args.eps)
    centred = x - tr.mean
    x_hat_unbiased = centred / torch.sqrt(tr.var_unbiased + args.eps)
    # each sample over its features (one feature alone has no spread: all zeros)
    by_row = trace(x.T.contiguous(), eps=args.eps).x_hat.T if c > 1 else torch.zeros_like(x)
    name = f"feature {j + 1}"

    batch = TensorBlock(
        f"a batch of {n} samples x {c} features ({name} highlighted)",
        rows(x),
        row_labels=labels("sample", n),
        col_labels=labels("feature", c),
        highlight=[(i, j) for i in range(n)],
        digits=2,
    )
    stats = ScalarsBlock(
        f"{name}: statistics over the {n} samples of the batch",
        [
            ("mean μ", float(tr.mean[j])),
            ("biased variance σ² (÷ n), used to normalize", float(tr.var[j])),
            ("unbiased variance (÷ (n−1)), not used here", float(tr.var_unbiased[j])),
            ("√(σ² + ε)", float(std[j])),
            ("ε", args.eps),
        ],
    )
    column = TensorBlock(
        f"{name}, step by step",
        [[float(x[i, j]), float(tr.x_hat[i, j]), float(tr.y[i, j])] for i in range(n)],
        row_labels=labels("sample", n),
        col_labels=["x", "x̂ = (x − μ)/√(σ² + ε)", f"y = {args.gamma:g}·x̂ + {args.beta:g}"],
    )
    blocks: list[Block] = [batch] if args.show == "batch" else [batch, stats, column]
    return LiveResult(
        blocks=blocks,
        values={
            "count": n,
            "column": floats(x[:, j]),
            "mean": float(tr.mean[j]),
            "var": float(tr.var[j]),
            "var_unbiased": float(tr.var_unbiased[j]),
            "std": float(std[j]),
            "x_hat": floats(tr.x_hat[:, j]),
            "y": floats(tr.y[:, j]),
            "means": floats(tr.mean),
            "vars": floats(tr.var),
            "x_hat_all": rows(tr.x_hat),
            # What the usual slips give:
            "row_means": floats(x.mean(dim=1)),
            "x_hat_unbiased": floats(x_hat_unbiased[:, j]),
            "x_over_var": floats(centred[:, j] / tr.var[j]),
            "x_hat_all_unbiased": rows(x_hat_unbiased),
            "x_hat_all_rows": rows(by_row),
        },
    )


class BnLayoutStatsArgs(SeededArgs):
    n: int = Field(8, ge=1, le=64, description="batch size N")
    c: int = Field(3, ge=1, le=64, description="channels C")
    h: int = Field(4, ge=1, le=32, description="height H")
    w: int = Field(4, ge=1, le=32, description="width W")


def feature_map(args: BnLayoutStatsArgs) -> torch.Tensor:
    """The seeded ``[N, C, H, W]`` map; each channel has its own level, so per-channel
    statistics differ visibly."""
    level = normal_batch(args.seed + 1, (1, args.c, 1, 1), scale=3.0)
    return normal_batch(args.seed, (args.n, args.c, args.h, args.w)) + level


@computation(
    BnLayoutStatsArgs,
    "Per-channel statistics of a feature map in NCHW and NHWC",
    ("count", "num_means", "mean", "var", "layout_diff", "count_per_position",
     "num_means_per_position", "count_per_sample", "count_per_map", "num_means_wrong_axis",
     "count_wrong_axis"),
)
def bn_layout_stats(args: BnLayoutStatsArgs, report: ReportProgress) -> LiveResult:
    from bntutor.engine import trace

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


class CnnChannelStatsArgs(RunArgs):
    batch: int = Field(default=4, ge=2, le=64, description="N, samples in the batch")
    channels: int = Field(default=3, ge=1, le=8, description="C, output channels of the conv")
    size: int = Field(default=6, ge=2, le=32, description="H = W of the feature map")


@computation(
    CnnChannelStatsArgs,
    "Per-channel BN statistics of a conv feature map, in NCHW and NHWC.",
    ("count", "mean", "var", "mean_nhwc", "var_nhwc", "slice_means", "slice_vars",
     "diff_trace", "diff_module_nchw", "diff_module_nhwc", "after_mean", "after_var",
     "shape_nchw", "shape_nhwc", "first_slices", "diff_running", "channel0_before",
     "channel0_after"),
)
def cnn_channel_stats(args: CnnChannelStatsArgs, report: ReportProgress) -> LiveResult:
    import torch
    from torch import nn

    from bntutor.engine import BatchNorm, trace

    n, c, s = args.batch, args.channels, args.size
    with torch_session(args.seed) as gen, torch.no_grad():
        conv = nn.Conv2d(3, c, kernel_size=3)
        images = torch.randn(n, 3, s + 2, s + 2, generator=gen)
        fmap = conv(images)  # [N, C, H, W]
        fmap_nhwc = fmap.permute(0, 2, 3, 1).contiguous()  # [N, H, W, C]

        tr = trace(fmap)
        tr_nhwc = trace(fmap_nhwc, channel_axis=-1)
        reference = nn.BatchNorm2d(c).train()
        y_ref = reference(fmap)
        module = BatchNorm(c).train()
        module_nhwc = BatchNorm(c, channel_axis=-1).train()
        y_module = module(fmap)
        y_module_nhwc = module_nhwc(fmap_nhwc).permute(0, 3, 1, 2)
        assert module.running_mean is not None and module.running_var is not None
        assert reference.running_mean is not None and reference.running_var is not None
        diff_running = max(
            float((module.running_mean - reference.running_mean).abs().max()),
            float((module.running_var - reference.running_var).abs().max()),
        )
        per_slice = fmap.transpose(0, 1).reshape(c, n, s * s)  # [C, N, H*W]
        v = {
            "shape_nchw": list(fmap.shape),
            "shape_nhwc": list(fmap_nhwc.shape),
            "count": tr.count,
            "mean": tr.mean.tolist(),
            "var": tr.var.tolist(),
            "mean_nhwc": tr_nhwc.mean.tolist(),
            "var_nhwc": tr_nhwc.var.tolist(),
            "slice_means": per_slice.mean(dim=2).tolist(),  # [C][N]: each sample's slice
            "slice_vars": per_slice.var(dim=2, unbiased=False).tolist(),
            "first_slices": fmap[0].tolist(),  # [C][H][W]: sample 0's slice of every channel
            # largest |engine - nn.BatchNorm2d| over the output
            "diff_trace": float((tr.y - y_ref).abs().max()),
            "diff_module_nchw": float((y_module - y_ref).abs().max()),
            "diff_module_nhwc": float((y_module_nhwc - y_ref).abs().max()),
            "diff_running": diff_running,
            "after_mean": tr.y.mean(dim=(0, 2, 3)).tolist(),
            "after_var": tr.y.var(dim=(0, 2, 3), unbiased=False).tolist(),
            "channel0_before": fmap[:, 0].flatten().tolist(),
            "channel0_after": tr.y[:, 0].flatten().tolist(),
        }

    # Per channel: sample 0's slice, then the stack of slices and what BN pools from it.
    blocks: list[Block] = []
    for ch, slice0 in enumerate(v["first_slices"]):
        blocks.append(TensorBlock(f"channel {ch}: sample 0's H×W slice", slice0, digits=2))
        rows = [[m, var] for m, var in zip(v["slice_means"][ch], v["slice_vars"][ch],
                                           strict=True)]
        rows.append([v["mean"][ch], v["var"][ch]])
        blocks.append(TensorBlock(
            f"channel {ch}: the stack of {n} slices",
            rows,
            row_labels=[f"sample {i}" for i in range(n)] + [f"all {v['count']} values"],
            col_labels=["mean", "var"],
            highlight=[(n, 0), (n, 1)],
        ))
    nchw = "[{}]".format(", ".join(map(str, v["shape_nchw"])))
    nhwc = "[{}]".format(", ".join(map(str, v["shape_nhwc"])))
    blocks += [
        TensorBlock(
            "per-channel statistics in both layouts",
            [v["mean"], v["mean_nhwc"], v["var"], v["var_nhwc"]],
            row_labels=[f"mean, NCHW {nchw}", f"mean, NHWC {nhwc}",
                        f"var, NCHW {nchw}", f"var, NHWC {nhwc}"],
            col_labels=[f"channel {i}" for i in range(c)],
        ),
        ScalarsBlock(
            "engine vs nn.BatchNorm2d (largest absolute difference)",
            [
                ("trace output", v["diff_trace"]),
                ("BatchNorm module, NCHW", v["diff_module_nchw"]),
                ("BatchNorm module, NHWC (channel_axis=-1)", v["diff_module_nhwc"]),
                ("running statistics", v["diff_running"]),
            ],
        ),
        PlotBlock(
            "channel 0 before and after BN",
            "hist",
            [Series("before BN", v["channel0_before"], []),
             Series("after BN", v["channel0_after"], [])],
            xlabel="value",
            bins=16,
        ),
    ]
    return LiveResult(blocks=blocks, values=v)
