"""BN forward in training, the running statistics in two conventions, BN in eval."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bntutor.engine import BatchNorm, batch_norm, trace
from bntutor.exercises.problem import Case, Inputs, Outputs, Problem, Solve
from bntutor.exercises.problems._common import affine, bn_stats, eps_choice, features, n, t

# --- BN forward in training --------------------------------------------------------------


def _forward_ref(a: Inputs) -> Outputs:
    tr = trace(t(a["x"]), weight=t(a["gamma"]), bias=t(a["beta"]), eps=a["eps"])
    return (n(tr.y),)


def _forward_with(a: Inputs, axis: int = 0, ddof: int = 0, eps_inside: bool = True) -> np.ndarray:
    x = a["x"]
    mean, var = bn_stats(x, (axis,), ddof)
    if eps_inside:
        return (x - mean) / np.sqrt(var + a["eps"])
    return (x - mean) / (np.sqrt(var) + a["eps"])


def _fwd_case(name: str, x: np.ndarray, eps: float = 1e-5) -> Case:
    d = x.shape[1]
    return Case(name, {"x": x, "gamma": np.linspace(0.5, 2.0, d),
                       "beta": np.linspace(-1.0, 1.0, d), "eps": eps})


def _fwd_edges() -> list[Case]:
    rng = np.random.default_rng(101)
    constant = rng.normal(size=(6, 3))
    constant[:, 1] = 4.0
    return [
        _fwd_case("N = 2", rng.normal(size=(2, 4))),
        _fwd_case("a constant feature", constant),
        _fwd_case("an offset of 1e4", rng.normal(size=(8, 3)) + 1e4),
        _fwd_case("a tiny eps (1e-10)", rng.normal(size=(5, 3)), 1e-10),
        _fwd_case("tiny variance, eps 1e-3", rng.normal(size=(10, 4)) * 1e-2, 1e-3),
        _fwd_case("one feature", rng.normal(size=(7, 1)) * 3 + 2),
    ]


def _fwd_random(rng: np.random.Generator) -> Inputs:
    x = features(rng)
    gamma, beta = affine(rng, x.shape[1])
    return {"x": x, "gamma": gamma, "beta": beta, "eps": eps_choice(rng)}


BN_FORWARD = Problem(
    name="bn-forward",
    function="batchnorm_forward",
    args=("x", "gamma", "beta", "eps"),
    outputs=("out",),
    reference=_forward_ref,
    edge_cases=_fwd_edges,
    random_inputs=_fwd_random,
    wrongs={
        "unbiased-variance": lambda a: (a["gamma"] * _forward_with(a, ddof=1) + a["beta"],),
        "eps-outside-sqrt": lambda a: (a["gamma"] * _forward_with(a, eps_inside=False)
                                       + a["beta"],),
        "wrong-axis-layernorm": lambda a: (a["gamma"] * _forward_with(a, axis=1) + a["beta"],),
        "gamma-beta-missing": lambda a: (_forward_with(a),),
        "gamma-beta-swapped": lambda a: (a["beta"] * _forward_with(a) + a["gamma"],),
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
    args=("running_mean", "running_var", "x", "momentum"),
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
    args=("running_mean", "running_var", "x", "momentum"),
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


def _eval_batch_stats(a: Inputs) -> Outputs:
    return (a["gamma"] * _forward_with(a) + a["beta"],)


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
    d = x.shape[1]
    return Case(name, {"x": x, "gamma": np.linspace(0.5, 2.0, d),
                       "beta": np.linspace(-1.0, 1.0, d), "running_mean": mean,
                       "running_var": var, "eps": eps})


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
    args=("x", "gamma", "beta", "running_mean", "running_var", "eps"),
    outputs=("out",),
    reference=_eval_ref,
    edge_cases=_eval_edges,
    random_inputs=_eval_random,
    wrongs={"batch-stats-in-eval": _eval_batch_stats, "variance-as-std": _eval_var_as_std},
)
