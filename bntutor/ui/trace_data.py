"""One BN computation as plain arrays, ready to render or to print as JSON.

The command fills it from the engine's ``BNTrace`` (tensors turned into numpy arrays);
the views only read it, so nothing in ``ui/`` needs torch.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class TraceData:
    """Inputs and every intermediate of one BN pass. ``C`` is the number of channels."""

    x: np.ndarray
    """The input, in its layout (``[N, C]``, ``[N, C, H, W]`` or ``[N, H, W, C]``)."""
    layout: str
    channel_axis: int
    """Non-negative index of the channel axis of ``x``."""
    training: bool
    convention: str
    """A name in :data:`bntutor.conventions.CONVENTIONS`: how the running statistics move."""
    momentum: float
    eps: float
    gamma: np.ndarray | None
    beta: np.ndarray | None
    running_mean: np.ndarray
    """``[C]`` before this batch."""
    running_var: np.ndarray
    reduce_dims: tuple[int, ...]
    count: int
    mean: np.ndarray
    """``[C]``: the batch's in training, the running mean used in eval mode."""
    var: np.ndarray
    var_unbiased: np.ndarray
    invstd: np.ndarray
    x_hat: np.ndarray
    y: np.ndarray
    new_running_mean: np.ndarray
    new_running_var: np.ndarray
    seed: int | None = None
    """The seed of random input, None when the learner typed the numbers."""

    @property
    def num_channels(self) -> int:
        return int(self.x.shape[self.channel_axis])

    def channel_values(self, array: np.ndarray, channel: int) -> np.ndarray:
        """The part of input-shaped ``array`` that belongs to ``channel`` (channel axis dropped)."""
        return np.take(array, channel, axis=self.channel_axis)


def trace_document(data: TraceData) -> dict[str, Any]:
    """The JSON document of ``bntutor compute bn --json``."""
    return {
        "input": {
            "values": _plain(data.x),
            "shape": list(data.x.shape),
            "layout": data.layout,
            "channel_axis": data.channel_axis,
            "seed": data.seed,
        },
        "training": data.training,
        "convention": data.convention,
        "momentum": data.momentum,
        "eps": data.eps,
        "gamma": None if data.gamma is None else _plain(data.gamma),
        "beta": None if data.beta is None else _plain(data.beta),
        "running_mean": _plain(data.running_mean),
        "running_var": _plain(data.running_var),
        "reduce_dims": list(data.reduce_dims),
        "count": data.count,
        "mean": _plain(data.mean),
        "var": _plain(data.var),
        "var_unbiased": _plain(data.var_unbiased),
        "invstd": _plain(data.invstd),
        "x_hat": _plain(data.x_hat),
        "y": _plain(data.y),
        "new_running_mean": _plain(data.new_running_mean),
        "new_running_var": _plain(data.new_running_var),
    }


def trace_json(data: TraceData) -> str:
    """:func:`trace_document` as JSON text: one top-level key per line, values compact."""
    doc = trace_document(data)
    lines = [
        f"  {json.dumps(key)}: {json.dumps(value, allow_nan=False)}" for key, value in doc.items()
    ]
    return "{\n" + ",\n".join(lines) + "\n}"


def _plain(array: np.ndarray) -> Any:
    """Nested lists of floats; NaN and infinities (not JSON) become null."""
    listed = np.asarray(array, dtype=float).tolist()
    return _finite_or_none(listed)


def _finite_or_none(value: Any) -> Any:
    if isinstance(value, list):
        return [_finite_or_none(v) for v in value]
    return value if math.isfinite(value) else None
