"""``running_stats_after``: BN's running mean and variance after k training batches.

One feature, running statistics starting at mean 0 and variance 1 (torch's and Keras's
defaults), updated by :mod:`bntutor.conventions`:

- torch:  ``new = (1 − m)·old + m·batch``, unbiased batch variance stored; ``momentum=None``
  is the plain average of all batches so far (m = 1/k at the k-th batch);
- keras, cs231n: ``new = m·old + (1 − m)·batch``, biased batch variance stored.

It also reports what the two usual slips would give: reading the momentum the other
framework's way, and storing the other variance (biased vs unbiased).

Running statistics: how BN's moving averages approach the population's mean and variance.

Batches of one feature are drawn from a population with a known mean and variance. BN in
training mode normalizes each batch with that batch's own statistics and, on the side,
moves its running statistics towards them; eval mode later uses the running ones.
torch weights the *new* batch by ``momentum`` and stores the unbiased variance; Keras
weights the *old* value by ``momentum`` and stores the biased one; torch's
``momentum=None`` keeps the exact cumulative average of the batch statistics.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from bntutor.conventions import CONVENTIONS
from bntutor.live._tensors import normal_batch, torch_session
from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, RunArgs, computation
from bntutor.live.results import Block, LiveResult, PlotBlock, ScalarsBlock, Series, TensorBlock

if TYPE_CHECKING:
    import torch


class RunningStatsAfterArgs(Args):
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


@dataclass(frozen=True)
class Followed:
    """One feature's running statistics followed batch by batch from mean 0 and var 1, and
    what the two usual slips would have kept instead."""

    rows: list[list[float]]
    """Per batch: its mean, var (÷n) and var (÷(n−1)), then the running mean and var."""
    history_mean: list[float]
    """The running mean before the first batch, then after each."""
    history_var: list[float]
    mean_if_flipped: float
    """The momentum read the other framework's way round."""
    var_if_flipped: float
    var_with_biased: float
    """The other variance stored: the biased one (÷n)."""
    var_with_unbiased: float


def follow(batches: Iterable[torch.Tensor], convention: str, momentum: float | None) -> Followed:
    """Train-mode BN of one feature over ``batches`` (1-D) in ``convention``; ``momentum``
    None is torch's cumulative average (the k-th batch weighted 1/k)."""
    import torch

    from bntutor.engine import trace

    rule = CONVENTIONS[convention]
    flipped = replace(rule, momentum_weights_old=not rule.momentum_weights_old)
    mean, var = torch.zeros(1, dtype=torch.float64), torch.ones(1, dtype=torch.float64)
    flip_mean, flip_var = mean.clone(), var.clone()
    var_biased, var_unbiased = var.clone(), var.clone()
    history_mean, history_var, rows = [0.0], [1.0], []
    for step, batch in enumerate(batches, start=1):
        m = 1.0 / step if momentum is None else momentum
        tr = trace(batch.reshape(-1, 1).double(), running_mean=mean, running_var=var,
                   momentum=m, convention=convention)
        mean, var = tr.new_running_mean, tr.new_running_var
        stored = tr.var_unbiased if rule.stores_unbiased_var else tr.var
        flip_mean = flipped.update(flip_mean, tr.mean, m)
        flip_var = flipped.update(flip_var, stored, m)
        var_biased = rule.update(var_biased, tr.var, m)
        var_unbiased = rule.update(var_unbiased, tr.var_unbiased, m)
        history_mean.append(float(mean))
        history_var.append(float(var))
        rows.append([float(tr.mean), float(tr.var), float(tr.var_unbiased), float(mean),
                     float(var)])
    return Followed(rows, history_mean, history_var, float(flip_mean), float(flip_var),
                    float(var_biased), float(var_unbiased))


@computation(
    RunningStatsAfterArgs,
    "Running mean and variance after k batches, in a convention",
    ("k", "mean", "var", "batch_means", "batch_vars", "batch_vars_unbiased", "after_each",
     "mean_if_flipped", "var_if_flipped", "var_with_biased", "var_with_unbiased",
     "pooled_mean"),
)
def running_stats_after(args: RunningStatsAfterArgs, report: ReportProgress) -> LiveResult:
    import torch

    if args.batches is not None:
        batches = [torch.tensor(b, dtype=torch.float64) for b in args.batches]
    else:
        data = normal_batch(args.seed, (args.k, args.batch_size), args.loc, args.scale)
        batches = [torch.round(row * 10) / 10 for row in data]  # one decimal: readable
    run = follow(batches, args.convention, args.momentum)
    batch_rows, history_mean, history_var = run.rows, run.history_mean, run.history_var
    mean, var = history_mean[-1], history_var[-1]

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
        [("running mean", mean), ("running var", var),
         ("mean of all values seen", float(pooled.mean()))],
    ))
    return LiveResult(
        blocks=blocks,
        values={
            "k": len(batches),
            "mean": mean,
            "var": var,
            "batch_means": [row[0] for row in batch_rows],
            "batch_vars": [row[1] for row in batch_rows],
            "batch_vars_unbiased": [row[2] for row in batch_rows],
            "after_each": history_mean[1:],
            "mean_if_flipped": run.mean_if_flipped,
            "var_if_flipped": run.var_if_flipped,
            "var_with_biased": run.var_with_biased,
            "var_with_unbiased": run.var_with_unbiased,
            "pooled_mean": float(pooled.mean()),
        },
    )


