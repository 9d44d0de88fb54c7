"""Normalization variants: Batch Renorm's correction and LayerNorm's per-sample statistics."""

from __future__ import annotations

import math
import random

from bntutor.content.models import Question
from bntutor.live.feature_stats import BnColumnArgs, bn_column
from bntutor.live.per_sample_norms import PerSampleNormsArgs, per_sample_norms
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Template, numeric, nums, small_batch

_LESSONS = ("similar-images", "beyond-bn")


def _clip(x: float, lo: float, hi: float) -> float:
    return min(max(x, lo), hi)


def _renorm_setting(rng: random.Random) -> tuple[list[float], float, float, float, float]:
    """The batch, the running mean and std, and the batch's mean and biased variance."""
    batch = small_batch(rng, 4, 0, 9)
    mu = float(rng.choice([2, 3, 4, 5]))
    sigma = float(rng.choice([1, 2, 3, 4]))
    stats = bn_column(BnColumnArgs.model_validate({"values": [[v] for v in batch]})).values
    return batch, mu, sigma, stats["mean"], stats["var"]


def _renorm_r(rng: random.Random) -> Question:
    batch, mu, sigma, _, var_b = _renorm_setting(rng)
    r_max = rng.choice([1.5, 2.0, 3.0])
    sigma_b = math.sqrt(var_b)
    r = _clip(sigma_b / sigma, 1 / r_max, r_max)
    return numeric(
        f"Batch Renormalization: the running mean is {num(mu)}, the running standard deviation "
        f"{num(sigma)}, r_max = {num(r_max)}. The batch of one feature is {nums(batch)} (take "
        "eps = 0, biased variance). What is r (3 decimals)?",
        r,
        f"sigma_B = sqrt({num(var_b)}) = {num(sigma_b)}; r = clip(sigma_B / sigma, "
        f"1/r_max, r_max) = clip({num(sigma_b / sigma)}, {num(1 / r_max)}, {num(r_max)}) = "
        f"{num(r)}. Training then uses x_hat * r + d, which equals normalizing with the "
        "running statistics whenever no clipping occurs; r and d get no gradient.",
        hints=["r = sigma_B / sigma, clipped to [1/r_max, r_max]."],
        wrong=[(sigma / sigma_b, "That is sigma / sigma_B; r is the batch's standard "
                "deviation over the running one."),
               (sigma_b / sigma, "Clip r to [1/r_max, r_max].")],
    )


def _renorm_d(rng: random.Random) -> Question:
    batch, mu, sigma, mu_b, _ = _renorm_setting(rng)
    d_max = rng.choice([0.5, 1.0, 2.0])
    d = _clip((mu_b - mu) / sigma, -d_max, d_max)
    return numeric(
        f"Batch Renormalization: the running mean is {num(mu)}, the running standard deviation "
        f"{num(sigma)}, d_max = {num(d_max)}. The batch of one feature is {nums(batch)}. "
        "What is d (3 decimals)?",
        d,
        f"mu_B = {num(mu_b)}; d = clip((mu_B - mu) / sigma, -d_max, d_max) = "
        f"clip({num((mu_b - mu) / sigma)}, {num(-d_max)}, {num(d_max)}) = {num(d)}.",
        hints=["d = (mu_B - mu) / sigma, clipped to [-d_max, d_max]."],
        wrong=[(-d, "Mind the sign: d = (mu_B - mu) / sigma."),
               ((mu_b - mu) / sigma, "Clip d to [-d_max, d_max].")],
    )


def _layer_norm(rng: random.Random) -> Question:
    features = small_batch(rng, 4)
    j = rng.randrange(4)
    # LayerNorm normalizes each sample on its own: a batch of two copies gives the same row
    args = PerSampleNormsArgs.model_validate({"values": [features, features]})
    stats = per_sample_norms(args).values
    mean, var, x_hat = stats["ln_mean"][0], stats["ln_var"][0], stats["ln_x_hat"][0]
    unbiased = stats["ln_x_hat_unbiased"][0][j]
    return numeric(
        f"`nn.LayerNorm(4)` (eps 1e-5, fresh weights) gets one sample with features "
        f"{nums(features)}. What does it output for feature {j + 1} (3 decimals)?",
        x_hat[j],
        f"LayerNorm uses this sample's own mean {num(mean)} and biased variance "
        f"{num(var)} over its features, so it does not depend on the batch: "
        f"{num(x_hat[j])}.",
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
