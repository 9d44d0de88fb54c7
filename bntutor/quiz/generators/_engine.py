"""The engine calls templates make, in float64; torch is imported only when they run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnStats:
    """One feature's batch statistics and its normalized values."""

    mean: float
    var: float
    var_unbiased: float
    x_hat: list[float]
    y: list[float]


def column(batch: Sequence[float], eps: float = 1e-5, gamma: float = 1.0,
           beta: float = 0.0) -> ColumnStats:
    """BN in training mode of one feature: ``batch`` is its ``N`` values."""
    import torch

    from bntutor.engine import trace

    x = torch.tensor(list(batch), dtype=torch.float64).reshape(-1, 1)
    tr = trace(x, weight=torch.tensor([gamma], dtype=torch.float64),
               bias=torch.tensor([beta], dtype=torch.float64), eps=eps)
    return ColumnStats(
        mean=float(tr.mean[0]),
        var=float(tr.var[0]),
        var_unbiased=float(tr.var_unbiased[0]),
        x_hat=[float(v) for v in tr.x_hat[:, 0]],
        y=[float(v) for v in tr.y[:, 0].detach()],
    )


def running_after(
    batches: Sequence[Sequence[float]],
    momentum: float,
    convention: str,
    start_mean: float = 0.0,
    start_var: float = 1.0,
) -> tuple[float, float]:
    """The running (mean, var) of one feature after training on ``batches`` in turn."""
    import torch

    from bntutor.engine import trace

    mean = torch.tensor([start_mean], dtype=torch.float64)
    var = torch.tensor([start_var], dtype=torch.float64)
    for batch in batches:
        x = torch.tensor(list(batch), dtype=torch.float64).reshape(-1, 1)
        tr = trace(x, running_mean=mean, running_var=var, momentum=momentum,
                   convention=convention)
        mean, var = tr.new_running_mean, tr.new_running_var
    return float(mean[0]), float(var[0])


def eval_output(x: float, running_mean: float, running_var: float, gamma: float, beta: float,
                eps: float) -> float:
    """BN in eval mode of one value with the given running statistics."""
    import torch

    from bntutor.engine import trace

    t = lambda v: torch.tensor([v], dtype=torch.float64)  # noqa: E731
    tr = trace(t(x).reshape(1, 1), weight=t(gamma), bias=t(beta), eps=eps,
               running_mean=t(running_mean), running_var=t(running_var), training=False)
    return float(tr.y[0, 0])


def channel_means(values: Sequence[float], shape: Sequence[int], channel_axis: int) -> list[float]:
    """The per-channel batch means of ``values`` laid out in ``shape``."""
    import torch

    from bntutor.engine import trace

    x = torch.tensor(list(values), dtype=torch.float64).reshape(*shape)
    return [float(m) for m in trace(x, channel_axis=channel_axis).mean]


def values_per_statistic(shape: Sequence[int], channel_axis: int) -> int:
    """How many values feed each channel's mean and variance (``trace(...).count``)."""
    import torch

    from bntutor.engine import trace

    return int(trace(torch.zeros(*shape, dtype=torch.float64), channel_axis=channel_axis).count)


def bn_sizes(channels: int, dims: int = 2) -> tuple[int, int, int]:
    """(learnable parameters, buffers, buffer elements) of the engine's BatchNorm."""
    from bntutor.engine import BatchNorm

    bn = BatchNorm(channels)
    params = sum(p.numel() for p in bn.parameters())
    buffers = list(bn.buffers())
    return params, len(buffers), sum(b.numel() for b in buffers)


def conv_bn_params(c_in: int, c_out: int, kernel: int, conv_bias: bool) -> int:
    """Learnable parameters of ``Conv2d(c_in, c_out, kernel, bias=conv_bias)`` + BN."""
    import torch

    from bntutor.engine import BatchNorm

    stack = torch.nn.Sequential(
        torch.nn.Conv2d(c_in, c_out, kernel, bias=conv_bias), BatchNorm(c_out)
    )
    return sum(p.numel() for p in stack.parameters())


def folded_conv(w: float, b: float, mean: float, var: float, gamma: float, beta: float,
                eps: float) -> tuple[float, float]:
    """A 1x1, one-channel conv with an eval-mode BN folded in: its (weight, bias)."""
    import torch

    from bntutor.engine import BatchNorm, fold

    conv = torch.nn.Conv2d(1, 1, 1, bias=True).double()
    bn = BatchNorm(1, eps=eps).double().eval()
    with torch.no_grad():
        conv.weight.fill_(w)
        assert conv.bias is not None
        conv.bias.fill_(b)
        assert bn.running_mean is not None and bn.running_var is not None
        bn.running_mean.fill_(mean)
        bn.running_var.fill_(var)
        bn.weight.fill_(gamma)
        bn.bias.fill_(beta)
    folded = fold(conv, bn)
    assert folded.bias is not None
    return float(folded.weight.detach().reshape(-1)[0]), float(folded.bias.detach().reshape(-1)[0])
