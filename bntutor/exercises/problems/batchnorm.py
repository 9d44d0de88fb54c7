"""BN forward in training, the running statistics in two conventions, BN in eval."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bntutor.engine import BatchNorm, batch_norm, trace
from bntutor.exercises.problem import Case, Inputs, Outputs, Problem, Solve
from bntutor.exercises.problems._common import (
    affine,
    affine_case,
    eps_choice,
    features,
    n,
    normalize,
    random_affine,
    scaled,
    t,
)

# --- BN forward in training --------------------------------------------------------------


def _forward_ref(a: Inputs) -> Outputs:
    tr = trace(t(a["x"]), weight=t(a["gamma"]), bias=t(a["beta"]), eps=a["eps"])
    return (n(tr.y),)


def _fwd_edges() -> list[Case]:
    rng = np.random.default_rng(101)
    constant = rng.normal(size=(6, 3))
    constant[:, 1] = 4.0
    return [
        affine_case("N = 2", rng.normal(size=(2, 4))),
        affine_case("a constant feature", constant),
        affine_case("an offset of 1e4", rng.normal(size=(8, 3)) + 1e4),
        affine_case("a tiny eps (1e-10)", rng.normal(size=(5, 3)), 1e-10),
        affine_case("tiny variance, eps 1e-3", rng.normal(size=(10, 4)) * 1e-2, 1e-3),
        affine_case("one feature", rng.normal(size=(7, 1)) * 3 + 2),
    ]


BN_FORWARD = Problem(
    name="bn-forward",
    function="batchnorm_forward",
    reference=_forward_ref,
    edge_cases=_fwd_edges,
    random_inputs=lambda rng: random_affine(rng, features(rng)),
    wrongs={
        "unbiased-variance": lambda a: scaled(a, (0,), ddof=1),
        "eps-outside-sqrt": lambda a: scaled(a, (0,), eps_inside=False),
        "wrong-axis-layernorm": lambda a: scaled(a, (1,)),
        "gamma-beta-missing": lambda a: (normalize(a["x"], (0,), a["eps"]),),
        "gamma-beta-swapped": lambda a: (a["beta"] * normalize(a["x"], (0,), a["eps"])
                                         + a["gamma"],),
    },
)

# --- running statistics ------------------------------------------------------------------


def _running_ref(convention: str) -> Solve:
    def solve(a: Inputs) -> Outputs:
        tr = trace(t(a["x"]), running_mean=t(a["running_mean"]), running_var=t(a["running_var"]),
                   momentum=a["momentum"], convention=convention)
        return n(tr.new_running_mean), n(tr.new_running_var)

    return solve


def _running_with(a: Inputs, new_weight: bool, ddof: int) -> Outputs:
    x, m = a["x"], a["momentum"]
    mean, var = x.mean(axis=0), x.var(axis=0, ddof=ddof)
    w_new = m if new_weight else 1.0 - m
    return ((1 - w_new) * a["running_mean"] + w_new * mean,
            (1 - w_new) * a["running_var"] + w_new * var)


def _running_edges(momentum: float) -> list[Case]:
    rng = np.random.default_rng(102)

    def case(name: str, x: np.ndarray, m: float = momentum) -> Case:
        d = x.shape[1]
        return Case(name, {"running_mean": np.linspace(-0.5, 0.5, d),
                           "running_var": np.linspace(0.5, 1.5, d), "x": x, "momentum": m})

    constant = rng.normal(size=(5, 3)) * 2
    constant[:, 0] = -1.0
    return [
        case("N = 2", rng.normal(size=(2, 3)) * 2 + 1),
        case("a constant feature", constant),
        case("an offset of 1e4", rng.normal(size=(6, 2)) + 1e4),
        case("momentum 0.5 (both conventions agree)", rng.normal(size=(4, 3)), 0.5),
        case("fresh statistics (mean 0, var 1)", rng.normal(size=(8, 2)) * 3 - 2),
    ]


def _running_random(momentums: tuple[float, ...]) -> Callable[[np.random.Generator], Inputs]:
    def make(rng: np.random.Generator) -> Inputs:
        x = features(rng)
        d = x.shape[1]
        return {"running_mean": rng.normal(0, 2, size=d),
                "running_var": rng.uniform(0.1, 5, size=d), "x": x,
                "momentum": float(rng.choice(momentums))}

    return make


RUNNING_TORCH = Problem(
    name="bn-running-torch",
    function="running_update",
    outputs=("new_mean", "new_var"),
    reference=_running_ref("torch"),
    edge_cases=lambda: _running_edges(0.1),
    random_inputs=_running_random((0.1, 0.01, 0.2, 0.9)),
    wrongs={
        "momentum-keras-way": lambda a: _running_with(a, new_weight=False, ddof=1),
        "biased-running-variance": lambda a: _running_with(a, new_weight=True, ddof=0),
    },
)

RUNNING_KERAS = Problem(
    name="bn-running-keras",
    function="running_update",
    outputs=("new_mean", "new_var"),
    reference=_running_ref("keras"),
    edge_cases=lambda: _running_edges(0.99),
    random_inputs=_running_random((0.99, 0.9, 0.8, 0.1)),
    wrongs={
        "momentum-torch-way": lambda a: _running_with(a, new_weight=True, ddof=0),
        "unbiased-running-variance": lambda a: _running_with(a, new_weight=False, ddof=1),
    },
)

# --- BN in eval --------------------------------------------------------------------------


def _eval_ref(a: Inputs) -> Outputs:
    y = batch_norm(t(a["x"]), t(a["running_mean"]), t(a["running_var"]), t(a["gamma"]),
                   t(a["beta"]), training=False, eps=a["eps"])
    return (n(y),)


def _eval_var_as_std(a: Inputs) -> Outputs:
    x_hat = (a["x"] - a["running_mean"]) / (a["running_var"] + a["eps"])
    return (a["gamma"] * x_hat + a["beta"],)


def _trained_stats(rng: np.random.Generator, d: int, steps: int = 5) -> tuple[np.ndarray, ...]:
    """Running statistics left by ``steps`` training steps of the engine's BatchNorm."""
    import torch

    bn = BatchNorm(d).double()
    with torch.no_grad():
        for _ in range(steps):
            bn(t(rng.normal(size=(16, d)) * 2 + 3))
    assert bn.running_mean is not None and bn.running_var is not None
    return n(bn.running_mean), n(bn.running_var)


