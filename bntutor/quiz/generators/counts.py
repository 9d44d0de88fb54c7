"""Counting: parameters and buffers of a layer stack, values behind each statistic."""

from __future__ import annotations

import random
from typing import Any

from bntutor.content.models import Question
from bntutor.live.layouts import BnLayoutStatsArgs, bn_layout_stats
from bntutor.live.params import BnParamCountsArgs, bn_param_counts
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Template, count, numeric, nums

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
        f"How many learnable parameters does `nn.BatchNorm2d({c})` have?",
        params,
        f"One gamma and one beta per channel: 2 * {c} = {params}. The running mean and "
        "variance are buffers, not parameters (no gradient).",
        hints=["Which tensors get gradients?"],
        wrong=[(params + elements, "That counts the buffers too (running_mean, running_var, "
                "num_batches_tracked); they are not learnable parameters."),
               (2 * params, "running_mean and running_var are buffers, not parameters.")],
    )


def _bn_buffers(rng: random.Random) -> Question:
    c = rng.choice([8, 16, 32, 64, 128])
    elements = _bn2d(c)["buffer_elements"]
    return count(
        f"How many numbers do the buffers of `nn.BatchNorm2d({c})` hold in total "
        "(everything in its state_dict that is not a parameter)?",
        elements,
        f"running_mean ({c}) + running_var ({c}) + num_batches_tracked (1) = {elements}.",
        hints=["Three buffers; one of them is a single counter."],
        wrong=[(2 * c, "num_batches_tracked is a buffer too (one number).")],
    )


def _conv_bn_params(rng: random.Random) -> Question:
    c_in = rng.choice([3, 16, 32])
    c_out = rng.choice([16, 32, 64])
    k = rng.choice([1, 3, 5])
    from torch import nn

    bn = _bn2d(c_out)["parameters"]
    total = bn + sum(p.numel() for p in nn.Conv2d(c_in, c_out, k, bias=False).parameters())
    with_bias = total + c_out  # the conv's bias, one per output channel
    return count(
        f"How many learnable parameters does `nn.Conv2d({c_in}, {c_out}, {k}, bias=False)` "
        f"followed by `nn.BatchNorm2d({c_out})` have?",
        total,
        f"Conv weights {c_in} * {c_out} * {k} * {k} = {c_in * c_out * k * k}, plus gamma and "
        f"beta 2 * {c_out}: {total}. bias=False because BN's beta makes a conv bias redundant.",
        hints=["Conv: in * out * k * k weights; BN: two per channel."],
        wrong=[(with_bias, "bias=False: the conv has no bias (BN's mean subtraction would "
                "cancel it anyway).")],
    )


def _per_channel_nchw(rng: random.Random) -> Question:
    shape = [rng.choice([8, 16, 32]), rng.choice([3, 16, 64]), rng.choice([4, 7, 8]), 0]
    shape[3] = shape[2]
    n, c, h, w = shape
    layout = _layout(n, c, h, w)
    answer = layout["count"]
    return count(
        f"`nn.BatchNorm2d({c})` gets an input of shape [N, C, H, W] = {nums(shape)} in "
        "training. From how many values is each channel's mean computed?",
        answer,
        f"One mean per channel over N x H x W = {n} * {h} * {w} = {answer} values.",
        hints=["Which axes are averaged over? All but the channel axis."],
        wrong=[(layout["count_per_position"], "Only N values would be a fully-connected BN; "
                "in a CNN each channel also averages over all H x W positions."),
               (layout["count_per_sample"], "That is one sample's values; BN averages a "
                "channel over the batch and the positions (N x H x W).")],
    )


def _per_channel_nhwc(rng: random.Random) -> Question:
    n, h, c = rng.choice([4, 8, 16]), rng.choice([5, 6, 8]), rng.choice([3, 32, 64])
    shape = [n, h, h, c]
    layout = _layout(n, c, h, h)  # the same numbers as [N, H, W, C], BN read per channel
    answer = layout["count"]
    return count(
        f"A Keras `BatchNormalization()` (axis = -1) gets a channels-last input of shape "
        f"[N, H, W, C] = {nums(shape)}. From how many values is each channel's mean computed?",
        answer,
        f"Channels are on the last axis; each mean averages N x H x W = {answer} values.",
        hints=["axis=-1 is the channel axis; the others are averaged over."],
        wrong=[(layout["count_wrong_axis"], "That treats axis 1 as the channels; with "
                "channels last the channel axis is -1.")],
    )


def _batch_of_one(rng: random.Random) -> Question:
    c, h = rng.choice([3, 16, 64]), rng.choice([4, 7, 14, 28])
    shape = [1, c, h, h]
    answer = _layout(1, c, h, h)["count"]
    return count(
        f"`nn.BatchNorm2d({c})` in training mode gets ONE image, shape {nums(shape)}. "
        "From how many values is each channel's mean computed?",
        answer,
        f"It works (no error, unlike [1, C] input), but each statistic comes from the H x W "
        f"= {answer} positions of that single image: the 'batch' statistics describe one "
        "image only.",
        hints=["N = 1, but H x W positions still remain."],
        wrong=[(1, "For [1, C] input there would be one value (and an error); for "
                "[1, C, H, W] each channel still has H x W values.")],
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
        f"`nn.GroupNorm({groups}, {c})` gets an input of shape {nums([n, c, h, h])}. From how "
        "many values is each of its means computed?",
        answer,
        f"GroupNorm normalizes each sample separately, over a group of C/G = {c // groups} "
        f"channels and all positions: {c // groups} * {h} * {h} = {answer} values. No "
        "batch dimension is involved, so it behaves the same for any batch size.",
        hints=["GroupNorm never mixes samples."],
        wrong=[(n * answer, "GroupNorm does not average over the batch: each sample has its "
                "own statistics.")],
    )


def _channel_mean(rng: random.Random) -> Question:
    values = [float(rng.randint(0, 9)) for _ in range(8)]  # [N=2, C=2, H=1, W=2]
    c = rng.randrange(2)
    import torch

    from bntutor.engine import trace

    means = trace(torch.tensor(values, dtype=torch.float64).reshape(2, 2, 1, 2)).mean.tolist()
    s = [values[0:4], values[4:8]]
    listing = "; ".join(
        f"sample {i + 1}: channel 1 {nums(s[i][0:2])}, channel 2 {nums(s[i][2:4])}"
        for i in range(2)
    )
    sample_mean = sum(s[0]) / 4
    return numeric(
        f"An input of shape [N, C, H, W] = [2, 2, 1, 2] — {listing}. What is the batch mean "
        f"BatchNorm2d computes for channel {c + 1}?",
        means[c],
        f"Channel {c + 1}'s statistic pools both samples and both positions: {num(means[c])}.",
        hints=["Collect the channel's values from every sample and position."],
        wrong=[(sample_mean, "That averages one sample's channels; BN averages one channel "
                "over samples and positions.")],
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
