"""Backward passes: BN through its graph, BN in one line, LayerNorm."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch

from bntutor.engine import backward, trace
from bntutor.exercises.problem import Case, GradCheck, Inputs, Outputs, Problem, Solve
from bntutor.exercises.problems._common import affine, eps_choice, features, n, normalize, t

# --- BN backward -------------------------------------------------------------------------


def _bn_ref(a: Inputs) -> Outputs:
    tr = trace(t(a["x"]), weight=t(a["gamma"]), eps=a["eps"])
    dx, dgamma, dbeta = backward(t(a["dout"]), tr, t(a["gamma"]))
    return n(dx), n(dgamma), n(dbeta)


def bn_graph_backward(a: Inputs, mean_path: bool = True, var_path: bool = True) -> Outputs:
    """Step by step through the graph mean -> var -> x_hat -> out (the timed baseline)."""
    x, dout, gamma, eps = a["x"], a["dout"], a["gamma"], a["eps"]
    m = x.shape[0]
    mu = x.mean(axis=0)
    xc = x - mu
    var = (xc**2).mean(axis=0)
    invstd = 1.0 / np.sqrt(var + eps)
    x_hat = xc * invstd
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx_hat = dout * gamma
    dvar = (dx_hat * xc).sum(axis=0) * -0.5 * invstd**3 if var_path else 0.0 * mu
    dmu = -(dx_hat * invstd).sum(axis=0) + dvar * -2.0 * xc.mean(axis=0) if mean_path else 0 * mu
    dx = dx_hat * invstd + dvar * 2.0 * xc / m + dmu / m
    return dx, dgamma, dbeta


def _bn_wrong_dgamma(a: Inputs) -> Outputs:
    dx, _, dbeta = bn_graph_backward(a)
    return dx, dbeta.copy(), dbeta


def _summed_per_sample(a: Inputs, grads: Solve, axis: int) -> Outputs:
    """``grads``' dx, with dgamma and dbeta summed over each sample's features (axis 1)
    instead of over the batch; ``axis`` is the one the forward pass normalized over."""
    x_hat = normalize(a["x"], (axis,), a["eps"])
    return grads(a)[0], (a["dout"] * x_hat).sum(axis=1), a["dout"].sum(axis=1)


def _simple(a: Inputs, ddof: int = 0, scale: float = 1.0, var_term: bool = True) -> Outputs:
    x, dout, gamma, eps = a["x"], a["dout"], a["gamma"], a["eps"]
    m = x.shape[0]
    invstd = 1.0 / np.sqrt(x.var(axis=0, ddof=ddof) + eps)
    x_hat = (x - x.mean(axis=0)) * invstd
    dbeta, dgamma = dout.sum(axis=0), (dout * x_hat).sum(axis=0)
    inner = m * dout - dbeta - (x_hat * dgamma if var_term else 0.0)
    dx = gamma * invstd / m * scale * inner
    return dx, dgamma, dbeta


def _norm_gradcheck(forward: Callable[[Inputs, dict[str, np.ndarray]], np.ndarray]) -> GradCheck:
    """Differences through ``forward`` in x, gamma and beta (starting at zero)."""
    return GradCheck(
        forward=forward,
        params=lambda a: {"x": a["x"], "gamma": a["gamma"], "beta": np.zeros_like(a["gamma"])},
        wrt={"dx": "x", "dgamma": "gamma", "dbeta": "beta"},
    )


BN_GRADCHECK = _norm_gradcheck(
    lambda a, p: p["gamma"] * normalize(p["x"], (0,), a["eps"]) + p["beta"])


def _bn_case(name: str, x: np.ndarray, rng: np.random.Generator, eps: float = 1e-5) -> Case:
    return Case(name, {"dout": rng.normal(size=x.shape), "x": x,
                       "gamma": np.linspace(0.5, 2.0, x.shape[1]), "eps": eps})


def _bn_edges() -> list[Case]:
    rng = np.random.default_rng(104)
    constant = rng.normal(size=(6, 3))
    constant[:, 2] = 1.5
    return [
        _bn_case("N = 2", rng.normal(size=(2, 3)), rng),
        _bn_case("a constant feature", constant, rng),
        _bn_case("an offset of 1e4", rng.normal(size=(5, 3)) + 1e4, rng),
        _bn_case("a large eps (0.5)", rng.normal(size=(4, 2)), rng, 0.5),
        _bn_case("N = D (a square batch)", rng.normal(size=(4, 4)), rng),
    ]


def _bn_edges_timed() -> list[Case]:
    rng = np.random.default_rng(114)
    big = rng.normal(size=(512, 128)) * 2 + 1
    return [*_bn_edges(), _bn_case("a large batch (512 x 128, timed)", big, rng)]


def _grad_random(rng: np.random.Generator, x: np.ndarray) -> Inputs:
    """A random upstream gradient, γ and ε for ``x`` (drawn γ first)."""
    gamma, _ = affine(rng, x.shape[1])
    return {"dout": rng.normal(size=x.shape), "x": x, "gamma": gamma, "eps": eps_choice(rng)}


_BN_OUT = ("dx", "dgamma", "dbeta")

BN_BACKWARD = Problem(
    name="bn-backward",
    function="batchnorm_backward",
    outputs=_BN_OUT,
    reference=_bn_ref,
    edge_cases=_bn_edges,
    random_inputs=lambda rng: _grad_random(rng, features(rng)),
    wrongs={
        "missing-mean-path": lambda a: bn_graph_backward(a, mean_path=False),
        "missing-variance-path": lambda a: bn_graph_backward(a, var_path=False),
        "dgamma-without-xhat": _bn_wrong_dgamma,
        "dgamma-wrong-axes": lambda a: _summed_per_sample(a, bn_graph_backward, 0),
    },
    gradcheck=BN_GRADCHECK,
)

BN_BACKWARD_SIMPLE = Problem(
    name="bn-backward-simple",
    function="batchnorm_backward_simple",
    outputs=_BN_OUT,
    reference=_bn_ref,
    edge_cases=_bn_edges_timed,
    random_inputs=lambda rng: _grad_random(rng, features(rng)),
    wrongs={
        "simple-missing-xhat-term": lambda a: _simple(a, var_term=False),
        "simple-missing-1-over-n": lambda a: _simple(a, scale=float(a["x"].shape[0])),
        "simple-unbiased-variance": lambda a: _simple(a, ddof=1),
    },
    gradcheck=BN_GRADCHECK,
    timed_against=bn_graph_backward,
)

# --- LayerNorm backward ------------------------------------------------------------------


def _ln_ref(a: Inputs) -> Outputs:
    x = t(a["x"]).requires_grad_(True)
    gamma = t(a["gamma"]).requires_grad_(True)
    beta = torch.zeros_like(gamma, requires_grad=True)
    y = torch.nn.functional.layer_norm(x, (x.shape[-1],), gamma, beta, eps=a["eps"])
    y.backward(t(a["dout"]))
    assert x.grad is not None and gamma.grad is not None and beta.grad is not None
    return n(x.grad), n(gamma.grad), n(beta.grad)


def _ln_grads(a: Inputs, mean_path: bool = True) -> Outputs:
    x, dout, gamma, eps = a["x"], a["dout"], a["gamma"], a["eps"]
    d = x.shape[1]
    invstd = 1.0 / np.sqrt(x.var(axis=1, keepdims=True) + eps)
    x_hat = (x - x.mean(axis=1, keepdims=True)) * invstd
    g = dout * gamma
    mean_g = g.mean(axis=1, keepdims=True) if mean_path else 0.0
    dx = invstd * (g - mean_g - x_hat * (g * x_hat).sum(axis=1, keepdims=True) / d)
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)


def _ln_forward_loss(a: Inputs, p: dict[str, np.ndarray]) -> np.ndarray:
    x = p["x"]
    mean, var = x.mean(axis=1, keepdims=True), x.var(axis=1, keepdims=True)
    return p["gamma"] * (x - mean) / np.sqrt(var + a["eps"]) + p["beta"]


def _ln_edges() -> list[Case]:
    rng = np.random.default_rng(105)
    constant_row = rng.normal(size=(4, 5))
    constant_row[1] = 2.0
    return [
        _bn_case("one sample (N = 1)", rng.normal(size=(1, 4)), rng),
        _bn_case("two features (D = 2)", rng.normal(size=(3, 2)), rng),
        _bn_case("a constant sample", constant_row, rng),
        _bn_case("an offset of 1e4", rng.normal(size=(3, 4)) + 1e4, rng),
        _bn_case("N = D (a square batch)", rng.normal(size=(4, 4)), rng),
    ]


def _ln_random(rng: np.random.Generator) -> Inputs:
    x = rng.normal(size=(int(rng.integers(1, 8)), int(rng.integers(2, 9))))
    x = x * 10.0 ** rng.uniform(-1, 1, size=(x.shape[0], 1)) + rng.normal(0, 2, (x.shape[0], 1))
    return _grad_random(rng, x)


LN_BACKWARD = Problem(
    name="layernorm-backward",
    function="layernorm_backward",
    outputs=_BN_OUT,
    reference=_ln_ref,
    edge_cases=_ln_edges,
    random_inputs=_ln_random,
    wrongs={
        "ln-dgamma-wrong-axes": lambda a: _summed_per_sample(a, _ln_grads, 1),
        "ln-missing-mean-path": lambda a: _ln_grads(a, mean_path=False),
    },
    gradcheck=_norm_gradcheck(_ln_forward_loss),
)
