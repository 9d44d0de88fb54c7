"""L1/L2 gradients and the proximal step against the formulas, written with plain floats;
ridge_closed_form and lasso_orthonormal, checked by the optimality conditions they claim."""

from __future__ import annotations

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.live.penalties import (
    L1L2GradientsArgs,
    L1ProxStepArgs,
    LassoOrthonormalArgs,
    LassoRidgeArgs,
    RidgeClosedFormArgs,
    l1_l2_gradients,
    l1_prox_step,
    lasso_orthonormal,
    lasso_vs_ridge,
    ridge_closed_form,
)

weights = st.lists(st.floats(-10, 10).filter(lambda v: abs(v) > 1e-6), min_size=1, max_size=8)


@settings(max_examples=30, deadline=None)
@given(w=weights, lam=st.floats(0, 5))
def test_gradients(w: list[float], lam: float) -> None:
    values = l1_l2_gradients(L1L2GradientsArgs(w=w, lam=lam)).values
    assert values["l1_grad"] == pytest.approx([lam * math.copysign(1, v) for v in w])
    assert values["l2_grad"] == pytest.approx([2 * lam * v for v in w])
    assert values["l1_penalty"] == pytest.approx(lam * sum(abs(v) for v in w))


@settings(max_examples=30, deadline=None)
@given(w=weights, lr=st.floats(0.01, 2), lam=st.floats(0, 2))
def test_prox_is_soft_thresholding(w: list[float], lr: float, lam: float) -> None:
    values = l1_prox_step(L1ProxStepArgs(w=w, lr=lr, lam=lam)).values
    t = lr * lam
    expected = [math.copysign(max(abs(v) - t, 0.0), v) for v in w]
    assert values["prox"] == pytest.approx(expected)
    assert values["zeros_prox"] == sum(1 for v in w if abs(v) <= t)
    assert values["l2_step"] == pytest.approx([v * (1 - 2 * lr * lam) for v in w])


def test_worked_example_from_lesson_2() -> None:
    values = l1_prox_step(L1ProxStepArgs(w=[0.8, -0.3, 0.05, -0.02, 1.5], lr=0.5, lam=0.2)).values
    assert values["zeros_prox"] == 2
    assert values["zeros_l2"] == 0
    assert values["subgradient"][2] == pytest.approx(-0.05)  # overshoots past zero


def test_ridge_weights_zero_the_gradient_of_the_objective() -> None:
    args = RidgeClosedFormArgs(seed=4, samples=15, features=3, lams=[0.5, 3.0])
    values = ridge_closed_form(args).values
    gen = torch.Generator().manual_seed(4)
    x = torch.randn(15, 3, generator=gen, dtype=torch.float64)
    w_true = torch.randn(3, generator=gen, dtype=torch.float64) * 2
    y = x @ w_true + 0.5 * torch.randn(15, generator=gen, dtype=torch.float64)
    for lam, listed in zip(args.lams, values["weights"], strict=True):
        w = torch.tensor(listed, dtype=torch.float64, requires_grad=True)
        objective = ((y - x @ w) ** 2).sum() + lam * (w**2).sum()
        objective.backward()
        assert w.grad is not None and float(w.grad.abs().max()) < 1e-9


def test_ridge_limits() -> None:
    values = ridge_closed_form(RidgeClosedFormArgs()).values
    assert values["least_squares_gap"] < 1e-10  # λ = 0 is least squares
    norms = values["norms"]
    assert all(a > b for a, b in zip(norms, norms[1:], strict=False))  # shrinks as λ grows
    assert norms[-1] < 1e-4


def test_one_feature_by_hand() -> None:
    # w = Σxy / (Σx² + λ) = 31 / (14 + λ)
    values = ridge_closed_form(RidgeClosedFormArgs(x=[[1], [2], [3]], y=[2, 4, 7],
                                                   lams=[0, 14])).values
    assert values["first_weight"] == pytest.approx([31 / 14, 31 / 28])


def test_lasso_with_orthonormal_columns_is_soft_thresholding() -> None:
    values = lasso_orthonormal(LassoOrthonormalArgs(coefficients=[3, -0.5, 1.2, 0.1],
                                                    lam=1.0)).values
    assert values["least_squares"] == pytest.approx([3, -0.5, 1.2, 0.1])
    assert values["soft_threshold"] == pytest.approx([2, 0, 0.2, 0])
    assert values["lasso"] == pytest.approx([2, 0, 0.2, 0], abs=1e-9)
    assert values["ridge"] == pytest.approx([1.5, -0.25, 0.6, 0.05])
    assert values["zeros"] == 2


@pytest.mark.parametrize("lam", [0.3, 2.5])
def test_lasso_solution_meets_the_subgradient_conditions(lam: float) -> None:
    coefficients = [3.0, -0.5, 1.2, 0.1, -2.0]
    args = LassoOrthonormalArgs(coefficients=coefficients, lam=lam, seed=2)
    w = torch.tensor(lasso_orthonormal(args).values["lasso"], dtype=torch.float64)
    # with XᵀX = I, the correlation Xᵀ(y - Xw) is ŵ - w
    corr = torch.tensor(coefficients, dtype=torch.float64) - w
    for wj, cj in zip(w.tolist(), corr.tolist(), strict=True):
        if wj != 0:
            assert cj == pytest.approx(lam * (1 if wj > 0 else -1), abs=1e-9)
        else:
            assert abs(cj) <= lam + 1e-9


def test_lasso_has_exact_zeros_ridge_has_none() -> None:
    v = lasso_vs_ridge(LassoRidgeArgs(quick=True)).values
    p = len(v["true_weights"])
    assert v["l1_zeros"][0] == p, "at the largest λ every lasso weight is 0"
    assert all(z == 0 for z in v["l2_zeros"])
    assert any(z1 > z2 for z1, z2 in zip(v["l1_zeros"], v["l2_zeros"], strict=True))
    assert v["l1_zeros"] == sorted(v["l1_zeros"], reverse=True), "λ falls, zeros fall"
    assert v["lambdas"] == sorted(v["lambdas"], reverse=True)
