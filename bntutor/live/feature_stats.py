"""``bn_column``: BN of a small fully connected batch, one feature column in close-up.

The batch is ``[samples, features]`` of whole numbers (seeded) or given values. BN keeps
one mean and one variance per feature, computed down the column over the samples.
``show="batch"`` shows only the batch (for learners to compute by hand first). Besides the
right values it reports what the usual slips give: the unbiased variance in the
denominator, dividing by the variance instead of the std, normalizing across a row.
The fc-bn demo plays it as a fully connected layer's output.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from bntutor.live._tensors import floats, int_batch, labels, rows
from bntutor.live.progress import ReportProgress
from bntutor.live.registry import SeededArgs, computation
from bntutor.live.results import Block, LiveResult, ScalarsBlock, TensorBlock


class BnColumnArgs(SeededArgs):
    samples: int = Field(8, ge=2, le=64)
    features: int = Field(4, ge=1, le=16)
    column: int = Field(0, ge=0, le=15, description="the highlighted feature, counted from 0")
    low: int = Field(0, ge=-100, le=100)
    high: int = Field(9, ge=-100, le=100)
    eps: float = Field(1e-5, gt=0, le=1)
    gamma: float = Field(1.0, ge=-100, le=100)
    beta: float = Field(0.0, ge=-100, le=100)
    values: list[list[float]] | None = Field(
        None, description="a given batch, one row per sample (overrides the seeded one)"
    )
    show: Literal["batch", "all"] = "all"
    quick: bool = False  # a demo's option; the batch is small either way

    @model_validator(mode="after")
    def _shape(self) -> BnColumnArgs:
        if self.high < self.low:
            raise ValueError("high must be at least low")
        width = self.features
        if self.values is not None:
            if not 2 <= len(self.values) <= 64:
                raise ValueError("values needs 2 to 64 rows")
            width = len(self.values[0])
            if width < 1 or any(len(row) != width for row in self.values):
                raise ValueError("values must be a rectangle of numbers")
        if self.column >= width:
            raise ValueError(f"column {self.column} is out of range for {width} features")
        return self


@computation(
    BnColumnArgs,
    "BN of a small batch, one feature column step by step",
    ("count", "column", "mean", "var", "var_unbiased", "std", "x_hat", "y", "means", "vars",
     "x_hat_all", "row_means", "x_hat_unbiased", "x_over_var", "x_hat_all_unbiased",
     "x_hat_all_rows"),
)
def bn_column(args: BnColumnArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.engine import trace

    if args.values is not None:
        x = torch.tensor(args.values, dtype=torch.float64)
    else:
        x = int_batch(args.seed, args.samples, args.features, args.low, args.high)
    n, c = x.shape
    j = args.column
    gamma = torch.full((c,), args.gamma, dtype=torch.float64)
    beta = torch.full((c,), args.beta, dtype=torch.float64)
    tr = trace(x, weight=gamma, bias=beta, eps=args.eps)
    std = torch.sqrt(tr.var + args.eps)
    centred = x - tr.mean
    x_hat_unbiased = centred / torch.sqrt(tr.var_unbiased + args.eps)
    # each sample over its features (one feature alone has no spread: all zeros)
    by_row = trace(x.T.contiguous(), eps=args.eps).x_hat.T if c > 1 else torch.zeros_like(x)
    name = f"feature {j + 1}"

    batch = TensorBlock(
        f"a batch of {n} samples x {c} features ({name} highlighted)",
        rows(x),
        row_labels=labels("sample", n),
        col_labels=labels("feature", c),
        highlight=[(i, j) for i in range(n)],
        digits=2,
    )
    stats = ScalarsBlock(
        f"{name}: statistics over the {n} samples of the batch",
        [
            ("mean μ", float(tr.mean[j])),
            ("biased variance σ² (÷ n), used to normalize", float(tr.var[j])),
            ("unbiased variance (÷ (n−1)), not used here", float(tr.var_unbiased[j])),
            ("√(σ² + ε)", float(std[j])),
            ("ε", args.eps),
        ],
    )
    column = TensorBlock(
        f"{name}, step by step",
        [[float(x[i, j]), float(tr.x_hat[i, j]), float(tr.y[i, j])] for i in range(n)],
        row_labels=labels("sample", n),
        col_labels=["x", "x̂ = (x − μ)/√(σ² + ε)", f"y = {args.gamma:g}·x̂ + {args.beta:g}"],
    )
    blocks: list[Block] = [batch] if args.show == "batch" else [batch, stats, column]
    return LiveResult(
        blocks=blocks,
        values={
            "count": n,
            "column": floats(x[:, j]),
            "mean": float(tr.mean[j]),
            "var": float(tr.var[j]),
            "var_unbiased": float(tr.var_unbiased[j]),
            "std": float(std[j]),
            "x_hat": floats(tr.x_hat[:, j]),
            "y": floats(tr.y[:, j]),
            "means": floats(tr.mean),
            "vars": floats(tr.var),
            "x_hat_all": rows(tr.x_hat),
            # What the usual slips give:
            "row_means": floats(x.mean(dim=1)),
            "x_hat_unbiased": floats(x_hat_unbiased[:, j]),
            "x_over_var": floats(centred[:, j] / tr.var[j]),
            "x_hat_all_unbiased": rows(x_hat_unbiased),
            "x_hat_all_rows": rows(by_row),
        },
    )
