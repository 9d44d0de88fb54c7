"""Folding an eval-mode BN into the convolution before it."""

from __future__ import annotations

import numpy as np
import torch

from bntutor.engine import BatchNorm, fold
from bntutor.exercises.problem import Case, Inputs, Outputs, Problem
from bntutor.exercises.problems._common import n, t


def _fold_ref(a: Inputs) -> Outputs:
    w = a["W"]
    conv = torch.nn.Conv2d(w.shape[1], w.shape[0], w.shape[2:], bias=True).double()
    bn = BatchNorm(w.shape[0], eps=a["eps"]).double().eval()
    assert conv.bias is not None and bn.running_mean is not None and bn.running_var is not None
    with torch.no_grad():
        conv.weight.copy_(t(w))
        conv.bias.copy_(t(a["b"]))
        bn.weight.copy_(t(a["gamma"]))
        bn.bias.copy_(t(a["beta"]))
        bn.running_mean.copy_(t(a["running_mean"]))
        bn.running_var.copy_(t(a["running_var"]))
    folded = fold(conv, bn)
    assert folded.bias is not None
    return n(folded.weight), n(folded.bias)


def _fold(a: Inputs, shift_mean: bool = True, eps_inside: bool = True) -> Outputs:
    var, eps = a["running_var"], a["eps"]
    scale = a["gamma"] / (np.sqrt(var + eps) if eps_inside else np.sqrt(var) + eps)
    mean = a["running_mean"] if shift_mean else 0.0
    return a["W"] * scale.reshape(-1, 1, 1, 1), (a["b"] - mean) * scale + a["beta"]


def _fold_case(name: str, rng: np.random.Generator, shape: tuple[int, int, int, int],
               var: np.ndarray | None = None, eps: float = 1e-5) -> Case:
    c = shape[0]
    return Case(name, {
        "W": rng.normal(size=shape), "b": rng.normal(size=c),
        "gamma": rng.uniform(0.5, 2, size=c), "beta": rng.normal(size=c),
        "running_mean": rng.normal(0, 2, size=c),
        "running_var": rng.uniform(0.2, 3, size=c) if var is None else var, "eps": eps})


def _fold_edges() -> list[Case]:
    rng = np.random.default_rng(113)
    return [
        _fold_case("a 1x1 conv", rng, (3, 2, 1, 1)),
        _fold_case("a 3x3 conv, more outputs than inputs", rng, (4, 2, 3, 3)),
        _fold_case("a tiny running variance, eps 1e-3", rng, (2, 2, 1, 1),
                   np.array([1e-6, 1e-4]), 1e-3),
        _fold_case("one output channel", rng, (1, 3, 2, 2)),
        _fold_case("square (C_out = C_in)", rng, (3, 3, 3, 3)),
    ]


def _fold_random(rng: np.random.Generator) -> Inputs:
    k = int(rng.choice([1, 3]))
    shape = (int(rng.integers(1, 6)), int(rng.integers(1, 4)), k, k)
    eps = float(rng.choice([1e-5, 1e-3, 0.1]))
    var = 10.0 ** rng.uniform(-3, 1, size=shape[0])
    return _fold_case("", rng, shape, var, eps).inputs


FOLD_BN = Problem(
    name="fold-bn",
    function="fold_bn",
    outputs=("W_folded", "b_folded"),
    reference=_fold_ref,
    edge_cases=_fold_edges,
    random_inputs=_fold_random,
    wrongs={
        "fold-forgot-mean": lambda a: _fold(a, shift_mean=False),
        "fold-eps-outside-sqrt": lambda a: _fold(a, eps_inside=False),
    },
)
