"""``running_stats_after``: BN's running mean and variance after k training batches.

One feature, running statistics starting at mean 0 and variance 1 (torch's and Keras's
defaults), updated by :mod:`bntutor.engine.conventions`:

- torch:  ``new = (1 − m)·old + m·batch``, unbiased batch variance stored; ``momentum=None``
  is the plain average of all batches so far (m = 1/k at the k-th batch);
- keras, cs231n: ``new = m·old + (1 − m)·batch``, biased batch variance stored.

It also reports what the two usual slips would give: reading the momentum the other
framework's way, and storing the other variance (biased vs unbiased).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bntutor.live.results import Block, LiveResult, PlotBlock, ScalarsBlock, Series, TensorBlock


class RunningStatsAfterArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    convention: Literal["torch", "keras", "cs231n"] = "torch"
    momentum: float | None = Field(0.1, ge=0, le=1, description="None: cumulative average")
    batches: list[list[float]] | None = Field(
        None, description="the batches, one list of values of the feature per batch"
    )
    k: int = Field(3, ge=1, le=500, description="seeded batches when none are given")
    batch_size: int = Field(4, ge=2, le=256)
    loc: float = Field(5.0, ge=-1000, le=1000)
    scale: float = Field(2.0, gt=0, le=1000)
    seed: int = Field(0, ge=0, le=1_000_000)
    show: int = Field(8, ge=0, le=50, description="at most this many batches in the table")

    @model_validator(mode="after")
    def _check(self) -> RunningStatsAfterArgs:
        if self.momentum is None and self.convention != "torch":
            raise ValueError("momentum=None (a cumulative average) is torch's; give a number")
        if self.batches is not None:
            if not 1 <= len(self.batches) <= 500:
                raise ValueError("batches needs 1 to 500 batches")
            if any(len(b) < 2 for b in self.batches):
                raise ValueError("each batch needs at least 2 values (training BN needs 2)")
        return self


def running_stats_after(args: RunningStatsAfterArgs) -> LiveResult:
    import torch

    from bntutor.engine import CONVENTIONS, trace
    from bntutor.live.course._tensors import normal_batch

    if args.batches is not None:
        batches = [torch.tensor(b, dtype=torch.float64) for b in args.batches]
    else:
        data = normal_batch(args.seed, (args.k, args.batch_size), args.loc, args.scale)
        batches = [torch.round(row * 10) / 10 for row in data]  # one decimal: readable

    rule = CONVENTIONS[args.convention]
    flipped = replace(rule, momentum_weights_old=not rule.momentum_weights_old)
    mean, var = torch.zeros(1, dtype=torch.float64), torch.ones(1, dtype=torch.float64)
    flip_mean, flip_var = mean.clone(), var.clone()
    var_biased, var_unbiased = var.clone(), var.clone()
    history_mean, history_var, batch_rows = [0.0], [1.0], []
    for step, batch in enumerate(batches, start=1):
        m = 1.0 / step if args.momentum is None else args.momentum
        tr = trace(batch.reshape(-1, 1), running_mean=mean, running_var=var, momentum=m,
                   convention=args.convention)
        mean, var = tr.new_running_mean, tr.new_running_var
        stored = tr.var_unbiased if rule.stores_unbiased_var else tr.var
        flip_mean = flipped.update(flip_mean, tr.mean, m)
        flip_var = flipped.update(flip_var, stored, m)
        var_biased = rule.update(var_biased, tr.var, m)
        var_unbiased = rule.update(var_unbiased, tr.var_unbiased, m)
        history_mean.append(float(mean))
        history_var.append(float(var))
        batch_rows.append([float(tr.mean), float(tr.var), float(tr.var_unbiased),
                           float(mean), float(var)])

    pooled = torch.cat(batches)
    momentum_text = "None (cumulative average)" if args.momentum is None else f"{args.momentum:g}"
    shown = batch_rows[: args.show]
    blocks: list[Block] = []
    if shown:
        blocks.append(TensorBlock(
            f"{args.convention} convention, momentum {momentum_text}; start: mean 0, var 1",
            shown,
            row_labels=[f"after batch {i + 1}" for i in range(len(shown))],
            col_labels=["batch mean", "batch var (÷n)", "batch var (÷(n−1))",
                        "running mean", "running var"],
        ))
    steps = [float(i) for i in range(len(history_mean))]
    if len(batches) > 3:
        blocks.append(PlotBlock(
            "running statistics, batch by batch",
            "line",
            [Series("running mean", steps, history_mean),
             Series("running var", steps, history_var)],
            xlabel="batches seen",
        ))
    blocks.append(ScalarsBlock(
        f"after {len(batches)} batch(es)",
        [("running mean", float(mean)), ("running var", float(var)),
         ("mean of all values seen", float(pooled.mean()))],
    ))
    return LiveResult(
        blocks=blocks,
        values={
            "k": len(batches),
            "mean": float(mean),
            "var": float(var),
            "batch_means": [row[0] for row in batch_rows],
            "batch_vars": [row[1] for row in batch_rows],
            "batch_vars_unbiased": [row[2] for row in batch_rows],
            "history_mean": history_mean,
            "history_var": history_var,
            "after_each": history_mean[1:],
            "mean_if_flipped": float(flip_mean),
            "var_if_flipped": float(flip_var),
            "var_with_biased": float(var_biased),
            "var_with_unbiased": float(var_unbiased),
            "pooled_mean": float(pooled.mean()),
        },
    )
