"""Batch statistics and normalized values of a small fully-connected batch."""

from __future__ import annotations

import math
import random
from typing import Any

from bntutor.content.models import LText, Question
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Draw, live, nums, small_batch, template

_LESSONS = ("bn-mechanics",)


def _table(rows: list[list[float]]) -> str:
    """A batch as rows of samples: ``[[1, 2], [3, 4]]``."""
    return "[" + ", ".join(nums(r) for r in rows) + "]"


def _batch(rng: random.Random, n: int, features: int = 2) -> tuple[list[list[float]], int]:
    columns = [small_batch(rng, n) for _ in range(features)]
    rows = [[columns[f][i] for f in range(features)] for i in range(n)]
    return rows, rng.randrange(features)


def _bn(rows: list[list[float]], column: int = 0, gamma: float = 1.0,
        beta: float = 0.0) -> dict[str, Any]:
    """``bn_column``'s values for ``column`` of the batch ``rows`` (one row per sample)."""
    return live("bn_column", values=rows, column=column, gamma=gamma, beta=beta)


def _ordinal(i: int) -> LText:
    english = {0: "first", 1: "second", 2: "third", 3: "fourth", 4: "fifth"}.get(i, f"#{i + 1}")
    return {"en": english, "zh": f"第 {i + 1} 个"}


@template("feature-mean", "bn-mechanics", 1, "the batch mean of one feature", _LESSONS)
def _feature_mean(q: Draw) -> Question:
    rows, j = _batch(q, q.choice([3, 4]))
    stats = _bn(rows, j)
    return q.numeric(stats["mean"], {"row": stats["row_means"][0]}, n=len(rows),
                     table=_table(rows), feature=_ordinal(j), mean=num(stats["mean"]))


@template("feature-var", "bn-mechanics", 1, "the biased batch variance of one feature", _LESSONS)
def _feature_var(q: Draw) -> Question:
    rows, j = _batch(q, q.choice([3, 4, 5]))
    stats = _bn(rows, j)
    wrong = {"unbiased": stats["var_unbiased"], "std": math.sqrt(stats["var"])}
    return q.numeric(stats["var"], wrong, table=_table(rows), feature=_ordinal(j),
                     var=num(stats["var"]), unbiased=num(stats["var_unbiased"]))


@template("normalized-value", "bn-mechanics", 2, "x_hat of one value in a small batch", _LESSONS)
def _normalized_value(q: Draw) -> Question:
    n = q.choice([3, 4])
    rows, j = _batch(q, n)
    i = q.randrange(n)
    stats = _bn(rows, j)
    column, mean, var, x_hat = stats["column"], stats["mean"], stats["var"], stats["x_hat"]
    wrong = {"unbiased": stats["x_hat_unbiased"][i], "no-sqrt": stats["x_over_var"][i]}
    return q.numeric(x_hat[i], wrong, table=_table(rows), sample=_ordinal(i),
                     feature=_ordinal(j), mean=num(mean), var=num(var), x=num(column[i]),
                     x_hat=num(x_hat[i]))


@template("affine-output", "bn-mechanics", 2, "y = gamma * x_hat + beta", _LESSONS)
def _affine_output(q: Draw) -> Question:
    batch = small_batch(q, q.choice([3, 4]))
    i = q.randrange(len(batch))
    gamma = float(q.choice([0.5, 2, 3, -1, 1.5]))
    beta = float(q.choice([-1, 0.5, 1, 2]))
    stats = _bn([[v] for v in batch], gamma=gamma, beta=beta)
    x_hat, y = stats["x_hat"], stats["y"]
    return q.numeric(y[i], {"swapped": beta * x_hat[i] + gamma, "x-hat": x_hat[i]},
                     batch=nums(batch), gamma=num(gamma), beta=num(beta), value=_ordinal(i),
                     x_hat=num(x_hat[i]), y=num(round(y[i], 4)))


@template("normalized-column", "bn-mechanics", 3, "all normalized values of one feature",
          _LESSONS)
def _normalized_column(q: Draw) -> Question:
    batch = small_batch(q, 4)
    stats = _bn([[v] for v in batch])
    return q.tensor(stats["x_hat"], batch=nums(batch), mean=num(stats["mean"]),
                    var=num(stats["var"]), outputs=nums(stats["x_hat"], 3))


def _eval_mode_bn(x: float, running_mean: float, running_var: float, gamma: float,
                  beta: float, eps: float) -> float:
    import torch

    from bntutor.engine import batch_norm

    def t(v: float) -> torch.Tensor:
        return torch.tensor([v], dtype=torch.float64)

    return float(batch_norm(t(x).reshape(1, 1), t(running_mean), t(running_var), t(gamma),
                            t(beta), training=False, eps=eps)[0, 0])


@template("eval-output", "train-vs-inference", 2, "the eval-mode output of one value",
          ("train-vs-inference",))
def _eval_output(q: Draw) -> Question:
    running_mean = float(q.choice([0.5, 1, 2, -1]))
    running_var = float(q.choice([0.25, 4, 9, 2]))
    gamma = float(q.choice([1, 2, 0.5]))
    beta = float(q.choice([0, 1, -0.5]))
    x = float(q.randint(-3, 6))
    eps = 1e-5
    y = _eval_mode_bn(x, running_mean, running_var, gamma, beta, eps)
    no_sqrt = gamma * (x - running_mean) / (running_var + eps) + beta
    return q.numeric(y, {"no-sqrt": no_sqrt}, mean=num(running_mean), var=num(running_var),
                     gamma=num(gamma), beta=num(beta), x=num(x), y=num(round(y, 4)))
