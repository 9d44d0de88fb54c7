"""Counting: parameters and buffers of a layer stack, values behind each statistic."""

from __future__ import annotations

import random
from typing import Any

from bntutor.content.models import Question
from bntutor.live.layouts import BnLayoutStatsArgs, bn_layout_stats
from bntutor.live.params import BnParamCountsArgs, bn_param_counts
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Template, count, hints_of, numeric, nums, say

_CNN = ("bn-cnn",)


def _bn2d(c: int) -> dict[str, Any]:
    """``bn_param_counts`` of ``nn.BatchNorm2d(c)``: parameters, buffers and their sizes."""
    return bn_param_counts(BnParamCountsArgs(num_features=c)).values


def _layout(n: int, c: int, h: int, w: int) -> dict[str, Any]:
    """``bn_layout_stats`` of an ``[n, c, h, w]`` map: values per statistic, and what the
    usual wrong axes would give."""
    args = BnLayoutStatsArgs.model_validate({"n": n, "c": c, "h": h, "w": w})
    return bn_layout_stats(args).values


def _bn_params(rng: random.Random) -> Question:
    c = rng.choice([16, 32, 64, 96, 128, 256])
    sizes = _bn2d(c)
    params, elements = sizes["parameters"], sizes["buffer_elements"]
    return count(
        say("bn-params.prompt", c=c),
        params,
        say("bn-params.explanation", c=c, params=params),
        hints=hints_of("bn-params"),
        wrong=[(params + elements, say("bn-params.wrong.buffers")),
               (2 * params, say("bn-params.wrong.running"))],
    )


def _bn_buffers(rng: random.Random) -> Question:
    c = rng.choice([8, 16, 32, 64, 128])
    elements = _bn2d(c)["buffer_elements"]
    return count(
        say("bn-buffers.prompt", c=c),
        elements,
        say("bn-buffers.explanation", c=c, elements=elements),
        hints=hints_of("bn-buffers"),
        wrong=[(2 * c, say("bn-buffers.wrong.counter"))],
    )


def _conv_bn_params(rng: random.Random) -> Question:
    c_in = rng.choice([3, 16, 32])
    c_out = rng.choice([16, 32, 64])
    k = rng.choice([1, 3, 5])
    from torch import nn

    bn = _bn2d(c_out)["parameters"]
    total = bn + sum(p.numel() for p in nn.Conv2d(c_in, c_out, k, bias=False).parameters())
    with_bias = total + c_out  # the conv's bias, one per output channel
    sizes = {"c_in": c_in, "c_out": c_out, "k": k}
    return count(
        say("conv-bn-params.prompt", **sizes),
        total,
        say("conv-bn-params.explanation", **sizes, weights=c_in * c_out * k * k, total=total),
        hints=hints_of("conv-bn-params"),
        wrong=[(with_bias, say("conv-bn-params.wrong.bias"))],
    )


def _per_channel_nchw(rng: random.Random) -> Question:
    shape = [rng.choice([8, 16, 32]), rng.choice([3, 16, 64]), rng.choice([4, 7, 8]), 0]
    shape[3] = shape[2]
    n, c, h, w = shape
    layout = _layout(n, c, h, w)
    answer = layout["count"]
    return count(
        say("values-per-channel.prompt", c=c, shape=nums(shape)),
        answer,
        say("values-per-channel.explanation", n=n, h=h, w=w, answer=answer),
        hints=hints_of("values-per-channel"),
        wrong=[(layout["count_per_position"], say("values-per-channel.wrong.fc")),
               (layout["count_per_sample"], say("values-per-channel.wrong.sample"))],
    )


def _per_channel_nhwc(rng: random.Random) -> Question:
    n, h, c = rng.choice([4, 8, 16]), rng.choice([5, 6, 8]), rng.choice([3, 32, 64])
    shape = [n, h, h, c]
    layout = _layout(n, c, h, h)  # the same numbers as [N, H, W, C], BN read per channel
    answer = layout["count"]
    return count(
        say("values-per-channel-nhwc.prompt", shape=nums(shape)),
        answer,
        say("values-per-channel-nhwc.explanation", answer=answer),
        hints=hints_of("values-per-channel-nhwc"),
        wrong=[(layout["count_wrong_axis"], say("values-per-channel-nhwc.wrong.axis1"))],
    )


def _batch_of_one(rng: random.Random) -> Question:
    c, h = rng.choice([3, 16, 64]), rng.choice([4, 7, 14, 28])
    shape = [1, c, h, h]
    answer = _layout(1, c, h, h)["count"]
    return count(
        say("batch-of-one.prompt", c=c, shape=nums(shape)),
        answer,
        say("batch-of-one.explanation", answer=answer),
        hints=hints_of("batch-of-one"),
        wrong=[(1, say("batch-of-one.wrong.one"))],
    )


def _group_norm(rng: random.Random) -> Question:
    n, c, h = rng.choice([2, 8, 16]), rng.choice([32, 64]), rng.choice([4, 8])
    groups = rng.choice([4, 8, 16])
    # GroupNorm is BN of the input seen as [1, N * G, C / G, H, W]: one statistic per
    # (sample, group).
    import torch

    from bntutor.engine import trace

    view = torch.zeros(1, n * groups, c // groups, h, h, dtype=torch.float64)
    answer = trace(view).count
    return count(
        say("groupnorm-count.prompt", groups=groups, c=c, shape=nums([n, c, h, h])),
        answer,
        say("groupnorm-count.explanation", per_group=c // groups, h=h, answer=answer),
        hints=hints_of("groupnorm-count"),
        wrong=[(n * answer, say("groupnorm-count.wrong.batch"))],
    )


def _channel_mean(rng: random.Random) -> Question:
    values = [float(rng.randint(0, 9)) for _ in range(8)]  # [N=2, C=2, H=1, W=2]
    c = rng.randrange(2)
    import torch

    from bntutor.engine import trace

    means = trace(torch.tensor(values, dtype=torch.float64).reshape(2, 2, 1, 2)).mean.tolist()
    sample_mean = sum(values[0:4]) / 4
    return numeric(
        say("channel-mean.prompt", channel=c + 1, a1=nums(values[0:2]), b1=nums(values[2:4]),
            a2=nums(values[4:6]), b2=nums(values[6:8])),
        means[c],
        say("channel-mean.explanation", channel=c + 1, mean=num(means[c])),
        hints=hints_of("channel-mean"),
        wrong=[(sample_mean, say("channel-mean.wrong.sample"))],
    )


TEMPLATES = [
    Template("bn-params", "bn-cnn", 1, "learnable parameters of BatchNorm2d(C)", _bn_params, _CNN),
    Template("bn-buffers", "bn-cnn", 2, "buffer numbers of BatchNorm2d(C)", _bn_buffers, _CNN),
    Template("conv-bn-params", "bn-cnn", 2, "parameters of Conv2d(bias=False) + BN",
             _conv_bn_params, _CNN),
    Template("values-per-channel", "bn-cnn", 1, "values behind each statistic, NCHW",
             _per_channel_nchw, _CNN),
    Template("values-per-channel-nhwc", "bn-cnn", 2, "values behind each statistic, NHWC",
             _per_channel_nhwc, _CNN),
    Template("batch-of-one", "pitfalls", 2, "BN of a single image: H x W values",
             _batch_of_one, ("bn-cnn", "similar-images")),
    Template("groupnorm-count", "norm-variants", 2, "values behind each GroupNorm statistic",
             _group_norm, ("similar-images",)),
    Template("channel-mean", "bn-cnn", 2, "one channel's mean over N x H x W",
             _channel_mean, _CNN),
]
