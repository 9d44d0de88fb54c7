"""similar-batch: the puzzle that started bntutor, reproduced and explained."""

from __future__ import annotations

from bntutor.demos.base import DemoOptions, ReportProgress, Section, pick, small
from bntutor.live.results import LiveResult


def damage_text(before: float, after: float, batch: int) -> str:
    """What predicting in training mode did to eval-mode accuracy on the diverse batch.

    The accuracies are fractions of ``batch`` images; the text counts the images, so a
    change of one image is not called "a few".
    """
    if after < before:
        return (f"Here eval-mode accuracy on the diverse batch fell from {before:.0%} to "
                f"{after:.0%}.")
    if after > before:
        right_before, right_after = round(before * batch), round(after * batch)
        return (f"Here eval-mode accuracy on the diverse batch went from {before:.0%} to "
                f"{after:.0%} ({right_before} to {right_after} of its {batch} images right), "
                "this time for the better. Which way it moves is luck; the damage is that a "
                "validation pass changed the model at all: its running statistics are no "
                "longer the ones training learned.")
    return (f"This small network happens to survive it (eval-mode accuracy stays "
            f"{after:.0%}), but its running statistics are no longer the ones training "
            "learned.")


def sections(options: DemoOptions, progress: ReportProgress) -> list[Section]:
    from bntutor.live.similar_batch import (
        SimilarBatchArgs,
        accuracy_block,
        accuracy_plot,
        aftermath_block,
        run_similar_batch,
        shift_block,
        std_block,
        training_block,
    )

    args = SimilarBatchArgs(seed=options.seed, quick=options.quick)
    data = run_similar_batch(args, progress)
    values = data.values()
    bn_train, bn_eval = data.similar_accuracy[0], data.similar_accuracy[1]
    before, after = data.diverse_accuracy[1], data.eval_accuracy_after
    damage = damage_text(before, after, args.batch)
    std = data.batch_std
    return [
        Section(
            "setup",
            "The puzzle",
            "A model trains well. At evaluation time, a batch of varied images is predicted "
            "well, but a batch of near-identical images (augmented copies of one picture) is "
            "predicted badly. Let us rebuild that: small generated images of four shapes "
            "(horizontal bar, vertical bar, square, diagonal line), a small CNN with BN after "
            "each conv and after its hidden fully connected layer, and a twin with GroupNorm "
            "in the same places.",
            LiveResult([training_block(data)], pick(values, "steps", "train_size",
                                                    "final_loss")),
        ),
        Section(
            "predict",
            "Predict in training mode and in eval mode",
            f"Now predict one diverse batch of {args.batch} test images, and for each of "
            f"{data.images} of them a batch of {args.batch} near-copies (the image itself, "
            "then copies shifted by at most a pixel, with brightness and noise changed a "
            "little). Every prediction is "
            "made twice: with the model in training mode (`model.train()`), and in eval mode "
            "(`model.eval()`).",
            LiveResult([accuracy_block(data), accuracy_plot(data)],
                       pick(values, "modes", "diverse_accuracy", "similar_accuracy")),
            f"There it is: in training mode BN gets {bn_train:.0%} of the near-copies right, "
            f"in eval mode {bn_eval:.0%}. On the diverse batch both modes do well, which is "
            "why the bug hides so easily.",
        ),
        Section(
            "batch-mates",
            "One image, two sets of batch mates",
            "Take one test image and predict it twice: once inside the diverse batch, once "
            "inside the batch of its own near-copies. The image itself is the same tensor "
            "both times; only its batch mates change.",
            LiveResult([shift_block(data)],
                       pick(values, "shift_mean", "shift_max", "eval_alone_max_diff")),
            f"In training mode its class probabilities move by up to {data.shift_max[0]:.2f} "
            f"(out of 1). In eval mode they move by {small(data.shift_max[1])}, and an image "
            f"predicted alone gets the same answer as in its batch (to "
            f"{small(data.eval_alone_max_diff)}): each prediction stands on its own. GroupNorm "
            "normalizes every sample with its own statistics, so its predictions never "
            "depended on the batch in either mode.",
        ),
        Section(
            "why",
            "Why training mode does this",
            "In training mode BN normalizes every feature with the mean and spread of *the "
            "batch in front of it*. That is what it is meant to do during training, where "
            "batches are shuffled mixes of the data. A batch of near-copies is not a mix: its "
            "mean is, in effect, the image itself, so subtracting it removes exactly what "
            "makes the image what it is, and what is left (augmentation noise) is divided by "
            "a spread far smaller than the one the network was trained with.",
            LiveResult([std_block(data)], pick(values, "batch_std")),
            f"The hidden layer's BN divides by a spread of about {std['near_copies']:.2f} on "
            f"near-copies, against {std['diverse']:.2f} on a diverse batch and "
            f"{std['running']:.2f} in its running estimate. In eval mode BN uses the running "
            "estimates learned over all of training: fixed numbers, the same whatever else is "
            "in the batch.",
        ),
        Section(
            "fix",
            "The cause, the fix, and a side effect",
            "Predicting in training mode has a second cost: every forward pass also blends "
            "that batch's statistics into BN's running ones (a tenth per batch at PyTorch's "
            "default momentum 0.1), so what training learned drifts away.",
            LiveResult([aftermath_block(data)],
                       pick(values, "running_std_before", "running_std_after",
                            "eval_accuracy_before", "eval_accuracy_after")),
            f"{damage}\n\n"
            "So the cause is not that BN \"has not seen enough similar images\", and more "
            "training would not cure it: the predictions were made in training mode, where "
            "each one depends on the rest of its batch. Note too that training mode "
            "normalizes with the batch's own statistics; the moving averages are only "
            "*collected* during training, for eval mode to use. The fix is one line before "
            "predicting: `model.eval()` (and `torch.no_grad()` to save memory and time).",
        ),
    ]
