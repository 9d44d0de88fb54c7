"""Regularizers written by hand: inverted dropout, the lasso proximal step, ridge, AdamW."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from bntutor.exercises.problem import Case, Inputs, Outputs, Problem
from bntutor.exercises.problems._common import n, t

# --- inverted dropout --------------------------------------------------------------------


def _dropout_ref(a: Inputs) -> Outputs:
    x, p = t(a["x"]), a["p"]
    if not a["train"] or p == 0:
        return (n(x),)
    keep = t(a["u"]) >= p  # the same mask torch's dropout would draw from these uniforms
    return (n(torch.where(keep, x / (1 - p), torch.zeros_like(x))),)


def _dropout(a: Inputs, train_scale: bool = True, test_scale: bool = False,
             keep_below: bool = False) -> Outputs:
    x, p, u = a["x"], a["p"], a["u"]
    if not a["train"]:
        return (x * (1 - p) if test_scale else x.copy(),)
    if keep_below:  # p = 0 divides by zero where nothing is kept anyway
        with np.errstate(divide="ignore", invalid="ignore"):
            return (np.where(u < p, x / p if train_scale else x, 0.0),)
    return (np.where(u >= p, x / (1 - p) if train_scale else x, 0.0),)


def _drop_case(name: str, rng: np.random.Generator, p: float, train: bool,
               shape: tuple[int, ...] = (4, 5)) -> Case:
    return Case(name, {"x": rng.normal(size=shape), "p": p, "train": train,
                       "u": rng.uniform(size=shape)})


def _drop_edges() -> list[Case]:
    rng = np.random.default_rng(110)
    return [
        _drop_case("p = 0 (keep everything)", rng, 0.0, True),
        _drop_case("p = 0.5 in training", rng, 0.5, True),
        _drop_case("p = 0.5 at test time", rng, 0.5, False),
        _drop_case("p = 0.9 in training", rng, 0.9, True, (3, 8)),
        _drop_case("4-D input", rng, 0.3, True, (2, 3, 2, 2)),
    ]


def _drop_random(rng: np.random.Generator) -> Inputs:
    shape = tuple(int(s) for s in rng.integers(1, 6, size=int(rng.integers(1, 4))))
    return {"x": rng.normal(size=shape) * 3, "p": float(rng.choice([0.1, 0.2, 0.3, 0.5, 0.8])),
            "train": bool(rng.uniform() < 0.7), "u": rng.uniform(size=shape)}


DROPOUT = Problem(
    name="dropout",
    function="dropout_forward",
    reference=_dropout_ref,
    edge_cases=_drop_edges,
    random_inputs=_drop_random,
    wrongs={
        "dropout-not-inverted": lambda a: _dropout(a, train_scale=False),
        "dropout-scaled-at-test": lambda a: _dropout(a, test_scale=True),
        "dropout-p-as-keep": lambda a: _dropout(a, keep_below=True),
    },
)

# --- soft-thresholding (the lasso proximal step) -----------------------------------------


def _prox_ref(a: Inputs) -> Outputs:
    return (n(F.softshrink(t(a["w"]), a["lr"] * a["lam"])),)


def _hard(a: Inputs) -> Outputs:
    w = a["w"]
    return (np.where(np.abs(w) > a["lr"] * a["lam"], w, 0.0),)


def _prox_edges() -> list[Case]:
    return [
        Case("weights on both sides of the threshold",
             {"w": np.array([-2.0, -0.3, -0.1, 0.0, 0.05, 0.2, 1.5]), "lam": 1.0, "lr": 0.2}),
        Case("all weights inside the threshold",
             {"w": np.array([0.01, -0.02, 0.03]), "lam": 0.5, "lr": 0.1}),
        Case("lam = 0 (no shrinkage)", {"w": np.array([1.0, -2.0, 0.5]), "lam": 0.0, "lr": 0.1}),
        Case("a 2-D weight matrix",
             {"w": np.array([[0.5, -0.05], [-1.2, 0.3]]), "lam": 2.0, "lr": 0.1}),
        Case("a large step (lr = 1)", {"w": np.array([3.0, -0.4, 0.9]), "lam": 0.5, "lr": 1.0}),
    ]


def _prox_random(rng: np.random.Generator) -> Inputs:
    shape = tuple(int(s) for s in rng.integers(1, 7, size=int(rng.integers(1, 3))))
    return {"w": rng.normal(size=shape), "lam": float(rng.uniform(0.1, 3)),
            "lr": float(rng.choice([0.01, 0.1, 0.3]))}


SOFT_THRESHOLD = Problem(
    name="soft-threshold",
    function="prox_l1",
    outputs=("w_new",),
    reference=_prox_ref,
    edge_cases=_prox_edges,
    random_inputs=_prox_random,
    wrongs={
        "prox-hard-threshold": _hard,
        "prox-subgradient-step": lambda a: (a["w"] - a["lr"] * a["lam"] * np.sign(a["w"]),),
    },
)

# --- ridge regression in closed form -----------------------------------------------------


def _ridge_ref(a: Inputs) -> Outputs:
    X, y = t(a["X"]), t(a["y"])
    eye = torch.eye(X.shape[1], dtype=torch.float64)
    return (n(torch.linalg.solve(X.T @ X + a["lam"] * eye, X.T @ y)),)


def _ridge_with(a: Inputs, penalty: np.ndarray) -> Outputs:
    X, y = a["X"], a["y"]
    return (np.linalg.lstsq(X.T @ X + penalty, X.T @ y, rcond=None)[0],)


def _ridge_edges() -> list[Case]:
    rng = np.random.default_rng(111)
    X = rng.normal(size=(8, 3))
    collinear = np.concatenate([X[:, :2], X[:, :1] * 2], axis=1)
    wide = rng.normal(size=(3, 5))
    return [
        Case("lam = 0 (least squares)", {"X": X, "y": X @ [1.0, -2.0, 0.5], "lam": 0.0}),
        Case("collinear features", {"X": collinear, "y": rng.normal(size=8), "lam": 0.5}),
        Case("more features than samples", {"X": wide, "y": rng.normal(size=3), "lam": 1.0}),
        Case("a huge lam", {"X": X, "y": rng.normal(size=8), "lam": 1e4}),
        Case("one feature", {"X": X[:, :1], "y": rng.normal(size=8), "lam": 2.0}),
    ]


def _ridge_random(rng: np.random.Generator) -> Inputs:
    m, d = int(rng.integers(2, 12)), int(rng.integers(1, 6))
    X = rng.normal(size=(m, d)) * 10.0 ** rng.uniform(-1, 1, size=d)
    return {"X": X, "y": X @ rng.normal(size=d) + rng.normal(0, 0.5, size=m),
            "lam": float(10.0 ** rng.uniform(-2, 2))}


RIDGE = Problem(
    name="ridge",
    function="ridge_fit",
    outputs=("w",),
    reference=_ridge_ref,
    edge_cases=_ridge_edges,
    random_inputs=_ridge_random,
    wrongs={
        "ridge-lam-ignored": lambda a: (np.linalg.lstsq(a["X"], a["y"], rcond=None)[0],),
        "ridge-lam-everywhere": lambda a: _ridge_with(
            a, np.full((a["X"].shape[1],) * 2, a["lam"])),
    },
    rtol=1e-5,
)

# --- one AdamW step ----------------------------------------------------------------------


def _adamw_ref(a: Inputs) -> Outputs:
    w = torch.nn.Parameter(t(a["w"]))
    opt = torch.optim.AdamW([w], lr=a["lr"], betas=(a["beta1"], a["beta2"]), eps=a["eps"],
                            weight_decay=a["weight_decay"])
    if a["t"] > 1:  # resume from the moments of step t - 1
        opt.state[w] = {"step": torch.tensor(float(a["t"] - 1)), "exp_avg": t(a["m"]),
                        "exp_avg_sq": t(a["v"])}
    w.grad = t(a["g"])
    opt.step()
    state = opt.state[w]
    return n(w), n(state["exp_avg"]), n(state["exp_avg_sq"])


def _adam(a: Inputs, l2: bool = False, decay_lr: bool = True) -> Outputs:
    w, g, lr, wd, step = a["w"], a["g"], a["lr"], a["weight_decay"], a["t"]
    b1, b2 = a["beta1"], a["beta2"]
    if l2:
        g = g + wd * w
    else:
        w = w * (1 - lr * wd) if decay_lr else w * (1 - wd)
    m = b1 * a["m"] + (1 - b1) * g
    v = b2 * a["v"] + (1 - b2) * g * g
    m_hat, v_hat = m / (1 - b1**step), v / (1 - b2**step)
    return w - lr * m_hat / (np.sqrt(v_hat) + a["eps"]), m, v


def _adam_case(name: str, rng: np.random.Generator, step: int, wd: float, lr: float = 0.01,
               size: int = 4) -> Case:
    fresh = step == 1
    return Case(name, {
        "w": rng.normal(size=size) * 2, "g": rng.normal(size=size),
        "m": np.zeros(size) if fresh else rng.normal(size=size) * 0.1,
        "v": np.zeros(size) if fresh else rng.uniform(0.01, 1, size=size),
        "t": step, "lr": lr, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": wd})


def _adam_edges() -> list[Case]:
    rng = np.random.default_rng(112)
    return [
        _adam_case("the first step (t = 1)", rng, 1, 0.01),
        _adam_case("weight_decay = 0 (plain Adam)", rng, 5, 0.0),
        _adam_case("a strong decay (0.5)", rng, 3, 0.5, lr=0.1),
        _adam_case("a late step (t = 1000)", rng, 1000, 0.1),
        _adam_case("one weight", rng, 2, 0.2, size=1),
    ]


def _adam_random(rng: np.random.Generator) -> Inputs:
    case = _adam_case("", rng, int(rng.integers(1, 50)), float(rng.choice([0.01, 0.1, 0.3])),
                      float(rng.choice([1e-3, 1e-2, 0.1])), int(rng.integers(1, 7)))
    return case.inputs


ADAMW = Problem(
    name="adamw-step",
    function="adamw_step",
    outputs=("w_new", "m_new", "v_new"),
    reference=_adamw_ref,
    edge_cases=_adam_edges,
    random_inputs=_adam_random,
    wrongs={
        "adam-with-l2": lambda a: _adam(a, l2=True),
        "decay-without-lr": lambda a: _adam(a, decay_lr=False),
    },
)
