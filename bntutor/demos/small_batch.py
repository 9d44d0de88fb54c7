"""small-batch: noisy batch statistics, and BN vs GroupNorm trained at batch size 2."""

from __future__ import annotations

from bntutor.demos.base import DemoOptions, ReportProgress, Section
from bntutor.live.results import LiveResult


def sections(options: DemoOptions, progress: ReportProgress) -> list[Section]:
    from bntutor.live.batch_noise import (
        SmallBatchNoiseArgs,
        SmallBatchTrainingArgs,
        noise_block,
        noise_plot,
        run_small_batch_noise,
        run_small_batch_training,
        training_block,
    )

    noise = run_small_batch_noise(SmallBatchNoiseArgs(seed=options.seed, quick=options.quick))
    training = run_small_batch_training(
        SmallBatchTrainingArgs(seed=options.seed, quick=options.quick), progress)
    bn2, gn2, bn_ref = training.eval_accuracy
    return [
        Section(
            "noise",
            "How noisy batch statistics are",
            f"Draw {noise.trials} batches of each size from one population and see how much "
            "the batch mean and the batch variance wobble from batch to batch. BN normalizes "
            "every training batch with these numbers.",
            LiveResult([noise_block(noise), noise_plot(noise)], noise.values()),
            f"At batch size {noise.sizes[0]} the batch mean wobbles with a spread of "
            f"{noise.std_of_mean[0]:.2f}, at {noise.sizes[-1]} with {noise.std_of_mean[-1]:.2f}: "
            "the spread shrinks like 1/√B. With tiny batches the normalization itself becomes "
            "noise, and the running averages eval mode relies on are averages of that noise.",
        ),
        Section(
            "training",
            "BN and GroupNorm at batch size 2",
            "The same small CNN on the same generated shapes, trained for the same number of "
            "steps: with BN at batch size 2, with GroupNorm (which normalizes each sample by "
            "itself, over groups of channels) at batch size 2, and with BN at a usual batch "
            "size for comparison. Accuracy is measured in eval mode on held-out images.",
            LiveResult([training_block(training)], training.values()),
            f"BN trained at batch size 2 reaches {bn2:.0%}, GroupNorm at the same batch size "
            f"{gn2:.0%}, and BN at a usual batch size {bn_ref:.0%}. Two samples are the worst "
            "case for BN: each value lies exactly one standard deviation from the pair's "
            "mean, so after the fully connected layer every normalized feature is ±1 and "
            "all that survives is which of the two samples was larger. Training learns "
            "from that, and the running statistics eval mode uses are averages of such "
            "wild two-sample estimates. GroupNorm has no batch statistics to get wrong.",
        ),
    ]
