"""Synchronized BN: full-batch statistics when the batch is split across processes.

With data parallelism each process (rank) holds a slice of the batch. Plain BN would
normalize every slice with its own statistics; synchronized BN gives every rank the
statistics of the whole batch. Per channel, three numbers are summed over all ranks::

    n      = sum over ranks of the local count (N_r * H * W ...)
    s1     = sum over ranks of sum(x)
    s2     = sum over ranks of sum(x^2)
    mean   = s1 / n
    var    = s2 / n - mean^2                    biased, as BN normalizes with
    x_hat  = (x - mean) / sqrt(var + eps)

one all-reduce of ``[s1, s2, n]``. The sums are taken in float64, so ``s2/n - mean^2``
loses nothing to cancellation at BN's scales. Backward needs whole-batch sums too: the
all-reduce here is differentiable, and the adjoint of a sum over ranks is the sum over
ranks of the gradients, so autograd's backward all-reduces them as well.
"""

from __future__ import annotations

from typing import Any

import torch
import torch.distributed as dist
from torch import Tensor

from bntutor.conventions import CONVENTIONS
from bntutor.engine._axes import channel_dim, per_channel_shape, reduce_dims, values_per_channel
from bntutor.engine._checks import check_eps
from bntutor.engine.module import BatchNorm

_TORCH = CONVENTIONS["torch"]  # what nn.SyncBatchNorm's running statistics follow


class _AllReduceSum(torch.autograd.Function):
    """``all_reduce(SUM)`` with a backward: the gradient is all-reduced the same way."""

    @staticmethod
    def forward(ctx: Any, tensor: Tensor, group: Any) -> Tensor:
        ctx.group = group
        total = tensor.clone()
        dist.all_reduce(total, op=dist.ReduceOp.SUM, group=group)
        return total

    @staticmethod
    def backward(ctx: Any, grad_total: Tensor) -> tuple[Tensor, None]:
        grad = grad_total.contiguous().clone()
        dist.all_reduce(grad, op=dist.ReduceOp.SUM, group=ctx.group)
        return grad, None


def sync_stats(
    input: Tensor, channel_axis: int = 1, group: Any = None
) -> tuple[Tensor, Tensor, int]:
    """Full-batch ``(mean [C], biased var [C], count)`` from every rank's slice ``input``.

    Every rank in ``group`` (default: the whole world) must call this at the same time
    with the same number of channels; batch sizes may differ. Differentiable.
    """
    channel = channel_dim(input.dim(), channel_axis)
    dims = reduce_dims(input.dim(), channel)
    x = input.double()
    local_count = torch.tensor([float(values_per_channel(input.shape, channel))],
                               dtype=torch.float64, device=input.device)
    local = torch.cat([x.sum(dim=dims), (x * x).sum(dim=dims), local_count])
    total = _AllReduceSum.apply(local, group)
    c = input.shape[channel]
    count = total[2 * c]
    mean = total[:c] / count
    var = (total[c : 2 * c] / count - mean * mean).clamp(min=0.0)
    return mean.to(input.dtype), var.to(input.dtype), int(count.item())


class SyncBatchNorm(BatchNorm):
    """:class:`BatchNorm` whose training statistics are taken over all ranks' batches.

    Outside a process group of more than one rank, and in eval mode with running
    statistics, it is plain :class:`BatchNorm`. Running statistics are updated with the
    full-batch mean and unbiased variance, so they are the same on every rank.
    """

    def __init__(self, *args: Any, process_group: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.process_group = process_group

    def _synchronized(self) -> bool:
        uses_batch = self.training or self.running_mean is None
        return (uses_batch and dist.is_available() and dist.is_initialized()
                and dist.get_world_size(self.process_group) > 1)

    def forward(self, input: Tensor) -> Tensor:
        if not self._synchronized():
            return super().forward(input)
        channel = channel_dim(input.dim(), self.channel_axis)
        check_eps(self.eps, True)
        factor = self._count_batch()
        mean, var, count = sync_stats(input, self.channel_axis, self.process_group)
        if count <= 1:
            raise ValueError(
                f"Expected more than 1 value per channel when training, got {count} in all"
            )
        shape = per_channel_shape(input.dim(), channel, self.num_features)
        y = (input - mean.reshape(shape)) * torch.rsqrt(var + self.eps).reshape(shape)
        if self.weight is not None and self.bias is not None:
            y = y * self.weight.reshape(shape) + self.bias.reshape(shape)

        if self.training and self.running_mean is not None and self.running_var is not None:
            with torch.no_grad():
                unbiased = var.detach() * (count / (count - 1))
                self.running_mean.copy_(_TORCH.update(self.running_mean, mean.detach(), factor))
                self.running_var.copy_(_TORCH.update(self.running_var, unbiased, factor))
        return y
