"""``per_sample_norms``: BN, LayerNorm and RMSNorm of the same small batch, side by side.

BN takes one mean per feature, over the samples (a column); LayerNorm one mean and
variance per sample, over its features (a row); RMSNorm one root mean square per sample,
without subtracting the mean. All three come from the engine; the first sample is also
normalized alone, to show that LayerNorm does not care about the batch and BN cannot
run on it. ``norm_param_counts`` counts what ``nn.LayerNorm`` and ``nn.RMSNorm`` learn.
"""

from __future__ import annotations

from pydantic import Field

from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, computation
from bntutor.live.results import LiveResult, ScalarsBlock, TensorBlock

DEFAULT_BATCH = [[1.0, 2.0, 3.0, 6.0], [4.0, 4.0, 8.0, 8.0], [0.0, 5.0, 5.0, 10.0]]


class PerSampleNormsArgs(Args):
    values: list[list[float]] = Field(default_factory=lambda: [r[:] for r in DEFAULT_BATCH],
                                      min_length=2, max_length=16)
    eps: float = Field(1e-5, gt=0, le=1)


@computation(
    PerSampleNormsArgs,
    "BN, LayerNorm and RMSNorm of one small batch, side by side",
    ("ln_mean", "ln_var", "ln_x_hat", "rms", "rms_x_hat", "bn_mean", "bn_x_hat",
     "ln_x_hat_unbiased", "ln_std", "alone_diff", "bn_alone_error"),
)
def per_sample_norms(args: PerSampleNormsArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.engine import ln_trace, rms_trace, trace
    from bntutor.errors import ContentError
    from bntutor.live._tensors import floats, labels, rows

    width = len(args.values[0])
    if width < 2 or any(len(r) != width for r in args.values):
        raise ContentError("per_sample_norms needs rows of equal length, at least 2 features")
    x = torch.tensor(args.values, dtype=torch.float64)
    n = x.shape[0]
    bn = trace(x, eps=args.eps)
    ln = ln_trace(x, width, eps=args.eps)
    rms = rms_trace(x, width, eps=args.eps)
    ln_alone = ln_trace(x[:1], width, eps=args.eps)
    try:
        trace(x[:1], eps=args.eps)
        bn_alone_error = ""
    except ValueError as exc:
        bn_alone_error = str(exc)
    feature_labels, sample_labels = labels("feature", width), labels("sample", n)
    return LiveResult(
        blocks=[
            TensorBlock("the batch", rows(x), sample_labels, feature_labels,
                        highlight=[(0, j) for j in range(width)]),
            TensorBlock("BN: one mean per feature, over the samples (a column)",
                        [floats(bn.mean)], ["batch mean"], feature_labels),
            TensorBlock("LayerNorm and RMSNorm: statistics per sample, over its features (a row)",
                        [[float(ln.mean[i, 0]), float(ln.var[i, 0]), float(rms.std[i, 0])]
                         for i in range(n)],
                        sample_labels, ["LN mean", "LN variance", "RMS"]),
            TensorBlock("LayerNorm x̂", rows(ln.x_hat), sample_labels, feature_labels),
            TensorBlock("RMSNorm x̂ (no centring)", rows(rms.x_hat), sample_labels,
                        feature_labels),
            ScalarsBlock("sample 1 alone, as a batch of one", [
                ("LayerNorm: largest change", float((ln_alone.y - ln.y[:1]).abs().max())),
                ("BN, training mode", "ValueError" if bn_alone_error else "runs"),
            ], digits=12),
        ],
        values={
            "ln_mean": [float(v) for v in ln.mean.flatten()],
            "ln_var": [float(v) for v in ln.var.flatten()],
            "ln_x_hat": rows(ln.x_hat),
            "rms": [float(v) for v in rms.std.flatten()],
            "rms_x_hat": rows(rms.x_hat),
            "bn_mean": floats(bn.mean),
            "bn_x_hat": rows(bn.x_hat),
            "ln_x_hat_unbiased": rows((x - ln.mean) / torch.sqrt(
                x.var(dim=1, keepdim=True, unbiased=True) + args.eps)),
            "ln_std": [float(v) for v in ln.std.flatten()],
            "alone_diff": float((ln_alone.y - ln.y[:1]).abs().max()),
            "bn_alone_error": bn_alone_error,
        },
    )


class NormParamCountsArgs(Args):
    features: int = Field(512, ge=1, le=65536)


@computation(
    NormParamCountsArgs,
    "What nn.LayerNorm, nn.RMSNorm and nn.BatchNorm1d learn and track",
    ("layer_norm", "rms_norm", "batch_norm", "layer_norm_buffers", "batch_norm_buffers"),
)
def norm_param_counts(args: NormParamCountsArgs, report: ReportProgress) -> LiveResult:
    from torch import nn

    counts = {}
    buffers = {}
    for name, module in (("LayerNorm", nn.LayerNorm(args.features)),
                         ("RMSNorm", nn.RMSNorm(args.features)),
                         ("BatchNorm1d", nn.BatchNorm1d(args.features))):
        counts[name] = sum(p.numel() for p in module.parameters())
        buffers[name] = sum(b.numel() for b in module.buffers())
    return LiveResult(
        blocks=[TensorBlock(
            f"learned parameters and tracked buffers, {args.features} features",
            [[float(counts[k]), float(buffers[k])] for k in counts], list(counts),
            ["parameters", "buffer values"], digits=0)],
        values={"layer_norm": counts["LayerNorm"], "rms_norm": counts["RMSNorm"],
                "batch_norm": counts["BatchNorm1d"],
                "layer_norm_buffers": buffers["LayerNorm"],
                "batch_norm_buffers": buffers["BatchNorm1d"]},
    )
