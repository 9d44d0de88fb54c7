"""Batch statistics and normalized values of a small fully-connected batch."""

from __future__ import annotations

import math
import random
from typing import Any

from bntutor.content.models import LText, Question
from bntutor.live.feature_stats import BnColumnArgs, bn_column
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import (
    Template,
    hints_of,
    numeric,
    nums,
    say,
    small_batch,
    tensor,
)

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
    args = {"values": rows, "column": column, "gamma": gamma, "beta": beta}
    return bn_column(BnColumnArgs.model_validate(args)).values


def _ordinal(i: int) -> LText:
    english = {0: "first", 1: "second", 2: "third", 3: "fourth", 4: "fifth"}.get(i, f"#{i + 1}")
    return {"en": english, "zh": f"第 {i + 1} 个"}


def _feature_mean(rng: random.Random) -> Question:
    rows, j = _batch(rng, rng.choice([3, 4]))
    stats = _bn(rows, j)
    return numeric(
        say("feature-mean.prompt", n=len(rows), table=_table(rows), feature=_ordinal(j)),
        stats["mean"],
        say("feature-mean.explanation", mean=num(stats['mean'])),
        hints=hints_of("feature-mean"),
        wrong=[(stats["row_means"][0], say("feature-mean.wrong.row"))],
    )


def _feature_var(rng: random.Random) -> Question:
    rows, j = _batch(rng, rng.choice([3, 4, 5]))
    stats = _bn(rows, j)
    return numeric(
        say("feature-var.prompt", table=_table(rows), feature=_ordinal(j)),
        stats["var"],
        say("feature-var.explanation", var=num(stats["var"]),
            unbiased=num(stats["var_unbiased"])),
        hints=hints_of("feature-var"),
        wrong=[(stats["var_unbiased"], say("feature-var.wrong.unbiased")),
               (math.sqrt(stats["var"]), say("feature-var.wrong.std"))],
    )


def _normalized_value(rng: random.Random) -> Question:
    n = rng.choice([3, 4])
    rows, j = _batch(rng, n)
    i = rng.randrange(n)
    stats = _bn(rows, j)
    column, mean, var, x_hat = stats["column"], stats["mean"], stats["var"], stats["x_hat"]
    return numeric(
        say("normalized-value.prompt", table=_table(rows), sample=_ordinal(i),
            feature=_ordinal(j)),
        x_hat[i],
        say("normalized-value.explanation", mean=num(mean), var=num(var), x=num(column[i]),
            x_hat=num(x_hat[i])),
        hints=hints_of("normalized-value"),
        wrong=[(stats["x_hat_unbiased"][i], say("normalized-value.wrong.unbiased")),
               (stats["x_over_var"][i], say("normalized-value.wrong.no-sqrt"))],
    )


def _affine_output(rng: random.Random) -> Question:
    batch = small_batch(rng, rng.choice([3, 4]))
    i = rng.randrange(len(batch))
    gamma = float(rng.choice([0.5, 2, 3, -1, 1.5]))
    beta = float(rng.choice([-1, 0.5, 1, 2]))
    stats = _bn([[v] for v in batch], gamma=gamma, beta=beta)
    x_hat, y = stats["x_hat"], stats["y"]
    swapped = beta * x_hat[i] + gamma
    return numeric(
        say("affine-output.prompt", batch=nums(batch), gamma=num(gamma), beta=num(beta),
            value=_ordinal(i)),
        y[i],
        say("affine-output.explanation", x_hat=num(x_hat[i]), y=num(round(y[i], 4))),
        hints=hints_of("affine-output"),
        wrong=[(swapped, say("affine-output.wrong.swapped")),
               (x_hat[i], say("affine-output.wrong.x-hat"))],
    )


def _normalized_column(rng: random.Random) -> Question:
    batch = small_batch(rng, 4)
    stats = _bn([[v] for v in batch])
    return tensor(
        say("normalized-column.prompt", batch=nums(batch)),
        stats["x_hat"],
        say("normalized-column.explanation", mean=num(stats["mean"]), var=num(stats["var"]),
            outputs=nums(stats["x_hat"], 3)),
        hints=hints_of("normalized-column"),
    )


def _eval_mode_bn(x: float, running_mean: float, running_var: float, gamma: float,
                  beta: float, eps: float) -> float:
    import torch

    from bntutor.engine import batch_norm

    def t(v: float) -> torch.Tensor:
        return torch.tensor([v], dtype=torch.float64)

    return float(batch_norm(t(x).reshape(1, 1), t(running_mean), t(running_var), t(gamma),
                            t(beta), training=False, eps=eps)[0, 0])


def _eval_output(rng: random.Random) -> Question:
    running_mean = float(rng.choice([0.5, 1, 2, -1]))
    running_var = float(rng.choice([0.25, 4, 9, 2]))
    gamma = float(rng.choice([1, 2, 0.5]))
    beta = float(rng.choice([0, 1, -0.5]))
    x = float(rng.randint(-3, 6))
    eps = 1e-5
    y = _eval_mode_bn(x, running_mean, running_var, gamma, beta, eps)
    no_sqrt = gamma * (x - running_mean) / (running_var + eps) + beta
    setting = {"mean": num(running_mean), "var": num(running_var), "gamma": num(gamma),
               "beta": num(beta), "x": num(x)}
    return numeric(
        say("eval-output.prompt", **setting),
        y,
        say("eval-output.explanation", **setting, y=num(round(y, 4))),
        hints=hints_of("eval-output"),
        wrong=[(no_sqrt, say("eval-output.wrong.no-sqrt"))],
    )


TEMPLATES = [
    Template("feature-mean", "bn-mechanics", 1, "the batch mean of one feature",
             _feature_mean, _LESSONS),
    Template("feature-var", "bn-mechanics", 1, "the biased batch variance of one feature",
             _feature_var, _LESSONS),
    Template("normalized-value", "bn-mechanics", 2, "x_hat of one value in a small batch",
             _normalized_value, _LESSONS),
    Template("affine-output", "bn-mechanics", 2, "y = gamma * x_hat + beta",
             _affine_output, _LESSONS),
    Template("normalized-column", "bn-mechanics", 3, "all normalized values of one feature",
             _normalized_column, _LESSONS),
    Template("eval-output", "train-vs-inference", 2, "the eval-mode output of one value",
             _eval_output, ("train-vs-inference",)),
]
