"""``pre_post_ln``: gradients at initialization in post-LN and pre-LN residual stacks.

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

from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, computation
from bntutor.live.results import LiveResult, TensorBlock


class PrePostLnArgs(Args):
    seed: int = Field(0, ge=0, le=1_000_000)
    depths: list[int] = Field(default_factory=lambda: [6, 12, 24], min_length=2, max_length=6)
    width: int = Field(64, ge=4, le=256)
    samples: int = Field(32, ge=2, le=256)


def stack_gradients(pre: bool, depth: int, args: PrePostLnArgs) -> tuple[list[float], float]:
    """Per-block weight-gradient norms (first block first) and the final stream's RMS."""
    import torch

    from bntutor.engine import layer_norm
    from bntutor.live._tensors import generator

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
    ("depths", "post_last", "pre_last", "post_first", "pre_first", "pre_stream_rms",
     "post_ratio", "pre_ratio"),
)
def pre_post_ln(args: PrePostLnArgs, report: ReportProgress) -> LiveResult:
    post_last, pre_last, post_first, pre_first, streams = [], [], [], [], []
    for depth in args.depths:
        post, _ = stack_gradients(False, depth, args)
        pre, stream = stack_gradients(True, depth, args)
        post_last.append(post[-1])
        pre_last.append(pre[-1])
        post_first.append(post[0])
        pre_first.append(pre[0])
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
            "pre_last": pre_last,
            "post_first": post_first,
            "pre_first": pre_first,
            "pre_stream_rms": streams,
            "post_ratio": post_last[-1] / post_last[0],
            "pre_ratio": pre_last[-1] / pre_last[0],
        },
    )
