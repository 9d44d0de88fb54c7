"""Small batches: batch statistics get noisy, and BN trained that way suffers; GroupNorm not.

The mean of B values drawn from a population with spread σ wobbles with spread σ/√B; the
variance wobbles too. BN normalizes every training batch with these wobbly numbers and
keeps their running average for eval mode. At batch size 2 the two disagree badly, while
GroupNorm normalizes each sample by itself and does not care about the batch size.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from bntutor.live._tensors import torch_session
from bntutor.live.progress import ReportProgress, step_reporter
from bntutor.live.registry import RunArgs, computation
from bntutor.live.results import LiveResult, PlotBlock, Series, TensorBlock

if TYPE_CHECKING:
    from bntutor.live._nets import Norm


class SmallBatchNoiseArgs(RunArgs):
    sizes: list[Annotated[int, Field(ge=2, le=4096)]] = Field(
        default_factory=lambda: [2, 4, 8, 16, 32, 64, 128], min_length=1, max_length=12)
    trials: int | None = Field(default=None, ge=10, le=20000, description="batches per size")
    mean: float = Field(default=1.0, ge=-1e3, le=1e3)
    std: float = Field(default=2.0, gt=0, le=1e3)


@computation(
    SmallBatchNoiseArgs,
    "How much batch means and variances wobble as the batch shrinks.",
    ("sizes", "std_of_mean", "std_of_mean_formula", "std_of_var", "std_of_var_formula",
     "trials"),
)
def small_batch_noise(args: SmallBatchNoiseArgs, report: ReportProgress) -> LiveResult:
    import torch

    trials = args.trials or (500 if args.quick else 4000)
    sigma2 = args.std**2
    out: dict[str, list[float]] = {"m": [], "v": []}
    with torch_session(args.seed) as gen:
        for b in args.sizes:
            x = args.mean + args.std * torch.randn(trials, b, generator=gen, dtype=torch.float64)
            out["m"].append(float(x.mean(dim=1).std()))
            out["v"].append(float(x.var(dim=1, unbiased=False).std()))
    mean_formula = [args.std / math.sqrt(b) for b in args.sizes]
    var_formula = [sigma2 * math.sqrt(2 * (b - 1)) / b for b in args.sizes]  # normal data
    values = {
        "sizes": list(args.sizes),
        "trials": trials,
        "std_of_mean": out["m"],  # measured spread of the batch mean, one per batch size
        "std_of_mean_formula": mean_formula,  # σ / √B
        "std_of_var": out["v"],  # measured spread of the (biased) batch variance
        "std_of_var_formula": var_formula,  # σ² √(2(B - 1)) / B
    }
    log_sizes = [math.log2(b) for b in args.sizes]
    return LiveResult(blocks=[
        TensorBlock(
            f"spread of batch statistics over {trials} batches",
            [[float(b), *row] for b, *row in zip(
                args.sizes, out["m"], mean_formula, out["v"], var_formula, strict=True)],
            col_labels=["batch size", "mean: measured", "σ/√B", "variance: measured", "formula"],
            highlight=[(0, 1), (0, 3)],
            digits=3,
        ),
        PlotBlock(
            "spread of the batch mean and variance",
            "line",
            [Series("std of batch mean", log_sizes, out["m"]),
             Series("std of batch variance", log_sizes, out["v"])],
            xlabel="log2 batch size",
        ),
    ], values=values)


class SmallBatchTrainingArgs(RunArgs):
    steps: int | None = Field(default=None, ge=1, le=5000,
                              description="training steps (default 400)")
    batch: int = Field(default=2, ge=2, le=64, description="the small batch size")
    reference_batch: int = Field(default=32, ge=2, le=256,
                                 description="BN's batch size for comparison")


@computation(
    SmallBatchTrainingArgs,
    "BN vs GroupNorm trained at batch size 2, and BN at a normal batch size.",
    ("steps", "labels", "eval_accuracy", "accuracy", "final_loss"),
)
def small_batch_training(args: SmallBatchTrainingArgs, report: ReportProgress) -> LiveResult:
    from bntutor.live._nets import accuracy, predict, small_cnn, train
    from bntutor.live.shape_images import CLASSES, make_shapes

    steps = args.steps or (100 if args.quick else 400)
    size = 12 if args.quick else 16  # smaller images: a third less work for a first look
    runs: tuple[tuple[Norm, int], ...] = (
        ("batch", args.batch), ("group", args.batch), ("batch", args.reference_batch))
    labels, accs, losses = [], [], []
    with torch_session(args.seed) as gen:
        train_x, train_y = make_shapes(2048, size, gen)
        test_x, test_y = make_shapes(256, size, gen)
        for norm, batch in runs:
            name = f"{'BN' if norm == 'batch' else 'GroupNorm'}, batch size {batch}"
            model = small_cnn(norm, size, len(CLASSES))
            losses.append(train(model, train_x, train_y, steps, batch, gen,
                                on_step=step_reporter(report, name, steps)))
            labels.append(name)
            accs.append(accuracy(predict(model, test_x, False), test_y))
    return LiveResult(
        blocks=[TensorBlock(
            f"accuracy on 256 held-out images after {steps} steps (eval mode)",
            [[a] for a in accs],
            row_labels=labels,
            col_labels=["accuracy"],
            highlight=[(0, 0)],
            digits=3,
        )],
        values={
            "steps": steps,
            "labels": labels,
            "eval_accuracy": accs,  # on held-out images, eval mode, one per model in labels
            "final_loss": losses,
            "accuracy": dict(zip(labels, accs, strict=True)),
        },
    )
