"""L1 and L2 penalties up close: their gradients, and the step that makes L1 sparse.

``l1_l2_gradients``: autograd's gradients of ``λ·Σ|w|`` and ``λ·Σw²`` at given weights.
``l1_prox_step``: one step of each penalty on its own, from the same weights: L2 shrinks
every weight by the same factor (never to zero); L1's proximal step (soft thresholding)
moves each weight ``lr·λ`` towards zero and stops *at* zero; a plain subgradient step on
L1 overshoots zero instead.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from bntutor.live.results import LiveResult, ScalarsBlock, TensorBlock

Weights = list[float]


class L1L2GradientsArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    w: Weights = Field(default_factory=lambda: [2.0, -0.5, 0.1], min_length=1, max_length=16)
    lam: float = Field(0.1, ge=0, le=100, description="λ, the penalty strength")


def l1_l2_gradients(args: L1L2GradientsArgs) -> LiveResult:
    import torch

    from bntutor.live.course._tensors import floats

    w = torch.tensor(args.w, dtype=torch.float64, requires_grad=True)
    l1 = args.lam * w.abs().sum()
    (l1_grad,) = torch.autograd.grad(l1, w)
    l2 = args.lam * (w**2).sum()
    (l2_grad,) = torch.autograd.grad(l2, w)
    table = TensorBlock(
        f"gradients by autograd, λ = {args.lam:g}",
        [floats(w), floats(l1_grad), floats(l2_grad)],
        row_labels=["w", "∂(λ·Σ|w|)/∂w", "∂(λ·Σw²)/∂w"],
        col_labels=[f"w{i + 1}" for i in range(len(args.w))],
    )
    penalties = ScalarsBlock(
        "penalties", [("λ·Σ|w|", float(l1.detach())), ("λ·Σw²", float(l2.detach()))]
    )
    return LiveResult(
        blocks=[table, penalties],
        values={
            "l1_grad": floats(l1_grad),
            "l2_grad": floats(l2_grad),
            "l1_penalty": float(l1.detach()),
            "l2_penalty": float(l2.detach()),
        },
    )


class L1ProxStepArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    w: Weights = Field(default_factory=lambda: [0.8, -0.3, 0.05, -0.02, 1.5],
                       min_length=1, max_length=16)
    lr: float = Field(0.5, gt=0, le=10, description="step size")
    lam: float = Field(0.2, ge=0, le=100, description="λ")


def l1_prox_step(args: L1ProxStepArgs) -> LiveResult:
    import torch

    from bntutor.live.course._tensors import floats

    w = torch.tensor(args.w, dtype=torch.float64)
    threshold = args.lr * args.lam
    prox = torch.sign(w) * torch.clamp(w.abs() - threshold, min=0.0)
    subgradient = w - threshold * torch.sign(w)
    l2 = w - args.lr * 2 * args.lam * w  # gradient step on λ·Σw²
    table = TensorBlock(
        f"one step of the penalty alone, step size {args.lr:g}, λ = {args.lam:g}",
        [floats(w), floats(prox), floats(subgradient), floats(l2)],
        row_labels=["w", "L1, proximal (soft threshold)", "L1, subgradient step",
                    "L2, gradient step"],
        col_labels=[f"w{i + 1}" for i in range(len(args.w))],
    )
    zeros = ScalarsBlock(
        "weights that are exactly zero after the step",
        [
            ("soft-threshold level lr·λ", threshold),
            ("L1, proximal", int((prox == 0).sum())),
            ("L1, subgradient", int((subgradient == 0).sum())),
            ("L2", int((l2 == 0).sum())),
        ],
    )
    return LiveResult(
        blocks=[table, zeros],
        values={
            "threshold": threshold,
            "prox": floats(prox),
            "subgradient": floats(subgradient),
            "l2_step": floats(l2),
            "zeros_prox": int((prox == 0).sum()),
            "zeros_l2": int((l2 == 0).sum()),
        },
    )
