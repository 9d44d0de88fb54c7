"""``sync_bn_stats``: the statistics synchronized BN computes when one batch is split over
several devices. Each device sends its count, mean and variance; the global variance is
not the average of the device variances: it also counts how far the device means are
from the global mean (the law of total variance)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bntutor.live.results import LiveResult, ScalarsBlock, TensorBlock


class SyncBnStatsArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: int = Field(0, ge=0, le=1_000_000)
    devices: int = Field(2, ge=1, le=16)
    per_device: int = Field(4, ge=1, le=1024, description="samples on each device")
    spread: float = Field(3.0, ge=0, le=1000, description="how different the devices' data are")
    values: list[list[float]] | None = Field(None, description="given samples, one list per device")

    @model_validator(mode="after")
    def _check(self) -> SyncBnStatsArgs:
        if self.values is not None and (
            not 1 <= len(self.values) <= 16 or any(not v for v in self.values)
        ):
            raise ValueError("values needs 1 to 16 non-empty lists, one per device")
        total = self.devices * self.per_device if self.values is None else sum(
            len(v) for v in self.values)
        if total < 2:
            raise ValueError("the whole batch needs at least 2 values to have a variance")
        return self


def sync_bn_stats(args: SyncBnStatsArgs) -> LiveResult:
    import torch

    from bntutor.engine import trace
    from bntutor.live.course._tensors import floats, int_batch

    if args.values is not None:
        parts = [torch.tensor(v, dtype=torch.float64) for v in args.values]
    else:
        base = int_batch(args.seed, args.devices, args.per_device)
        parts = [row + args.spread * d for d, row in enumerate(base)]
    counts = torch.tensor([float(p.numel()) for p in parts], dtype=torch.float64)
    means = torch.stack([p.mean() for p in parts])
    variances = torch.stack([((p - p.mean()) ** 2).mean() for p in parts])
    # What each device sends: count, mean, biased variance. Combine them:
    total = counts.sum()
    global_mean = (counts * means).sum() / total
    global_var = (counts * (variances + (means - global_mean) ** 2)).sum() / total
    # Reference: BN of the whole batch at once.
    whole = trace(torch.cat(parts).reshape(-1, 1))
    naive_var = variances.mean()
    diff = float(max(abs(global_mean - whole.mean[0]), abs(global_var - whole.var[0])))
    device_table = TensorBlock(
        "what each device computes on its own share of the batch",
        [[float(c), float(m), float(v)] for c, m, v in zip(counts, means, variances, strict=True)],
        row_labels=[f"device {d + 1}" for d in range(len(parts))],
        col_labels=["count", "mean", "variance (÷n)"],
    )
    combined = ScalarsBlock(
        "combined",
        [
            ("global mean", float(global_mean)),
            ("global variance (law of total variance)", float(global_var)),
            ("BN of the whole batch: mean", float(whole.mean[0])),
            ("BN of the whole batch: variance", float(whole.var[0])),
            ("average of the device variances (wrong)", float(naive_var)),
            ("largest difference, combined vs whole batch", diff),
        ],
    )
    return LiveResult(
        blocks=[device_table, combined],
        values={
            "device_means": floats(means),
            "device_vars": floats(variances),
            "global_mean": float(global_mean),
            "global_var": float(global_var),
            "mean_of_vars": float(naive_var),
            "whole_diff": diff,
            "samples": [floats(p) for p in parts],
        },
    )
