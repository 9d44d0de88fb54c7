"""Counting: parameters and buffers of a layer stack, values behind each statistic."""

from __future__ import annotations

from typing import Any

from bntutor.content.models import Question
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Draw, live, nums, template

_CNN = ("bn-cnn",)


def _layout(n: int, c: int, h: int, w: int) -> dict[str, Any]:
    """``bn_layout_stats`` of an ``[n, c, h, w]`` map: values per statistic, and what the
    usual wrong axes would give."""
    return live("bn_layout_stats", n=n, c=c, h=h, w=w)


@template("bn-params", "bn-cnn", 1, "learnable parameters of BatchNorm2d(C)", _CNN)
def _bn_params(q: Draw) -> Question:
    c = q.choice([16, 32, 64, 96, 128, 256])
    sizes = live("bn_param_counts", num_features=c)
    params, elements = sizes["parameters"], sizes["buffer_elements"]
    return q.count(params, {"buffers": params + elements, "running": 2 * params}, c=c,
                   params=params)


@template("bn-buffers", "bn-cnn", 2, "buffer numbers of BatchNorm2d(C)", _CNN)
def _bn_buffers(q: Draw) -> Question:
    c = q.choice([8, 16, 32, 64, 128])
    elements = live("bn_param_counts", num_features=c)["buffer_elements"]
    return q.count(elements, {"counter": 2 * c}, c=c, elements=elements)


@template("conv-bn-params", "bn-cnn", 2, "parameters of Conv2d(bias=False) + BN", _CNN)
def _conv_bn_params(q: Draw) -> Question:
    c_in = q.choice([3, 16, 32])
    c_out = q.choice([16, 32, 64])
    k = q.choice([1, 3, 5])
    from torch import nn

    bn = live("bn_param_counts", num_features=c_out)["parameters"]
    total = bn + sum(p.numel() for p in nn.Conv2d(c_in, c_out, k, bias=False).parameters())
    with_bias = total + c_out  # the conv's bias, one per output channel
    return q.count(total, {"bias": with_bias}, c_in=c_in, c_out=c_out, k=k,
                   weights=c_in * c_out * k * k, total=total)


@template("values-per-channel", "bn-cnn", 1, "values behind each statistic, NCHW", _CNN)
def _per_channel_nchw(q: Draw) -> Question:
    shape = [q.choice([8, 16, 32]), q.choice([3, 16, 64]), q.choice([4, 7, 8]), 0]
    shape[3] = shape[2]
    n, c, h, w = shape
    layout = _layout(n, c, h, w)
    answer = layout["count"]
    wrong = {"fc": layout["count_per_position"], "sample": layout["count_per_sample"]}
    return q.count(answer, wrong, c=c, shape=nums(shape), n=n, h=h, w=w, answer=answer)


@template("values-per-channel-nhwc", "bn-cnn", 2, "values behind each statistic, NHWC", _CNN)
def _per_channel_nhwc(q: Draw) -> Question:
    n, h, c = q.choice([4, 8, 16]), q.choice([5, 6, 8]), q.choice([3, 32, 64])
    layout = _layout(n, c, h, h)  # the same numbers as [N, H, W, C], BN read per channel
    answer = layout["count"]
    return q.count(answer, {"axis1": layout["count_wrong_axis"]}, shape=nums([n, h, h, c]),
                   answer=answer)


@template("batch-of-one", "pitfalls", 2, "BN of a single image: H x W values",
          ("bn-cnn", "similar-images"))
def _batch_of_one(q: Draw) -> Question:
    c, h = q.choice([3, 16, 64]), q.choice([4, 7, 14, 28])
    answer = _layout(1, c, h, h)["count"]
    return q.count(answer, {"one": 1}, c=c, shape=nums([1, c, h, h]), answer=answer)


@template("groupnorm-count", "norm-variants", 2, "values behind each GroupNorm statistic",
          ("similar-images",))
def _group_norm(q: Draw) -> Question:
    n, c, h = q.choice([2, 8, 16]), q.choice([32, 64]), q.choice([4, 8])
    groups = q.choice([4, 8, 16])
    # GroupNorm is BN of the input seen as [1, N * G, C / G, H, W]: one statistic per
    # (sample, group).
    import torch

    from bntutor.engine import trace

    view = torch.zeros(1, n * groups, c // groups, h, h, dtype=torch.float64)
    answer = trace(view).count
    return q.count(answer, {"batch": n * answer}, groups=groups, c=c, shape=nums([n, c, h, h]),
                   per_group=c // groups, h=h, answer=answer)


@template("channel-mean", "bn-cnn", 2, "one channel's mean over N x H x W", _CNN)
def _channel_mean(q: Draw) -> Question:
    values = [float(q.randint(0, 9)) for _ in range(8)]  # [N=2, C=2, H=1, W=2]
    c = q.randrange(2)
    # BN of an [N, C, H, W] map is BN of its N x H x W positions as rows of C features
    rows = [[values[n * 4 + channel * 2 + w] for channel in (0, 1)] for n in (0, 1) for w in (0, 1)]
    mean = live("bn_column", values=rows, column=c)["mean"]
    sample_mean = sum(values[0:4]) / 4
    return q.numeric(mean, {"sample": sample_mean}, channel=c + 1, a1=nums(values[0:2]),
                     b1=nums(values[2:4]), a2=nums(values[4:6]), b2=nums(values[6:8]),
                     mean=num(mean))
