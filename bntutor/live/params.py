"""``bn_param_counts``: what a torch BN layer learns (parameters) and what it only tracks
(buffers), counted from the module itself."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, computation
from bntutor.live.results import LiveResult, ScalarsBlock, TensorBlock


class BnParamCountsArgs(Args):
    kind: Literal["BatchNorm1d", "BatchNorm2d", "BatchNorm3d"] = "BatchNorm2d"
    num_features: int = Field(64, ge=1, le=4096)
    affine: bool = True
    track_running_stats: bool = True


@computation(
    BnParamCountsArgs,
    "Parameters and buffers of a torch BN layer",
    ("parameters", "buffers", "buffer_elements", "state_dict_keys",
     "params_and_running", "same_keys_as_engine"),
)
def bn_param_counts(args: BnParamCountsArgs, report: ReportProgress) -> LiveResult:
    from torch import nn

    from bntutor.engine import BatchNorm

    layer: nn.Module = getattr(nn, args.kind)(
        args.num_features, affine=args.affine, track_running_stats=args.track_running_stats
    )
    ours = BatchNorm(args.num_features, affine=args.affine,
                     track_running_stats=args.track_running_stats)
    params = dict(layer.named_parameters())
    buffers = dict(layer.named_buffers())
    param_elements = sum(p.numel() for p in params.values())
    buffer_elements = sum(b.numel() for b in buffers.values())
    running_elements = sum(b.numel() for name, b in buffers.items() if name.startswith("running"))
    keys = list(layer.state_dict())
    signature = (f"nn.{args.kind}({args.num_features}, affine={args.affine}, "
                 f"track_running_stats={args.track_running_stats})")
    table = TensorBlock(
        f"{signature}: every tensor it holds",
        [[float(t.numel())] for t in (*params.values(), *buffers.values())],
        row_labels=[f"{n} (parameter, learned by the optimizer)" for n in params]
        + [f"{n} (buffer, not learned)" for n in buffers],
        col_labels=["elements"],
        digits=0,
    )
    summary = ScalarsBlock(
        "totals",
        [
            ("learnable parameter values", param_elements),
            ("buffers (tensors)", len(buffers)),
            ("buffer values", buffer_elements),
            ("state_dict keys", ", ".join(keys)),
            ("bntutor's BatchNorm has the same keys", str(list(ours.state_dict()) == keys)),
        ],
        digits=0,
    )
    return LiveResult(
        blocks=[table, summary],
        values={
            "parameters": param_elements,
            "buffers": len(buffers),
            "buffer_elements": buffer_elements,
            "state_dict_keys": keys,
            "params_and_running": param_elements + running_elements,
            "same_keys_as_engine": list(ours.state_dict()) == keys,
        },
    )
