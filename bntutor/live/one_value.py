"""``bn_one_value``: which training-mode batches torch's BN refuses, and why.

torch's BN raises ``ValueError`` in training mode exactly when a channel has one value:
``N · (product of the spatial sizes) = 1``. One image of ``[1, C, H, W]`` with ``H·W > 1``
is accepted (its statistics come from one image); after global pooling, ``[1, C, 1, 1]``
is not. Each shape is run through torch's own module and through the engine's.
"""

from __future__ import annotations

from pydantic import Field

from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, computation
from bntutor.live.results import LiveResult, ScalarsBlock

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
