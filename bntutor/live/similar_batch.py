"""The similar-images puzzle, reproduced: inference run in training mode.

Train a small CNN with BN (and a GroupNorm twin) on generated shapes, then predict a
diverse batch and batches of near-identical copies of one image, in training mode and in
eval mode. In training mode BN normalizes with the batch's own statistics, so a batch of
near-copies is normalized by almost zero spread and each prediction depends on its batch
mates; in eval mode BN uses the running statistics and every image stands alone.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import Field

from bntutor.live._tensors import torch_session
from bntutor.live.progress import ReportProgress, step_reporter
from bntutor.live.registry import RunArgs, computation
from bntutor.live.results import Block, LiveResult, PlotBlock, ScalarsBlock, Series, TensorBlock

if TYPE_CHECKING:
    from torch import Tensor, nn

    from bntutor.live._nets import Norm

NORMS: tuple[tuple[Norm, str], ...] = (
    ("batch", "training the BN model"),
    ("group", "training the GroupNorm twin"),
)

IMAGE_SIZE = 16
FC_BN = 10  # index of the fully connected layer's BN in :func:`small_cnn`
MODES: tuple[str, ...] = ("BN, training mode", "BN, eval mode", "GroupNorm, training mode",
                          "GroupNorm, eval mode")


class SimilarBatchArgs(RunArgs):
    batch: int = Field(default=32, ge=4, le=128, description="images per batch")
    images: int | None = Field(default=None, ge=1, le=32,
                               description="test images given a near-copy batch (16, quick 8)")


@dataclass(frozen=True)
class SimilarBatchData:
    """Accuracies and prediction shifts, one entry per row of :data:`MODES`."""
    steps: int
    train_size: int
    images: int
    """How many test images got a batch of near-copies."""
    final_loss: dict[str, float]
    diverse_accuracy: list[float]
    similar_accuracy: list[float]
    shift_mean: list[float]
    """Mean over images of the largest change of a class probability between batches."""
    shift_max: list[float]
    batch_std: dict[str, float]
    """Mean std of the FC layer's BN input: diverse batch, near-copies, running estimate."""
    eval_alone_max_diff: float
    """Eval mode: largest difference between an image predicted alone and in its batch."""
    eval_accuracy_after: float
    """Eval accuracy on the diverse batch after near-copy batches ran in training mode."""
    running_std_after: float
    """The FC layer's running std (mean over features) after those training-mode runs."""
    batch: int
    """Images per batch (the diverse batch is one)."""
    def values(self) -> dict[str, object]:
        before, after = self.diverse_accuracy[1], self.eval_accuracy_after
        return {
            "steps": self.steps,
            "train_size": self.train_size,
            "images": self.images,
            "final_loss": self.final_loss,
            "modes": list(MODES),
            "diverse_accuracy": self.diverse_accuracy,
            "similar_accuracy": self.similar_accuracy,
            "shift_mean": self.shift_mean,
            "shift_max": self.shift_max,
            "batch_std": self.batch_std,
            "eval_alone_max_diff": self.eval_alone_max_diff,
            "eval_accuracy_before": self.diverse_accuracy[1],
            "eval_accuracy_after": self.eval_accuracy_after,
            "running_std_before": self.batch_std["running"],
            "running_std_after": self.running_std_after,
            "eval_right_before": round(before * self.batch),
            "eval_right_after": round(after * self.batch),
            # which way that validation pass moved eval accuracy: a demo words each case
            "eval_change": "fell" if after < before else "rose" if after > before else "same",
        }


def _fc_batch_std(model: nn.Sequential, diverse: Tensor, similar: list[Tensor]) -> dict[str, float]:
    """Mean over features of the std the FC layer's BN would divide by, per kind of batch."""
    import torch
    from torch import nn

    bn = model[FC_BN]
    assert isinstance(bn, nn.BatchNorm1d) and bn.running_var is not None
    probe = copy.deepcopy(model).train()[:FC_BN]  # everything before that BN
    with torch.no_grad():
        std_div = float(probe(diverse).std(dim=0, unbiased=False).mean())
        std_sim = sum(float(probe(b).std(dim=0, unbiased=False).mean()) for b in similar)
    return {
        "diverse": std_div,
        "near_copies": std_sim / len(similar),
        "running": float(bn.running_var.sqrt().mean()),
    }


