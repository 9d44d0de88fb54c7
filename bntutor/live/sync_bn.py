"""``sync_bn_stats``: the statistics synchronized BN computes when one batch is split over
several devices. Each device sends its count, mean and variance; the global variance is
not the average of the device variances: it also counts how far the device means are
from the global mean (the law of total variance).

Synchronized BN across two processes, checked against BN of the whole batch.

A batch is split between ranks whose slices come from different distributions, as
happens when each GPU sees its own few images. Each rank's own batch statistics then
differ from each other and from the whole batch's; synchronized BN all-reduces sums,
sums of squares and counts, so every rank normalizes with the whole batch's statistics
and gets what BN on the unsplit batch gives, gradients included.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from bntutor.live._tensors import floats, int_batch, torch_session
from bntutor.live.progress import ReportProgress
from bntutor.live.registry import RunArgs, SeededArgs, computation
from bntutor.live.results import LiveResult, ScalarsBlock, TensorBlock


class SyncBnStatsArgs(SeededArgs):
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


@computation(
    SyncBnStatsArgs,
    "Combining per-device statistics as synchronized BN does",
    ("device_means", "global_mean", "global_var", "mean_of_vars", "whole_diff",
     "samples"),
)
def sync_bn_stats(args: SyncBnStatsArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.engine import trace

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
            "global_mean": float(global_mean),
            "global_var": float(global_var),
            "mean_of_vars": float(naive_var),
            "whole_diff": diff,
            "samples": [floats(p) for p in parts],
        },
    )


class SyncBnArgs(RunArgs):
    world_size: int = Field(default=2, ge=2, le=4, description="processes")
    batch: int = Field(default=4, ge=1, le=64, description="samples per rank")
    channels: int = Field(default=3, ge=1, le=16)
    size: int = Field(default=4, ge=1, le=32, description="H = W")
    start_method: Literal["fork", "spawn", "forkserver"] | None = None
    timeout: float = Field(default=60.0, gt=0, le=600, description="seconds before giving up")


def _rank_main(rank: int, world_size: int, payload: dict[str, Any]) -> dict[str, Any]:
    """One rank: plain statistics of its slice, then SyncBatchNorm forward and backward."""
    import torch

    from bntutor.engine.sync import SyncBatchNorm, sync_stats

    x = torch.tensor(payload["x"][rank], requires_grad=True)
    grad_out = torch.tensor(payload["grad_out"][rank])
    c = x.shape[1]
    bn = SyncBatchNorm(c)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor(payload["weight"]))
        bn.bias.copy_(torch.tensor(payload["bias"]))
    y = bn(x)
    (y * grad_out).sum().backward()
    with torch.no_grad():
        mean, var, _ = sync_stats(x)
    assert x.grad is not None and bn.weight.grad is not None and bn.bias.grad is not None
    assert bn.running_mean is not None and bn.running_var is not None
    return {
        "local_mean": x.detach().mean(dim=(0, 2, 3)).tolist(),
        "local_var": x.detach().var(dim=(0, 2, 3), unbiased=False).tolist(),
        "sync_mean": mean.tolist(),
        "sync_var": var.tolist(),
        "y": y.detach().tolist(),
        "grad_x": x.grad.tolist(),
        "grad_weight": bn.weight.grad.tolist(),
        "grad_bias": bn.bias.grad.tolist(),
        "running_mean": bn.running_mean.tolist(),
        "running_var": bn.running_var.tolist(),
        "torch_sync_bn": _torch_sync_bn(rank, payload),
    }


def _torch_sync_bn(rank: int, payload: dict[str, Any]) -> dict[str, Any]:
    """torch.nn.SyncBatchNorm on this rank's slice: on CUDA if there is one, else on CPU.

    Its training path needs an accelerator; on CPU torch refuses with a ValueError before
    any communication (on every rank alike), which is reported as such.
    """
    import torch
    from torch import nn

    device = (torch.device("cuda", rank % torch.cuda.device_count())
              if torch.cuda.is_available() else torch.device("cpu"))
    try:
        x = torch.tensor(payload["x"][rank], device=device)
        bn = nn.SyncBatchNorm(x.shape[1]).to(device)
        with torch.no_grad():
            bn.weight.copy_(torch.tensor(payload["weight"]))
            bn.bias.copy_(torch.tensor(payload["bias"]))
        return {"status": "ran", "device": device.type, "y": bn(x).detach().cpu().tolist()}
    except Exception as exc:  # a device or backend limit: report it, the engine check stands
        return {"status": f"refused on {device.type}: {type(exc).__name__}: {exc}"}


def _torch_verdict(ranks: list[dict[str, Any]], y_ref: Any, w: int, n: int) -> str:
    import torch

    answers = [r["torch_sync_bn"] for r in ranks]
    refused = [a["status"] for a in answers if a["status"] != "ran"]
    if refused:
        return str(refused[0])
    y = torch.tensor([a["y"] for a in answers]).reshape(y_ref.shape)
    diff = float((y - y_ref).abs().max())
    return f"ran on {answers[0]['device']}: largest |difference| to whole-batch BN {diff:.2e}"


@computation(
    SyncBnArgs,
    "Synchronized BN over processes against BN of the whole batch in one process.",
    ("world_size", "start_method", "local_mean", "local_var", "sync_mean", "sync_var",
     "full_mean", "full_var", "local_vs_full", "sync_vs_full", "output_max_diff",
     "grad_input_max_diff", "grad_params_max_diff", "running_max_diff", "torch_sync_bn"),
)
def sync_bn(args: SyncBnArgs, report: ReportProgress) -> LiveResult:
    import torch
    from torch import nn

    from bntutor.live._workers import default_start_method, run_workers

    method = args.start_method or default_start_method()
    w, n, c, s = args.world_size, args.batch, args.channels, args.size
    with torch_session(args.seed) as gen:
        # rank r's images are shifted by r and widened: its statistics differ from the rest
        shift = torch.arange(w, dtype=torch.float32).reshape(w, 1, 1, 1, 1)
        x = torch.randn(w, n, c, s, s, generator=gen) * (1.0 + 0.5 * shift) + shift
        grad_out = torch.randn(w, n, c, s, s, generator=gen)
        weight = 0.5 + torch.rand(c, generator=gen)
        bias = torch.randn(c, generator=gen)
        payload = {"x": x.tolist(), "grad_out": grad_out.tolist(), "weight": weight.tolist(),
                   "bias": bias.tolist()}
    ranks = run_workers(_rank_main, w, payload, timeout=args.timeout, start_method=method)

    with torch_session(args.seed):
        full_x = x.reshape(w * n, c, s, s).clone().requires_grad_(True)
        ref = nn.BatchNorm2d(c)
        with torch.no_grad():
            ref.weight.copy_(weight)
            ref.bias.copy_(bias)
        y_ref = ref(full_x)
        (y_ref * grad_out.reshape(w * n, c, s, s)).sum().backward()
        assert full_x.grad is not None and ref.weight.grad is not None
        assert ref.bias.grad is not None
        assert ref.running_mean is not None and ref.running_var is not None
        full_mean = full_x.detach().mean(dim=(0, 2, 3))
        full_var = full_x.detach().var(dim=(0, 2, 3), unbiased=False)

        def gathered(key: str) -> torch.Tensor:
            return torch.tensor([r[key] for r in ranks])

        def worst(a: torch.Tensor, b: torch.Tensor) -> float:
            return float((a - b).abs().max())

        local_mean, local_var = gathered("local_mean"), gathered("local_var")
        sync_mean, sync_var = gathered("sync_mean"), gathered("sync_var")
        y = gathered("y").reshape(w * n, c, s, s)
        grad_x = gathered("grad_x").reshape(w * n, c, s, s)
        params = torch.cat([gathered("grad_weight").sum(0), gathered("grad_bias").sum(0)])
        running = torch.cat([gathered("running_mean"), gathered("running_var")], dim=1)
        running_ref = torch.cat([ref.running_mean, ref.running_var]).expand_as(running)
        v: dict[str, Any] = {
            "world_size": w,
            "start_method": method,
            "local_mean": local_mean.tolist(),  # [rank][C]: each rank's own batch mean
            "local_var": local_var.tolist(),
            "sync_mean": sync_mean.tolist(),  # [rank][C]: the synchronized mean of each rank
            "sync_var": sync_var.tolist(),
            "full_mean": full_mean.tolist(),  # [C]: nn.BatchNorm2d of the unsplit batch
            "full_var": full_var.tolist(),
            # largest |own or synchronized statistic - the full batch's| over ranks, channels
            "local_vs_full": max(worst(local_mean, full_mean), worst(local_var, full_var)),
            "sync_vs_full": max(worst(sync_mean, full_mean), worst(sync_var, full_var)),
            "output_max_diff": worst(y, y_ref.detach()),
            "grad_input_max_diff": worst(grad_x, full_x.grad),
            "grad_params_max_diff": worst(params, torch.cat([ref.weight.grad, ref.bias.grad])),
            "running_max_diff": worst(running, running_ref),
            # how the check against torch.nn.SyncBatchNorm went (it needs a GPU to train)
            "torch_sync_bn": _torch_verdict(ranks, y_ref.detach(), w, n),
        }

    labels = ([f"rank {r}, own batch" for r in range(w)]
              + [f"rank {r}, synchronized" for r in range(w)] + ["whole batch, one process"])
    cols = [f"channel {i}" for i in range(c)]
    last_row = [(2 * w, j) for j in range(c)]
    return LiveResult(blocks=[
        TensorBlock("mean per channel", [*v["local_mean"], *v["sync_mean"], v["full_mean"]],
                    row_labels=labels, col_labels=cols, highlight=last_row),
        TensorBlock("variance per channel", [*v["local_var"], *v["sync_var"], v["full_var"]],
                    row_labels=labels, col_labels=cols, highlight=last_row),
        ScalarsBlock(
            "synchronized BN vs BN of the whole batch (largest absolute difference)",
            [
                ("own batch statistics", v["local_vs_full"]),
                ("synchronized statistics", v["sync_vs_full"]),
                ("output", v["output_max_diff"]),
                ("gradient of the input", v["grad_input_max_diff"]),
                ("gradient of γ and β (summed over ranks)", v["grad_params_max_diff"]),
                ("running statistics", v["running_max_diff"]),
                ("torch.nn.SyncBatchNorm", v["torch_sync_bn"]),
            ],
        ),
    ], values=v)
