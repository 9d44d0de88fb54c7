"""Normalization layers beyond plain BN: spatial BN, LayerNorm, GroupNorm, Batch Renorm."""

from __future__ import annotations

import numpy as np
import torch.nn.functional as F

from bntutor.engine import batch_norm
from bntutor.exercises.problem import Case, Inputs, Outputs, Problem
from bntutor.exercises.problems._common import (
    affine,
    affine_case,
    eps_choice,
    features,
    images,
    n,
    normalize,
    random_affine,
    scaled,
    t,
)


def _channel(v: np.ndarray) -> np.ndarray:
    return v.reshape(1, -1, 1, 1)


# --- spatial BN on NCHW ------------------------------------------------------------------


def _spatial_ref(a: Inputs) -> Outputs:
    y = batch_norm(t(a["x"]), weight=t(a["gamma"]), bias=t(a["beta"]), training=True,
                   eps=a["eps"])
    return (n(y),)


def _spatial_affine(a: Inputs, x_hat: np.ndarray) -> Outputs:
    return (_channel(a["gamma"]) * x_hat + _channel(a["beta"]),)


def _spatial_no_transpose(a: Inputs) -> Outputs:
    x = a["x"]
    flat = x.reshape(-1, x.shape[1])  # each column mixes channels
    return ((a["gamma"] * normalize(flat, (0,), a["eps"]) + a["beta"]).reshape(x.shape),)


def _spatial_edges() -> list[Case]:
    rng = np.random.default_rng(106)
    constant = rng.normal(size=(2, 3, 2, 2))
    constant[:, 1] = 7.0
    return [
        affine_case("one image (N = 1)", rng.normal(size=(1, 2, 3, 3))),
        affine_case("1x1 images (= BN on [N, C])", rng.normal(size=(4, 3, 1, 1))),
        affine_case("a constant channel", constant),
        affine_case("an offset of 1e4", rng.normal(size=(2, 2, 2, 3)) + 1e4),
        affine_case("non-square images", rng.normal(size=(3, 4, 2, 5)) * 3),
    ]


SPATIAL_BN = Problem(
    name="spatial-bn",
    function="spatial_batchnorm_forward",
    reference=_spatial_ref,
    edge_cases=_spatial_edges,
    random_inputs=lambda rng: random_affine(rng, images(rng)),
    wrongs={
        "per-position-statistics": lambda a: _spatial_affine(a, normalize(a["x"], (0,), a["eps"])),
        "reshape-without-transpose": _spatial_no_transpose,
    },
)

# --- LayerNorm forward -------------------------------------------------------------------


def _ln_ref(a: Inputs) -> Outputs:
    x = t(a["x"])
    y = F.layer_norm(x, (x.shape[-1],), t(a["gamma"]), t(a["beta"]), eps=a["eps"])
    return (n(y),)


def _ln_edges() -> list[Case]:
    rng = np.random.default_rng(107)
    constant_row = rng.normal(size=(3, 4))
    constant_row[2] = -3.0
    return [
        affine_case("one sample (N = 1)", rng.normal(size=(1, 4))),
        affine_case("two features (D = 2)", rng.normal(size=(3, 2))),
        affine_case("a constant sample", constant_row),
        affine_case("an offset of 1e4", rng.normal(size=(2, 5)) + 1e4),
        affine_case("a large eps (0.5)", rng.normal(size=(4, 3)), 0.5),
    ]


def _ln_random(rng: np.random.Generator) -> Inputs:
    x = features(rng, n_min=1)
    return random_affine(rng, np.concatenate([x, rng.normal(size=(x.shape[0], 1))], axis=1))


LN_FORWARD = Problem(
    name="layernorm-forward",
    function="layernorm_forward",
    reference=_ln_ref,
    edge_cases=_ln_edges,
    random_inputs=_ln_random,
    wrongs={
        "ln-batch-axis": lambda a: scaled(a, (0,)),
        "ln-unbiased-variance": lambda a: scaled(a, (1,), ddof=1),
    },
)

# --- GroupNorm forward -------------------------------------------------------------------


def _gn_ref(a: Inputs) -> Outputs:
    y = F.group_norm(t(a["x"]), a["G"], t(a["gamma"]), t(a["beta"]), eps=a["eps"])
    return (n(y),)


