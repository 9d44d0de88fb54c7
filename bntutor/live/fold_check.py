"""Folding an eval-mode BN into the conv before it: the same outputs from one layer, faster.

In eval mode BN is a fixed per-channel scale and shift, so it can be merged into the
conv's weights and bias (see :func:`bntutor.engine.fold`). The outputs agree to float
rounding; the time saved is measured here on this machine, so it varies run to run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import Field

from bntutor.live._tensors import torch_session
from bntutor.live.progress import ReportProgress
from bntutor.live.registry import RunArgs, computation
from bntutor.live.results import LiveResult, PlotBlock, ScalarsBlock, Series

if TYPE_CHECKING:
    import torch
    from torch.nn.modules.batchnorm import _BatchNorm


class FoldBnArgs(RunArgs):
    batch: int = Field(default=16, ge=1, le=256)
    in_channels: int = Field(default=8, ge=1, le=128)
    out_channels: int = Field(default=32, ge=1, le=256)
    size: int = Field(default=32, ge=3, le=128)
    repeats: int | None = Field(default=None, ge=1, le=500, description="timed runs (default 50)")


def _give_running_stats(bn: _BatchNorm, gen: torch.Generator) -> None:
    """Random γ, β and running statistics, as a trained BN would have."""
    import torch

    assert bn.running_mean is not None and bn.running_var is not None
    c = bn.num_features
    bn.weight.copy_(0.5 + torch.rand(c, generator=gen))
    bn.bias.copy_(torch.randn(c, generator=gen))
    bn.running_mean.copy_(0.3 * torch.randn(c, generator=gen))
    bn.running_var.copy_(0.2 + torch.rand(c, generator=gen))


def _best_ms(runs: list[Callable[[], object]], repeats: int) -> list[float]:
    """The fastest of ``repeats`` timings of each run, in ms, taken in turns.

    Taking turns spreads any slow-down of the machine over all runs alike; the fastest
    timing is the one least disturbed by other processes.
    """
    for run in runs:
        run()  # warm-up: first calls pay for allocation
    best = [float("inf")] * len(runs)
    for _ in range(repeats):
        for i, run in enumerate(runs):
            start = time.perf_counter()
            run()
            best[i] = min(best[i], time.perf_counter() - start)
    return [1000.0 * t for t in best]


@computation(
    FoldBnArgs,
    "Fold an eval-mode BN into its conv: the outputs agree; the time saved.",
    ("max_diff", "linear_max_diff", "time_unfolded_ms", "time_folded_ms", "saved_fraction",
     "weight_change", "input_shape", "max_abs_output", "saving"),
)
def fold_bn(args: FoldBnArgs, report: ReportProgress) -> LiveResult:
    import torch
    from torch import nn

    from bntutor.engine import fold

    repeats = args.repeats or (20 if args.quick else 50)
    with torch_session(args.seed) as gen, torch.no_grad():
        conv = nn.Conv2d(args.in_channels, args.out_channels, 3, padding=1)
        bn = nn.BatchNorm2d(args.out_channels)
        _give_running_stats(bn, gen)
        x = torch.randn(args.batch, args.in_channels, args.size, args.size, generator=gen)
        bn.eval()
        reference = bn(conv(x))
        folded = fold(conv, bn)
        assert isinstance(folded, nn.Conv2d)
        max_diff = float((folded(x) - reference).abs().max())

        linear, bn1d = nn.Linear(20, 10), nn.BatchNorm1d(10)
        _give_running_stats(bn1d, gen)
        bn1d.eval()
        v = torch.randn(64, 20, generator=gen)
        linear_diff = float((fold(linear, bn1d)(v) - bn1d(linear(v))).abs().max())

        t_unfolded, t_folded = _best_ms([lambda: bn(conv(x)), lambda: folded(x)], repeats)
        assert bn.running_var is not None
        scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    saved = 1.0 - t_folded / t_unfolded
    n = len(scale)
    return LiveResult(
        blocks=[
            ScalarsBlock(
                f"conv + BN vs the folded conv, input {'×'.join(map(str, x.shape))}",
                [
                    ("largest |difference|, conv", max_diff),
                    ("largest |output|, for scale", float(reference.abs().max())),
                    ("largest |difference|, linear + BatchNorm1d", linear_diff),
                ],
            ),
            ScalarsBlock(
                "time per forward pass (fastest of several, this machine, one thread)",
                [
                    ("conv then BN (ms)", t_unfolded),
                    ("folded conv (ms)", t_folded),
                    ("time saved (share of conv then BN)", saved),
                ],
                digits=3,
            ),
            PlotBlock(
                "per-channel factor folded into the conv weights: γ / √(running_var + ε)",
                "bar",
                [Series("factor", [float(i) for i in range(n)], scale.tolist())],
                labels=[str(i) for i in range(n)],
                xlabel="output channel",
            ),
        ],
        values={
            "input_shape": list(x.shape),
            "max_diff": max_diff,  # largest |conv+BN - folded conv| over the output
            "max_abs_output": float(reference.abs().max()),
            "linear_max_diff": linear_diff,  # the same for a Linear followed by BatchNorm1d
            # fastest time of conv then BN, eval mode (measured: differs run to run)
            "time_unfolded_ms": t_unfolded,
            "time_folded_ms": t_folded,
            "saved_fraction": saved,
            # per output channel, the factor folding multiplied the conv's weights by
            "weight_change": scale.tolist(),
            # whether the timing shows a saving at all: a demo words each case
            "saving": "measured" if saved > 0.02 else "none",
        },
    )
