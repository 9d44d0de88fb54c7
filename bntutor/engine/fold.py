"""``fold``: merge an eval-mode BN into the convolution or linear layer before it.

In eval mode BN is a fixed per-channel affine map. With ``scale = gamma / sqrt(running_var
+ eps)`` (``[C_out]``)::

    bn(layer(x)) = scale * (W x + b - running_mean) + beta
                 = (scale * W) x + (scale * (b - running_mean) + beta)

so one layer with weight ``scale * W`` (scaled along the output-channel axis) and bias
``scale * (b - running_mean) + beta`` computes both: the usual speed-up for inference.
"""

from __future__ import annotations

import copy

import torch
from torch import Tensor, nn

from bntutor.engine.module import BatchNorm

Foldable = nn.Linear | nn.Conv1d | nn.Conv2d | nn.Conv3d
_BN_TYPES = (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d, BatchNorm)


def fold(layer: Foldable, bn: nn.Module) -> Foldable:
    """A new layer equal to ``layer`` followed by ``bn`` in eval mode; the inputs are unchanged.

    ``layer`` is an ``nn.Linear`` or ``nn.Conv1d/2d/3d`` (with or without bias); ``bn`` is
    a torch BN or a :class:`BatchNorm` with running statistics (affine or not).
    """
    if not isinstance(layer, (nn.Linear, nn.Conv1d, nn.Conv2d, nn.Conv3d)):
        raise TypeError(
            f"cannot fold BN into {type(layer).__name__}; "
            "allowed: Linear, Conv1d, Conv2d, Conv3d"
        )
    if not isinstance(bn, _BN_TYPES):
        raise TypeError(
            f"cannot fold {type(bn).__name__}; allowed: BatchNorm1d, BatchNorm2d, "
            "BatchNorm3d, bntutor BatchNorm"
        )
    out_features = layer.out_features if isinstance(layer, nn.Linear) else layer.out_channels
    if bn.num_features != out_features:
        raise ValueError(
            f"BN has {bn.num_features} features but {type(layer).__name__} has "
            f"{out_features} outputs"
        )
    running_mean, running_var = bn.running_mean, bn.running_var
    if not isinstance(running_mean, Tensor) or not isinstance(running_var, Tensor):
        raise ValueError(
            "cannot fold a BN without running statistics (track_running_stats=False): "
            "its eval-mode output depends on the batch"
        )

    with torch.no_grad():
        dtype = layer.weight.dtype
        mean, var = running_mean.double(), running_var.double()
        gamma = bn.weight.double() if isinstance(bn.weight, Tensor) else torch.ones_like(var)
        beta = bn.bias.double() if isinstance(bn.bias, Tensor) else torch.zeros_like(mean)
        scale = gamma / torch.sqrt(var + bn.eps)
        b = layer.bias.double() if layer.bias is not None else torch.zeros_like(mean)
        w = layer.weight.double()
        w_folded = w * scale.reshape(-1, *([1] * (w.dim() - 1)))
        b_folded = scale * (b - mean) + beta

        folded = copy.deepcopy(layer)
        folded.weight = nn.Parameter(w_folded.to(dtype))
        folded.bias = nn.Parameter(b_folded.to(dtype))
    return folded
