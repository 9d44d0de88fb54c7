"""Normalization variants: Batch Renorm's correction and LayerNorm's per-sample statistics."""

from __future__ import annotations

import math
import random

from bntutor.content.models import Question
from bntutor.live.feature_stats import BnColumnArgs, bn_column
from bntutor.live.per_sample_norms import PerSampleNormsArgs, per_sample_norms
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import (
    Template,
    hints_of,
    numeric,
    nums,
    say,
    small_batch,
)

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
        say("renorm-r.prompt", mu=num(mu), sigma=num(sigma), r_max=num(r_max),
            batch=nums(batch)),
        r,
        say("renorm-r.explanation", var=num(var_b), sigma_b=num(sigma_b),
            ratio=num(sigma_b / sigma), low=num(1 / r_max), r_max=num(r_max), r=num(r)),
        hints=hints_of("renorm-r"),
        wrong=[(sigma / sigma_b, say("renorm-r.wrong.inverted")),
               (sigma_b / sigma, say("renorm-r.wrong.unclipped"))],
    )


def _renorm_d(rng: random.Random) -> Question:
    batch, mu, sigma, mu_b, _ = _renorm_setting(rng)
    d_max = rng.choice([0.5, 1.0, 2.0])
    d = _clip((mu_b - mu) / sigma, -d_max, d_max)
    return numeric(
        say("renorm-d.prompt", mu=num(mu), sigma=num(sigma), d_max=num(d_max),
            batch=nums(batch)),
        d,
        say("renorm-d.explanation", mean=num(mu_b), raw=num((mu_b - mu) / sigma),
            low=num(-d_max), d_max=num(d_max), d=num(d)),
        hints=hints_of("renorm-d"),
        wrong=[(-d, say("renorm-d.wrong.sign")),
               ((mu_b - mu) / sigma, say("renorm-d.wrong.unclipped"))],
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
        say("layernorm-value.prompt", features=nums(features), j=j + 1),
        x_hat[j],
        say("layernorm-value.explanation", mean=num(mean), var=num(var), x_hat=num(x_hat[j])),
        hints=hints_of("layernorm-value"),
        wrong=[(unbiased, say("layernorm-value.wrong.unbiased"))],
    )


TEMPLATES = [
    Template("renorm-r", "norm-variants", 3, "Batch Renorm's r", _renorm_r, _LESSONS),
    Template("renorm-d", "norm-variants", 3, "Batch Renorm's d", _renorm_d, _LESSONS),
    Template("layernorm-value", "norm-variants", 2, "LayerNorm of one sample", _layer_norm,
             _LESSONS),
]