class RunningStatsArgs(RunArgs):
    steps: int | None = Field(default=None, ge=1, le=5000,
                              description="training steps (default 300)")
    batch: int = Field(default=8, ge=2, le=1024, description="values per batch")
    true_mean: float = Field(default=2.0, ge=-1e3, le=1e3)
    true_std: float = Field(default=3.0, gt=0, le=1e3)
    momenta: list[float] = Field(
        default_factory=lambda: [0.01, 0.1, 0.5], min_length=1, max_length=5,
        description="torch momenta (the weight of the new batch)",
    )


@computation(
    RunningStatsArgs,
    "Running mean and variance over steps for several momenta and conventions.",
    ("steps", "batch", "true_mean", "true_var", "curves", "batch_means", "final",
     "mean_of_batch_means", "cumulative_max_diff", "mean_biased_var", "mean_unbiased_var"),
)
def running_stats_curve(args: RunningStatsArgs, report: ReportProgress) -> LiveResult:
    import torch

    steps = args.steps or (120 if args.quick else 300)
    n, true_var = args.batch, args.true_std**2
    with torch_session(args.seed) as gen, torch.no_grad():
        noise = torch.randn(steps, args.batch, 1, generator=gen)
        batches = (args.true_mean + args.true_std * noise).double()
        curves: dict[str, dict[str, Any]] = {}  # each way of keeping running statistics
        for convention, momentum in [*(("torch", m) for m in [*args.momenta, None]),
                                     *(("keras", 1.0 - m) for m in args.momenta)]:
            # Keras's momentum 1 − m puts the same weight m on the new batch as torch's m
            run = follow(batches, convention, momentum)
            label = f"torch momentum={momentum}" if convention == "torch" else \
                f"keras momentum={momentum:g}"
            curves[label] = {"label": label, "convention": convention, "momentum": momentum,
                             "mean": run.history_mean[1:], "var": run.history_var[1:]}

        batch_means = batches.mean(dim=(1, 2))
        cumulative = curves["torch momentum=None"]
        exact = batch_means.cumsum(0) / torch.arange(1, steps + 1)
        biased = batches.var(dim=(1, 2), unbiased=False)
        v: dict[str, Any] = {
            "steps": steps,
            "batch": n,
            "true_mean": args.true_mean,
            "true_var": true_var,
            "curves": curves,
            "batch_means": batch_means.tolist(),
            "mean_of_batch_means": float(batch_means.mean()),
            # largest |torch momentum=None running mean - exact mean of the batch means|
            "cumulative_max_diff": float((torch.tensor(cumulative["mean"], dtype=torch.float64)
                                          - exact).abs().max()),
            # averages over batches of the biased (÷n) and unbiased (÷(n − 1)) variance
            "mean_biased_var": float(biased.mean()),
            "mean_unbiased_var": float((biased * n / (n - 1)).mean()),
            "final": {c["label"]: {"mean": c["mean"][-1], "var": c["var"][-1]}
                      for c in curves.values()},
        }

    x = [float(i + 1) for i in range(steps)]
    torch_curves = [c for c in curves.values() if c["convention"] == "torch"]

    def plot(title: str, key: str, truth: float) -> PlotBlock:
        return PlotBlock(
            title,
            "line",
            [*(Series(f"m={c['momentum']}", x, c[key]) for c in torch_curves),
             Series("population", [x[0], x[-1]], [truth, truth])],
            xlabel="step",
        )

    rows = [[c["mean"][-1], c["var"][-1]] for c in curves.values()]
    rows.append([args.true_mean, true_var])
    blocks: list[Block] = [
        plot("running mean (torch convention)", "mean", args.true_mean),
        plot("running variance (torch convention)", "var", true_var),
        TensorBlock(
            f"after {steps} steps of batches of {n}",
            rows,
            row_labels=list(curves) + ["population (the truth)"],
            col_labels=["running mean", "running var"],
            highlight=[(len(rows) - 1, 0), (len(rows) - 1, 1)],
        ),
        ScalarsBlock(
            "torch momentum=None: a plain average of every batch so far",
            [
                ("running mean after the last step", cumulative["mean"][-1]),
                ("mean of all batch means", v["mean_of_batch_means"]),
                ("largest difference over all steps", v["cumulative_max_diff"]),
            ],
        ),
        ScalarsBlock(
            "the unbiased variance correction",
            [
                ("population variance", true_var),
                (f"average batch variance ÷{n} (biased)", v["mean_biased_var"]),
                (f"average batch variance ÷{n - 1} (unbiased)", v["mean_unbiased_var"]),
                (f"expected biased average: {n - 1}/{n} × population", true_var * (n - 1) / n),
            ],
        ),
    ]
    return LiveResult(blocks=blocks, values=v)
