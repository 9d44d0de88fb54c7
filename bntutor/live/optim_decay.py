"""Weight decay inside torch's optimizers.

``sgd_weight_decay_step``: one ``torch.optim.SGD`` step with ``weight_decay=λ`` equals a
plain SGD step on ``loss + (λ/2)·‖w‖²``: ``w ← w − lr·(g + λ·w)``.
``adam_vs_adamw_step``: ``Adam(weight_decay=λ)`` adds ``λ·w`` to the gradient, which
Adam then divides by its running gradient scale, so weights with large gradients are
hardly decayed; ``AdamW`` shrinks every weight by ``lr·λ·w`` per step, whatever its
gradient (decoupled weight decay, Loshchilov & Hutter 2019).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from bntutor.live._tensors import floats, normal_batch
from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, SeededArgs, computation
from bntutor.live.results import LiveResult, ScalarsBlock, TensorBlock

if TYPE_CHECKING:
    import torch


class SgdWeightDecayStepArgs(Args):
    w: list[float] = Field(default_factory=lambda: [2.0], min_length=1, max_length=16)
    grad: list[float] = Field(default_factory=lambda: [0.5], min_length=1, max_length=16)
    lr: float = Field(0.1, gt=0, le=10)
    weight_decay: float = Field(0.01, ge=0, le=10)

    @model_validator(mode="after")
    def _same_length(self) -> SgdWeightDecayStepArgs:
        if len(self.w) != len(self.grad):
            raise ValueError("w and grad need the same number of values")
        return self


@computation(
    SgdWeightDecayStepArgs,
    "SGD's weight_decay against a plain step on loss + (λ/2)‖w‖²",
    ("w_new", "w_new_doubled", "w_new_no_decay", "max_abs_diff"),
)
def sgd_weight_decay_step(args: SgdWeightDecayStepArgs, report: ReportProgress) -> LiveResult:
    import torch

    def step(weight_decay: float, extra_grad: float) -> torch.Tensor:
        p = torch.nn.Parameter(torch.tensor(args.w, dtype=torch.float64))
        opt = torch.optim.SGD([p], lr=args.lr, weight_decay=weight_decay)
        p.grad = torch.tensor(args.grad, dtype=torch.float64) + extra_grad * p.detach()
        opt.step()
        return p.detach()

    wd = args.weight_decay
    with_decay = step(wd, 0.0)  # SGD's weight_decay argument
    as_l2 = step(0.0, wd)  # gradient of loss + (λ/2)·‖w‖²
    doubled = step(0.0, 2 * wd)  # gradient of loss + λ·‖w‖²
    no_decay = step(0.0, 0.0)
    diff = float((with_decay - as_l2).abs().max())
    table = TensorBlock(
        f"one SGD step, lr = {args.lr:g}, λ = {wd:g}",
        [floats(torch.tensor(args.w)), floats(torch.tensor(args.grad)), floats(with_decay),
         floats(as_l2), floats(no_decay)],
        row_labels=["w", "gradient of the loss g", "SGD(weight_decay=λ)",
                    "plain SGD on loss + (λ/2)·‖w‖²", "plain SGD, no decay"],
        col_labels=[f"w{i + 1}" for i in range(len(args.w))],
    )
    return LiveResult(
        blocks=[table, ScalarsBlock("agreement", [("largest difference", diff)], digits=12)],
        values={
            "w_new": floats(with_decay),
            "w_new_doubled": floats(doubled),
            "w_new_no_decay": floats(no_decay),
            "max_abs_diff": diff,
        },
    )


class AdamVsAdamwStepArgs(SeededArgs):
    w0: float = Field(1.0, ge=-100, le=100, description="every weight starts here")
    grad_scales: list[float] = Field(
        default_factory=lambda: [10.0, 0.01], min_length=1, max_length=8,
        description="std of each weight's (zero-mean, random) gradient",
    )
    steps: int = Field(10, ge=1, le=1000)
    lr: float = Field(0.01, gt=0, le=1)
    weight_decay: float = Field(0.1, ge=0, le=10)


def gradients(args: AdamVsAdamwStepArgs) -> torch.Tensor:
    """``[steps, weights]``: each weight's zero-mean random gradients, scaled by its scale."""
    import torch

    scales = torch.tensor(args.grad_scales, dtype=torch.float64)
    return normal_batch(args.seed, (args.steps, len(args.grad_scales))) * scales


@computation(
    AdamVsAdamwStepArgs,
    "How much Adam(weight_decay) and AdamW actually decay each weight",
    ("adam_decay", "adamw_decay", "adam_final", "adamw_final", "baseline_final"),
)
def adam_vs_adamw_step(args: AdamVsAdamwStepArgs, report: ReportProgress) -> LiveResult:
    import torch

    scales = torch.tensor(args.grad_scales, dtype=torch.float64)
    grads = gradients(args)

    def run(decoupled: bool, weight_decay: float) -> torch.Tensor:
        p = torch.nn.Parameter(torch.full((len(args.grad_scales),), args.w0,
                                          dtype=torch.float64))
        kind = torch.optim.AdamW if decoupled else torch.optim.Adam
        opt = kind([p], lr=args.lr, weight_decay=weight_decay)
        for g in grads:
            p.grad = g.clone()
            opt.step()
        return p.detach()

    base = run(False, 0.0)  # AdamW with weight_decay=0 is the same optimizer
    adam = run(False, args.weight_decay)
    adamw = run(True, args.weight_decay)
    adam_decay = base - adam
    adamw_decay = base - adamw
    table = TensorBlock(
        f"{args.steps} steps, lr = {args.lr:g}, weight_decay = {args.weight_decay:g}, "
        f"every weight starts at {args.w0:g}",
        [floats(scales), floats(base), floats(adam), floats(adamw), floats(adam_decay),
         floats(adamw_decay)],
        row_labels=["gradient scale (std)", "no decay", "Adam(weight_decay)", "AdamW",
                    "decay done by Adam(weight_decay)", "decay done by AdamW"],
        col_labels=[f"w{i + 1}" for i in range(len(args.grad_scales))],
    )
    return LiveResult(
        blocks=[table],
        values={
            "adam_decay": floats(adam_decay),
            "adamw_decay": floats(adamw_decay),
            "adam_final": floats(adam),
            "adamw_final": floats(adamw),
            "baseline_final": floats(base),
        },
    )
