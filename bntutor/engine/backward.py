"""The derivative of BN in closed form, beside the forward it undoes (see :mod:`trace`).

Forward, per channel, over its ``n`` values (``sum`` runs over ``reduce_dims``)::

    x_hat = (x - mean) * invstd,   invstd = 1 / sqrt(var + eps)
    y     = gamma * x_hat + beta

Backward, with ``g = dL/dy`` (input shape)::

    dL/dbeta  = sum(g)                                                   [C]
    dL/dgamma = sum(g * x_hat)                                           [C]
    dL/dx_hat = g * gamma                                                input shape
    dL/dx     = invstd * (dL/dx_hat - mean(dL/dx_hat)
                          - x_hat * mean(dL/dx_hat * x_hat))             training
    dL/dx     = invstd * dL/dx_hat                                       eval mode

In training the two subtracted means are the paths through ``mean`` and ``var``: every
value of a channel moves the statistics, so its gradient depends on the whole batch. In
eval mode the statistics are constants and BN is just a per-channel affine map.
"""

from __future__ import annotations

from torch import Tensor

from bntutor.engine.trace import BNTrace


def backward(
    grad_output: Tensor, tr: BNTrace, weight: Tensor | None = None
) -> tuple[Tensor, Tensor, Tensor]:
    """``(grad_input, grad_weight, grad_bias)`` for the forward pass recorded in ``tr``.

    ``grad_output`` has the input's shape; ``weight`` (gamma, ``[C]``) is the one the
    forward used, None meaning gamma = 1. ``grad_weight`` and ``grad_bias`` are ``[C]`` and
    are returned even without affine parameters (the gradient gamma and beta would get).
    """
    dims = tr.reduce_dims
    x_hat = tr.x_hat.detach()
    g = grad_output.to(x_hat.dtype)
    gamma = None if weight is None else tr.per_channel(weight.detach().to(x_hat.dtype))

    grad_bias = g.sum(dim=dims)
    grad_weight = (g * x_hat).sum(dim=dims)
    grad_x_hat = g if gamma is None else g * gamma
    invstd = tr.per_channel(tr.invstd.detach())

    if not tr.training:
        return grad_x_hat * invstd, grad_weight, grad_bias

    mean_grad_x_hat = tr.per_channel(grad_x_hat.sum(dim=dims) / tr.count)
    mean_grad_x_hat_x_hat = tr.per_channel((grad_x_hat * x_hat).sum(dim=dims) / tr.count)
    grad_input = invstd * (grad_x_hat - mean_grad_x_hat - x_hat * mean_grad_x_hat_x_hat)
    return grad_input, grad_weight, grad_bias
