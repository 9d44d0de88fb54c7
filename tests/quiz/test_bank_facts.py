"""The bank's literal numeric answers and behaviour claims, re-derived with torch itself.

A bank answer written as a plain number (not a live computation) is checked here against
what torch's own modules and optimizers do, so a wrong worked answer fails the suite.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import torch
from torch import nn

from bntutor.content.loader import load_banks

QUESTIONS = {q.id: q for bank in load_banks() for q in bank.questions}


def _answer(qid: str) -> float:
    answer = QUESTIONS[qid].answer
    assert isinstance(answer, (int, float)), qid
    return float(answer)


def _bn_batch(values: list[float], **kwargs: object) -> nn.BatchNorm1d:
    bn = nn.BatchNorm1d(1, **kwargs)  # type: ignore[arg-type]
    bn(torch.tensor(values).view(-1, 1))
    return bn


@torch.no_grad()
def _two_values() -> float:
    return float(nn.BatchNorm1d(1)(torch.tensor([[1.0], [3.0]]))[0, 0])


@torch.no_grad()
def _constant_feature() -> float:
    bn = nn.BatchNorm1d(1)
    bn.weight.fill_(2.0)
    bn.bias.fill_(0.5)
    return float(bn(torch.full((4, 1), 5.0))[0, 0])


def _conv_bn_params() -> float:
    model = nn.Sequential(nn.Conv2d(3, 64, 3, bias=False), nn.BatchNorm2d(64))
    return float(sum(p.numel() for p in model.parameters()))


def _momentum_none() -> float:
    bn = nn.BatchNorm1d(1, momentum=None)
    for batch in ([1.0, 3.0], [5.0, 7.0], [9.0, 11.0]):  # means 2, 6, 10
        bn(torch.tensor(batch).view(2, 1))
    return float(bn.running_mean[0])


def _nbt_count() -> float:
    bn = nn.BatchNorm2d(3)
    x = torch.randn(4, 3, 2, 2, generator=torch.Generator().manual_seed(0))
    for _ in range(5):
        bn(x)
    bn.eval()
    bn(x)
    bn.train()
    with torch.no_grad():
        bn(x)
    return float(bn.num_batches_tracked)


def _sgd_l2_factor() -> float:
    w = nn.Parameter(torch.tensor([1.0]))
    loss = 0.01 / 2 * (w**2).sum()  # (lambda / 2) w^2, no data term
    loss.backward()
    torch.optim.SGD([w], lr=0.1).step()
    return float(w.detach()[0])


def _first_step(optimizer: type[torch.optim.Optimizer], w: float, grad: float,
                lr: float, weight_decay: float) -> float:
    param = nn.Parameter(torch.tensor([w]))
    param.grad = torch.tensor([grad])
    optimizer([param], lr=lr, weight_decay=weight_decay).step()  # type: ignore[call-arg]
    return float(param.detach()[0])


@torch.no_grad()
def _rmsnorm_first() -> float:
    return float(nn.RMSNorm(2)(torch.tensor([[1.0, 3.0]]))[0, 0])


def _smoothed_target() -> float:
    # the true class's target probability: the loss equals CE against that soft target
    logits = torch.tensor([[2.0, 0.5, -1.0, 0.0]])
    p_true = _answer("reg-label-smoothing-target")
    target = torch.full((1, 4), (1 - p_true) / 3)
    target[0, 0] = p_true
    soft = nn.CrossEntropyLoss()(logits, target)
    smoothed = nn.CrossEntropyLoss(label_smoothing=0.1)(logits, torch.tensor([0]))
    assert float(soft) == pytest.approx(float(smoothed), abs=1e-6)
    return p_true


DERIVED: dict[str, Callable[[], float]] = {
    "bn-two-values": _two_values,
    "bn-constant-feature": _constant_feature,
    "cnn-conv-bn-params": _conv_bn_params,
    "tvi-running-mean-after": lambda: float(_bn_batch([1.0, 3.0]).running_mean[0]),
    "tvi-running-var-after": lambda: float(_bn_batch([1.0, 3.0]).running_var[0]),
    "tvi-momentum-none-value": _momentum_none,
    "tvi-nbt-count": _nbt_count,
    "tvi-initial-running-var": lambda: float(nn.BatchNorm1d(3).running_var[0]),
    "l2-decay-factor": _sgd_l2_factor,
    "l1-prox-step": lambda: float(torch.nn.functional.softshrink(torch.tensor([0.15]), 0.2)[0]),
    "wd-adamw-step": lambda: _first_step(torch.optim.AdamW, 2.0, 3.0, 0.1, 0.5),
    "tn-rmsnorm-params": lambda: float(sum(p.numel() for p in nn.RMSNorm(512).parameters())),
    "tn-rmsnorm-value": _rmsnorm_first,
    "init-he-std": lambda: nn.init.calculate_gain("relu") / 512**0.5,
    "reg-label-smoothing-target": _smoothed_target,
    "reg-label-smoothing-loss": lambda: float(nn.CrossEntropyLoss(label_smoothing=0.1)(
        torch.tensor([[2.0, 0.0, 0.0, 0.0]]), torch.tensor([0]))),
    "nv-gn-params": lambda: float(sum(p.numel() for p in nn.GroupNorm(4, 32).parameters())),
}


@pytest.mark.parametrize("qid", sorted(DERIVED))
def test_literal_answers_match_torch(qid: str) -> None:
    question = QUESTIONS[qid]
    tol = question.tolerance
    expected = DERIVED[qid]()
    assert _answer(qid) == pytest.approx(expected, abs=max(tol.abs, 1e-6), rel=tol.rel), qid


def test_counts_are_exact() -> None:
    for qid in ("cnn-conv-bn-params", "tvi-nbt-count", "bn-fc-params", "cnn-bn2d-params",
                "cnn-buffer-values", "cnn-values-per-stat", "nv-gn-params", "tn-rmsnorm-params"):
        tol = QUESTIONS[qid].tolerance
        assert (tol.abs, tol.rel) == (0, 0), qid


def test_instancenorm_defaults_hold_nothing_and_refuse_one_position() -> None:
    # nv-instancenorm-defaults, nv-instancenorm-1x1
    norm = nn.InstanceNorm2d(64)
    assert list(norm.parameters()) == [] and list(norm.buffers()) == []
    with pytest.raises(ValueError, match="more than 1 spatial element"):
        norm(torch.randn(8, 64, 1, 1))


def test_inverted_dropout_scales_kept_values() -> None:
    # do-kept-value: a kept 3 becomes 3 / (1 - 0.25)
    torch.manual_seed(0)
    out = nn.Dropout(p=0.25)(torch.full((1000,), 3.0))
    assert set(out.unique().tolist()) == {0.0, _answer("do-kept-value")}


def test_dropout2d_zeroes_whole_channels() -> None:
    # do-dropout2d
    torch.manual_seed(0)
    out = nn.Dropout2d(p=0.5)(torch.ones(4, 16, 3, 3))
    per_channel = out.flatten(2)
    assert torch.equal(per_channel.amin(2), per_channel.amax(2))  # each channel all 0 or all 2
    assert set(per_channel.unique().tolist()) == {0.0, 2.0}


def test_adam_first_step_is_zero_when_the_l2_term_cancels_the_gradient() -> None:
    # wd-adam-first-step: size lr in general, 0 when g = -wd * w; wd-adamw-step's feedback
    assert _first_step(torch.optim.Adam, 2.0, -1.0, 0.1, 0.5) == 2.0
    assert _first_step(torch.optim.Adam, 2.0, 3.0, 0.1, 0.5) == pytest.approx(1.9)
    assert _first_step(torch.optim.Adam, 2.0, -3.0, 0.1, 0.5) == pytest.approx(2.1)


def test_weight_decay_defaults() -> None:
    # wd-defaults
    def default(optimizer: type[torch.optim.Optimizer]) -> float:
        return float(optimizer([nn.Parameter(torch.ones(1))], lr=0.1).defaults["weight_decay"])

    assert (default(torch.optim.Adam), default(torch.optim.AdamW), default(torch.optim.SGD)) == (
        0.0, 0.01, 0.0)


def test_default_inits() -> None:
    # init-bn-default: gamma 1, beta 0; init-torch-linear: U(-1/sqrt(fan_in), 1/sqrt(fan_in))
    bn = nn.BatchNorm2d(8)
    assert torch.equal(bn.weight, torch.ones(8)) and torch.equal(bn.bias, torch.zeros(8))
    torch.manual_seed(0)
    linear = nn.Linear(512, 256)
    bound = 1 / 512**0.5
    largest = float(linear.weight.detach().abs().max())
    assert 0.99 * bound < largest <= bound  # uniform up to the bound


def test_model_train_undoes_bn_eval() -> None:
    # pit-freeze-bn-reset
    model = nn.Sequential(nn.Linear(4, 4), nn.BatchNorm1d(4))
    model[1].eval()
    model.train()
    assert model[1].training


def test_a_single_sample_raises_in_eval_mode_without_running_stats() -> None:
    # pit-batch1-fc and tvi-track-false: eval mode is no escape without running buffers
    bn = nn.BatchNorm1d(16, track_running_stats=False).eval()
    with pytest.raises(ValueError, match="more than 1 value per channel"):
        bn(torch.randn(1, 16))
    assert nn.BatchNorm1d(16).eval()(torch.randn(1, 16)).shape == (1, 16)
    with torch.no_grad(), pytest.raises(ValueError, match="more than 1 value per channel"):
        nn.BatchNorm1d(16)(torch.randn(1, 16))  # no_grad does not change the mode
    assert nn.BatchNorm2d(16)(torch.randn(1, 16, 8, 8)).shape == (1, 16, 8, 8)  # pit-batch1-conv