def _eval_case(name: str, x: np.ndarray, mean: np.ndarray, var: np.ndarray,
               eps: float = 1e-5) -> Case:
    return affine_case(name, x, eps, running_mean=mean, running_var=var)


def _eval_edges() -> list[Case]:
    rng = np.random.default_rng(103)
    mean, var = _trained_stats(rng, 3)
    return [
        _eval_case("eval after 5 training steps", rng.normal(size=(6, 3)) * 2 + 3, mean, var),
        _eval_case("one sample (N = 1)", rng.normal(size=(1, 3)), mean, var),
        _eval_case("N = 2", rng.normal(size=(2, 3)), np.array([1.0, -1.0, 0.0]),
                   np.array([4.0, 0.25, 1.0])),
        _eval_case("an offset of 1e4", rng.normal(size=(4, 2)) + 1e4, np.array([1e4, 1e4]),
                   np.array([2.0, 0.5])),
        _eval_case("a tiny running variance", rng.normal(size=(5, 2)) * 1e-3,
                   np.zeros(2), np.array([1e-6, 1e-4]), 1e-3),
    ]


def _eval_random(rng: np.random.Generator) -> Inputs:
    x = features(rng, n_min=1)
    d = x.shape[1]
    gamma, beta = affine(rng, d)
    return {"x": x, "gamma": gamma, "beta": beta, "running_mean": rng.normal(0, 2, size=d),
            "running_var": 10.0 ** rng.uniform(-2, 1, size=d), "eps": eps_choice(rng)}


BN_EVAL = Problem(
    name="bn-eval",
    function="batchnorm_eval",
    reference=_eval_ref,
    edge_cases=_eval_edges,
    random_inputs=_eval_random,
    wrongs={"batch-stats-in-eval": lambda a: scaled(a, (0,)), "variance-as-std": _eval_var_as_std},
)
