"""``inverted_dropout``: torch's ``nn.Dropout`` on a vector of equal values.

In training each value is zeroed with probability ``p`` and the survivors are scaled by
``1/(1 − p)``, so the expected value is unchanged; in eval mode dropout does nothing.

Dropout before BN: the variance shift between training and test, simulated and predicted.

Inverted dropout with keep probability ``q = 1 - rate`` turns a unit ``x`` (mean μ,
variance σ²) into ``x·m/q`` with ``m ~ Bernoulli(q)``. Its mean stays μ but its variance
in training is ``(σ² + μ²)/q - μ²``; at test time dropout is off and the variance is σ².
BN learns its running variance in training, so at test time it divides by a spread that
is too large: its output's variance is ``σ² / ((σ² + μ²)/q - μ²)`` instead of 1.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from bntutor.live._tensors import floats, torch_session
from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, RunArgs, computation
from bntutor.live.results import Block, LiveResult, PlotBlock, ScalarsBlock, Series, TensorBlock


class InvertedDropoutArgs(Args):
    p: float = Field(0.5, ge=0, lt=1, description="probability of dropping a value")
    n: int = Field(10, ge=1, le=100_000, description="how many values")
    value: float = Field(1.0, ge=-1000, le=1000, description="every input value")
    seed: int = Field(0, ge=0, le=1_000_000)
    show: int = Field(10, ge=0, le=50, description="values shown in the table")


@computation(
    InvertedDropoutArgs,
    "nn.Dropout in training and eval mode on equal values",
    ("scale", "keep_prob", "kept", "train_mean", "eval_mean", "train_output", "eval_output"),
)
def inverted_dropout(args: InvertedDropoutArgs, report: ReportProgress) -> LiveResult:
    import torch

    x = torch.full((args.n,), args.value, dtype=torch.float64)
    drop = torch.nn.Dropout(args.p)
    with torch_session(args.seed):
        train_out = drop.train()(x)
    eval_out = drop.eval()(x)
    kept = int((train_out != 0).sum()) if args.value != 0 else args.n
    scale = 1.0 / (1.0 - args.p)
    shown = min(args.show, args.n)
    blocks: list[Block] = []
    if shown:
        blocks.append(TensorBlock(
            f"nn.Dropout(p={args.p:g}) on {args.n} values equal to {args.value:g}"
            + (f" (first {shown})" if shown < args.n else ""),
            [floats(x[:shown]), floats(train_out[:shown]), floats(eval_out[:shown])],
            row_labels=["input", "train()", "eval()"],
            col_labels=[str(i + 1) for i in range(shown)],
            digits=3,
        ))
    blocks.append(ScalarsBlock(
        "summary",
        [
            ("scale of the survivors 1/(1 − p)", scale),
            ("values kept in training", kept),
            ("mean in training", float(train_out.mean())),
            ("mean in eval", float(eval_out.mean())),
        ],
    ))
    return LiveResult(
        blocks=blocks,
        values={
            "scale": scale,
            "keep_prob": 1.0 - args.p,
            "kept": kept,
            "train_mean": float(train_out.mean()),
            "eval_mean": float(eval_out.mean()),
            "train_output": floats(train_out[:shown]),
            "eval_output": floats(eval_out[:shown]),
        },
    )


class DropoutVarianceArgs(RunArgs):
    rates: list[Annotated[float, Field(ge=0.0, lt=1.0)]] = Field(
        default_factory=lambda: [0.0, 0.1, 0.3, 0.5, 0.7], min_length=1, max_length=8)
    mean: float = Field(default=1.0, ge=-100, le=100, description="μ of the unit before dropout")
    std: float = Field(default=1.0, gt=0, le=100, description="σ of the unit before dropout")
    batches: int | None = Field(default=None, ge=1, le=2000, description="training batches")
    batch: int = Field(default=256, ge=2, le=4096)


def dropout_train_var(mean: float, var: float, rate: float) -> float:
    """Var of ``x·m/q`` for ``x`` with that mean and variance, ``m ~ Bernoulli(q = 1 - rate)``."""
    keep = 1.0 - rate
    return (var + mean * mean) / keep - mean * mean


@computation(
    DropoutVarianceArgs,
    "The variance shift of dropout before BN, simulated beside the formula.",
    ("rates", "train_var_sim", "train_var_formula", "test_var_sim", "running_var",
     "bn_test_var_sim", "bn_test_var_formula", "mean", "var"),
)
def dropout_variance(args: DropoutVarianceArgs, report: ReportProgress) -> LiveResult:
    import torch
    from torch import nn

    from bntutor.engine import BatchNorm

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
    bn_formula = [var / v for v in train_formula]
    rows = [[r, trs, trf, run, bns, bnf] for r, trs, trf, run, bns, bnf in zip(
        args.rates, out["tr"], train_formula, out["run"], out["bn"], bn_formula, strict=True)]
    test_var = sum(out["te"]) / len(out["te"])
    blocks: list[Block] = [
        TensorBlock(
            f"variances (unit with μ = {args.mean:g}, σ² = {var:g})",
            rows,
            col_labels=["rate", "train", "formula", "BN running", "BN out, test", "formula"],
            caption=f"train: after dropout in training mode; at test dropout is off and the "
                    f"input's variance is {test_var:.3f}; BN's test output should have "
                    f"variance 1",
            highlight=[(i, 4) for i in range(len(rows))],
            digits=3,
        ),
        PlotBlock(
            "variance of BN's test-time output by dropout rate",
            "line",
            [Series("simulated", list(args.rates), out["bn"]),
             Series("formula", list(args.rates), bn_formula)],
            xlabel="dropout rate",
            ylabel="variance",
        ),
    ]
    return LiveResult(blocks=blocks, values={
        "rates": list(args.rates),
        "mean": args.mean,
        "var": var,
        "train_var_sim": out["tr"],  # the dropout output's variance in training mode, measured
        "train_var_formula": train_formula,
        "test_var_sim": out["te"],
        # what BN's running variance learned in training (momentum=None: the exact average)
        "running_var": out["run"],
        "bn_test_var_sim": out["bn"],  # BN's eval-mode output on test-time (dropout off) input
        "bn_test_var_formula": bn_formula,
    })
