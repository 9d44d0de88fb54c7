"""Where the channels are: the channel axis, the dims BN reduces over, broadcast shapes.

BN keeps one statistic per channel and reduces over every other axis. For input of shape
``[N, C, *spatial]`` with ``channel_axis=1`` that is ``reduce_dims = (0, 2, 3, ...)``; for
channels-last input ``[N, *spatial, C]`` with ``channel_axis=-1`` it is ``(0, 1, ..., ndim-2)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def channel_dim(ndim: int, channel_axis: int) -> int:
    """The non-negative index of the channel axis of ``ndim``-D input.

    Axis 0 is the batch axis and can never hold the channels.
    """
    if ndim < 2:
        raise ValueError(
            f"batch norm needs input with a batch axis and a channel axis, got {ndim}-D input"
        )
    dim = channel_axis + ndim if channel_axis < 0 else channel_axis
    if not 0 < dim < ndim:
        raise ValueError(
            f"channel_axis {channel_axis} is the batch axis or out of range for {ndim}-D input;"
            " use 1 (channels first, [N, C, ...]) or -1 (channels last, [N, ..., C])"
        )
    return dim


def reduce_dims(ndim: int, channel: int) -> tuple[int, ...]:
    """Every axis except the channel axis ``channel`` (already non-negative)."""
    return tuple(d for d in range(ndim) if d != channel)


def per_channel_shape(ndim: int, channel: int, num_channels: int) -> list[int]:
    """Shape that broadcasts a ``[C]`` vector against the input: ``[1, C, 1, 1]`` for NCHW."""
    shape = [1] * ndim
    shape[channel] = num_channels
    return shape


def values_per_channel(shape: Sequence[int], channel: int) -> int:
    """How many values each channel's statistics are computed from (``N * H * W`` ...)."""
    return math.prod(size for d, size in enumerate(shape) if d != channel)
