"""Shared pieces of the exercise problems: torch round trips, normalizing over axes, the
cases' γ and β, random values."""

from __future__ import annotations

import numpy as np
import torch

from bntutor.exercises.problem import Case, Inputs, Outputs


def t(a: np.ndarray) -> torch.Tensor:
    """A float64 tensor copy of ``a``."""
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64)


def n(x: torch.Tensor) -> np.ndarray:
    """A float64 numpy copy of ``x``."""
    return np.array(x.detach().to(torch.float64).numpy(), dtype=np.float64)


def features(rng: np.random.Generator, n_min: int = 2, n_max: int = 16,
             d_max: int = 8) -> np.ndarray:
    """An ``[N, D]`` batch with per-feature offsets and scales spanning a few decades."""
    shape = (int(rng.integers(n_min, n_max + 1)), int(rng.integers(1, d_max + 1)))
    scale = 10.0 ** rng.uniform(-2, 1.5, size=shape[1])
    offset = rng.normal(0, 3, size=shape[1])
    return rng.normal(size=shape) * scale + offset


def images(rng: np.random.Generator, n_min: int = 1) -> np.ndarray:
    """An ``[N, C, H, W]`` batch with per-channel offsets and scales."""
    n_, c = int(rng.integers(n_min, 5)), int(rng.integers(1, 6))
    h, w = int(rng.integers(1, 5)), int(rng.integers(2, 5))
    scale = 10.0 ** rng.uniform(-1.5, 1, size=(1, c, 1, 1))
    return rng.normal(size=(n_, c, h, w)) * scale + rng.normal(0, 2, size=(1, c, 1, 1))


def eps_choice(rng: np.random.Generator) -> float:
    """An ε of the kind networks use, sometimes large enough that its placement shows."""
    return float(rng.choice([1e-5, 1e-3, 0.01, 0.1, 0.5]))


def affine(rng: np.random.Generator, d: int) -> tuple[np.ndarray, np.ndarray]:
    """A (γ, β) pair of length ``d``, clearly different from each other and from 1, 0."""
    return rng.uniform(0.5, 2.0, size=d), rng.normal(0, 1, size=d)


def normalize(x: np.ndarray, axes: tuple[int, ...], eps: float, ddof: int = 0,
              eps_inside: bool = True) -> np.ndarray:
    """``(x - mean) / sqrt(var + eps)`` with the statistics over ``axes``;
    ``eps_inside=False`` divides by ``sqrt(var) + eps`` instead (a mistake)."""
    mean, var = x.mean(axis=axes, keepdims=True), x.var(axis=axes, ddof=ddof, keepdims=True)
    return (x - mean) / (np.sqrt(var + eps) if eps_inside else np.sqrt(var) + eps)


def scaled(a: Inputs, axes: tuple[int, ...], ddof: int = 0, eps_inside: bool = True) -> Outputs:
    """``gamma * x_hat + beta`` with ``x_hat`` normalized over ``axes``: BN on ``[N, D]``
    over (0,), LayerNorm over (1,)."""
    return (a["gamma"] * normalize(a["x"], axes, a["eps"], ddof, eps_inside) + a["beta"],)


def affine_case(name: str, x: np.ndarray, eps: float = 1e-5, **stats: np.ndarray | float) -> Case:
    """A named case: ``x``, a fixed γ (0.5 to 2) and β (-1 to 1) over axis 1, ``stats``, ε."""
    d = x.shape[1]
    return Case(name, {"x": x, "gamma": np.linspace(0.5, 2.0, d),
                       "beta": np.linspace(-1.0, 1.0, d), **stats, "eps": eps})


def random_affine(rng: np.random.Generator, x: np.ndarray) -> Inputs:
    """``x`` with a random (γ, β) over axis 1 and a random ε, drawn in that order."""
    gamma, beta = affine(rng, x.shape[1])
    return {"x": x, "gamma": gamma, "beta": beta, "eps": eps_choice(rng)}
