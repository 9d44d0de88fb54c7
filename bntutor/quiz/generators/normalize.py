"""Batch statistics and normalized values of a small fully-connected batch."""

from __future__ import annotations

import math
import random

from bntutor.content.models import Question
from bntutor.numbers import format_number as num
from bntutor.quiz.generators import _engine
from bntutor.quiz.generators._base import Template, numeric, nums, small_batch, tensor

_LESSONS = ("bn-mechanics",)


def _table(rows: list[list[float]]) -> str:
    """A batch as rows of samples: ``[[1, 2], [3, 4]]``."""
    return "[" + ", ".join(nums(r) for r in rows) + "]"


def _batch(rng: random.Random, n: int, features: int = 2) -> tuple[list[list[float]], int]:
    columns = [small_batch(rng, n) for _ in range(features)]
    rows = [[columns[f][i] for f in range(features)] for i in range(n)]
    return rows, rng.randrange(features)


def _ordinal(i: int) -> str:
    return {0: "first", 1: "second", 2: "third", 3: "fourth", 4: "fifth"}.get(i, f"#{i + 1}")


def _feature_mean(rng: random.Random) -> Question:
    rows, j = _batch(rng, rng.choice([3, 4]))
    stats = _engine.column([r[j] for r in rows])
    row_mean = sum(rows[0]) / len(rows[0])
    return numeric(
        f"A batch of {len(rows)} samples with 2 features (rows are samples): {_table(rows)}. "
        f"What mean does BatchNorm1d compute for the {_ordinal(j)} feature?",
        stats.mean,
        f"BN averages each feature over the batch (down a column): {num(stats.mean)}.",
        hints=["Average down the column, over the samples."],
        wrong=[(row_mean, "That averages across the features of one sample (a row); BN "
                "averages each feature over the batch.")],
    )


def _feature_var(rng: random.Random) -> Question:
    rows, j = _batch(rng, rng.choice([3, 4, 5]))
    stats = _engine.column([r[j] for r in rows])
    return numeric(
        f"Batch (rows are samples): {_table(rows)}. In training, with which variance does "
        f"BatchNorm1d normalize the {_ordinal(j)} feature (3 decimals)?",
        stats.var,
        f"BN normalizes with the biased variance, the mean squared deviation divided by n: "
        f"{num(stats.var)} (the unbiased {num(stats.var_unbiased)} is what running_var "
        "tracks).",
        hints=["Mean of the squared deviations from the column mean.", "Divide by n, not n - 1."],
        wrong=[
            (stats.var_unbiased, "That divides by n - 1 (unbiased): PyTorch stores that in "
             "running_var, but normalizes with the biased variance (divided by n)."),
            (math.sqrt(stats.var), "That is the standard deviation; the question asks for the "
             "variance."),
        ],
    )


def _normalized_value(rng: random.Random) -> Question:
    n = rng.choice([3, 4])
    rows, j = _batch(rng, n)
    i = rng.randrange(n)
    column = [r[j] for r in rows]
    stats = _engine.column(column)
    unbiased = (column[i] - stats.mean) / math.sqrt(stats.var_unbiased + 1e-5)
    no_sqrt = (column[i] - stats.mean) / (stats.var + 1e-5)
    return numeric(
        f"Batch (rows are samples): {_table(rows)}. BatchNorm1d in training mode, eps = 1e-5, "
        f"gamma = 1, beta = 0. What is the output for the {_ordinal(i)} sample's "
        f"{_ordinal(j)} feature (3 decimals)?",
        stats.x_hat[i],
        f"Column mean {num(stats.mean)}, biased variance {num(stats.var)}; x_hat = "
        f"({num(column[i])} - {num(stats.mean)}) / sqrt({num(stats.var)} + 1e-5) = "
        f"{num(stats.x_hat[i])}.",
        hints=["x_hat = (x - mean) / sqrt(var + eps) with the column's statistics.",
               "The variance is the biased one."],
        wrong=[
            (unbiased, "That divides by the unbiased standard deviation; BN normalizes with "
             "the biased variance."),
            (no_sqrt, "That divides by the variance; divide by the standard deviation "
             "sqrt(var + eps)."),
        ],
    )


def _affine_output(rng: random.Random) -> Question:
    batch = small_batch(rng, rng.choice([3, 4]))
    i = rng.randrange(len(batch))
    gamma = float(rng.choice([0.5, 2, 3, -1, 1.5]))
    beta = float(rng.choice([-1, 0.5, 1, 2]))
    stats = _engine.column(batch, gamma=gamma, beta=beta)
    swapped = beta * stats.x_hat[i] + gamma
    return numeric(
        f"One feature over a batch: {nums(batch)}. BN in training, eps = 1e-5, gamma = "
        f"{num(gamma)}, beta = {num(beta)}. What is the output for the {_ordinal(i)} value "
        "(3 decimals)?",
        stats.y[i],
        f"x_hat = {num(stats.x_hat[i])}; y = gamma * x_hat + beta = {num(round(stats.y[i], 4))}.",
        hints=["Normalize first, then scale by gamma and shift by beta."],
        wrong=[
            (swapped, "Gamma scales and beta shifts: y = gamma * x_hat + beta."),
            (stats.x_hat[i], "That is x_hat; the layer's output applies gamma and beta."),
        ],
    )


def _normalized_column(rng: random.Random) -> Question:
    batch = small_batch(rng, 4)
    stats = _engine.column(batch)
    return tensor(
        f"One feature over a batch of four: {nums(batch)}. BN in training mode (eps = 1e-5, "
        "gamma = 1, beta = 0): give the four outputs, e.g. `[a, b, c, d]` (3 decimals).",
        stats.x_hat,
        f"mean {num(stats.mean)}, biased variance {num(stats.var)}, so the outputs are "
        f"{nums(stats.x_hat, 3)}: mean 0, variance 1 (up to eps).",
        hints=["Subtract the mean, divide by sqrt(biased variance + eps)."],
    )


def _eval_output(rng: random.Random) -> Question:
    running_mean = float(rng.choice([0.5, 1, 2, -1]))
    running_var = float(rng.choice([0.25, 4, 9, 2]))
    gamma = float(rng.choice([1, 2, 0.5]))
    beta = float(rng.choice([0, 1, -0.5]))
    x = float(rng.randint(-3, 6))
    eps = 1e-5
    y = _engine.eval_output(x, running_mean, running_var, gamma, beta, eps)
    no_sqrt = gamma * (x - running_mean) / (running_var + eps) + beta
    return numeric(
        f"In eval mode a BN layer has running_mean = {num(running_mean)}, running_var = "
        f"{num(running_var)}, gamma = {num(gamma)}, beta = {num(beta)}, eps = 1e-5. What "
        f"does it output for the input {num(x)} (3 decimals)?",
        y,
        f"Eval mode uses the running statistics: {num(gamma)} * ({num(x)} - "
        f"{num(running_mean)}) / sqrt({num(running_var)} + 1e-5) + {num(beta)} = "
        f"{num(round(y, 4))}.",
        hints=["In eval mode the running statistics replace the batch's."],
        wrong=[(no_sqrt, "That divides by the variance; divide by sqrt(running_var + eps).")],
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
