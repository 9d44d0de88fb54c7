"""``inverted_dropout``: torch's ``nn.Dropout`` on a vector of equal values.

In training each value is zeroed with probability ``p`` and the survivors are scaled by
``1/(1 − p)``, so the expected value is unchanged; in eval mode dropout does nothing.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from bntutor.live.results import Block, LiveResult, ScalarsBlock, TensorBlock


class InvertedDropoutArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    p: float = Field(0.5, ge=0, lt=1, description="probability of dropping a value")
    n: int = Field(10, ge=1, le=100_000, description="how many values")
    value: float = Field(1.0, ge=-1000, le=1000, description="every input value")
    seed: int = Field(0, ge=0, le=1_000_000)
    show: int = Field(10, ge=0, le=50, description="values shown in the table")


def inverted_dropout(args: InvertedDropoutArgs) -> LiveResult:
    import torch

    from bntutor.live.course._tensors import floats

    x = torch.full((args.n,), args.value, dtype=torch.float64)
    drop = torch.nn.Dropout(args.p)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(args.seed)
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
