"""Budget: an engine BatchNorm training step costs at most 1.15x torch's nn.BatchNorm2d.

One step is forward + backward in training mode on the same input tensor. For
channels-last rows (``[N, H, W, C]``) nn.BatchNorm2d cannot take the input as it is, so the
torch step is what a torch user writes for it: ``bn(x.permute(0, 3, 1, 2)).permute(0, 2, 3,
1)``. Engine and torch run back to back, in alternating order; each side's time is the median
over repeats and the ratio is the median of the paired per-repeat ratios, which shrugs off
load from other processes. One torch thread by default: on a shared machine a stalled
second thread swamps the difference being measured (``--threads 0`` keeps torch's default).
Prints one row per shape with PASS/FAIL and exits non-zero if any row is over budget.

    python benchmarks/engine_speed.py [--repeats 31] [--budget 1.15] [--threads 1]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn

from bntutor.engine import BatchNorm

BUDGET = 1.15


@dataclass(frozen=True)
class Row:
    name: str
    shape: tuple[int, ...]  # as the engine sees it
    channels_last: bool

    @property
    def channels(self) -> int:
        return self.shape[-1] if self.channels_last else self.shape[1]


ROWS = [
    Row("small NCHW", (8, 16, 8, 8), False),
    Row("medium NCHW", (32, 64, 16, 16), False),
    Row("large NCHW", (64, 128, 28, 28), False),
    Row("small NHWC", (8, 8, 8, 16), True),
    Row("medium NHWC", (32, 16, 16, 64), True),
    Row("large NHWC", (64, 28, 28, 128), True),
]


def make_step(
    module: nn.Module,
    forward: Callable[[torch.Tensor], torch.Tensor],
    x: torch.Tensor,
    grad_y: torch.Tensor,
) -> Callable[[], None]:
    params = list(module.parameters())

    def step() -> None:
        x.grad = None
        for p in params:
            p.grad = None
        forward(x).backward(grad_y)

    return step


def nhwc_via_nchw(bn: nn.Module) -> Callable[[torch.Tensor], torch.Tensor]:
    """What a torch user writes to batch-normalize ``[N, H, W, C]`` with nn.BatchNorm2d."""
    return lambda x: bn(x.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)


def time_it(step: Callable[[], None], inner: int) -> float:
    start = time.perf_counter()
    for _ in range(inner):
        step()
    return (time.perf_counter() - start) / inner


def measure(row: Row, repeats: int) -> tuple[float, float, float]:
    """Median seconds per step (engine, torch) and the median paired ratio."""
    g = torch.Generator().manual_seed(0)
    x = torch.randn(row.shape, generator=g).requires_grad_()
    grad_y = torch.randn(row.shape, generator=g)
    ours = BatchNorm(row.channels, channel_axis=-1 if row.channels_last else 1)
    theirs = nn.BatchNorm2d(row.channels)
    steps = {
        "engine": make_step(ours, ours, x, grad_y),
        "torch": make_step(theirs, nhwc_via_nchw(theirs) if row.channels_last else theirs,
                           x, grad_y),
    }

    for step in steps.values():  # warm up, and size the inner loop to ~30 ms
        step()
    once = time_it(steps["torch"], 3)
    inner = max(2, int(0.03 / max(once, 1e-7)))
    times: dict[str, list[float]] = {name: [] for name in steps}
    for i in range(repeats):
        order = list(steps) if i % 2 == 0 else list(reversed(steps))
        for name in order:
            times[name].append(time_it(steps[name], inner))
    ratios = [a / b for a, b in zip(times["engine"], times["torch"], strict=True)]
    return (statistics.median(times["engine"]), statistics.median(times["torch"]),
            statistics.median(ratios))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=31)
    parser.add_argument("--budget", type=float, default=BUDGET)
    parser.add_argument("--threads", type=int, default=1, help="torch threads; 0: default")
    args = parser.parse_args(argv)
    if args.threads > 0:
        torch.set_num_threads(args.threads)

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"median of {args.repeats} repeats; budget {args.budget:.2f}x nn.BatchNorm2d")
    print(f"{'shape':<28}{'engine':>12}{'torch':>12}{'ratio':>8}  result")
    failed = False
    for row in ROWS:
        ours, theirs, ratio = measure(row, args.repeats)
        ok = ratio <= args.budget
        failed |= not ok
        label = f"{row.name} {list(row.shape)}"
        print(f"{label:<28}{ours * 1e3:>10.3f}ms{theirs * 1e3:>10.3f}ms{ratio:>8.3f}  "
              f"{'PASS' if ok else 'FAIL'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
