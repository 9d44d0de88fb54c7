"""batch_norm: the same results, in-place updates and errors as torch's functional BN."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.engine import batch_norm

from .bn_cases import TOL, Case, cases, close, condition

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(case=cases(), affine=st.booleans(), training=st.booleans(), tracked=st.booleans(),
       momentum=st.floats(0.0, 1.0), eps=st.sampled_from([1e-5, 1e-3, 0.5]))
def test_matches_torch(
    case: Case, affine: bool, training: bool, tracked: bool, momentum: float, eps: float
) -> None:
    x = case.inputs()[1]
    weight = case.per_channel(offset=1) if affine else None
    bias = case.per_channel(offset=2) if affine else None
    ours_stats: list[torch.Tensor | None] = [None, None]
    theirs_stats: list[torch.Tensor | None] = [None, None]
    if tracked or not training:
        stats = (case.per_channel(offset=3), case.per_channel(0.5, 2.0, offset=4))
        ours_stats = [s.clone() for s in stats]
        theirs_stats = [s.clone() for s in stats]

    ours = batch_norm(x, *ours_stats, weight, bias, training, momentum, eps)
    theirs = F.batch_norm(x, *theirs_stats, weight, bias, training, momentum, eps)

    tol = TOL[case.dtype] * condition(x)
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
    close(ours, theirs, tol)
    for a, e in zip(ours_stats, theirs_stats, strict=True):  # updated in place, like torch
        if a is not None and e is not None:
            close(a, e, tol)


@SETTINGS
@given(case=cases(dtypes=(torch.float64,)), training=st.booleans())
def test_gradients_match_torch(case: Case, training: bool) -> None:
    x = case.inputs()[1].requires_grad_()
    w = case.per_channel(offset=1).requires_grad_()
    b = case.per_channel(offset=2).requires_grad_()
    stats = (case.per_channel(offset=3), case.per_channel(0.5, 2.0, offset=4))
    grad_y = torch.randn(x.shape, dtype=x.dtype, generator=case.generator())
    ours = torch.autograd.grad(
        batch_norm(x, *[s.clone() for s in stats], w, b, training), (x, w, b), grad_y
    )
    theirs = torch.autograd.grad(
        F.batch_norm(x, *[s.clone() for s in stats], w, b, training), (x, w, b), grad_y
    )
    for a, e in zip(ours, theirs, strict=True):
        close(a, e, 1e-10)


def test_worked_example_updates_running_statistics_in_place() -> None:
    mean, var = torch.zeros(1), torch.ones(1)
    y = batch_norm(torch.tensor([[1.0], [2.0], [3.0], [4.0]]), mean, var, training=True)
    close(y.flatten(), torch.tensor([-1.3416, -0.4472, 0.4472, 1.3416]), 1e-4)
    close(mean, torch.tensor([0.25]), 1e-6)
    close(var, torch.tensor([1.0667]), 1e-4)


def test_eval_mode_leaves_running_statistics_alone() -> None:
    mean, var = torch.tensor([1.0, 2.0]), torch.tensor([4.0, 9.0])
    y = batch_norm(torch.tensor([[3.0, 5.0], [5.0, 8.0]]), mean, var, eps=0.0)
    close(y, torch.tensor([[1.0, 1.0], [2.0, 2.0]]), 1e-7)
    assert mean.tolist() == [1.0, 2.0] and var.tolist() == [4.0, 9.0]


def test_half_input_gives_half_output_like_torch() -> None:
    x = torch.randn(8, 3).half()
    ours = batch_norm(x, training=True)
    theirs = F.batch_norm(x, None, None, training=True)
    assert ours.dtype == torch.float16
    close(ours.float(), theirs.float(), 2e-3)


def test_empty_batch_leaves_running_statistics_like_torch() -> None:
    ours = (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))
    theirs = (ours[0].clone(), ours[1].clone())
    y = batch_norm(torch.zeros(0, 2, 3), *ours, training=True)
    F.batch_norm(torch.zeros(0, 2, 3), *theirs, training=True)
    assert y.shape == (0, 2, 3)
    for a, e in zip(ours, theirs, strict=True):
        close(a, e, 0.0)


def same_error(ours: object, theirs: object, exc: type[Exception]) -> None:
    """Both calls raise ``exc`` with the same message."""
    with pytest.raises(exc) as expected:
        theirs()  # type: ignore[operator]
    with pytest.raises(exc) as actual:
        ours()  # type: ignore[operator]
    assert str(actual.value) == str(expected.value)


@pytest.mark.parametrize("shape", [(1, 3), (1, 3, 1), (1, 2, 1, 1, 1)])
def test_one_value_per_channel_in_training(shape: tuple[int, ...]) -> None:
    x = torch.randn(shape)
    same_error(lambda: batch_norm(x, training=True),
               lambda: F.batch_norm(x, None, None, training=True), ValueError)


@pytest.mark.parametrize(("eps", "training"), [(0.0, True), (-0.1, True), (-0.1, False)])
def test_bad_eps(eps: float, training: bool) -> None:
    x = torch.randn(4, 3)
    same_error(lambda: batch_norm(x, torch.zeros(3), torch.ones(3), training=training, eps=eps),
               lambda: F.batch_norm(x, torch.zeros(3), torch.ones(3), training=training,
                                    eps=eps),
               ValueError)


def test_zero_eps_is_allowed_in_eval_like_torch() -> None:
    x = torch.randn(4, 3)
    close(batch_norm(x, torch.zeros(3), torch.ones(3), eps=0.0),
          F.batch_norm(x, torch.zeros(3), torch.ones(3), eps=0.0), 1e-7)


def test_running_statistics_come_in_pairs() -> None:
    x = torch.randn(4, 3)
    same_error(lambda: batch_norm(x, torch.zeros(3), None, training=True),
               lambda: F.batch_norm(x, torch.zeros(3), None, training=True), ValueError)


def test_eval_needs_running_statistics() -> None:
    x = torch.randn(4, 3)
    same_error(lambda: batch_norm(x), lambda: F.batch_norm(x, None, None), RuntimeError)


@pytest.mark.parametrize("which", ["running_mean", "running_var", "weight", "bias"])
def test_wrong_sized_per_channel_tensor(which: str) -> None:
    x = torch.randn(4, 3)
    args = {"running_mean": torch.zeros(3), "running_var": torch.ones(3),
            "weight": torch.ones(3), "bias": torch.zeros(3)}
    args[which] = torch.ones(5)
    same_error(lambda: batch_norm(x, training=True, **args),
               lambda: F.batch_norm(x, training=True, **args), RuntimeError)
