"""Normalization variants: Batch Renorm's correction and LayerNorm's per-sample statistics."""

from __future__ import annotations

import math
import random

from bntutor.content.models import Question
from bntutor.numbers import format_number as num
from bntutor.quiz.generators import _engine
from bntutor.quiz.generators._base import Template, numeric, nums, small_batch

_LESSONS = ("similar-images", "beyond-bn")


def _clip(x: float, lo: float, hi: float) -> float:
    return min(max(x, lo), hi)


def _renorm_setting(rng: random.Random) -> tuple[list[float], float, float, _engine.ColumnStats]:
    batch = small_batch(rng, 4, 0, 9)
    mu = float(rng.choice([2, 3, 4, 5]))
    sigma = float(rng.choice([1, 2, 3, 4]))
    return batch, mu, sigma, _engine.column(batch)


def _renorm_r(rng: random.Random) -> Question:
    batch, mu, sigma, stats = _renorm_setting(rng)
    r_max = rng.choice([1.5, 2.0, 3.0])
    sigma_b = math.sqrt(stats.var)
    r = _clip(sigma_b / sigma, 1 / r_max, r_max)
    return numeric(
        f"Batch Renormalization: the running mean is {num(mu)}, the running standard deviation "
        f"{num(sigma)}, r_max = {num(r_max)}. The batch of one feature is {nums(batch)} (take "
        "eps = 0, biased variance). What is r (3 decimals)?",
        r,
        f"sigma_B = sqrt({num(stats.var)}) = {num(sigma_b)}; r = clip(sigma_B / sigma, "
        f"1/r_max, r_max) = clip({num(sigma_b / sigma)}, {num(1 / r_max)}, {num(r_max)}) = "
        f"{num(r)}. Training then uses x_hat * r + d, which equals normalizing with the "
        "running statistics whenever no clipping occurs; r and d get no gradient.",
        hints=["r = sigma_B / sigma, clipped to [1/r_max, r_max]."],
        wrong=[(sigma / sigma_b, "That is sigma / sigma_B; r is the batch's standard "
                "deviation over the running one."),
               (sigma_b / sigma, "Clip r to [1/r_max, r_max].")],
    )


def _renorm_d(rng: random.Random) -> Question:
    batch, mu, sigma, stats = _renorm_setting(rng)
    d_max = rng.choice([0.5, 1.0, 2.0])
    d = _clip((stats.mean - mu) / sigma, -d_max, d_max)
    return numeric(
        f"Batch Renormalization: the running mean is {num(mu)}, the running standard deviation "
        f"{num(sigma)}, d_max = {num(d_max)}. The batch of one feature is {nums(batch)}. "
        "What is d (3 decimals)?",
        d,
        f"mu_B = {num(stats.mean)}; d = clip((mu_B - mu) / sigma, -d_max, d_max) = "
        f"clip({num((stats.mean - mu) / sigma)}, {num(-d_max)}, {num(d_max)}) = {num(d)}.",
        hints=["d = (mu_B - mu) / sigma, clipped to [-d_max, d_max]."],
        wrong=[(-d, "Mind the sign: d = (mu_B - mu) / sigma."),
               ((stats.mean - mu) / sigma, "Clip d to [-d_max, d_max].")],
    )


def _layer_norm(rng: random.Random) -> Question:
    features = small_batch(rng, 4)
    j = rng.randrange(4)
    # LayerNorm normalizes one sample over its features: the same arithmetic as BN over a
    # batch of those values.
    stats = _engine.column(features)
    unbiased = (features[j] - stats.mean) / math.sqrt(stats.var_unbiased + 1e-5)
    return numeric(
        f"`nn.LayerNorm(4)` (eps 1e-5, fresh weights) gets one sample with features "
        f"{nums(features)}. What does it output for feature {j + 1} (3 decimals)?",
        stats.x_hat[j],
        f"LayerNorm uses this sample's own mean {num(stats.mean)} and biased variance "
        f"{num(stats.var)} over its features, so it does not depend on the batch: "
        f"{num(stats.x_hat[j])}.",
        hints=["Statistics over the features of this one sample."],
        wrong=[(unbiased, "LayerNorm uses the biased variance (divided by the number of "
                "features).")],
    )


TEMPLATES = [
    Template("renorm-r", "norm-variants", 3, "Batch Renorm's r", _renorm_r, _LESSONS),
    Template("renorm-d", "norm-variants", 3, "Batch Renorm's d", _renorm_d, _LESSONS),
    Template("layernorm-value", "norm-variants", 2, "LayerNorm of one sample", _layer_norm,
             _LESSONS),
]
