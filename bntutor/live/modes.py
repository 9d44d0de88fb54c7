"""``bn_modes``: what ``train()``, ``eval()`` and ``torch.no_grad()`` each change in a BN layer.

A BN layer is warmed up on batches from one distribution, then fed one test batch:

- training mode: normalize with the test batch's own statistics, move the running ones;
- training mode under ``no_grad``: exactly the same numbers, and the running statistics
  still move (``no_grad`` only stops gradient bookkeeping);
- eval mode: normalize with the running statistics, change nothing, and a sample gets the
  same output alone as in any batch;
- a batch of one sample in training mode: an error (one value per feature has no spread).

``bn_one_value``: which training-mode batches torch's BN refuses, and why.

torch's BN raises ``ValueError`` in training mode exactly when a channel has one value:
``N · (product of the spatial sizes) = 1``. One image of ``[1, C, H, W]`` with ``H·W > 1``
is accepted (its statistics come from one image); after global pooling, ``[1, C, 1, 1]``
is not. Each shape is run through torch's own module and through the engine's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from bntutor.live._tensors import floats, normal_batch
from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, SeededArgs, computation
from bntutor.live.results import LiveResult, ScalarsBlock, TensorBlock

if TYPE_CHECKING:
    import torch


class BnModesArgs(SeededArgs):
    features: int = Field(3, ge=1, le=16)
    batch_size: int = Field(8, ge=2, le=256)
    warmup: int = Field(50, ge=0, le=2000, description="training batches seen before the test")
    loc: float = Field(5.0, ge=-1000, le=1000)
    scale: float = Field(2.0, gt=0, le=1000)


def batches(args: BnModesArgs) -> tuple[torch.Tensor, torch.Tensor]:
    """``([warmup, B, C] training batches, [B, C] test batch)``. The test batch is squeezed
    towards ``loc``, so its statistics differ from the running ones."""
    data = normal_batch(args.seed, (args.warmup + 1, args.batch_size, args.features),
                        args.loc, args.scale)
    return data[:-1], data[-1] * 0.5 + args.loc * 0.5


@computation(
    BnModesArgs,
    "What train(), eval() and no_grad() change in a BN layer",
    ("train_first", "eval_first", "nograd_vs_train_diff", "eval_vs_train_diff",
     "eval_alone_diff", "running_mean_before", "running_mean_train", "running_mean_nograd",
     "running_mean_eval", "tracked_before", "tracked_nograd", "tracked_eval", "batch1_error"),
)
def bn_modes(args: BnModesArgs, report: ReportProgress) -> LiveResult:
    import copy

    import torch

    from bntutor.engine import BatchNorm

    c = args.features
    warmup, test = batches(args)
    bn = BatchNorm(c, dtype=torch.float64)
    bn.train()
    with torch.no_grad():
        for batch in warmup:
            bn(batch)
    start = copy.deepcopy(bn.state_dict())

    def fresh() -> BatchNorm:
        layer = BatchNorm(c, dtype=torch.float64)
        layer.load_state_dict(start)
        return layer

    def running(layer: BatchNorm) -> tuple[float, int]:
        assert layer.running_mean is not None and layer.num_batches_tracked is not None
        return float(layer.running_mean[0]), int(layer.num_batches_tracked)

    rm0, tracked0 = running(fresh())
    train_layer = fresh().train()
    y_train = train_layer(test).detach()
    rm_train, tracked_train = running(train_layer)

    nograd_layer = fresh().train()
    with torch.no_grad():
        y_nograd = nograd_layer(test)
    rm_nograd, tracked_nograd = running(nograd_layer)

    eval_layer = fresh().eval()
    y_eval = eval_layer(test).detach()
    y_alone = eval_layer(test[:1]).detach()
    rm_eval, tracked_eval = running(eval_layer)

    try:
        fresh().train()(test[:1])
        batch1_error = ""
    except ValueError as exc:
        batch1_error = str(exc)

    table = TensorBlock(
        "BN output for sample 1 of a new batch",
        [floats(y_train[0]), floats(y_nograd[0]), floats(y_eval[0]), floats(y_alone[0])],
        row_labels=["train()", "train() inside torch.no_grad()", "eval(), in the batch",
                    "eval(), sample alone"],
        col_labels=[f"feature {j + 1}" for j in range(c)],
    )
    moves = TensorBlock(
        "running_mean[0] and num_batches_tracked after one forward pass",
        [[rm0, float(tracked0)], [rm_train, float(tracked_train)],
         [rm_nograd, float(tracked_nograd)], [rm_eval, float(tracked_eval)]],
        row_labels=["before", "after train()", "after train() + no_grad()", "after eval()"],
        col_labels=["running_mean[0]", "num_batches_tracked"],
    )
    error = ScalarsBlock(
        "train() with a batch of one sample",
        [("error", batch1_error or "none")],
    )
    return LiveResult(
        blocks=[table, moves, error],
        values={
            "train_first": floats(y_train[0]),
            "eval_first": floats(y_eval[0]),
            "nograd_vs_train_diff": float((y_train - y_nograd).abs().max()),
            "eval_vs_train_diff": float((y_train - y_eval).abs().max()),
            "eval_alone_diff": float((y_eval[:1] - y_alone).abs().max()),
            "running_mean_before": rm0,
            "running_mean_train": rm_train,
            "running_mean_nograd": rm_nograd,
            "running_mean_eval": rm_eval,
            "tracked_before": tracked0,
            "tracked_nograd": tracked_nograd,
            "tracked_eval": tracked_eval,
            "batch1_error": batch1_error,
        },
    )


SHAPES: tuple[tuple[int, ...], ...] = (
    (1, 0),  # 0 stands for C
    (1, 0, 1),
    (1, 0, 1, 1),
    (1, 0, 4, 4),
    (2, 0, 1, 1),
)


class BnOneValueArgs(Args):
    channels: int = Field(3, ge=1, le=16)


def shapes(channels: int) -> list[tuple[int, ...]]:
    """The shapes tried, in order, with ``C = channels``."""
    return [tuple(channels if d == 0 else d for d in s) for s in SHAPES]


def _raises(module: object, x: object) -> bool:
    try:
        module(x)  # type: ignore[operator]
    except ValueError:
        return True
    return False


@computation(
    BnOneValueArgs,
    "Which training-mode batches torch's BN refuses: one value per channel",
    ("raises", "engine_raises", "values_per_channel", "raised_count"),
)
def bn_one_value(args: BnOneValueArgs, report: ReportProgress) -> LiveResult:
    import math

    import torch
    from torch import nn

    from bntutor.engine import BatchNorm

    c = args.channels
    names, raised, engine_raised, per_channel = [], [], [], []
    for shape in shapes(c):
        torch_bn = (nn.BatchNorm1d if len(shape) <= 3 else nn.BatchNorm2d)(c).train()
        x = torch.randn(shape, generator=torch.Generator().manual_seed(0))
        raised.append(_raises(torch_bn, x))
        engine_raised.append(_raises(BatchNorm(c).train(), x))
        per_channel.append(shape[0] * math.prod(shape[2:]))
        names.append(f"{torch_bn.__class__.__name__} on {list(shape)}")
    items: list[tuple[str, int | float | str]] = [
        (f"{name} ({n} value{'s' * (n != 1)} per channel)", "ValueError" if r else "runs")
        for name, n, r in zip(names, per_channel, raised, strict=True)
    ]
    return LiveResult(
        blocks=[ScalarsBlock("training mode, one forward pass", items)],
        values={
            "raises": raised,
            "engine_raises": engine_raised,
            "values_per_channel": per_channel,
            "raised_count": sum(raised),
        },
    )
