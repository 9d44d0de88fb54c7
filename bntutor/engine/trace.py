"""The explained path: Batch Normalization written out step by step in plain tensor ops.

For one channel with values ``x_1 .. x_n`` (``n = count``, every value of that channel in
the batch, e.g. ``N * H * W`` of them for NCHW input)::

    mean         = sum(x) / n
    var          = sum((x - mean)^2) / n           biased: what BN normalizes with
    var_unbiased = var * n / (n - 1)               what torch stores as running_var
    invstd       = 1 / sqrt(var + eps)
    x_hat        = (x - mean) * invstd
    y            = gamma * x_hat + beta

and the running statistics move towards the batch's (see :mod:`bntutor.conventions`). In eval mode
(``training=False``) the running statistics take the place of the batch's. The derivative
of all this is in :mod:`backward`; the fast path in :mod:`module` must agree with it.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from bntutor.conventions import convention_named
from bntutor.engine._axes import channel_dim, per_channel_shape, reduce_dims, values_per_channel
from bntutor.engine._checks import (
    check_batch_size,
    check_eps,
    check_per_channel,
    check_running_pair,
)


@dataclass(frozen=True, eq=False)
class BNTrace:
    """Every intermediate of one BN forward pass. ``C`` is the number of channels.

    In training ``mean``/``var`` are the batch's; in eval mode they are the running
    statistics that were used (and ``var_unbiased`` is ``var``), so that
    ``x_hat == (x - mean) * invstd`` holds in both modes.
    """

    reduce_dims: tuple[int, ...]
    """The axes averaged over: all but the channel axis."""
    count: int
    """``n``: how many values each channel's statistics come from."""
    mean: Tensor
    """``[C]``"""
    var: Tensor
    """``[C]``, biased (divided by ``n``)."""
    var_unbiased: Tensor
    """``[C]``, ``var * n / (n - 1)``."""
    invstd: Tensor
    """``[C]``, ``1 / sqrt(var + eps)``."""
    x_hat: Tensor
    """Input shape: ``(x - mean) * invstd``."""
    y: Tensor
    """Input shape: ``gamma * x_hat + beta``."""
    new_running_mean: Tensor
    """``[C]``: the running mean after this batch (unchanged in eval mode)."""
    new_running_var: Tensor
    """``[C]``: the running variance after this batch (unchanged in eval mode)."""
    channel_axis: int = 1
    """The non-negative index of the channel axis."""
    training: bool = True
    """True: normalized with the batch's statistics; False: with the running ones."""
    convention: str = "torch"

    def per_channel(self, t: Tensor) -> Tensor:
        """Reshape a ``[C]`` tensor to broadcast against the input (``[1, C, 1, 1]`` ...)."""
        return t.reshape(per_channel_shape(self.x_hat.dim(), self.channel_axis, t.numel()))


def trace(
    input: Tensor,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    eps: float = 1e-5,
    channel_axis: int = 1,
    running_mean: Tensor | None = None,
    running_var: Tensor | None = None,
    momentum: float = 0.1,
    convention: str = "torch",
    training: bool = True,
) -> BNTrace:
    """Batch-normalize ``input`` and keep every intermediate.

    ``input`` is ``[N, C, ...]`` (or ``[N, ..., C]`` with ``channel_axis=-1``); ``weight``
    (gamma), ``bias`` (beta), ``running_mean`` and ``running_var`` are ``[C]``. Running
    statistics left as None start from mean 0 and the convention's initial variance (1;
    0 for cs231n). Nothing is updated in
    place: the new running statistics are returned. Half-precision input is computed in
    float32. Gradients flow through ``y`` by autograd, as they would through torch's BN.
    """
    rule = convention_named(convention)
    channel = channel_dim(input.dim(), channel_axis)
    dims = reduce_dims(input.dim(), channel)
    num_channels = input.shape[channel]
    check_running_pair(running_mean, running_var)
    for name, t in (("running_mean", running_mean), ("running_var", running_var),
                    ("weight", weight), ("bias", bias)):
        check_per_channel(name, t, num_channels)
    check_eps(eps, training)
    if training:
        check_batch_size(input.shape, channel)

    x = input.float() if input.dtype in (torch.float16, torch.bfloat16) else input
    shape = per_channel_shape(x.dim(), channel, num_channels)
    n = values_per_channel(x.shape, channel)
    old_mean = torch.zeros(num_channels, dtype=x.dtype) if running_mean is None else running_mean
    old_var = (torch.full((num_channels,), rule.initial_var, dtype=x.dtype)
               if running_var is None else running_var)

    if training:
        mean = x.mean(dim=dims)
        x_centered = x - mean.reshape(shape)
        var = (x_centered * x_centered).mean(dim=dims)
        var_unbiased = var * (n / (n - 1)) if n > 1 else torch.full_like(var, float("nan"))
    else:
        mean = old_mean.to(x.dtype)
        var = old_var.to(x.dtype)
        var_unbiased = var
        x_centered = x - mean.reshape(shape)
    invstd = torch.rsqrt(var + eps)
    x_hat = x_centered * invstd.reshape(shape)

    y = x_hat if weight is None else weight.reshape(shape) * x_hat  # gamma * x_hat
    if bias is not None:
        y = y + bias.reshape(shape)  # + beta

    if training and n > 0:
        stored_var = var_unbiased if rule.stores_unbiased_var else var
        with torch.no_grad():
            new_mean = rule.update(old_mean, mean.detach().to(old_mean.dtype), momentum)
            new_var = rule.update(old_var, stored_var.detach().to(old_var.dtype), momentum)
    else:  # eval mode, or an empty batch: nothing to learn from
        new_mean, new_var = old_mean.detach().clone(), old_var.detach().clone()

    return BNTrace(
        reduce_dims=dims,
        count=n,
        mean=mean,
        var=var,
        var_unbiased=var_unbiased,
        invstd=invstd,
        x_hat=x_hat,
        y=y,
        new_running_mean=new_mean,
        new_running_var=new_var,
        channel_axis=channel,
        training=training,
        convention=rule.name,
    )