def _gn_strided(a: Inputs) -> Outputs:
    x, g = a["x"], a["G"]
    nn_, c, h, w = x.shape
    grouped = x.reshape(nn_, c // g, g, h, w)  # channel k lands in group k % G
    x_hat = normalize(grouped, (1, 3, 4), a["eps"]).reshape(x.shape)
    return _spatial_affine(a, x_hat)


def _gn_edges() -> list[Case]:
    rng = np.random.default_rng(108)
    return [
        affine_case("G = 1 (LayerNorm over C, H, W)", rng.normal(size=(2, 4, 2, 2)), G=1),
        affine_case("G = C (InstanceNorm)", rng.normal(size=(2, 4, 2, 2)), G=4),
        affine_case("one image (N = 1)", rng.normal(size=(1, 6, 2, 3)), G=2),
        affine_case("an offset of 1e4", rng.normal(size=(2, 4, 3, 3)) + 1e4, G=2),
        affine_case("channels with different scales", rng.normal(size=(3, 6, 2, 2))
                    * np.array([0.1, 1, 10, 0.1, 1, 10]).reshape(1, 6, 1, 1), G=3),
    ]


def _gn_random(rng: np.random.Generator) -> Inputs:
    g = int(rng.integers(2, 4))
    c = g * int(rng.integers(2, 4))
    x = rng.normal(size=(int(rng.integers(1, 4)), c, int(rng.integers(1, 4)), 3))
    x = x * 10.0 ** rng.uniform(-1, 1, size=(1, c, 1, 1)) + rng.normal(0, 2, (1, c, 1, 1))
    gamma, beta = affine(rng, c)
    return {"x": x, "gamma": gamma, "beta": beta, "G": g, "eps": eps_choice(rng)}


GN_FORWARD = Problem(
    name="groupnorm-forward",
    function="groupnorm_forward",
    reference=_gn_ref,
    edge_cases=_gn_edges,
    random_inputs=_gn_random,
    wrongs={
        "gn-instance-norm": lambda a: _spatial_affine(a, normalize(a["x"], (2, 3), a["eps"])),
        "gn-strided-groups": _gn_strided,
    },
)

# --- Batch Renormalization forward -------------------------------------------------------


def _renorm(a: Inputs, invert_r: bool = False, clip: bool = True) -> Outputs:
    x, eps = a["x"], a["eps"]
    mu_b, var_b = x.mean(axis=0), x.var(axis=0)
    sigma_b = np.sqrt(var_b + eps)
    sigma = np.sqrt(a["running_var"] + eps)
    r = sigma / sigma_b if invert_r else sigma_b / sigma
    d = (mu_b - a["running_mean"]) / sigma
    if clip:
        r = np.clip(r, 1.0 / a["rmax"], a["rmax"])
        d = np.clip(d, -a["dmax"], a["dmax"])
    return (a["gamma"] * ((x - mu_b) / sigma_b * r + d) + a["beta"],)


def _renorm_ref(a: Inputs) -> Outputs:
    import torch

    x, eps = t(a["x"]), a["eps"]
    mu_b, var_b = x.mean(0), x.var(0, unbiased=False)
    sigma_b, sigma = torch.sqrt(var_b + eps), torch.sqrt(t(a["running_var"]) + eps)
    r = torch.clamp(sigma_b / sigma, 1.0 / a["rmax"], a["rmax"])
    d = torch.clamp((mu_b - t(a["running_mean"])) / sigma, -a["dmax"], a["dmax"])
    x_hat = batch_norm(x, training=True, eps=eps) * r + d
    return (n(t(a["gamma"]) * x_hat + t(a["beta"])),)


def _renorm_case(name: str, x: np.ndarray, mean: np.ndarray, var: np.ndarray,
                 rmax: float = 3.0, dmax: float = 5.0) -> Case:
    return affine_case(name, x, running_mean=mean, running_var=var, rmax=rmax, dmax=dmax)


def _renorm_edges() -> list[Case]:
    rng = np.random.default_rng(109)
    x = rng.normal(size=(6, 3)) * 2 + 1
    return [
        _renorm_case("rmax = 1, dmax = 0 (plain BN)", x, np.zeros(3), np.ones(3), 1.0, 0.0),
        _renorm_case("running stats equal to the batch's", x, x.mean(0), x.var(0)),
        _renorm_case("r and d clipped", rng.normal(size=(4, 2)) * 10 + 8, np.zeros(2),
                     np.ones(2), 2.0, 1.0),
        _renorm_case("N = 2", rng.normal(size=(2, 3)), np.array([0.5, -0.5, 0.0]),
                     np.array([2.0, 0.5, 1.0])),
        _renorm_case("an offset of 1e4", rng.normal(size=(5, 2)) + 1e4,
                     np.array([1e4, 1e4 + 1]), np.array([1.0, 3.0])),
    ]


def _renorm_random(rng: np.random.Generator) -> Inputs:
    x = features(rng)
    d = x.shape[1]
    gamma, beta = affine(rng, d)
    return {"x": x, "gamma": gamma, "beta": beta,
            "running_mean": x.mean(0) + rng.normal(0, 1, size=d) * x.std(0),
            "running_var": x.var(0) * 10.0 ** rng.uniform(-1, 1, size=d),
            "rmax": float(rng.choice([1.5, 2.0, 3.0])), "dmax": float(rng.choice([0.5, 1.0, 5.0])),
            "eps": 1e-5}


BATCH_RENORM = Problem(
    name="batch-renorm",
    function="batch_renorm_forward",
    reference=_renorm_ref,
    edge_cases=_renorm_edges,
    random_inputs=_renorm_random,
    wrongs={
        "renorm-r-inverted": lambda a: _renorm(a, invert_r=True),
        "renorm-unclipped": lambda a: _renorm(a, clip=False),
    },
)
