"""Running statistics after k training batches, in PyTorch's and Keras's conventions."""

from __future__ import annotations

import random
from typing import Any

from bntutor.content.models import Question
from bntutor.live.running import RunningStatsAfterArgs, running_stats_after
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import (
    Template,
    hints_of,
    numeric,
    nums,
    say,
    small_batch,
)

_LESSONS = ("train-vs-inference",)


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
    rule = say("shared.torch-rule")
    return numeric(
        say("running-mean-k.prompt", momentum=num(momentum), k=len(batches),
            listing=_listing(batches)),
        mean,
        say("running-mean-k.explanation", rule=rule, mean=num(mean)),
        hints=[*hints_of("running-mean-k"), rule],
        wrong=[(keras_mean, say("running-mean-k.wrong.keras")),
               (last, say("running-mean-k.wrong.last"))],
    )


def _running_var_torch(rng: random.Random) -> Question:
    momentum = rng.choice([0.1, 0.2, 0.5])
    batches = _batches(rng, 2, rng.choice([2, 3, 4]))
    after = _after(batches, momentum)
    var, biased = after["var"], after["var_with_biased"]
    rule = say("shared.torch-rule")
    return numeric(
        say("running-var-k.prompt", momentum=num(momentum), listing=_listing(batches)),
        var,
        say("running-var-k.explanation", rule=rule, var=num(var)),
        hints=[*hints_of("running-var-k"), rule],
        wrong=[(biased, say("running-var-k.wrong.biased"))],
    )


def _first_var_update(rng: random.Random) -> Question:
    batch = small_batch(rng, rng.choice([2, 3, 4, 5]), 0, 9)
    after = _after([batch], 0.1)
    var, biased = after["var"], after["var_with_biased"]
    batch_var, batch_var_unbiased = after["batch_vars"][0], after["batch_vars_unbiased"][0]
    return numeric(
        say("running-var-first.prompt", batch=nums(batch)),
        var,
        say("running-var-first.explanation", var=num(batch_var),
            unbiased=num(batch_var_unbiased), result=num(var)),
        hints=hints_of("running-var-first"),
        wrong=[(biased, say("running-var-first.wrong.biased"))],
    )


def _moving_mean_keras(rng: random.Random) -> Question:
    momentum = rng.choice([0.9, 0.99, 0.8])
    batches = _batches(rng, rng.choice([2, 3]), rng.choice([2, 3]))
    after = _after(batches, momentum, "keras")
    mean, torch_mean = after["mean"], after["mean_if_flipped"]
    rule = say("shared.keras-rule")
    return numeric(
        say("keras-moving-mean.prompt", momentum=num(momentum), k=len(batches),
            listing=_listing(batches)),
        mean,
        say("keras-moving-mean.explanation", rule=rule, momentum=num(momentum),
            mean=num(mean, 6)),
        hints=[rule],
        wrong=[(torch_mean, say("keras-moving-mean.wrong.torch"))],
    )


def _moving_var_keras(rng: random.Random) -> Question:
    momentum = rng.choice([0.9, 0.8, 0.5])
    batches = _batches(rng, 2, rng.choice([2, 3, 4]))
    after = _after(batches, momentum, "keras")
    var, unbiased = after["var"], after["var_with_unbiased"]
    return numeric(
        say("keras-moving-var.prompt", momentum=num(momentum), listing=_listing(batches)),
        var,
        say("keras-moving-var.explanation", rule=say("shared.keras-rule"), var=num(var)),
        hints=hints_of("keras-moving-var"),
        wrong=[(unbiased, say("keras-moving-var.wrong.unbiased"))],
    )


def _cumulative_average(rng: random.Random) -> Question:
    batches = _batches(rng, rng.choice([3, 4]), 2)
    mean = _after(batches, None)["mean"]  # momentum=None: batch t weighted 1/t
    ema = _after(batches, 0.1)["mean"]
    return numeric(
        say("momentum-none.prompt", k=len(batches), listing=_listing(batches)),
        mean,
        say("momentum-none.explanation", mean=num(mean)),
        hints=hints_of("momentum-none"),
        wrong=[(ema, say("momentum-none.wrong.ema"))],
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
