"""Running statistics after k training batches, in PyTorch's and Keras's conventions."""

from __future__ import annotations

import random
from typing import Any

from bntutor.content.models import Question
from bntutor.live.running import RunningStatsAfterArgs, running_stats_after
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Template, numeric, nums, small_batch

_LESSONS = ("train-vs-inference",)
_TORCH_RULE = "PyTorch: new = (1 - momentum) * old + momentum * batch statistic"
_KERAS_RULE = "Keras: new = momentum * old + (1 - momentum) * batch statistic"


def _batches(rng: random.Random, k: int, n: int) -> list[list[float]]:
    return [small_batch(rng, n, 0, 9) for _ in range(k)]


def _after(batches: list[list[float]], momentum: float | None,
           convention: str = "torch") -> dict[str, Any]:
    """``running_stats_after``'s values: the running statistics from mean 0, var 1, and
    what reading the momentum the other way or storing the other variance would give."""
    args = RunningStatsAfterArgs.model_validate(
        {"batches": batches, "momentum": momentum, "convention": convention})
    return running_stats_after(args).values


def _listing(batches: list[list[float]]) -> str:
    return ", ".join(nums(b) for b in batches)


def _running_mean_torch(rng: random.Random) -> Question:
    momentum = rng.choice([0.1, 0.2, 0.3])
    batches = _batches(rng, rng.choice([2, 3]), rng.choice([2, 3]))
    after = _after(batches, momentum)
    mean, keras_mean = after["mean"], after["mean_if_flipped"]
    last = sum(batches[-1]) / len(batches[-1])
    return numeric(
        f"`nn.BatchNorm1d(1, momentum={num(momentum)})` starts with running_mean = 0 and is "
        f"trained on {len(batches)} batches of one feature: {_listing(batches)}. "
        "What is running_mean afterwards (3 decimals)?",
        mean,
        f"{_TORCH_RULE}; apply it once per batch with each batch's mean: running_mean = "
        f"{num(mean)}. Training itself normalizes with each batch's own mean.",
        hints=["Each batch contributes its own mean.", _TORCH_RULE],
        wrong=[
            (keras_mean, "That weights the OLD value by momentum (the Keras convention); in "
             "PyTorch momentum weights the NEW batch statistic."),
            (last, "That is only the last batch's mean: the running mean moves towards it "
             "a step of size momentum at a time."),
        ],
    )


def _running_var_torch(rng: random.Random) -> Question:
    momentum = rng.choice([0.1, 0.2, 0.5])
    batches = _batches(rng, 2, rng.choice([2, 3, 4]))
    after = _after(batches, momentum)
    var, biased = after["var"], after["var_with_biased"]
    return numeric(
        f"`nn.BatchNorm1d(1, momentum={num(momentum)})` starts with running_var = 1 and is "
        f"trained on two batches of one feature: {_listing(batches)}. "
        "What is running_var afterwards (3 decimals)?",
        var,
        f"PyTorch stores the UNBIASED batch variance (divide by n - 1) in running_var, though "
        f"it normalizes with the biased one; {_TORCH_RULE}. Result: {num(var)}.",
        hints=["Which variance is stored: divided by n or by n - 1?", _TORCH_RULE],
        wrong=[(biased, "That stores the biased variance (divided by n); PyTorch normalizes "
                "with it but stores the unbiased one (divided by n - 1) in running_var.")],
    )


def _first_var_update(rng: random.Random) -> Question:
    batch = small_batch(rng, rng.choice([2, 3, 4, 5]), 0, 9)
    after = _after([batch], 0.1)
    var, biased = after["var"], after["var_with_biased"]
    batch_var, batch_var_unbiased = after["batch_vars"][0], after["batch_vars_unbiased"][0]
    return numeric(
        f"A fresh `nn.BatchNorm1d(1)` (running_var = 1, momentum = 0.1) sees one training "
        f"batch {nums(batch)}. What is running_var now (3 decimals)?",
        var,
        f"The batch's biased variance is {num(batch_var)}, the unbiased one "
        f"{num(batch_var_unbiased)}; PyTorch stores 0.9 * 1 + 0.1 * {num(batch_var_unbiased)}"
        f" = {num(var)}.",
        hints=["running_var = 0.9 * old + 0.1 * (variance with n - 1 in the denominator)"],
        wrong=[(biased, "That uses the biased variance; PyTorch stores the unbiased one.")],
    )


