"""Dropout before BN: the variance shift between training and test, simulated and predicted.

Inverted dropout with keep probability ``q = 1 - rate`` turns a unit ``x`` (mean μ,
variance σ²) into ``x·m/q`` with ``m ~ Bernoulli(q)``. Its mean stays μ but its variance
in training is ``(σ² + μ²)/q - μ²``; at test time dropout is off and the variance is σ².
BN learns its running variance in training, so at test time it divides by a spread that
is too large: its output's variance is ``σ² / ((σ² + μ²)/q - μ²)`` instead of 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from bntutor.live.results import Block, LiveResult, PlotBlock, Series, TensorBlock


class DropoutVarianceArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seed: int = Field(default=0, ge=0)
    quick: bool = False
    rates: list[Annotated[float, Field(ge=0.0, lt=1.0)]] = Field(
        default_factory=lambda: [0.0, 0.1, 0.3, 0.5, 0.7], min_length=1, max_length=8)
    mean: float = Field(default=1.0, ge=-100, le=100, description="μ of the unit before dropout")
    std: float = Field(default=1.0, gt=0, le=100, description="σ of the unit before dropout")
    batches: int | None = Field(default=None, ge=1, le=2000, description="training batches")
    batch: int = Field(default=256, ge=2, le=4096)


@dataclass(frozen=True)
class DropoutVariance:
    rates: list[float]
    mean: float
    var: float
    train_var_sim: list[float]
    """Variance of the dropout output in training mode, measured."""
    train_var_formula: list[float]
    test_var_sim: list[float]
    running_var: list[float]
    """What BN's running variance learned in training (momentum=None: the exact average)."""
    bn_test_var_sim: list[float]
    """Variance of BN's eval-mode output on test-time (dropout off) input."""
    bn_test_var_formula: list[float]

    def values(self) -> dict[str, object]:
        return dict(self.__dict__)


def dropout_train_var(mean: float, var: float, rate: float) -> float:
    """Var of ``x·m/q`` for ``x`` with that mean and variance, ``m ~ Bernoulli(q = 1 - rate)``."""
    keep = 1.0 - rate
    return (var + mean * mean) / keep - mean * mean


def run_dropout_variance(args: DropoutVarianceArgs) -> DropoutVariance:
    import torch
    from torch import nn

    from bntutor.engine import BatchNorm
    from bntutor.live._session import torch_session

    batches = args.batches or (40 if args.quick else 200)
    var = args.std**2
    out: dict[str, list[float]] = {k: [] for k in ("tr", "te", "run", "bn")}
    with torch_session(args.seed) as gen, torch.no_grad():
        x_train = args.mean + args.std * torch.randn(batches, args.batch, 1, generator=gen)
        x_test = args.mean + args.std * torch.randn(batches * args.batch, 1, generator=gen)
        for rate in args.rates:
            dropout = nn.Dropout(rate)
            bn = BatchNorm(1, momentum=None, affine=False)
            seen = []
            dropout.train()
            bn.train()
            for x in x_train:
                dropped = dropout(x)  # zero with probability rate, else scale by 1/(1-rate)
                seen.append(dropped)
                bn(dropped)
            dropout.eval()  # at test time dropout passes its input through unchanged
            bn.eval()
            test_in = dropout(x_test)
            out["tr"].append(float(torch.cat(seen).var()))
            out["te"].append(float(test_in.var()))
            assert bn.running_var is not None
            out["run"].append(float(bn.running_var[0]))
            out["bn"].append(float(bn(test_in).var()))
    train_formula = [dropout_train_var(args.mean, var, r) for r in args.rates]
    return DropoutVariance(
        rates=list(args.rates),
        mean=args.mean,
        var=var,
        train_var_sim=out["tr"],
        train_var_formula=train_formula,
        test_var_sim=out["te"],
        running_var=out["run"],
        bn_test_var_sim=out["bn"],
        bn_test_var_formula=[var / v for v in train_formula],
    )


def shift_block(data: DropoutVariance) -> TensorBlock:
    rows = [[r, trs, trf, run, bns, bnf] for r, trs, trf, run, bns, bnf in zip(
        data.rates, data.train_var_sim, data.train_var_formula, data.running_var,
        data.bn_test_var_sim, data.bn_test_var_formula, strict=True)]
    test_var = sum(data.test_var_sim) / len(data.test_var_sim)
    return TensorBlock(
        f"variances (unit with μ = {data.mean:g}, σ² = {data.var:g})",
        rows,
        col_labels=["rate", "train", "formula", "BN running", "BN out, test", "formula"],
        caption=f"train: after dropout in training mode; at test dropout is off and the "
                f"input's variance is {test_var:.3f}; BN's test output should have variance 1",
        highlight=[(i, 4) for i in range(len(rows))],
        digits=3,
    )


def shift_plot(data: DropoutVariance) -> PlotBlock:
    return PlotBlock(
        "variance of BN's test-time output by dropout rate",
        "line",
        [Series("simulated", data.rates, data.bn_test_var_sim),
         Series("formula", data.rates, data.bn_test_var_formula)],
        xlabel="dropout rate",
        ylabel="variance",
    )


def dropout_variance(args: DropoutVarianceArgs) -> LiveResult:
    data = run_dropout_variance(args)
    blocks: list[Block] = [shift_block(data), shift_plot(data)]
    return LiveResult(blocks=blocks, values=data.values())
