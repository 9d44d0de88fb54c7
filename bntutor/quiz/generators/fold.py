"""Folding an eval-mode BN into the convolution before it."""

from __future__ import annotations

import math
import random

from bntutor.content.models import LText, Question
from bntutor.numbers import format_number as num
from bntutor.quiz.generators._base import Draw, say, template

_LESSONS = ("beyond-bn",)
_EPS = 1e-5


def _draw(rng: random.Random) -> tuple[float, float, float, float, float, float]:
    w = float(rng.choice([0.5, 1, 2, -1, 1.5]))
    b = float(rng.choice([0, 0.5, 1, -1]))
    mean = float(rng.choice([0.5, 1, 2, -1]))
    var = float(rng.choice([0.25, 1, 4, 9]))
    gamma = float(rng.choice([0.5, 2, 3]))
    beta = float(rng.choice([-1, 0, 0.5, 1]))
    return w, b, mean, var, gamma, beta


def _folded_conv(w: float, b: float, mean: float, var: float, gamma: float,
                 beta: float) -> tuple[float, float]:
    """``bntutor.engine.fold`` of a 1x1, one-channel conv and an eval-mode BN: the folded
    conv's (weight, bias)."""
    import torch

    from bntutor.engine import BatchNorm, fold

    conv = torch.nn.Conv2d(1, 1, 1, bias=True).double()
    bn = BatchNorm(1, eps=_EPS).double().eval()
    with torch.no_grad():
        for tensor, value in ((conv.weight, w), (conv.bias, b), (bn.running_mean, mean),
                              (bn.running_var, var), (bn.weight, gamma), (bn.bias, beta)):
            assert tensor is not None
            tensor.fill_(value)
    folded = fold(conv, bn)
    assert folded.bias is not None
    return float(folded.weight.detach().reshape(-1)[0]), float(folded.bias.detach().reshape(-1)[0])


def _setting(w: float, b: float, mean: float, var: float, gamma: float, beta: float) -> LText:
    return say("shared.fold-setting", w=num(w), b=num(b), mean=num(mean), var=num(var),
               gamma=num(gamma), beta=num(beta))


@template("folded-weight", "bn-cnn", 3, "weight of a conv with BN folded in", _LESSONS)
def _folded_weight(q: Draw) -> Question:
    w, b, mean, var, gamma, beta = _draw(q)
    weight, _ = _folded_conv(w, b, mean, var, gamma, beta)
    wrong = {"variance": gamma * w / (var + _EPS), "gamma": w / math.sqrt(var + _EPS)}
    return q.numeric(weight, wrong, setting=_setting(w, b, mean, var, gamma, beta),
                     gamma=num(gamma), w=num(w), var=num(var), weight=num(weight))


@template("folded-bias", "bn-cnn", 3, "bias of a conv with BN folded in", _LESSONS)
def _folded_bias(q: Draw) -> Question:
    w, b, mean, var, gamma, beta = _draw(q)
    _, bias = _folded_conv(w, b, mean, var, gamma, beta)
    scale = gamma / math.sqrt(var + _EPS)
    wrong = {"no-bias": -mean * scale + beta, "unscaled": b - mean * scale + beta}
    return q.numeric(bias, wrong, setting=_setting(w, b, mean, var, gamma, beta), b=num(b),
                     mean=num(mean), scale=num(scale), beta=num(beta), bias=num(round(bias, 4)))