@computation(
    SimilarBatchArgs,
    "Train a small CNN with BN and predict diverse vs near-identical batches in both modes.",
    ("modes", "diverse_accuracy", "similar_accuracy", "shift_mean", "shift_max", "batch_std",
     "eval_alone_max_diff", "eval_accuracy_before", "eval_accuracy_after",
     "running_std_before", "running_std_after", "steps", "train_size", "images", "final_loss",
     "eval_right_before", "eval_right_after", "eval_change"),
)
def similar_batch(args: SimilarBatchArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.live._nets import accuracy, predict, small_cnn, train
    from bntutor.live.shape_images import CLASSES, make_shapes, near_copies

    steps, train_size = (60, 512) if args.quick else (200, 2048)
    images = min(args.images or (8 if args.quick else 16), args.batch)
    with torch_session(args.seed) as gen:
        train_x, train_y = make_shapes(train_size, IMAGE_SIZE, gen)
        test_x, test_y = make_shapes(args.batch, IMAGE_SIZE, gen)
        similar = []
        for i in range(images):  # the original image first, then its near-copies
            copies = near_copies(test_x[i], args.batch - 1, gen)
            similar.append(torch.cat([test_x[i : i + 1], copies]))

        models: dict[Norm, nn.Sequential] = {}
        losses: dict[Norm, float] = {}
        for norm, label in NORMS:
            model = small_cnn(norm, IMAGE_SIZE, len(CLASSES))
            losses[norm] = train(model, train_x, train_y, steps, 32, gen,
                                 on_step=step_reporter(report, label, steps))
            models[norm] = model

        diverse_acc, similar_acc, shift_mean, shift_max = [], [], [], []
        for norm, _ in NORMS:
            for training in (True, False):
                model = copy.deepcopy(models[norm])  # training mode overwrites running stats
                p_div = predict(model, test_x, training)
                diverse_acc.append(accuracy(p_div, test_y))
                hits, shifts = [], []
                for i, batch in enumerate(similar):
                    p_sim = predict(model, batch, training)
                    hits.append(accuracy(p_sim, test_y[i].expand(len(batch))))
                    shifts.append(float((p_sim[0] - p_div[i]).abs().max()))
                similar_acc.append(sum(hits) / len(hits))
                shift_mean.append(sum(shifts) / len(shifts))
                shift_max.append(max(shifts))

        bn = models["batch"]
        batch_std = _fc_batch_std(bn, test_x, similar)
        alone = torch.cat([predict(bn, test_x[i : i + 1], False) for i in range(len(test_x))])
        eval_alone = float((alone - predict(bn, test_x, False)).abs().max())
        for batch in similar:  # what evaluating in training mode does to the running stats
            predict(bn, batch, True)
        after = accuracy(predict(bn, test_x, False), test_y)
        running_after = _fc_batch_std(bn, test_x, similar[:1])["running"]

    data = SimilarBatchData(
        steps=steps,
        train_size=train_size,
        images=images,
        final_loss={"batch": losses["batch"], "group": losses["group"]},
        diverse_accuracy=diverse_acc,
        similar_accuracy=similar_acc,
        shift_mean=shift_mean,
        shift_max=shift_max,
        batch_std=batch_std,
        eval_alone_max_diff=eval_alone,
        eval_accuracy_after=after,
        running_std_after=running_after,
        batch=args.batch,
    )
    bar_labels = ["BN train", "BN eval", "GN train", "GN eval"]
    blocks: list[Block] = [
        ScalarsBlock("training", [
            ("generated training images", data.train_size),
            ("steps of 32 images (Adam)", data.steps),
            ("last batch loss, BN model", data.final_loss["batch"]),
            ("last batch loss, GroupNorm twin", data.final_loss["group"]),
        ]),
        TensorBlock(
            "accuracy",
            [[d, s] for d, s in zip(data.diverse_accuracy, data.similar_accuracy, strict=True)],
            row_labels=list(MODES),
            col_labels=["diverse batch", "near-identical batch"],
            highlight=[(0, 1)],
            digits=3,
        ),
        PlotBlock(
            "accuracy on near-identical batches",
            "bar",
            [Series("accuracy", list(range(len(bar_labels))), data.similar_accuracy)],
            labels=bar_labels,
        ),
        TensorBlock(
            "how far an image's probabilities move when its batch mates change",
            [[m, x] for m, x in zip(data.shift_mean, data.shift_max, strict=True)],
            row_labels=list(MODES),
            col_labels=["mean shift", "largest shift"],
            caption="largest change of any class probability, diverse batch vs near-copies",
        ),
        ScalarsBlock("spread the FC layer's BN divides by (mean std over features)", [
            ("diverse batch (training mode)", data.batch_std["diverse"]),
            ("near-identical batch (training mode)", data.batch_std["near_copies"]),
            ("running estimate (eval mode)", data.batch_std["running"]),
        ]),
        ScalarsBlock("after predicting the near-identical batches in training mode", [
            ("FC layer's running std, before", data.batch_std["running"]),
            ("FC layer's running std, after", data.running_std_after),
            ("eval-mode accuracy on the diverse batch, before", data.diverse_accuracy[1]),
            ("eval-mode accuracy on the diverse batch, after", data.eval_accuracy_after),
        ], digits=3),
    ]
    return LiveResult(blocks=blocks, values=data.values())
