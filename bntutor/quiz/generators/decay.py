"""L1 and L2 penalties, weight decay in SGD, and Adam's L2 against AdamW's decay."""

from __future__ import annotations

import random

from bntutor.content.models import Question, Tolerance
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Template, hints_of, numeric, say

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
    """d/dw of ``g * w + penalty(w)`` by autograd (``g`` stands for the data-loss gradient)."""
    import torch

    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    terms = {
        "l2-half": lam / 2 * wt**2,
        "l2": lam * wt**2,
        "l1": lam * wt.abs(),
    }
    (g * wt + terms[penalty]).backward()
    assert wt.grad is not None
    return float(wt.grad)


def _draw(rng: random.Random) -> tuple[float, float, float, float]:
    w = float(rng.choice([2, -1.5, 0.8, 3, -2]))
    g = float(rng.choice([0.5, -0.2, 1, -1, 0.1]))
    lr = rng.choice([0.1, 0.01, 0.05])
    wd = rng.choice([0.1, 0.01, 0.5])
    return w, g, lr, wd


def _sgd_decay(rng: random.Random) -> Question:
    w, g, lr, wd = _draw(rng)
    new = _optimizer_step("SGD", w, g, lr, wd)
    step = {"lr": num(lr), "wd": num(wd), "w": num(w), "g": num(g)}
    return numeric(
        say("sgd-weight-decay.prompt", **step),
        new,
        say("sgd-weight-decay.explanation", **step, new=num(new, 6)),
        hints=hints_of("sgd-weight-decay"),
        tol=_FINE,
        wrong=[(w - lr * g, say("sgd-weight-decay.wrong.ignored")),
               (w - lr * g - wd * w, say("sgd-weight-decay.wrong.unscaled"))],
    )


def _adamw_step(rng: random.Random) -> Question:
    w, g, lr, wd = _draw(rng)
    new = _optimizer_step("AdamW", w, g, lr, wd)
    coupled = _optimizer_step("Adam", w, g, lr, wd)
    step = {"lr": num(lr), "wd": num(wd), "w": num(w), "g": num(g)}
    return numeric(
        say("adamw-first-step.prompt", **step),
        new,
        say("adamw-first-step.explanation", **step, new=num(new, 6)),
        hints=hints_of("adamw-first-step"),
        tol=_FINE,
        wrong=[(coupled, say("adamw-first-step.wrong.coupled"))],
    )


def _adam_l2_step(rng: random.Random) -> Question:
    w, g, lr, wd = _draw(rng)
    new = _optimizer_step("Adam", w, g, lr, wd)
    decoupled = _optimizer_step("AdamW", w, g, lr, wd)
    combined = g + wd * w
    step = {"lr": num(lr), "wd": num(wd), "w": num(w), "g": num(g)}
    # g = -wd * w: nothing to normalize, the step is 0
    why = (say("adam-l2-first-step.explanation-cancelled", **step, new=num(new, 6))
           if combined == 0 else
           say("adam-l2-first-step.explanation", combined=num(combined), new=num(new, 6)))
    return numeric(
        say("adam-l2-first-step.prompt", **step),
        new,
        why,
        hints=hints_of("adam-l2-first-step"),
        tol=_FINE,
        wrong=[(decoupled, say("adam-l2-first-step.wrong.decoupled"))],
    )


def _l2_gradient(rng: random.Random) -> Question:
    w, g, _, _ = _draw(rng)
    lam = rng.choice([0.1, 0.5, 0.01])
    half = rng.random() < 0.5
    penalty = "l2-half" if half else "l2"
    grad = _penalty_gradient(w, g, lam, penalty)
    other = _penalty_gradient(w, g, lam, "l2" if half else "l2-half")
    written = f"({num(lam)} / 2) * w^2" if half else f"{num(lam)} * w^2"
    return numeric(
        say("l2-gradient.prompt", w=num(w), g=num(g), penalty=written),
        grad,
        say("l2-gradient.explanation", penalty=written,
            derivative="lambda * w" if half else "2 * lambda * w", grad=num(grad, 6)),
        hints=hints_of("l2-gradient"),
        tol=_FINE,
        wrong=[(other, say("l2-gradient.wrong.factor")), (g, say("l2-gradient.wrong.ignored"))],
    )


def _l1_gradient(rng: random.Random) -> Question:
    w, g, _, _ = _draw(rng)
    lam = rng.choice([0.1, 0.5, 0.01])
    grad = _penalty_gradient(w, g, lam, "l1")
    l2_like = _penalty_gradient(w, g, lam, "l2-half")
    return numeric(
        say("l1-gradient.prompt", w=num(w), g=num(g), lam=num(lam)),
        grad,
        say("l1-gradient.explanation", grad=num(grad, 6)),
        hints=hints_of("l1-gradient"),
        tol=_FINE,
        wrong=[(l2_like, say("l1-gradient.wrong.l2"))],
    )


def _l1_prox(rng: random.Random) -> Question:
    import torch

    w = float(rng.choice([0.3, -0.2, 1, 0.05, -0.8]))
    g = float(rng.choice([0.5, -0.5, 1, 0.2]))
    lr = 0.1
    lam = rng.choice([1, 2, 0.5])
    z = torch.tensor(w - lr * g, dtype=torch.float64)
    new = float(torch.sign(z) * torch.clamp(z.abs() - lr * lam, min=0))
    return numeric(
        say("l1-prox-step.prompt", lr=num(lr), lam=num(lam), w=num(w), g=num(g)),
        new,
        say("l1-prox-step.explanation", z=num(float(z)), threshold=num(lr * lam), new=num(new)),
        hints=hints_of("l1-prox-step"),
        tol=_FINE,
        wrong=[(float(z), say("l1-prox-step.wrong.no-prox"))],
    )


TEMPLATES = [
    Template("l2-gradient", "l1-l2", 1, "gradient of an L2 penalty", _l2_gradient, _LESSONS),
    Template("l1-gradient", "l1-l2", 2, "gradient of an L1 penalty", _l1_gradient, _LESSONS),
    Template("l1-prox-step", "l1-l2", 3, "one proximal (soft-threshold) step", _l1_prox,
             _LESSONS),
    Template("sgd-weight-decay", "weight-decay", 2, "one SGD step with weight_decay",
             _sgd_decay, _LESSONS),
    Template("adamw-first-step", "weight-decay", 3, "AdamW's first step", _adamw_step,
             _LESSONS),
    Template("adam-l2-first-step", "weight-decay", 3, "Adam's first step with weight_decay",
             _adam_l2_step, _LESSONS),
]
