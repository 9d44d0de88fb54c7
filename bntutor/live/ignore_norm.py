"""``bn_ignore_normalization``: why training must normalize with the batch's own statistics
and backpropagate through them (Ioffe & Szegedy 2015, section 2).

A layer adds a learned bias ``b`` to fixed inputs ``u`` and centres the result:
``x̂ = x − E[x]`` with ``x = u + b``. The loss wants ``x̂`` shifted by ``offset``, which
centring makes impossible. If the gradient step treats ``E[x]`` as a constant (as it is
when the mean is a moving average computed outside the gradient), ``∂loss/∂b`` never
vanishes: ``b`` walks off while the output and the loss do not change at all. With the
batch mean inside the gradient, ``∂loss/∂b = 0`` and ``b`` stays put.
"""

from __future__ import annotations

from pydantic import Field

from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, computation
from bntutor.live.results import LiveResult, PlotBlock, ScalarsBlock, Series
from bntutor.numbers import format_change


class BnIgnoreNormalizationArgs(Args):
    seed: int = Field(0, ge=0, le=1_000_000)
    samples: int = Field(16, ge=2, le=1024)
    steps: int = Field(20, ge=1, le=1000)
    lr: float = Field(0.1, gt=0, le=10)
    offset: float = Field(1.0, ge=-100, le=100, description="how far the target sits")


@computation(
    BnIgnoreNormalizationArgs,
    "Gradient descent that ignores the normalization: the bias drifts, the loss stays",
    ("b_ignoring", "b_full", "b_per_step", "loss_before", "loss_after_ignoring",
     "loss_after_full", "b_history"),
)
def bn_ignore_normalization(args: BnIgnoreNormalizationArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.live._tensors import normal_batch

    u = normal_batch(args.seed, (args.samples,))
    target = (u - u.mean()) + args.offset

    def run(through_mean: bool) -> tuple[list[float], list[float]]:
        b = torch.zeros((), dtype=torch.float64, requires_grad=True)
        bs, losses = [0.0], []
        for _ in range(args.steps):
            x = u + b
            mean = x.mean() if through_mean else x.mean().detach()
            loss = ((x - mean - target) ** 2).mean()
            losses.append(float(loss.detach()))
            (grad,) = torch.autograd.grad(loss, b)
            with torch.no_grad():
                b -= args.lr * grad
            bs.append(float(b.detach()))
        x = u + b.detach()
        losses.append(float(((x - x.mean() - target) ** 2).mean()))
        return bs, losses

    b_ignoring, loss_ignoring = run(through_mean=False)
    b_full, loss_full = run(through_mean=True)
    steps = [float(i) for i in range(args.steps + 1)]
    return LiveResult(
        blocks=[
            PlotBlock(
                "the bias b during gradient descent",
                "line",
                [Series("gradient ignores the mean", steps, b_ignoring),
                 Series("gradient goes through the batch mean", steps, b_full)],
                xlabel="step",
                ylabel="b",
            ),
            ScalarsBlock(
                f"after {args.steps} steps (learning rate {args.lr:g})",
                [
                    ("b, mean treated as a constant", b_ignoring[-1]),
                    ("loss before → after, mean treated as a constant",
                     format_change(loss_ignoring[0], loss_ignoring[-1])),
                    ("b, gradient through the batch mean", b_full[-1]),
                    ("loss before → after, gradient through the batch mean",
                     format_change(loss_full[0], loss_full[-1])),
                ],
            ),
        ],
        values={
            "b_ignoring": b_ignoring[-1],
            "b_full": b_full[-1],
            "b_per_step": b_ignoring[1] - b_ignoring[0],
            "loss_before": loss_ignoring[0],
            "loss_after_ignoring": loss_ignoring[-1],
            "loss_after_full": loss_full[-1],
            "b_history": b_ignoring,
        },
    )
