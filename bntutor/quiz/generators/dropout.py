"""Inverted dropout: the scaling in training and the noise it adds."""

from __future__ import annotations

import random

from bntutor.content.models import Question
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Template, hints_of, numeric, say

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
        say("dropout-kept-value.prompt", p=num(p), x=num(x)),
        kept,
        say("dropout-kept-value.explanation", scale=num(1 / (1 - p)), x=num(x), p=num(p),
            kept=num(kept)),
        hints=hints_of("dropout-kept-value"),
        wrong=[(x, say("dropout-kept-value.wrong.unscaled")),
               (x * (1 - p), say("dropout-kept-value.wrong.original"))],
    )


def _variance(rng: random.Random) -> Question:
    p = rng.choice([0.1, 0.2, 0.25, 0.5])
    x = float(rng.choice([1, 2, 3, 4]))
    # Output x / (1 - p) with probability 1 - p, else 0: mean x, E[y^2] = x^2 / (1 - p).
    mean = x
    second = x * x / (1 - p)
    var = second - mean * mean
    return numeric(
        say("dropout-variance.prompt", p=num(p), x=num(x)),
        var,
        say("dropout-variance.explanation", high=num(x / (1 - p)), keep=num(1 - p), x=num(x),
            second=num(second), var=num(var)),
        hints=hints_of("dropout-variance"),
        wrong=[(x * x * p * (1 - p), say("dropout-variance.wrong.unscaled"))],
    )


TEMPLATES = [
    Template("dropout-kept-value", "dropout", 1, "inverted dropout's scaling", _kept_value,
             _LESSONS),
    Template("dropout-variance", "dropout", 3, "the variance dropout adds", _variance, _LESSONS),
]
