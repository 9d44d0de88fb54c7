"""Batch statistics and normalized values of a small fully-connected batch."""

from __future__ import annotations

import math
import random
from typing import Any

from bntutor.content.models import Question
from bntutor.live.feature_stats import BnColumnArgs, bn_column
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Template, numeric, nums, small_batch, tensor

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


def _ordinal(i: int) -> str:
    return {0: "first", 1: "second", 2: "third", 3: "fourth", 4: "fifth"}.get(i, f"#{i + 1}")


def _feature_mean(rng: random.Random) -> Question:
    rows, j = _batch(rng, rng.choice([3, 4]))
    stats = _bn(rows, j)
    return numeric(
        f"A batch of {len(rows)} samples with 2 features (rows are samples): {_table(rows)}. "
        f"What mean does BatchNorm1d compute for the {_ordinal(j)} feature?",
        stats["mean"],
        f"BN averages each feature over the batch (down a column): {num(stats['mean'])}.",
        hints=["Average down the column, over the samples."],
        wrong=[(stats["row_means"][0], "That averages across the features of one sample (a "
                "row); BN averages each feature over the batch.")],
    )


def _feature_var(rng: random.Random) -> Question:
    rows, j = _batch(rng, rng.choice([3, 4, 5]))
    stats = _bn(rows, j)
    return numeric(
        f"Batch (rows are samples): {_table(rows)}. In training, with which variance does "
        f"BatchNorm1d normalize the {_ordinal(j)} feature (3 decimals)?",
        stats["var"],
        f"BN normalizes with the biased variance, the mean squared deviation divided by n: "
        f"{num(stats['var'])} (the unbiased {num(stats['var_unbiased'])} is what running_var "
        "tracks).",
        hints=["Mean of the squared deviations from the column mean.", "Divide by n, not n - 1."],
        wrong=[
            (stats["var_unbiased"], "That divides by n - 1 (unbiased): PyTorch stores that in "
             "running_var, but normalizes with the biased variance (divided by n)."),
            (math.sqrt(stats["var"]), "That is the standard deviation; the question asks for the "
             "variance."),
        ],
    )


def _normalized_value(rng: random.Random) -> Question:
    n = rng.choice([3, 4])
    rows, j = _batch(rng, n)
    i = rng.randrange(n)
    stats = _bn(rows, j)
    column, mean, var, x_hat = stats["column"], stats["mean"], stats["var"], stats["x_hat"]
    return numeric(
        f"Batch (rows are samples): {_table(rows)}. BatchNorm1d in training mode, eps = 1e-5, "
        f"gamma = 1, beta = 0. What is the output for the {_ordinal(i)} sample's "
        f"{_ordinal(j)} feature (3 decimals)?",
        x_hat[i],
        f"Column mean {num(mean)}, biased variance {num(var)}; x_hat = "
        f"({num(column[i])} - {num(mean)}) / sqrt({num(var)} + 1e-5) = {num(x_hat[i])}.",
        hints=["x_hat = (x - mean) / sqrt(var + eps) with the column's statistics.",
               "The variance is the biased one."],
        wrong=[
            (stats["x_hat_unbiased"][i], "That divides by the unbiased standard deviation; BN "
             "normalizes with the biased variance."),
            (stats["x_over_var"][i], "That divides by the variance; divide by the standard "
             "deviation sqrt(var + eps)."),
        ],
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
        f"One feature over a batch: {nums(batch)}. BN in training, eps = 1e-5, gamma = "
        f"{num(gamma)}, beta = {num(beta)}. What is the output for the {_ordinal(i)} value "
        "(3 decimals)?",
        y[i],
        f"x_hat = {num(x_hat[i])}; y = gamma * x_hat + beta = {num(round(y[i], 4))}.",
        hints=["Normalize first, then scale by gamma and shift by beta."],
        wrong=[
            (swapped, "Gamma scales and beta shifts: y = gamma * x_hat + beta."),
            (x_hat[i], "That is x_hat; the layer's output applies gamma and beta."),
        ],
    )


def _normalized_column(rng: random.Random) -> Question:
    batch = small_batch(rng, 4)
    stats = _bn([[v] for v in batch])
    return tensor(
        f"One feature over a batch of four: {nums(batch)}. BN in training mode (eps = 1e-5, "
        "gamma = 1, beta = 0): give the four outputs, e.g. `[a, b, c, d]` (3 decimals).",
        stats["x_hat"],
        f"mean {num(stats['mean'])}, biased variance {num(stats['var'])}, so the outputs are "
        f"{nums(stats['x_hat'], 3)}: mean 0, variance 1 (up to eps).",
        hints=["Subtract the mean, divide by sqrt(biased variance + eps)."],
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
