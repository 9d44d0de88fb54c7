"""Inverted dropout: the scaling in training and the noise it adds."""

from __future__ import annotations

from bntutor.content.models import Question
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Draw, live, template

_LESSONS = ("dropout-and-bn",)


@template("dropout-kept-value", "dropout", 1, "inverted dropout's scaling", _LESSONS)
def _kept_value(q: Draw) -> Question:
    p = q.choice([0.1, 0.2, 0.25, 0.5, 0.6])
    x = float(q.choice([1, 2, 3, 1.5, 4]))
    out = live("inverted_dropout", p=p, n=50, value=x, show=50)["train_output"]
    kept = max(out)  # x > 0: a kept unit is the largest output
    return q.numeric(kept, {"unscaled": x, "original": x * (1 - p)}, p=num(p), x=num(x),
                     scale=num(1 / (1 - p)), kept=num(kept))


@template("dropout-variance", "dropout", 3, "the variance dropout adds", _LESSONS)
def _variance(q: Draw) -> Question:
    p = q.choice([0.1, 0.2, 0.25, 0.5])
    x = float(q.choice([1, 2, 3, 4]))
    # Output x / (1 - p) with probability 1 - p, else 0: mean x, E[y^2] = x^2 / (1 - p).
    mean = x
    second = x * x / (1 - p)
    var = second - mean * mean
    return q.numeric(var, {"unscaled": x * x * p * (1 - p)}, p=num(p), x=num(x),
                     high=num(x / (1 - p)), keep=num(1 - p), second=num(second), var=num(var))
