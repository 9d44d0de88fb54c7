"""A centred finite-difference gradient check, read the way CS231n teaches it.

For a loss ``L = sum(forward(params) * dout)`` each parameter entry is nudged by ``±h``
and ``(L(p + h) - L(p - h)) / 2h`` is compared with the learner's analytic gradient by
the relative error ``max |a - n| / max(1e-8, |a| + |n|)``.
"""

from __future__ import annotations

import numpy as np

from bntutor.exercises.problem import GradCheck, Inputs

H = 1e-5

#: (upper bound, band id): a relative error below the bound falls in the band.
BANDS: tuple[tuple[float, str], ...] = (
    (1e-7, "excellent"),
    (1e-4, "fine"),
    (1e-2, "suspicious"),
    (float("inf"), "wrong"),
)


def numeric_gradient(check: GradCheck, inputs: Inputs, param: str, h: float = H) -> np.ndarray:
    """∂L/∂param by centred differences, entry by entry."""
    params = {k: np.array(v, dtype=np.float64) for k, v in check.params(inputs).items()}
    upstream = inputs[check.upstream]
    target = params[param]
    grad = np.zeros_like(target)
    for index in np.ndindex(target.shape):
        old = target[index]
        target[index] = old + h
        plus = float(np.sum(check.forward(inputs, params) * upstream))
        target[index] = old - h
        minus = float(np.sum(check.forward(inputs, params) * upstream))
        target[index] = old
        grad[index] = (plus - minus) / (2 * h)
    return grad


def rel_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    if analytic.shape != numeric.shape:
        return float("inf")
    with np.errstate(invalid="ignore"):
        denom = np.maximum(1e-8, np.abs(analytic) + np.abs(numeric))
        value = np.max(np.abs(analytic - numeric) / denom, initial=0.0)
    return float(value) if np.isfinite(value) else float("inf")


def band(error: float) -> str:
    """``excellent`` (< 1e-7), ``fine`` (< 1e-4), ``suspicious`` (< 1e-2) or ``wrong``."""
    return next(name for bound, name in BANDS if error < bound)
