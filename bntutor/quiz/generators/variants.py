"""Normalization variants: Batch Renorm's correction and LayerNorm's per-sample statistics."""

from __future__ import annotations

import math
import random

from bntutor.content.models import Question
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Draw, live, nums, small_batch, template

_LESSONS = ("similar-images", "beyond-bn")


def _clip(x: float, lo: float, hi: float) -> float:
    return min(max(x, lo), hi)


def _renorm_setting(rng: random.Random) -> tuple[list[float], float, float, float, float]:
    """The batch, the running mean and std, and the batch's mean and biased variance."""
    batch = small_batch(rng, 4, 0, 9)
    mu = float(rng.choice([2, 3, 4, 5]))
    sigma = float(rng.choice([1, 2, 3, 4]))
    stats = live("bn_column", values=[[v] for v in batch])
    return batch, mu, sigma, stats["mean"], stats["var"]


@template("renorm-r", "norm-variants", 3, "Batch Renorm's r", _LESSONS)
def _renorm_r(q: Draw) -> Question:
    batch, mu, sigma, _, var_b = _renorm_setting(q)
    r_max = q.choice([1.5, 2.0, 3.0])
    sigma_b = math.sqrt(var_b)
    r = _clip(sigma_b / sigma, 1 / r_max, r_max)
    return q.numeric(r, {"inverted": sigma / sigma_b, "unclipped": sigma_b / sigma}, mu=num(mu),
                     sigma=num(sigma), r_max=num(r_max), batch=nums(batch), var=num(var_b),
                     sigma_b=num(sigma_b), ratio=num(sigma_b / sigma), low=num(1 / r_max),
                     r=num(r))


@template("renorm-d", "norm-variants", 3, "Batch Renorm's d", _LESSONS)
def _renorm_d(q: Draw) -> Question:
    batch, mu, sigma, mu_b, _ = _renorm_setting(q)
    d_max = q.choice([0.5, 1.0, 2.0])
    d = _clip((mu_b - mu) / sigma, -d_max, d_max)
    return q.numeric(d, {"sign": -d, "unclipped": (mu_b - mu) / sigma}, mu=num(mu),
                     sigma=num(sigma), d_max=num(d_max), batch=nums(batch), mean=num(mu_b),
                     raw=num((mu_b - mu) / sigma), low=num(-d_max), d=num(d))


@template("layernorm-value", "norm-variants", 2, "LayerNorm of one sample", _LESSONS)
def _layer_norm(q: Draw) -> Question:
    features = small_batch(q, 4)
    j = q.randrange(4)
    # LayerNorm normalizes each sample on its own: a batch of two copies gives the same row
    stats = live("per_sample_norms", values=[features, features])
    mean, var, x_hat = stats["ln_mean"][0], stats["ln_var"][0], stats["ln_x_hat"][0]
    return q.numeric(x_hat[j], {"unbiased": stats["ln_x_hat_unbiased"][0][j]},
                     features=nums(features), j=j + 1, mean=num(mean), var=num(var),
                     x_hat=num(x_hat[j]))
