"""LayerNorm and RMSNorm: per-sample normalization over the trailing dimensions.

For ``input`` of shape ``[..., *normalized_shape]`` the statistics are taken over the
last ``len(normalized_shape)`` dimensions of each sample, never over the batch:

    mean   = x.mean(dims)                       LayerNorm only
    var    = ((x - mean) ** 2).mean(dims)       biased, as in BN
    x_hat  = (x - mean) / sqrt(var + eps)
    y      = gamma * x_hat + beta

    ms     = (x ** 2).mean(dims)                RMSNorm: no centring, no beta
    x_hat  = x / sqrt(ms + eps)                 eps None: torch.finfo(dtype).eps
    y      = gamma * x_hat

``layer_norm`` and ``rms_norm`` have the semantics of ``torch.nn.functional.layer_norm``
and ``torch.nn.functional.rms_norm``; ``ln_trace`` and ``rms_trace`` keep every
intermediate for the step-by-step view. Half precision is computed in float32 and the
output cast back, as torch's kernels do.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import torch
from torch import Tensor


@dataclass(frozen=True)
class NormTrace:
    """Every intermediate of one LayerNorm or RMSNorm pass.

    ``mean`` (zeros for RMSNorm), ``var`` (LayerNorm: the biased variance; RMSNorm: the
    mean square) and ``invstd`` have the input's leading shape with the normalized
    dimensions kept as size 1, so they broadcast against ``x_hat`` and ``y``.
    """

    kind: str
    """``"layer"`` or ``"rms"``."""
    reduce_dims: tuple[int, ...]
    count: int
    """Values per sample that the statistics are taken over."""
    mean: Tensor
    var: Tensor
    invstd: Tensor
    std: Tensor
    """``sqrt(var + eps)``: the standard deviation (LayerNorm) or the RMS (RMSNorm)."""
    x_hat: Tensor
    y: Tensor
    eps: float


def _dims(input: Tensor, normalized_shape: Sequence[int] | int) -> tuple[int, ...]:
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    k = len(shape)
    if k == 0 or input.dim() < k or tuple(input.shape[-k:]) != shape:
        raise ValueError(
            f"normalized_shape {list(shape)} must match the last dimensions of an input of "
            f"shape {list(input.shape)}"
        )
    return tuple(range(input.dim() - k, input.dim()))


def _trace(kind: str, input: Tensor, normalized_shape: Sequence[int] | int,
           weight: Tensor | None, bias: Tensor | None, eps: float) -> NormTrace:
    """LayerNorm (``kind`` ``"layer"``) or RMSNorm (``"rms"``, whose mean is taken as 0, so
    ``var`` is the mean square) of ``input``, keeping every intermediate."""
    dims = _dims(input, normalized_shape)
    for name, t in (("weight", weight), ("bias", bias)):
        expected = tuple(input.shape[d] for d in dims)
        if t is not None and tuple(t.shape) != expected:
            raise ValueError(f"{name} has shape {list(t.shape)}, expected {list(expected)}")
    x = input.float() if input.dtype in (torch.float16, torch.bfloat16) else input
    mean = x.mean(dim=dims, keepdim=True)
    if kind == "rms":
        mean = torch.zeros_like(mean)
    centred = x - mean
    var = (centred * centred).mean(dim=dims, keepdim=True)
    invstd = torch.rsqrt(var + eps)
    x_hat = centred * invstd
    y = x_hat
    if weight is not None:
        y = y * weight
    if bias is not None:
        y = y + bias
    count = math.prod(input.shape[d] for d in dims)
    return NormTrace(kind, dims, count, mean, var, invstd, torch.sqrt(var + eps), x_hat,
                     y.to(input.dtype), eps)


def ln_trace(
    input: Tensor,
    normalized_shape: Sequence[int] | int,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    eps: float = 1e-5,
) -> NormTrace:
    """LayerNorm of ``input`` ``[..., *normalized_shape]``, keeping every intermediate."""
    return _trace("layer", input, normalized_shape, weight, bias, eps)


def rms_trace(
    input: Tensor,
    normalized_shape: Sequence[int] | int,
    weight: Tensor | None = None,
    eps: float | None = None,
) -> NormTrace:
    """RMSNorm of ``input`` ``[..., *normalized_shape]``; ``eps=None`` is the dtype's eps."""
    eps_value = torch.finfo(input.dtype).eps if eps is None else eps
    return _trace("rms", input, normalized_shape, weight, None, float(eps_value))


def layer_norm(
    input: Tensor,
    normalized_shape: Sequence[int] | int,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    eps: float = 1e-5,
) -> Tensor:
    """``torch.nn.functional.layer_norm``, computed in plain tensor ops (autograd flows)."""
    return ln_trace(input, normalized_shape, weight, bias, eps).y


def rms_norm(
    input: Tensor,
    normalized_shape: Sequence[int] | int,
    weight: Tensor | None = None,
    eps: float | None = None,
) -> Tensor:
    """``torch.nn.functional.rms_norm`` (and ``nn.RMSNorm``), in plain tensor ops."""
    return rms_trace(input, normalized_shape, weight, eps).y