def _moving_mean_keras(rng: random.Random) -> Question:
    momentum = rng.choice([0.9, 0.99, 0.8])
    batches = _batches(rng, rng.choice([2, 3]), rng.choice([2, 3]))
    after = _after(batches, momentum, "keras")
    mean, torch_mean = after["mean"], after["mean_if_flipped"]
    return numeric(
        f"A Keras `BatchNormalization(momentum={num(momentum)})` starts with moving_mean = 0 "
        f"and is trained on {len(batches)} batches of one feature: {_listing(batches)}. "
        "What is moving_mean afterwards (4 decimals)?",
        mean,
        f"{_KERAS_RULE}. With momentum {num(momentum)} most of the old value is kept: "
        f"{num(mean, 6)}.",
        hints=[_KERAS_RULE],
        wrong=[(torch_mean, "That weights the NEW batch statistic by momentum (PyTorch's "
                "convention); Keras weights the OLD moving value by momentum.")],
    )


def _moving_var_keras(rng: random.Random) -> Question:
    momentum = rng.choice([0.9, 0.8, 0.5])
    batches = _batches(rng, 2, rng.choice([2, 3, 4]))
    after = _after(batches, momentum, "keras")
    var, unbiased = after["var"], after["var_with_unbiased"]
    return numeric(
        f"A Keras `BatchNormalization(momentum={num(momentum)})` starts with moving_variance"
        f" = 1 and is trained on two batches of one feature: {_listing(batches)}. "
        "What is moving_variance afterwards (3 decimals)?",
        var,
        f"Keras stores the biased batch variance (divided by n); {_KERAS_RULE}. "
        f"Result: {num(var)}.",
        hints=["Keras keeps momentum of the old value.", "The variance is divided by n."],
        wrong=[(unbiased, "That stores the unbiased variance (n - 1), as PyTorch does; "
                "Keras stores the biased one.")],
    )


def _cumulative_average(rng: random.Random) -> Question:
    batches = _batches(rng, rng.choice([3, 4]), 2)
    mean = _after(batches, None)["mean"]  # momentum=None: batch t weighted 1/t
    ema = _after(batches, 0.1)["mean"]
    return numeric(
        f"`nn.BatchNorm1d(1, momentum=None)` is trained on {len(batches)} batches: "
        f"{_listing(batches)}. What is running_mean afterwards (3 decimals)?",
        mean,
        "With momentum=None PyTorch keeps a cumulative average: batch t is weighted "
        f"1/t, so running_mean is the plain average of the batch means, {num(mean)}.",
        hints=["momentum=None means a cumulative (equal-weight) average."],
        wrong=[(ema, "That is the exponential average with momentum 0.1; momentum=None "
                "averages all batch means equally.")],
    )


TEMPLATES = [
    Template("running-mean-k", "train-vs-inference", 2,
             "PyTorch running_mean after k batches", _running_mean_torch, _LESSONS),
    Template("running-var-k", "train-vs-inference", 3,
             "PyTorch running_var (unbiased) after two batches", _running_var_torch, _LESSONS),
    Template("running-var-first", "train-vs-inference", 2,
             "running_var after one batch from the initial 1", _first_var_update, _LESSONS),
    Template("keras-moving-mean", "train-vs-inference", 2,
             "Keras moving_mean after k batches", _moving_mean_keras, _LESSONS),
    Template("keras-moving-var", "train-vs-inference", 3,
             "Keras moving_variance (biased) after two batches", _moving_var_keras, _LESSONS),
    Template("momentum-none", "train-vs-inference", 3,
             "momentum=None: the cumulative average", _cumulative_average, _LESSONS),
]
