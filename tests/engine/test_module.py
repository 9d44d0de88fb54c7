"""BatchNorm: a drop-in for nn.BatchNorm1d/2d/3d, channels first or last."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from bntutor.engine import BatchNorm

from .bn_cases import TOL, Case, cases, close

SETTINGS = settings(max_examples=40, deadline=None)
KEYS = ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]


def torch_bn(ndim: int, *args: object, **kwargs: object) -> nn.Module:
    cls = {2: nn.BatchNorm1d, 3: nn.BatchNorm1d, 4: nn.BatchNorm2d, 5: nn.BatchNorm3d}[ndim]
    return cls(*args, **kwargs)


def assert_same_state(ours: nn.Module, theirs: nn.Module, tol: float) -> None:
    a, e = ours.state_dict(), theirs.state_dict()
    assert list(a) == list(e)
    for key in a:
        assert a[key].dtype == e[key].dtype, key
        close(a[key], e[key], tol)


@SETTINGS
@given(
    case=cases(),
    affine=st.booleans(),
    track=st.booleans(),
    momentum=st.sampled_from([0.1, 0.5, 0.0, 1.0, None]),
    modes=st.lists(st.booleans(), min_size=1, max_size=3),
)
def test_matches_torch_module(
    case: Case, affine: bool, track: bool, momentum: float | None, modes: list[bool]
) -> None:
    kwargs = {"momentum": momentum, "affine": affine, "track_running_stats": track,
              "dtype": case.dtype}
    ours = BatchNorm(case.num_features, channel_axis=case.channel_axis, **kwargs)
    theirs = torch_bn(len(case.shape), case.num_features, **kwargs)
    if affine:  # start from parameters other than ones and zeros
        with torch.no_grad():
            for module in (ours, theirs):
                module.weight.copy_(case.per_channel(offset=1))
                module.bias.copy_(case.per_channel(offset=2))
    tol = TOL[case.dtype]

    for step, training in enumerate(modes):
        ours.train(training)
        theirs.train(training)
        step_case = Case(case.shape, case.channel_axis, case.dtype, case.seed + step)
        x_ours, x_theirs = (t.detach().requires_grad_() for t in step_case.inputs())
        y_ours, y_theirs = ours(x_ours), theirs(x_theirs)
        assert y_ours.shape == x_ours.shape
        close(step_case.to_torch_layout(y_ours), y_theirs, tol)

        grad_y = torch.randn(y_theirs.shape, dtype=case.dtype, generator=case.generator())
        params_ours, params_theirs = list(ours.parameters()), list(theirs.parameters())
        grad_y_ours = grad_y if case.channel_axis == 1 else grad_y.movedim(1, -1)
        g_ours = torch.autograd.grad(y_ours, [x_ours, *params_ours], grad_y_ours)
        g_theirs = torch.autograd.grad(y_theirs, [x_theirs, *params_theirs], grad_y)
        close(step_case.to_torch_layout(g_ours[0]), g_theirs[0], tol)
        for a, e in zip(g_ours[1:], g_theirs[1:], strict=True):
            close(a, e, tol)

    assert_same_state(ours, theirs, tol)


def test_worked_example_and_three_batches() -> None:
    bn = BatchNorm(1)
    y = bn(torch.tensor([[1.0], [2.0], [3.0], [4.0]]))
    close(y.detach().flatten(), torch.tensor([-1.3416, -0.4472, 0.4472, 1.3416]), 1e-4)
    bn = BatchNorm(1)
    for m in (1.0, 2.0, 3.0):
        bn(torch.tensor([[m - 1], [m + 1]]))
    assert bn.running_mean is not None and bn.running_var is not None
    close(bn.running_mean, torch.tensor([0.561]), 1e-6)
    close(bn.running_var, torch.tensor([1.271]), 1e-6)
    assert bn.num_batches_tracked is not None and bn.num_batches_tracked.item() == 3


def test_momentum_none_is_the_cumulative_average() -> None:
    bn = BatchNorm(1, momentum=None)
    for m in (1.0, 2.0, 6.0):
        bn(torch.tensor([[m - 1], [m + 1]]))
    assert bn.running_mean is not None and bn.running_var is not None
    close(bn.running_mean, torch.tensor([3.0]), 1e-6)  # (1 + 2 + 6) / 3
    close(bn.running_var, torch.tensor([2.0]), 1e-6)  # every batch's unbiased var is 2


@pytest.mark.parametrize(("ndim", "affine", "track"),
                         [(2, True, True), (4, False, True), (5, True, False), (3, False, False)])
def test_state_dict_round_trips_both_ways(ndim: int, affine: bool, track: bool) -> None:
    x = torch.randn(4, 3, *([2] * (ndim - 2)))
    theirs = torch_bn(ndim, 3, affine=affine, track_running_stats=track)
    ours = BatchNorm(3, affine=affine, track_running_stats=track)
    assert list(ours.state_dict()) == list(theirs.state_dict())
    params, buffers = KEYS[:2], KEYS[2:]
    assert list(ours.state_dict()) == (params if affine else []) + (buffers if track else [])
    theirs(x)  # train torch's, then copy it into ours
    if affine:
        with torch.no_grad():
            theirs.weight.mul_(2)
    ours.load_state_dict(theirs.state_dict())
    assert_same_state(ours, theirs, 0.0)
    ours(torch.randn(x.shape) + 3)  # train ours, then copy it into a fresh torch one
    fresh = torch_bn(ndim, 3, affine=affine, track_running_stats=track)
    fresh.load_state_dict(ours.state_dict())
    assert_same_state(fresh, ours, 0.0)
    ours.eval()
    fresh.eval()
    close(ours(x), fresh(x), 1e-6)


def test_wrong_sized_buffer_is_refused_like_torch() -> None:
    state = nn.BatchNorm2d(4).state_dict()
    with pytest.raises(RuntimeError) as theirs:
        nn.BatchNorm2d(3).load_state_dict(state)
    with pytest.raises(RuntimeError) as ours:
        BatchNorm(3).load_state_dict(state)
    assert "size mismatch for running_mean" in str(ours.value)
    assert str(ours.value).replace("BatchNorm:", "BatchNorm2d:") == str(theirs.value)


def test_old_checkpoint_without_num_batches_tracked_loads() -> None:
    state = nn.BatchNorm1d(3).state_dict()
    del state["num_batches_tracked"]
    state._metadata[""]["version"] = 1  # type: ignore[attr-defined]
    bn = BatchNorm(3)
    bn.load_state_dict(state)
    assert bn.num_batches_tracked is not None and bn.num_batches_tracked.item() == 0


def test_zero_size_batch_leaves_statistics_like_torch() -> None:
    ours, theirs = BatchNorm(3), nn.BatchNorm2d(3)
    for bn in (ours, theirs):
        with torch.no_grad():
            bn.running_mean.fill_(0.5)  # type: ignore[union-attr]
    x = torch.randn(0, 3, 2, 2, requires_grad=True)
    y = ours(x)
    theirs(x)
    assert y.shape == (0, 3, 2, 2)
    assert_same_state(ours, theirs, 0.0)
    assert ours.running_mean is not None and ours.running_mean.tolist() == [0.5] * 3
    y.sum().backward()
    assert x.grad is not None and x.grad.shape == x.shape


def test_channels_last_uses_the_last_axis() -> None:
    x = torch.randn(2, 4, 5, 3)  # [N, H, W, C]
    y = BatchNorm(3, channel_axis=-1)(x)
    flat = y.detach().reshape(-1, 3)
    close(flat.mean(0), torch.zeros(3), 1e-5)
    close(flat.var(0, correction=0), torch.ones(3), 1e-4)


def test_inside_a_model_with_a_convolution() -> None:
    torch.manual_seed(0)
    conv = nn.Conv2d(2, 3, 3)
    ours = nn.Sequential(conv, BatchNorm(3), nn.ReLU())
    theirs = nn.Sequential(conv, nn.BatchNorm2d(3), nn.ReLU())
    x = torch.randn(4, 2, 6, 6)
    close(ours(x), theirs(x), 1e-6)
    ours.eval()
    theirs.eval()
    close(ours(x), theirs(x), 1e-6)


def test_repr_names_the_settings() -> None:
    assert repr(BatchNorm(3)) == (
        "BatchNorm(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)"
    )
    assert "channel_axis=-1" in repr(BatchNorm(3, channel_axis=-1))


def test_reset_running_stats() -> None:
    bn = BatchNorm(2)
    bn(torch.randn(5, 2) + 4)
    bn.reset_parameters()
    assert bn.running_mean is not None and bn.running_mean.tolist() == [0.0, 0.0]
    assert bn.running_var is not None and bn.running_var.tolist() == [1.0, 1.0]
    assert bn.num_batches_tracked is not None and bn.num_batches_tracked.item() == 0


# Errors -------------------------------------------------------------------------------


def same_error(ours: nn.Module, theirs: nn.Module, x: torch.Tensor, exc: type[Exception]) -> None:
    with pytest.raises(exc) as expected:
        theirs(x)
    with pytest.raises(exc) as actual:
        ours(x)
    assert str(actual.value) == str(expected.value)


@pytest.mark.parametrize("shape", [(1, 3), (1, 3, 1), (1, 3, 1, 1, 1)])
def test_one_value_per_channel_in_training(shape: tuple[int, ...]) -> None:
    same_error(BatchNorm(3), torch_bn(len(shape), 3), torch.randn(shape), ValueError)


def test_zero_eps_in_training() -> None:
    same_error(BatchNorm(3, eps=0.0), nn.BatchNorm2d(3, eps=0.0), torch.randn(2, 3, 2, 2),
               ValueError)


def test_wrong_number_of_channels() -> None:
    same_error(BatchNorm(3), nn.BatchNorm2d(3), torch.randn(2, 4, 2, 2), RuntimeError)


@pytest.mark.parametrize("shape", [(4,), (2, 3, 1, 1, 1, 1)])
def test_input_must_be_2d_to_5d(shape: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match=rf"expected 2D to 5D input \(got {len(shape)}D input\)"):
        BatchNorm(3)(torch.randn(shape))


def test_channel_axis_cannot_be_the_batch_axis() -> None:
    with pytest.raises(ValueError, match="batch axis"):
        BatchNorm(3, channel_axis=0)
    with pytest.raises(ValueError, match="channel_axis"):
        BatchNorm(3, channel_axis=-2)(torch.randn(4, 3))
