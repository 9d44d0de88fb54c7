"""``batch_norm``: torch's functional BN, computed by the explained path.

Same arguments, results, in-place running-statistic update and errors as
``torch.nn.functional.batch_norm``, but the numbers come from :func:`trace` (plain tensor
ops, differentiable by autograd), so what a lesson explains is what runs. For speed in a
training loop use :class:`BatchNorm`, whose hot path is the native kernel.
"""

from __future__ import annotations

import torch
from torch import Tensor

from bntutor.engine._checks import check_running_pair
from bntutor.engine.trace import trace


def batch_norm(
    input: Tensor,
    running_mean: Tensor | None = None,
    running_var: Tensor | None = None,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    training: bool = False,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> Tensor:
    """Batch-normalize ``input`` (``[N, C, ...]``); per-channel tensors are ``[C]``.

    ``training=True``: normalize with the batch's mean and biased variance and, if running
    statistics are given, update them in place (``new = (1 - momentum) * old + momentum *
    batch``, storing the unbiased variance). ``training=False``: normalize with the
    running statistics, which must then be given.
    """
    check_running_pair(running_mean, running_var)
    if not training:
        for name, t in (("running_mean", running_mean), ("running_var", running_var)):
            if t is None:
                raise RuntimeError(f"{name} must be defined in evaluation mode")
    tr = trace(
        input, weight, bias, eps=eps, channel_axis=1, running_mean=running_mean,
        running_var=running_var, momentum=momentum, convention="torch", training=training,
    )
    if training and running_mean is not None and running_var is not None:
        with torch.no_grad():
            running_mean.copy_(tr.new_running_mean)
            running_var.copy_(tr.new_running_var)
    return tr.y.to(input.dtype)
