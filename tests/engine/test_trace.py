"""trace: the explained path agrees with torch, and with answers worked by hand."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.engine import CONVENTIONS, BNTrace, trace

from .bn_cases import TOL, Case, cases, close, condition

SETTINGS = settings(max_examples=40, deadline=None)


# Worked by hand -------------------------------------------------------------------------


def test_one_feature_worked_example() -> None:
    # mean 2.5, biased var 1.25, unbiased var 5/3; x_hat = (x - 2.5) / sqrt(1.25 + 1e-5)
    tr = trace(torch.tensor([[1.0], [2.0], [3.0], [4.0]]))
    close(tr.y.flatten(), torch.tensor([-1.3416, -0.4472, 0.4472, 1.3416]), 1e-4)
    assert tr.count == 4
    assert tr.reduce_dims == (0,)
    close(tr.mean, torch.tensor([2.5]), 1e-7)
    close(tr.var, torch.tensor([1.25]), 1e-7)
    close(tr.var_unbiased, torch.tensor([5 / 3]), 1e-6)
    # running stats from the 0 / 1 start: 0.9 * 0 + 0.1 * 2.5 and 0.9 * 1 + 0.1 * 5/3
    close(tr.new_running_mean, torch.tensor([0.25]), 1e-6)
    close(tr.new_running_var, torch.tensor([1.0667]), 1e-4)


def run_three_batches(convention: str, momentum: float) -> tuple[float, float]:
    mean, var = torch.zeros(1), torch.ones(1)
    for m in (1.0, 2.0, 3.0):
        batch = torch.tensor([[m - 1], [m + 1]])
        tr = trace(batch, running_mean=mean, running_var=var, momentum=momentum,
                   convention=convention)
        mean, var = tr.new_running_mean, tr.new_running_var
    return mean.item(), var.item()


def test_three_batches_torch_convention() -> None:
    # batch means 1, 2, 3 and unbiased variances 2: 0.1 * (0.81 * 1 + 0.9 * 2 + 3) = 0.561
    mean, var = run_three_batches("torch", 0.1)
    assert mean == pytest.approx(0.561, abs=1e-6)
    assert var == pytest.approx(1.271, abs=1e-6)


def test_three_batches_keras_convention() -> None:
    # 0.01 * (0.99^2 * 1 + 0.99 * 2 + 3) = 0.059601; the biased variance of [m-1, m+1] is 1
    keras = CONVENTIONS["keras"]
    assert (keras.momentum, keras.eps) == (0.99, 1e-3)
    mean, var = run_three_batches("keras", keras.momentum)
    assert mean == pytest.approx(0.059601, abs=1e-6)
    assert var == pytest.approx(1.0, abs=1e-6)


def test_three_batches_cs231n_convention() -> None:
    # momentum 0.9 on the old value: the same means as torch's 0.1, but biased variance 1
    mean, var = run_three_batches("cs231n", CONVENTIONS["cs231n"].momentum)
    assert mean == pytest.approx(0.561, abs=1e-6)
    assert var == pytest.approx(1.0, abs=1e-6)


def test_running_var_starts_where_each_convention_starts_it() -> None:
    # torch's module and Keras start running_var at 1; CS231n's batchnorm_forward at zeros
    batch = torch.tensor([[0.0], [2.0]])  # mean 1, biased variance 1, unbiased 2
    assert trace(batch).new_running_var.item() == pytest.approx(0.9 * 1 + 0.1 * 2)
    assert trace(batch, convention="keras", momentum=0.99).new_running_var.item() == (
        pytest.approx(0.99 * 1 + 0.01 * 1)
    )
    assert trace(batch, convention="cs231n", momentum=0.9).new_running_var.item() == (
        pytest.approx(0.9 * 0 + 0.1 * 1)
    )
    bn = torch.nn.BatchNorm1d(1)
    bn(batch)
    assert bn.running_var is not None
    assert trace(batch).new_running_var.item() == pytest.approx(bn.running_var.item())


def test_three_batches_match_torch_module() -> None:
    bn = torch.nn.BatchNorm1d(1)
    for m in (1.0, 2.0, 3.0):
        bn(torch.tensor([[m - 1], [m + 1]]))
    mean, var = run_three_batches("torch", 0.1)
    assert bn.running_mean is not None and bn.running_var is not None
    assert mean == pytest.approx(bn.running_mean.item(), abs=1e-7)
    assert var == pytest.approx(bn.running_var.item(), abs=1e-7)


# Against torch ------------------------------------------------------------------------


@SETTINGS
@given(case=cases(), affine=st.booleans(), training=st.booleans(),
       momentum=st.floats(0.0, 1.0), tracked=st.booleans())
def test_matches_torch_batch_norm(
    case: Case, affine: bool, training: bool, momentum: float, tracked: bool
) -> None:
    x, x_torch = case.inputs()
    weight = case.per_channel(offset=1) if affine else None
    bias = case.per_channel(offset=2) if affine else None
    if tracked or not training:
        running_mean, running_var = case.per_channel(offset=3), case.per_channel(0.5, 2.0, 4)
    else:
        running_mean = running_var = None
    before = None if running_mean is None else (running_mean.clone(), running_var.clone())

    tr = trace(x, weight, bias, channel_axis=case.channel_axis, running_mean=running_mean,
               running_var=running_var, momentum=momentum, training=training)

    # torch updates its own copies in place; trace must leave ours alone and return new ones
    torch_mean = None if running_mean is None else running_mean.clone()
    torch_var = None if running_var is None else running_var.clone()
    expected = F.batch_norm(x_torch, torch_mean, torch_var, weight, bias, training, momentum)
    # "agrees with torch to 1e-6 in float32", scaled for channels whose values are nearly equal
    tol = (1e-6 if case.dtype == torch.float32 else TOL[case.dtype]) * condition(x_torch)
    close(case.to_torch_layout(tr.y), expected, tol)
    assert tr.y.shape == x.shape
    if before is not None:
        assert running_mean is not None and running_var is not None
        assert torch.equal(running_mean, before[0]) and torch.equal(running_var, before[1])
        assert torch_mean is not None and torch_var is not None
        close(tr.new_running_mean, torch_mean, tol)
        close(tr.new_running_var, torch_var, tol)


@SETTINGS
@given(case=cases())
def test_statistics_match_torch_reductions(case: Case) -> None:
    x, x_torch = case.inputs()
    tr = trace(x, channel_axis=case.channel_axis)
    dims = [d for d in range(x_torch.dim()) if d != 1]
    tol = TOL[case.dtype]
    assert tr.count == case.count
    assert tr.channel_axis == x.dim() - 1 if case.channel_axis == -1 else tr.channel_axis == 1
    close(tr.mean, x_torch.mean(dim=dims), tol)
    close(tr.var, x_torch.var(dim=dims, correction=0), tol)
    close(tr.var_unbiased, x_torch.var(dim=dims, correction=1), tol)
    close(tr.invstd, 1 / torch.sqrt(x_torch.var(dim=dims, correction=0) + 1e-5), tol)
    mean = x_torch.mean(dim=dims, keepdim=True)
    close(case.to_torch_layout(tr.x_hat), (x_torch - mean) * tr.invstd.reshape(mean.shape), tol)


def test_eval_mode_uses_running_statistics() -> None:
    x = torch.tensor([[10.0, -1.0], [12.0, 1.0]])
    tr = trace(x, running_mean=torch.tensor([1.0, 0.0]), running_var=torch.tensor([4.0, 1.0]),
               eps=0.0, training=False)
    close(tr.y, torch.tensor([[4.5, -1.0], [5.5, 1.0]]), 1e-7)
    close(tr.mean, torch.tensor([1.0, 0.0]), 0.0)
    close(tr.new_running_mean, torch.tensor([1.0, 0.0]), 0.0)
    close(tr.new_running_var, torch.tensor([4.0, 1.0]), 0.0)
    assert not tr.training


def test_eval_without_running_statistics_uses_zero_mean_unit_var() -> None:
    x = torch.tensor([[3.0], [5.0]])
    close(trace(x, eps=0.0, training=False).y, x, 0.0)


def test_gradients_flow_like_torch() -> None:
    g = torch.Generator().manual_seed(0)
    x = torch.randn(4, 3, 5, dtype=torch.float64, generator=g, requires_grad=True)
    w = torch.randn(3, dtype=torch.float64, generator=g, requires_grad=True)
    b = torch.randn(3, dtype=torch.float64, generator=g, requires_grad=True)
    grad_y = torch.randn(4, 3, 5, dtype=torch.float64, generator=g)
    ours = torch.autograd.grad(trace(x, w, b).y, (x, w, b), grad_y)
    theirs = torch.autograd.grad(F.batch_norm(x, None, None, w, b, True), (x, w, b), grad_y)
    for a, e in zip(ours, theirs, strict=True):
        close(a, e, 1e-10)


def test_half_input_is_computed_in_float32() -> None:
    x = torch.randn(6, 2).half()
    tr = trace(x)
    assert tr.y.dtype == torch.float32
    close(tr.y, F.batch_norm(x.float(), None, None, training=True), 1e-6)


def test_empty_batch_leaves_running_statistics() -> None:
    tr = trace(torch.zeros(0, 2), running_mean=torch.tensor([1.0, 2.0]),
               running_var=torch.tensor([3.0, 4.0]))
    assert tr.y.shape == (0, 2) and tr.count == 0
    close(tr.new_running_mean, torch.tensor([1.0, 2.0]), 0.0)
    close(tr.new_running_var, torch.tensor([3.0, 4.0]), 0.0)


def test_trace_is_frozen() -> None:
    tr = trace(torch.randn(3, 2))
    assert isinstance(tr, BNTrace)
    with pytest.raises(AttributeError):
        tr.count = 5  # type: ignore[misc]


# Errors -------------------------------------------------------------------------------


def test_unknown_convention_names_the_allowed_ones() -> None:
    with pytest.raises(ValueError, match="'torch', 'keras', 'cs231n'"):
        trace(torch.randn(3, 2), convention="tensorflow")


def test_one_value_per_channel_in_training_is_refused_like_torch() -> None:
    x = torch.randn(1, 3, 1)
    with pytest.raises(ValueError) as theirs:
        F.batch_norm(x, None, None, training=True)
    with pytest.raises(ValueError) as ours:
        trace(x)
    assert str(ours.value) == str(theirs.value)
    trace(x, training=False)  # eval mode normalizes a single value fine


@pytest.mark.parametrize(("eps", "training"), [(0.0, True), (-1.0, True), (-1.0, False)])
def test_bad_eps_is_refused_like_torch(eps: float, training: bool) -> None:
    x, stats = torch.randn(4, 2), (torch.zeros(2), torch.ones(2))
    with pytest.raises(ValueError) as theirs:
        F.batch_norm(x, *stats, training=training, eps=eps)
    with pytest.raises(ValueError) as ours:
        trace(x, running_mean=stats[0], running_var=stats[1], eps=eps, training=training)
    assert str(ours.value) == str(theirs.value)


def test_wrong_sized_weight_is_refused_like_torch() -> None:
    x = torch.randn(4, 3)
    with pytest.raises(RuntimeError) as theirs:
        F.batch_norm(x, None, None, torch.ones(4), training=True)
    with pytest.raises(RuntimeError) as ours:
        trace(x, torch.ones(4))
    assert str(ours.value) == str(theirs.value)


def test_half_given_running_statistics_are_refused() -> None:
    with pytest.raises(ValueError, match="both be None or neither"):
        trace(torch.randn(4, 3), running_mean=torch.zeros(3))


@pytest.mark.parametrize("axis", [0, 2, -3])
def test_channel_axis_must_not_be_the_batch_axis(axis: int) -> None:
    with pytest.raises(ValueError, match="channel_axis"):
        trace(torch.randn(4, 3), channel_axis=axis)
