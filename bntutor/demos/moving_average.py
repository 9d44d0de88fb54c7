"""moving-average: BN's running statistics against the population's, for several momenta."""

from __future__ import annotations

from bntutor.demos.base import DemoOptions, ReportProgress, Section, pick
from bntutor.live.results import LiveResult


def sections(options: DemoOptions, progress: ReportProgress) -> list[Section]:
    from bntutor.live.running import (
        RunningStatsArgs,
        correction_block,
        cumulative_block,
        curve_plots,
        final_block,
        run_running_stats,
    )

    args = RunningStatsArgs(seed=options.seed, quick=options.quick)
    data = run_running_stats(args)
    values = data.values()
    slowest = min(args.momenta)
    left = (1.0 - slowest) ** data.steps
    final = values["final"]
    assert isinstance(final, dict)
    torch_small, keras_big = final[f"torch momentum={slowest}"], final[
        f"keras momentum={1 - slowest:g}"]
    return [
        Section(
            "curves",
            "Running statistics, step by step",
            f"Batches of {data.batch} values are drawn from a population with mean "
            f"{data.true_mean:g} and variance {data.true_var:g}. In training mode BN "
            "normalizes each batch with that batch's own mean and variance, and on the side "
            "keeps running estimates for eval mode, starting from mean 0 and variance 1. "
            "PyTorch's rule: `running = (1 − momentum) · running + momentum · batch`.",
            LiveResult(curve_plots(data), pick(values, "steps", "batch", "true_mean",
                                               "true_var", "curves")),
            f"A large momentum follows the batches quickly but stays as noisy as they are; a "
            f"small one is smooth but slow to forget its start: after k steps a share "
            f"(1 − momentum)^k of the starting value is left, so with momentum {slowest:g} "
            f"after {data.steps} steps still {left:.0%} of it.",
        ),
        Section(
            "conventions",
            "PyTorch's and Keras's momentum",
            "Keras turns the rule around: its momentum is the weight of the *old* value, "
            "`running = momentum · running + (1 − momentum) · batch`, so Keras's 0.99 is "
            "PyTorch's 0.01. PyTorch stores the unbiased variance of each batch (÷(n − 1)), "
            "Keras the biased one (÷n). `momentum=None` in PyTorch keeps the plain average of "
            "every batch so far.",
            LiveResult([final_block(data)], pick(values, "final")),
            f"PyTorch's momentum {slowest:g} and Keras's {1 - slowest:g} end on the same "
            f"running mean ({torch_small['mean']:.4f} and {keras_big['mean']:.4f}); their "
            f"variances differ ({torch_small['var']:.3f} and {keras_big['var']:.3f}) by the "
            f"factor n/(n − 1) = {data.batch}/{data.batch - 1}.",
        ),
        Section(
            "cumulative",
            "momentum=None",
            "With `momentum=None` the weight of step k is 1/k, which makes the running mean "
            "exactly the average of all batch means so far.",
            LiveResult([cumulative_block(data)],
                       pick(values, "mean_of_batch_means", "cumulative_max_diff")),
        ),
        Section(
            "unbiased",
            "Why the unbiased variance is stored",
            "A batch's variance around its own mean comes out too small on average, by the "
            "factor (n − 1)/n: the batch mean sits closer to the batch than the true mean "
            "does. BN normalizes the batch with that biased variance (it describes the batch "
            "in hand), but PyTorch stores n/(n − 1) times it, so that the running estimate "
            "aims at the population's variance.",
            LiveResult([correction_block(data)],
                       pick(values, "mean_biased_var", "mean_unbiased_var")),
        ),
    ]
