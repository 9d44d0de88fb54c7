"""L1 and L2 penalties, weight decay in SGD, and Adam's L2 against AdamW's decay."""

from __future__ import annotations

import random

from bntutor.content.models import Question, Tolerance
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Template, numeric

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
    return numeric(
        f"`torch.optim.SGD(lr={num(lr)}, weight_decay={num(wd)})` takes one step on a weight "
        f"w = {num(w)} whose loss gradient is {num(g)}. What is w afterwards (4 decimals)?",
        new,
        f"SGD adds wd * w to the gradient (L2 with penalty wd/2 * w^2): w - lr * (g + wd * w) "
        f"= {num(w)} - {num(lr)} * ({num(g)} + {num(wd)} * {num(w)}) = {num(new, 6)}.",
        hints=["weight_decay adds wd * w to the gradient before the step."],
        tol=_FINE,
        wrong=[(w - lr * g, "weight_decay is not ignored: it adds wd * w to the gradient."),
               (w - lr * g - wd * w, "The decay term is scaled by the learning rate too.")],
    )


def _adamw_step(rng: random.Random) -> Question:
    w, g, lr, wd = _draw(rng)
    new = _optimizer_step("AdamW", w, g, lr, wd)
    coupled = _optimizer_step("Adam", w, g, lr, wd)
    return numeric(
        f"`torch.optim.AdamW(lr={num(lr)}, weight_decay={num(wd)})` takes its FIRST step on "
        f"w = {num(w)} with gradient {num(g)}. What is w afterwards (4 decimals)?",
        new,
        f"AdamW decays the weight directly, w * (1 - lr * wd), and then takes Adam's step; "
        f"Adam's first step is lr * m_hat / (sqrt(v_hat) + eps) = lr * sign(g) (almost "
        f"exactly). So w = {num(w)} * (1 - {num(lr)} * {num(wd)}) - {num(lr)} * sign(g) = "
        f"{num(new, 6)}.",
        hints=["On the first step m_hat = g and v_hat = g^2.",
               "AdamW: decoupled decay, w <- w - lr * wd * w."],
        tol=_FINE,
        wrong=[(coupled, "That is Adam with L2 (weight_decay added to the gradient); AdamW "
                "decays the weight separately from the adaptive step.")],
    )


def _adam_l2_step(rng: random.Random) -> Question:
    w, g, lr, wd = _draw(rng)
    new = _optimizer_step("Adam", w, g, lr, wd)
    decoupled = _optimizer_step("AdamW", w, g, lr, wd)
    combined = g + wd * w
    if combined == 0:  # g = -wd * w: nothing to normalize, the step is 0
        why = (f"Adam's weight_decay is L2: it adds wd * w to the gradient, g' = {num(g)} + "
               f"{num(wd)} * {num(w)} = 0. Then m_hat = v_hat = 0 and the step "
               f"lr * m_hat / (sqrt(v_hat) + eps) is 0: w stays {num(new, 6)}. Here the L2 "
               "term cancels the loss gradient; AdamW would still decay the weight.")
    else:
        why = (f"Adam's weight_decay is L2: it adds wd * w to the gradient, g' = "
               f"{num(combined)}, and the adaptive step then divides by sqrt(v_hat) = |g'| on "
               f"the first step: w - lr * sign(g') = {num(new, 6)}. The decay is normalized "
               "away, which is why AdamW decouples it.")
    return numeric(
        f"`torch.optim.Adam(lr={num(lr)}, weight_decay={num(wd)})` takes its FIRST step on "
        f"w = {num(w)} with loss gradient {num(g)}. What is w afterwards (4 decimals)?",
        new,
        why,
        hints=["Adam(weight_decay) changes the gradient, not the weight directly.",
               "First step: m_hat = g' and v_hat = g'^2, so the update is "
               "lr * g' / (|g'| + eps), which is 0 when g' = 0."],
        tol=_FINE,
        wrong=[(decoupled, "That is AdamW's decoupled decay; Adam's weight_decay adds wd * w to "
                "the gradient before the adaptive step.")],
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
        f"A weight w = {num(w)} has data-loss gradient {num(g)}. The loss adds the penalty "
        f"{written}. What is the total gradient with respect to w (4 decimals)?",
        grad,
        f"d/dw of {written} is {'lambda * w' if half else '2 * lambda * w'}; total "
        f"{num(grad, 6)}.",
        hints=["Differentiate the penalty and add it to the data gradient."],
        tol=_FINE,
        wrong=[(other, "Mind the factor: d/dw (lambda/2) w^2 = lambda w, d/dw lambda w^2 = "
                "2 lambda w."),
               (g, "The penalty adds to the gradient.")],
    )


def _l1_gradient(rng: random.Random) -> Question:
    w, g, _, _ = _draw(rng)
    lam = rng.choice([0.1, 0.5, 0.01])
    grad = _penalty_gradient(w, g, lam, "l1")
    l2_like = _penalty_gradient(w, g, lam, "l2-half")
    return numeric(
        f"A weight w = {num(w)} has data-loss gradient {num(g)}. The loss adds the L1 "
        f"penalty {num(lam)} * |w|. What is the total gradient (4 decimals)?",
        grad,
        f"d/dw lambda |w| = lambda * sign(w), whatever the size of w: {num(grad, 6)}. That "
        "constant push is what drives small weights to exactly zero.",
        hints=["The derivative of |w| is sign(w) (for w != 0)."],
        tol=_FINE,
        wrong=[(l2_like, "That is L2's lambda * w; L1's gradient is lambda * sign(w).")],
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
        f"Proximal gradient descent for L1 (lasso), lr = {num(lr)}, lambda = {num(lam)}: a "
        f"weight w = {num(w)} with data gradient {num(g)} takes one step (gradient step, then "
        "soft-thresholding). What is w afterwards (4 decimals)?",
        new,
        f"Gradient step: z = w - lr * g = {num(float(z))}; soft-threshold by lr * lambda = "
        f"{num(lr * lam)}: sign(z) * max(|z| - {num(lr * lam)}, 0) = {num(new)}. Weights that "
        "land within the threshold become exactly 0.",
        hints=["Shrink |z| by lr * lambda, and stop at 0."],
        tol=_FINE,
        wrong=[(float(z), "Soft-thresholding follows the gradient step.")],
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
