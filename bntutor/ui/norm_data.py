"""One LayerNorm or RMSNorm computation as plain arrays, ready to render or print as JSON.

Every sample (row) is normalized over its own ``D`` features, so the input is kept as
``[rows, D]`` (leading dimensions flattened) beside its original ``shape``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class NormData:
    """Inputs and every intermediate of one per-sample normalization."""

    kind: str
    """``"layer"`` (LayerNorm) or ``"rms"`` (RMSNorm)."""
    shape: tuple[int, ...]
    x: np.ndarray
    """``[rows, D]``."""
    eps: float
    gamma: np.ndarray | None
    beta: np.ndarray | None
    count: int
    """``D``: values per sample that each statistic is taken over."""
    mean: np.ndarray
    """``[rows]``; zeros for RMSNorm, which does not centre."""
    var: np.ndarray
    """``[rows]``: the biased variance (LayerNorm) or the mean square (RMSNorm)."""
    invstd: np.ndarray
    std: np.ndarray
    """``[rows]``: ``sqrt(var + eps)``, the standard deviation or the RMS."""
    x_hat: np.ndarray
    y: np.ndarray
    seed: int | None = None


def norm_document(data: NormData) -> dict[str, Any]:
    """The computation as JSON-ready data: samples and features numbered in lists from 0."""
    doc: dict[str, Any] = {
        "norm": "LayerNorm" if data.kind == "layer" else "RMSNorm",
        "input": {"shape": list(data.shape), "values": data.x.reshape(data.shape).tolist(),
                  "seed": data.seed},
        "normalized_over": "last dimension",
        "count": data.count,
        "eps": data.eps,
        "gamma": None if data.gamma is None else data.gamma.tolist(),
        "x_hat": data.x_hat.reshape(data.shape).tolist(),
        "y": data.y.reshape(data.shape).tolist(),
        "invstd": data.invstd.tolist(),
    }
    if data.kind == "layer":
        doc |= {"mean": data.mean.tolist(), "var": data.var.tolist(), "std": data.std.tolist(),
                "beta": None if data.beta is None else data.beta.tolist()}
    else:
        doc |= {"mean_square": data.var.tolist(), "rms": data.std.tolist()}
    return doc
