"""Shared pieces of the exercise problems: torch round trips and random values."""

from __future__ import annotations

import numpy as np
import torch


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


def bn_stats(x: np.ndarray, axes: tuple[int, ...], ddof: int = 0) -> tuple[np.ndarray, ...]:
    """Mean and variance over ``axes``, kept as broadcastable dimensions."""
    return x.mean(axis=axes, keepdims=True), x.var(axis=axes, ddof=ddof, keepdims=True)
