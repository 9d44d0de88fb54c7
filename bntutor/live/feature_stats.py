"""``bn_column``: BN of a small fully connected batch, one feature column in close-up.

The batch is ``[samples, features]`` of whole numbers (seeded) or given values. BN keeps
one mean and one variance per feature, computed down the column over the samples.
``show="batch"`` shows only the batch (for learners to compute by hand first). Besides the
right values it reports what the usual slips give: the unbiased variance in the
denominator, dividing by the variance instead of the std, normalizing across a row.

BN after a fully connected layer: each feature's statistics are taken down the batch.

The layer's output is ``[N, F]``: N samples, F features. BN takes one column (one
feature), computes its mean and variance over the N samples, standardizes the column and
then scales by γ and shifts by β. With γ = √(σ² + ε) and β = μ it hands back its input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bntutor.live.progress import ReportProgress
from bntutor.live.registry import computation
from bntutor.live.results import Block, LiveResult, ScalarsBlock, TensorBlock


class BnColumnArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: int = Field(0, ge=0, le=1_000_000)
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
    from bntutor.live._tensors import floats, int_batch, labels, rows

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


class FcBatchStatsArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seed: int = Field(default=0, ge=0)
    quick: bool = False
    batch: int = Field(default=8, ge=2, le=64, description="N, samples in the batch")
    features: int = Field(default=4, ge=1, le=16, description="F, outputs of the layer")
    feature: int = Field(default=0, ge=0, description="the feature followed down the batch")
    settings: list[tuple[float, float]] = Field(
        default_factory=lambda: [(1.0, 0.0), (2.0, 0.5)],
        max_length=6,
        description="(gamma, beta) pairs to try; gamma = sigma, beta = mu is always added",
    )

    @model_validator(mode="after")
    def _feature_in_range(self) -> FcBatchStatsArgs:
        if self.feature >= self.features:
            raise ValueError(f"feature {self.feature} is out of range for {self.features} features")
        return self


@dataclass(frozen=True)
class Setting:
    gamma: float
    beta: float
    label: str
    y: list[float]
    mean: float
    std: float


@dataclass(frozen=True)
class FcBatchStats:
    feature: int
    outputs: list[list[float]]
    """``[N][F]``: the layer's outputs, before BN."""
    column: list[float]
    mean: float
    var: float
    var_unbiased: float
    sigma: float
    """``sqrt(var + eps)``, what BN divides by."""
    x_hat: list[float]
    settings: list[Setting]
    identity_max_diff: float
    """Largest |y - x| with gamma = sigma, beta = mu."""

    def values(self) -> dict[str, object]:
        values = dict(self.__dict__)
        values["settings"] = [s.__dict__ for s in self.settings]
        return values


def run_fc_batch_stats(args: FcBatchStatsArgs) -> FcBatchStats:
    import torch
    from torch import nn

    from bntutor.engine import trace
    from bntutor.live._session import torch_session

    f = args.feature
    with torch_session(args.seed) as gen, torch.no_grad():
        layer = nn.Linear(5, args.features)
        h = layer(2.0 * torch.randn(args.batch, 5, generator=gen) + 1.0)  # [N, F]
        plain = trace(h)
        sigma = float(torch.sqrt(plain.var[f] + 1e-5))
        mean = float(plain.mean[f])
        pairs = [(g, b, f"γ={g:g}, β={b:g}") for g, b in args.settings]
        pairs.append((sigma, mean, "γ=σ, β=μ"))
        settings = []
        for gamma, beta, label in pairs:
            weight = torch.ones(args.features)
            bias = torch.zeros(args.features)
            weight[f], bias[f] = gamma, beta
            y = trace(h, weight=weight, bias=bias).y[:, f]
            settings.append(Setting(gamma, beta, label, y.tolist(), float(y.mean()),
                                    float(y.std(unbiased=False))))
        identity = trace(h, weight=plain.var.add(1e-5).sqrt(), bias=plain.mean).y
        return FcBatchStats(
            feature=f,
            outputs=h.tolist(),
            column=h[:, f].tolist(),
            mean=mean,
            var=float(plain.var[f]),
            var_unbiased=float(plain.var_unbiased[f]),
            sigma=sigma,
            x_hat=plain.x_hat[:, f].tolist(),
            settings=settings,
            identity_max_diff=float((identity - h).abs().max()),
        )


def batch_block(data: FcBatchStats) -> TensorBlock:
    n, f = len(data.outputs), data.feature
    return TensorBlock(
        f"the layer's output for a batch of {n}: feature {f} is one column",
        data.outputs,
        row_labels=[f"sample {i}" for i in range(n)],
        col_labels=[f"feature {j}" for j in range(len(data.outputs[0]))],
        highlight=[(i, f) for i in range(n)],
    )


def stats_block(data: FcBatchStats) -> ScalarsBlock:
    n = len(data.column)
    return ScalarsBlock(
        f"feature {data.feature} down the batch",
        [
            ("values", n),
            ("mean μ", data.mean),
            (f"variance σ² (÷{n}, what BN divides by)", data.var),
            (f"unbiased variance (÷{n - 1}, what running_var stores)", data.var_unbiased),
            ("√(σ² + ε)", data.sigma),
        ],
    )


def affine_block(data: FcBatchStats) -> TensorBlock:
    rows = [[x, xh, *(s.y[i] for s in data.settings)]
            for i, (x, xh) in enumerate(zip(data.column, data.x_hat, strict=True))]
    rows.append([data.mean, sum(data.x_hat) / len(data.x_hat), *(s.mean for s in data.settings)])
    return TensorBlock(
        f"feature {data.feature} through BN with different γ and β",
        rows,
        row_labels=[f"sample {i}" for i in range(len(data.column))] + ["mean"],
        col_labels=["x", "x̂", *(s.label for s in data.settings)],
        caption="the γ=σ, β=μ column gives the input back",
    )


def identity_block(data: FcBatchStats) -> ScalarsBlock:
    items: list[tuple[str, float | int | str]] = []
    for s in data.settings:
        items += [(f"{s.label}: mean of y", s.mean), (f"{s.label}: std of y", s.std)]
    items.append(("γ=σ, β=μ: largest |y − x|", data.identity_max_diff))
    return ScalarsBlock("what γ and β did", items)


@computation(
    FcBatchStatsArgs,
    "One feature's statistics down a batch of a fully connected layer; γ and β varied.",
    ("feature", "outputs", "column", "mean", "var", "var_unbiased", "sigma", "x_hat",
     "settings", "identity_max_diff"),
)
def fc_batch_stats(args: FcBatchStatsArgs, report: ReportProgress) -> LiveResult:
    data = run_fc_batch_stats(args)
    blocks: list[Block] = [batch_block(data), stats_block(data), affine_block(data),
                           identity_block(data)]
    return LiveResult(blocks=blocks, values=data.values())
