"""Inverted dropout: the scaling in training and the noise it adds."""

from __future__ import annotations

import random

from bntutor.content.models import Question
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Template, numeric

_LESSONS = ("dropout-and-bn",)


def _kept_value(rng: random.Random) -> Question:
    import torch

    p = rng.choice([0.1, 0.2, 0.25, 0.5, 0.6])
    x = float(rng.choice([1, 2, 3, 1.5, 4]))
    with torch.random.fork_rng():  # leave the global generator as it was
        torch.manual_seed(0)
        out = torch.nn.functional.dropout(torch.full((64,), x, dtype=torch.float64), p, True)
    kept = float(out.max())  # x > 0: a kept unit is the largest output
    return numeric(
        f"`nn.Dropout(p={num(p)})` in training mode gets a unit whose activation is "
        f"{num(x)}. If the unit is kept (not zeroed), what value does it output (3 decimals)?",
        kept,
        f"PyTorch uses inverted dropout: kept units are scaled by 1 / (1 - p) = "
        f"{num(1 / (1 - p))} in training, so nothing needs rescaling at test time: "
        f"{num(x)} / (1 - {num(p)}) = {num(kept)}.",
        hints=["Inverted dropout scales in training, so the expected value is unchanged."],
        wrong=[(x, "PyTorch scales kept units by 1 / (1 - p) in training (inverted dropout)."),
               (x * (1 - p), "Multiplying by (1 - p) at test time was the original dropout; "
                "PyTorch divides kept units by (1 - p) in training instead.")],
    )


def _variance(rng: random.Random) -> Question:
    p = rng.choice([0.1, 0.2, 0.25, 0.5])
    x = float(rng.choice([1, 2, 3, 4]))
    # Output x / (1 - p) with probability 1 - p, else 0: mean x, E[y^2] = x^2 / (1 - p).
    mean = x
    second = x * x / (1 - p)
    var = second - mean * mean
    return numeric(
        f"Inverted dropout with p = {num(p)} in training mode acts on a unit whose activation "
        f"is always {num(x)}. What is the variance of its output (3 decimals)?",
        var,
        f"The output is {num(x / (1 - p))} with probability {num(1 - p)} and 0 otherwise: mean "
        f"{num(x)}, mean square {num(second)}, variance x^2 p / (1 - p) = {num(var)}. In eval "
        "mode the variance is 0: that shift is why dropout before BN upsets BN's running "
        "variance.",
        hints=["Var = E[y^2] - E[y]^2; y takes two values."],
        wrong=[(x * x * p * (1 - p), "That is the variance without the 1 / (1 - p) scaling.")],
    )


TEMPLATES = [
    Template("dropout-kept-value", "dropout", 1, "inverted dropout's scaling", _kept_value,
             _LESSONS),
    Template("dropout-variance", "dropout", 3, "the variance dropout adds", _variance, _LESSONS),
]
