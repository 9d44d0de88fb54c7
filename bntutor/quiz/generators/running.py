"""Running statistics after k training batches, in PyTorch's and Keras's conventions."""

from __future__ import annotations

import random
from typing import Any

from bntutor.content.models import Question
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Draw, live, nums, say, small_batch, template

_LESSONS = ("train-vs-inference",)


def _batches(rng: random.Random, k: int, n: int) -> list[list[float]]:
    return [small_batch(rng, n, 0, 9) for _ in range(k)]


def _after(batches: list[list[float]], momentum: float | None,
           convention: str = "torch") -> dict[str, Any]:
    """``running_stats_after``'s values: the running statistics from mean 0, var 1, and
    what reading the momentum the other way or storing the other variance would give."""
    return live("running_stats_after", batches=batches, momentum=momentum,
                convention=convention)


def _listing(batches: list[list[float]]) -> str:
    return ", ".join(nums(b) for b in batches)


@template("running-mean-k", "train-vs-inference", 2, "PyTorch running_mean after k batches",
          _LESSONS)
def _running_mean_torch(q: Draw) -> Question:
    momentum = q.choice([0.1, 0.2, 0.3])
    batches = _batches(q, q.choice([2, 3]), q.choice([2, 3]))
    after = _after(batches, momentum)
    rule = say("shared.torch-rule")
    wrong = {"keras": after["mean_if_flipped"], "last": sum(batches[-1]) / len(batches[-1])}
    return q.numeric(after["mean"], wrong, hint=rule, momentum=num(momentum), k=len(batches),
                     listing=_listing(batches), rule=rule, mean=num(after["mean"]))


@template("running-var-k", "train-vs-inference", 3,
          "PyTorch running_var (unbiased) after two batches", _LESSONS)
def _running_var_torch(q: Draw) -> Question:
    momentum = q.choice([0.1, 0.2, 0.5])
    batches = _batches(q, 2, q.choice([2, 3, 4]))
    after = _after(batches, momentum)
    rule = say("shared.torch-rule")
    return q.numeric(after["var"], {"biased": after["var_with_biased"]}, hint=rule,
                     momentum=num(momentum), listing=_listing(batches), rule=rule,
                     var=num(after["var"]))


@template("running-var-first", "train-vs-inference", 2,
          "running_var after one batch from the initial 1", _LESSONS)
def _first_var_update(q: Draw) -> Question:
    batch = small_batch(q, q.choice([2, 3, 4, 5]), 0, 9)
    after = _after([batch], 0.1)
    return q.numeric(after["var"], {"biased": after["var_with_biased"]}, batch=nums(batch),
                     var=num(after["batch_vars"][0]),
                     unbiased=num(after["batch_vars_unbiased"][0]), result=num(after["var"]))


@template("keras-moving-mean", "train-vs-inference", 2, "Keras moving_mean after k batches",
          _LESSONS)
def _moving_mean_keras(q: Draw) -> Question:
    momentum = q.choice([0.9, 0.99, 0.8])
    batches = _batches(q, q.choice([2, 3]), q.choice([2, 3]))
    after = _after(batches, momentum, "keras")
    rule = say("shared.keras-rule")
    return q.numeric(after["mean"], {"torch": after["mean_if_flipped"]}, hint=rule,
                     momentum=num(momentum), k=len(batches), listing=_listing(batches),
                     rule=rule, mean=num(after["mean"], 6))


@template("keras-moving-var", "train-vs-inference", 3,
          "Keras moving_variance (biased) after two batches", _LESSONS)
def _moving_var_keras(q: Draw) -> Question:
    momentum = q.choice([0.9, 0.8, 0.5])
    batches = _batches(q, 2, q.choice([2, 3, 4]))
    after = _after(batches, momentum, "keras")
    return q.numeric(after["var"], {"unbiased": after["var_with_unbiased"]},
                     momentum=num(momentum), listing=_listing(batches),
                     rule=say("shared.keras-rule"), var=num(after["var"]))


@template("momentum-none", "train-vs-inference", 3, "momentum=None: the cumulative average",
          _LESSONS)
def _cumulative_average(q: Draw) -> Question:
    batches = _batches(q, q.choice([3, 4]), 2)
    mean = _after(batches, None)["mean"]  # momentum=None: batch t weighted 1/t
    return q.numeric(mean, {"ema": _after(batches, 0.1)["mean"]}, k=len(batches),
                     listing=_listing(batches), mean=num(mean))
