"""backward: the closed-form gradient equals autograd's and the numerical one."""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.engine import backward, trace

from .bn_cases import TOL, Case, cases, close

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(case=cases(), training=st.booleans(), affine=st.booleans())
def test_equals_autograd(case: Case, training: bool, affine: bool) -> None:
    x = case.inputs()[0].requires_grad_()
    w = case.per_channel(offset=1).requires_grad_() if affine else None
    b = case.per_channel(offset=2).requires_grad_() if affine else None
    stats = {"running_mean": case.per_channel(offset=3),
             "running_var": case.per_channel(0.5, 2.0, offset=4)}
    tr = trace(x, w, b, channel_axis=case.channel_axis, training=training, **stats)
    grad_y = torch.randn(x.shape, dtype=x.dtype, generator=case.generator())

    grad_input, grad_weight, grad_bias = backward(grad_y, tr, w)

    inputs = [x] + ([w, b] if w is not None and b is not None else [])
    expected = torch.autograd.grad(tr.y, inputs, grad_y)
    tol = TOL[case.dtype]
    close(grad_input, expected[0], tol)
    if affine:
        close(grad_weight, expected[1], tol)
        close(grad_bias, expected[2], tol)
    else:  # what gamma = 1 and beta = 0 would get
        close(grad_weight, (grad_y * tr.x_hat).sum(dim=tr.reduce_dims), tol)
        close(grad_bias, grad_y.sum(dim=tr.reduce_dims), tol)


def test_equals_torch_native_backward() -> None:
    g = torch.Generator().manual_seed(1)
    x = torch.randn(5, 3, 4, 4, generator=g, requires_grad=True)
    w = torch.randn(3, generator=g, requires_grad=True)
    b = torch.randn(3, generator=g, requires_grad=True)
    grad_y = torch.randn(x.shape, generator=g)
    expected = torch.autograd.grad(F.batch_norm(x, None, None, w, b, True), (x, w, b), grad_y)
    ours = backward(grad_y, trace(x.detach(), w.detach(), b.detach()), w.detach())
    for a, e in zip(ours, expected, strict=True):
        close(a, e, 1e-5)


def test_worked_example_gradient_of_the_first_value() -> None:
    # d y_1 / d x_j for x = [1, 2, 3, 4]: the batch couples every value to every other
    x = torch.tensor([[1.0], [2.0], [3.0], [4.0]], dtype=torch.float64)
    tr = trace(x, eps=1e-5)
    grad_input, _, _ = backward(torch.tensor([[1.0], [0.0], [0.0], [0.0]], dtype=x.dtype), tr)
    # invstd * (e_1 - 1/n - x_hat_1 * x_hat / n) with invstd = 1/sqrt(var + eps), var 1.25
    invstd = (1.25 + 1e-5) ** -0.5
    x_hat = (x - 2.5) * invstd
    expected = (torch.tensor([[1.0], [0.0], [0.0], [0.0]]) - 0.25 - x_hat[0] * x_hat / 4)
    close(grad_input, expected * invstd, 1e-12)
    close(grad_input.sum(), torch.tensor(0.0, dtype=x.dtype), 1e-12)  # shifting x moves nothing


class ClosedFormBN(torch.autograd.Function):
    """BN whose backward is the engine's closed form, for gradcheck."""

    @staticmethod
    def forward(ctx: Any, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor,
                channel_axis: int, training: bool) -> torch.Tensor:
        stats = torch.linspace(-1, 1, w.numel(), dtype=x.dtype)
        tr = trace(x, w, b, channel_axis=channel_axis, running_mean=stats,
                   running_var=stats.abs() + 0.5, training=training)
        ctx.tr = tr
        ctx.save_for_backward(w)
        return tr.y

    @staticmethod
    def backward(ctx: Any, grad_y: torch.Tensor) -> tuple[Any, ...]:
        (w,) = ctx.saved_tensors
        return (*backward(grad_y, ctx.tr, w), None, None)


@settings(max_examples=10, deadline=None)
@given(case=cases(max_dim=4, dtypes=(torch.float64,)), training=st.booleans())
def test_passes_gradcheck(case: Case, training: bool) -> None:
    x = case.inputs()[0].requires_grad_()
    w = case.per_channel(offset=1).requires_grad_()
    b = case.per_channel(offset=2).requires_grad_()
    assert torch.autograd.gradcheck(
        lambda x, w, b: ClosedFormBN.apply(x, w, b, case.channel_axis, training), (x, w, b)
    )
