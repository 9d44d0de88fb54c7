"""LayerNorm and RMSNorm, which normalize each sample on its own, and where LN sits in a stack.

``per_sample_norms``: BN, LayerNorm and RMSNorm of the same small batch, side by side.

BN takes one mean per feature, over the samples (a column); LayerNorm one mean and
variance per sample, over its features (a row); RMSNorm one root mean square per sample,
without subtracting the mean. All three come from the engine; the first sample is also
normalized alone, to show that LayerNorm does not care about the batch and BN cannot
run on it. ``norm_param_counts`` counts what ``nn.LayerNorm`` and ``nn.RMSNorm`` learn.

``pre_post_ln``: gradients at initialization in post-LN and pre-LN residual stacks.

Each block is a residual MLP ``F`` (Linear, ReLU, Linear) with the engine's LayerNorm:

    post-LN (original Transformer):  h = LN(h + F(h))
    pre-LN  (GPT-2, most LLMs):      h = h + F(LN(h)),   and one LN after the last block

For stacks of several depths, built from the same seed, it reports the gradient norm of
the last block's weights for a squared-error loss on random targets, and the size of the
residual stream before the final LN. Xiong et al. (2020) show that near the output
post-LN's gradients do not shrink with depth while pre-LN's scale like ``1/sqrt(L)``.
"""

from __future__ import annotations

from pydantic import Field

from bntutor.live._tensors import floats, generator, labels, rows
from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, SeededArgs, computation
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


class PrePostLnArgs(SeededArgs):
    depths: list[int] = Field(default_factory=lambda: [6, 12, 24], min_length=2, max_length=6)
    width: int = Field(64, ge=4, le=256)
    samples: int = Field(32, ge=2, le=256)


def stack_gradients(pre: bool, depth: int, args: PrePostLnArgs) -> tuple[list[float], float]:
    """Per-block weight-gradient norms (first block first) and the final stream's RMS."""
    import torch

    from bntutor.engine import layer_norm

    gen = generator(args.seed)
    d = args.width
    blocks = []
    for _ in range(depth):
        w1 = torch.randn(4 * d, d, generator=gen, dtype=torch.float64) / d**0.5
        w2 = torch.randn(d, 4 * d, generator=gen, dtype=torch.float64) / (4 * d) ** 0.5
        blocks.append((w1.requires_grad_(True), w2.requires_grad_(True)))
    x = torch.randn(args.samples, d, generator=gen, dtype=torch.float64)
    target = torch.randn(args.samples, d, generator=gen, dtype=torch.float64)
    h = x
    for w1, w2 in blocks:
        if pre:
            h = h + torch.relu(layer_norm(h, d) @ w1.T) @ w2.T
        else:
            h = layer_norm(h + torch.relu(h @ w1.T) @ w2.T, d)
    stream = float(h.detach().pow(2).mean().sqrt())
    out = layer_norm(h, d) if pre else h
    ((out - target) ** 2).mean().backward()
    norms = []
    for w1, w2 in blocks:
        assert w1.grad is not None and w2.grad is not None
        norms.append(float(torch.cat([w1.grad.flatten(), w2.grad.flatten()]).norm()))
    return norms, stream


@computation(
    PrePostLnArgs,
    "Gradients at initialization of post-LN and pre-LN stacks of several depths",
    ("depths", "post_last", "pre_stream_rms", "post_ratio", "pre_ratio"),
)
def pre_post_ln(args: PrePostLnArgs, report: ReportProgress) -> LiveResult:
    post_last, pre_last, streams = [], [], []
    for depth in args.depths:
        post, _ = stack_gradients(False, depth, args)
        pre, stream = stack_gradients(True, depth, args)
        post_last.append(post[-1])
        pre_last.append(pre[-1])
        streams.append(stream)
    depth_labels = [f"{d} blocks" for d in args.depths]
    table = TensorBlock(
        "gradient norm of the last block's weights, at initialization",
        [[a, b] for a, b in zip(post_last, pre_last, strict=True)],
        depth_labels, ["post-LN", "pre-LN"],
    )
    stream_block = TensorBlock(
        "pre-LN: RMS of the residual stream before the final LayerNorm",
        [[s] for s in streams], depth_labels, ["RMS"],
    )
    return LiveResult(
        blocks=[table, stream_block],
        values={
            "depths": list(args.depths),
            "post_last": post_last,
            "pre_stream_rms": streams,
            "post_ratio": post_last[-1] / post_last[0],
            "pre_ratio": pre_last[-1] / pre_last[0],
        },
    )
