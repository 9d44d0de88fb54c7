"""L1 and L2 penalties, weight decay in SGD, and Adam's L2 against AdamW's decay."""

from __future__ import annotations

import random

from bntutor.content.models import Question, Tolerance
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Draw, live, template

_LESSONS = ("l1-l2",)
#: Optimizer steps are small: compare to 4 decimals.
_FINE = Tolerance(abs=2e-4, rel=1e-3)


def _optimizer_step(name: str, w: float, g: float, lr: float, wd: float) -> float:
    """One step of ``torch.optim.<name>`` (SGD, Adam, AdamW; fresh state, default betas
    and eps) on a single weight with gradient ``g``, written out as PyTorch documents it.

    (``torch.optim`` itself would import torch's compiler stack, seconds of start-up for
    one number; the tests check these steps against ``torch.optim``.)
    """
    import torch

    p = torch.tensor(w, dtype=torch.float64)
    grad = torch.tensor(g, dtype=torch.float64)
    if name == "SGD":
        return float(p - lr * (grad + wd * p))
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    if name == "AdamW":
        p = p * (1 - lr * wd)  # decoupled decay
    else:
        grad = grad + wd * p  # Adam: L2 in the gradient
    m = (1 - beta1) * grad  # first step from zero moments
    v = (1 - beta2) * grad * grad
    m_hat, v_hat = m / (1 - beta1), v / (1 - beta2)
    return float(p - lr * m_hat / (v_hat.sqrt() + eps))


def _penalty_gradient(w: float, g: float, lam: float, penalty: str) -> float:
    """d/dw of ``g * w + penalty(w)`` (``g`` stands for the data-loss gradient), the
    penalty's part by autograd (``l1_l2_gradients``: of ``lam * |w|`` and ``lam * w^2``)."""
    scale = lam / 2 if penalty == "l2-half" else lam
    grads = live("l1_l2_gradients", w=[w], lam=scale)
    return g + grads["l1_grad" if penalty == "l1" else "l2_grad"][0]


def _draw(rng: random.Random) -> tuple[float, float, float, float]:
    w = float(rng.choice([2, -1.5, 0.8, 3, -2]))
    g = float(rng.choice([0.5, -0.2, 1, -1, 0.1]))
    lr = rng.choice([0.1, 0.01, 0.05])
    wd = rng.choice([0.1, 0.01, 0.5])
    return w, g, lr, wd


@template("l2-gradient", "l1-l2", 1, "gradient of an L2 penalty", _LESSONS)
def _l2_gradient(q: Draw) -> Question:
    w, g, _, _ = _draw(q)
    lam = q.choice([0.1, 0.5, 0.01])
    half = q.random() < 0.5
    penalty = "l2-half" if half else "l2"
    grad = _penalty_gradient(w, g, lam, penalty)
    other = _penalty_gradient(w, g, lam, "l2" if half else "l2-half")
    written = f"({num(lam)} / 2) * w^2" if half else f"{num(lam)} * w^2"
    return q.numeric(grad, {"factor": other, "ignored": g}, tol=_FINE, w=num(w), g=num(g),
                     penalty=written, derivative="lambda * w" if half else "2 * lambda * w",
                     grad=num(grad, 6))


@template("l1-gradient", "l1-l2", 2, "gradient of an L1 penalty", _LESSONS)
def _l1_gradient(q: Draw) -> Question:
    w, g, _, _ = _draw(q)
    lam = q.choice([0.1, 0.5, 0.01])
    grad = _penalty_gradient(w, g, lam, "l1")
    return q.numeric(grad, {"l2": _penalty_gradient(w, g, lam, "l2-half")}, tol=_FINE,
                     w=num(w), g=num(g), lam=num(lam), grad=num(grad, 6))


@template("l1-prox-step", "l1-l2", 3, "one proximal (soft-threshold) step", _LESSONS)
def _l1_prox(q: Draw) -> Question:
    w = float(q.choice([0.3, -0.2, 1, 0.05, -0.8]))
    g = float(q.choice([0.5, -0.5, 1, 0.2]))
    lr = 0.1
    lam = q.choice([1, 2, 0.5])
    z = w - lr * g  # the gradient step, then the proximal step of the L1 penalty alone
    new = live("l1_prox_step", w=[z], lr=lr, lam=lam)["prox"][0]
    return q.numeric(new, {"no-prox": z}, tol=_FINE, lr=num(lr), lam=num(lam), w=num(w),
                     g=num(g), z=num(z), threshold=num(lr * lam), new=num(new))


@template("sgd-weight-decay", "weight-decay", 2, "one SGD step with weight_decay", _LESSONS)
def _sgd_decay(q: Draw) -> Question:
    w, g, lr, wd = _draw(q)
    new = _optimizer_step("SGD", w, g, lr, wd)
    return q.numeric(new, {"ignored": w - lr * g, "unscaled": w - lr * g - wd * w}, tol=_FINE,
                     lr=num(lr), wd=num(wd), w=num(w), g=num(g), new=num(new, 6))


@template("adamw-first-step", "weight-decay", 3, "AdamW's first step", _LESSONS)
def _adamw_step(q: Draw) -> Question:
    w, g, lr, wd = _draw(q)
    new = _optimizer_step("AdamW", w, g, lr, wd)
    return q.numeric(new, {"coupled": _optimizer_step("Adam", w, g, lr, wd)}, tol=_FINE,
                     lr=num(lr), wd=num(wd), w=num(w), g=num(g), new=num(new, 6))


@template("adam-l2-first-step", "weight-decay", 3, "Adam's first step with weight_decay",
          _LESSONS)
def _adam_l2_step(q: Draw) -> Question:
    w, g, lr, wd = _draw(q)
    new = _optimizer_step("Adam", w, g, lr, wd)
    combined = g + wd * w
    return q.numeric(new, {"decoupled": _optimizer_step("AdamW", w, g, lr, wd)}, tol=_FINE,
                     # g = -wd * w: nothing to normalize, the step is 0
                     explanation="explanation-cancelled" if combined == 0 else "explanation",
                     lr=num(lr), wd=num(wd), w=num(w), g=num(g), combined=num(combined),
                     new=num(new, 6))
