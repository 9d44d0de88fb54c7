"""Penalized least squares, solved exactly enough to count zeros: lasso and ridge.

Both minimize ``(1/2n) ||y - X w||² + penalty(w)`` over ``w`` (``X`` is ``[n, p]``):

- ridge, ``penalty = (λ/2) ||w||²``: closed form ``w = (XᵀX + nλ I)⁻¹ Xᵀy``;
- lasso, ``penalty = λ ||w||₁``: proximal gradient (ISTA): a gradient step on the squared
  error, then the proximal map of the L1 term, soft-thresholding, which sets every weight
  whose magnitude is below ``step * λ`` to exactly 0.
"""

from __future__ import annotations

import torch
from torch import Tensor


def ridge(x: Tensor, y: Tensor, lam: float) -> Tensor:
    """``[p]`` weights minimizing ``(1/2n)||y - Xw||² + (λ/2)||w||²``."""
    n, p = x.shape
    return torch.linalg.solve(x.T @ x + n * lam * torch.eye(p, dtype=x.dtype), x.T @ y)


def soft_threshold(w: Tensor, threshold: float) -> Tensor:
    """``sign(w) * max(|w| - threshold, 0)``: the proximal map of ``threshold * ||w||₁``."""
    return torch.sign(w) * torch.clamp(w.abs() - threshold, min=0.0)


def lasso(x: Tensor, y: Tensor, lam: float, start: Tensor | None = None) -> Tensor:
    """``[p]`` weights minimizing ``(1/2n)||y - Xw||² + λ||w||₁`` by ISTA.

    The step is ``1/L`` with ``L`` the largest eigenvalue of ``XᵀX/n`` (the gradient's
    Lipschitz constant), so each step decreases the objective. ``start`` warm-starts. It
    stops when no weight moves by 1e-12 in a step, or after 20 000 steps.
    """
    n, p = x.shape
    gram = x.T @ x / n
    xty = x.T @ y / n
    step = 1.0 / float(torch.linalg.eigvalsh(gram).max())
    w = torch.zeros(p, dtype=x.dtype) if start is None else start.clone()
    for _ in range(20000):
        w_next = soft_threshold(w - step * (gram @ w - xty), step * lam)
        if float((w_next - w).abs().max()) < 1e-12:
            return w_next
        w = w_next
    return w
